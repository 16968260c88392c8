"""Is the learner's database file whole, is anyone else using it, did the last run end cleanly,
and is its folder a safe home for SQLite. Every check here answers in words and never raises.
"""

from __future__ import annotations

import os
from pathlib import Path

from study.storage.files import pid_alive, sqlite_uri

SQLITE_HEADER = b"SQLite format 3\x00"
RUNNING_MARK = "running.mark"  # written by versions before marks named their process
MARK_PREFIX, MARK_SUFFIX = "running-", ".mark"
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smbfs", "smb3", "afs", "9p", "fuse.sshfs", "davfs", "fuse.rclone",
              "ncpfs", "fuse.gcsfuse", "fuse.s3fs"}
SYNCED_FOLDERS = ("dropbox", "onedrive", "google drive", "googledrive", "icloud", "icloud drive", "nextcloud",
                  "owncloud", "box sync", "mega")


def check(path: Path, quick: bool = False) -> str:
    """'ok', or what is wrong with the file (SQLite's words, or why it could not be read)."""
    import sqlite3  # here: a start that shows the kept figures checks the last run's mark, not the file

    try:
        con = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
        con.text_factory = lambda b: b.decode("utf-8", "replace")
        try:
            rows = con.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except Exception as e:  # noqa: BLE001 - a check answers in words, whatever went wrong
        return str(e) or e.__class__.__name__
    text = "; ".join(str(r[0]) for r in rows[:5])
    return "ok" if text == "ok" else text or "the check returned nothing"


def header_problem(path: Path, *, backups_exist: bool) -> str | None:
    """Why the file in place of the database is not one (empty although backups exist, text, another
    format), or None. An empty file with no backups is a first start that stopped before any table."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError as e:
        return f"it cannot be read: {e.strerror or e}"
    if size == 0:
        return "the file is empty (0 bytes)" if backups_exist else None
    if head != SQLITE_HEADER:
        shown = head.decode("latin-1").encode("unicode_escape").decode("ascii")[:16]
        return f"it is not a SQLite database (it starts with {shown!r})"
    return None


def held_elsewhere(path: Path) -> bool:
    """Whether another program (another copy of ASE Prep, a command still running) has the
    database open. SQLite leaves WAL mode only when no other connection has the file open, so the
    question is asked by trying to; the app puts WAL mode back the next time it opens the file."""
    if not path.exists():
        return False
    import sqlite3

    try:
        con = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=DELETE").fetchall()
            con.execute("BEGIN EXCLUSIVE")
            con.execute("ROLLBACK")
        finally:
            con.close()
    except sqlite3.OperationalError as e:
        low = str(e).lower()
        return "locked" in low or "busy" in low
    except Exception:  # noqa: BLE001 - a file SQLite cannot read is in nobody's use
        return False
    return False


# -- did the last run end cleanly? Each running process leaves a mark naming itself.


def _mark(data_dir: Path) -> Path:
    return data_dir / f"{MARK_PREFIX}{os.getpid()}{MARK_SUFFIX}"


def was_unclean_exit(data_dir: Path) -> bool:
    """A run that died: its mark is there but its process is gone (a mark of a copy still running,
    the app while a command runs beside it, does not count)."""
    try:
        marks = [p for p in data_dir.iterdir() if p.name == RUNNING_MARK
                 or (p.name.startswith(MARK_PREFIX) and p.name.endswith(MARK_SUFFIX))]
    except OSError:
        return False
    for p in marks:
        pid_text = p.name[len(MARK_PREFIX):-len(MARK_SUFFIX)] if p.name != RUNNING_MARK else _read(p)
        if not pid_text.isdigit() or not pid_alive(int(pid_text)) or int(pid_text) == os.getpid():
            return True
    return False


def _read(p: Path) -> str:
    try:
        return p.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""


def mark_running(data_dir: Path) -> None:
    """Leave this process's mark; the marks of runs that died are cleared (their check is done)."""
    for p in list(data_dir.glob(f"{MARK_PREFIX}*{MARK_SUFFIX}")) + [data_dir / RUNNING_MARK]:
        pid_text = p.name[len(MARK_PREFIX):-len(MARK_SUFFIX)] if p.name != RUNNING_MARK else _read(p)
        if p.exists() and (not pid_text.isdigit() or not pid_alive(int(pid_text))):
            p.unlink(missing_ok=True)
    _mark(data_dir).write_text(str(os.getpid()))


def mark_clean_exit(data_dir: Path) -> None:
    try:
        _mark(data_dir).unlink(missing_ok=True)
    except OSError:
        pass


# -- is the folder a safe home for SQLite?


def risky_location(path: Path, mounts_file: Path = Path("/proc/mounts")) -> str | None:
    """Why this folder is a poor home for SQLite (network share or cloud-synced), or None."""
    p = path.resolve()
    lowered = [part.lower() for part in p.parts]
    for name in SYNCED_FOLDERS:
        if name in lowered:
            return (f"{p} looks like a cloud-synced folder ({name}). Syncing can copy the database while it "
                    "is being written and damage it; keep it in a local folder (use --data-dir).")
    try:
        best, fstype = "", ""
        # mount points are bytes: a drive named in another encoding must not stop the check
        for line in mounts_file.read_bytes().decode("utf-8", "surrogateescape").splitlines():
            parts = line.split()
            if len(parts) < 3:
                continue
            mount = parts[1]
            inside = str(p) == mount or str(p).startswith(mount.rstrip("/") + "/")
            if inside and len(mount) > len(best):  # the deepest mount point holding the folder
                best, fstype = mount, parts[2]
        if fstype in NETWORK_FS:
            return (f"{p} is on a network share ({fstype}). SQLite's file locking is unreliable there and the "
                    "database can be damaged; keep it in a local folder (use --data-dir).")
    except OSError:
        pass
    return None
