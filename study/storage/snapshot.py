"""What Home showed when the app last closed, kept so the next start can show it before the database
layer has loaded (importing SQLAlchemy alone takes longer than a bare window takes to paint).

A snapshot is taken with the database closed: the file's identity is read, Home's figures are read
from the database, the database is closed again and the identity read once more; only if nothing
changed in between is the snapshot kept, under that identity. It is shown only when nothing could
make it differ from what the database holds now:

- the database file is the same file, byte count, modification and change time to the nanosecond,
  and no program has it open (no write-ahead log beside it);
- its schema revision, read straight from the file when the snapshot was taken, was this code's head
  (an older schema takes the full path, which upgrades it). A file with the same change time has not
  been written since, so a start need not open it (nor load sqlite3) to know;
- the last run ended cleanly (after a crash the full path checks the file first);
- it is the same calendar day (standings and today's session depend on the day);
- the migrations and the app's own code are those that wrote it, and so is the bank its cache holds
  (a start does not wait to compare that cache with the bank's files: the services compare it
  before they open, study/services.py, and Home is read again once they have).

Anything else (a first start, a class server, a change made by a command, a crash, an upgrade) finds
no snapshot and takes the full path. It holds plain data in marshal format, read back as data and
never run, like the bank cache. Standard library only: this runs before the database layer loads.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from questions.file_signature import file_signature
from study.storage.files import DB_FILENAME, sqlite_uri, write_bytes
from study.storage.health import was_unclean_exit
from study.storage.migrations import HEAD

SNAPSHOT_FILE = Path("cache") / "home.snapshot"  # inside the data folder
FORMAT = 2  # 1 kept the file's identity without its change time, and read its schema at every start
CODE_ROOT = Path(__file__).resolve().parents[2]
CODE_PACKAGES = ("app", "study", "questions")
Identity = tuple[int, int, int, int, int]  # device, inode, size, modification and change time (ns)


def identity(db_path: Path) -> Identity | None:
    """The database file's identity, or None when in doubt: missing, or with a write-ahead log
    beside it (another program has it open, or a run ended without closing it)."""
    try:
        st = os.stat(db_path)
        if os.path.exists(f"{db_path}-wal"):
            return None
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def code_fingerprint(root: Path = CODE_ROOT) -> str:
    """Every source file of the app (questions/file_signature.py): an edited or upgraded app, or a new
    migration, writes and reads other snapshots."""
    paths = []
    for package in CODE_PACKAGES:
        for folder, dirs, files in os.walk(root / package):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            paths += [os.path.join(folder, name) for name in sorted(files) if name.endswith(".py")]
    return file_signature(paths)


def snapshot_key(db_path: Path, bank_key: str, day: date) -> tuple[Any, ...]:
    return FORMAT, sys.version_info[:2], HEAD, code_fingerprint(), bank_key, day.isoformat(), str(db_path)


def schema_revision(db_path: Path) -> str | None:
    """The schema revision stored in the file, read without changing it (no lock, no journal), or
    None if it cannot be read."""
    import sqlite3  # here: a start that shows a snapshot reads none

    try:
        con = sqlite3.connect(f"{sqlite_uri(db_path, 'ro')}&immutable=1", uri=True)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def discard(data_dir: Path) -> bool:
    """Remove the snapshot; False if it could not be (it is then of no use: see `load`)."""
    try:
        (data_dir / SNAPSHOT_FILE).unlink(missing_ok=True)
    except OSError:
        return False
    return True


def save(data_dir: Path, bank_key: str, read_figures: Callable[[], Any], *,
         today: Callable[[], date] = date.today) -> bool:
    """Read Home's figures (`read_figures` opens and closes the database itself) and keep them for the
    next start, if the database did not change meanwhile. Returns whether a snapshot was kept; any
    earlier one is removed first, so none outlives the state it was taken of."""
    db_path = data_dir / DB_FILENAME
    if not discard(data_dir):
        return False
    before, day = identity(db_path), today()
    if before is None:
        return False
    try:
        figures = read_figures()
    except Exception:  # noqa: BLE001 - a read that fails (a damaged page, a full disk) leaves no snapshot
        return False
    if schema_revision(db_path) != HEAD or identity(db_path) != before or today() != day:
        return False  # not upgraded, written meanwhile (a command beside the app), or midnight passed
    try:
        data = marshal.dumps((snapshot_key(db_path, bank_key, day), before, figures))
        write_bytes(data_dir / SNAPSHOT_FILE, data)
    except (OSError, ValueError):
        return False  # a full or read-only folder, or figures that are not plain data: no snapshot
    return True


def load(data_dir: Path, bank_key: str, *, today: Callable[[], date] = date.today) -> Any | None:
    """The figures kept at the last close, if they are those of the database as it is now; else None."""
    db_path = data_dir / DB_FILENAME
    try:
        raw = (data_dir / SNAPSHOT_FILE).read_bytes()
    except OSError:
        return None
    if was_unclean_exit(data_dir):
        return None
    now = identity(db_path)
    if now is None:
        return None
    try:
        key, taken, figures = marshal.loads(raw)
    except (ValueError, EOFError, TypeError):
        return None
    if taken != now or key != snapshot_key(db_path, bank_key, today()):
        return None  # the file was written since (its schema too, perhaps), or another day, bank or app
    return figures
