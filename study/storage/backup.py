"""Backups of the learner's SQLite database.

A backup is an online copy made with SQLite's backup API (safe while the app has the file
open), checked with PRAGMA integrity_check before it is kept. Copies are kept on a
grandfather-father-son rota: the newest of each of the last 7 days, 4 weeks and 6 months.
Every copy gets a name of its own (two in one second are told apart by a number), a copy cut
short by a kill is cleared away at the next backup, and a backup that fails is remembered until
one succeeds, so the person is told (study.storage.health has the checks; files the atomic writes).
A damaged database is never deleted: it is renamed aside and a good copy takes its place.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from study.day_words import clock_text, day_text, moment_text
from study.storage.database import CorruptDatabase
from study.storage.files import leftover_temporaries, replacing, set_aside, temporary_beside
from study.storage.health import (
    RUNNING_MARK,
    check,
    held_elsewhere,
    mark_clean_exit,
    mark_running,
    risky_location,
    was_unclean_exit,
)

__all__ = ["BACKUP_DIR", "BackupError", "BackupInfo", "Backups", "CorruptDatabase", "RUNNING_MARK", "check",
           "copy_before_import", "mark_clean_exit", "mark_running", "risky_location", "was_unclean_exit"]

BACKUP_DIR = "backups"
NAME = re.compile(r"^ase-prep-(\d{8}-\d{6})(?:\.(\d+))?-([a-z][a-z0-9-]*)\.sqlite3$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6
FAILURE_FILE = "last-failure.json"  # in the backup folder while the latest backup attempt failed
MAX_SAME_SECOND = 1000


class BackupError(Exception):
    """A backup or restore that did not happen; the message says why. Nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    reason: str
    size: int
    number: int = 1  # the second copy taken in the same second is 2, ...

    @property
    def label(self) -> str:
        return f"{moment_text(self.taken, seconds=True)}  {self.reason}  ({self.size / 1024:.0f} KB)"


class Backups:
    def __init__(self, db_path: Path, backup_dir: Path | None = None,
                 now: Callable[[], datetime] = datetime.now) -> None:
        self.db_path = Path(db_path)
        self.dir = Path(backup_dir) if backup_dir else self.db_path.parent / BACKUP_DIR
        self.now = now

    def take(self, reason: str) -> BackupInfo:
        """Copy the live database, check the copy, keep it under a name of its own, then prune the
        rota. A failure is remembered (see `last_failure`) until a backup succeeds."""
        try:
            info = self._take(reason)
        except BackupError as e:
            self._remember_failure(reason, str(e))
            raise
        self._clear_failure()
        return info

    def _take(self, reason: str) -> BackupInfo:
        if not self.db_path.exists():
            raise BackupError(f"There is no database at {self.db_path} to back up.")
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise BackupError(f"Could not make the backup folder {self.dir}: {e.strerror or e}") from e
        self.clean_leftovers()
        taken = self.now().replace(microsecond=0)
        reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
        if not reason[0].isalpha():
            reason = f"r-{reason}"
        base = self.dir / f"ase-prep-{taken:%Y%m%d-%H%M%S}-{reason}.sqlite3"
        try:
            with temporary_beside(base) as tmp:
                self._copy_to(tmp)
                verdict = check(tmp)
                if verdict != "ok":
                    raise BackupError(f"The copy of {self.db_path} failed its integrity check: {verdict}")
                final, number = self._free_name(taken, reason, tmp)
        except OSError as e:
            raise BackupError(f"Could not write a backup in {self.dir}: {e.strerror or e}") from e
        self.prune()
        return BackupInfo(final, taken, reason, final.stat().st_size, number)

    def _copy_to(self, tmp: Path) -> None:
        try:
            src = sqlite3.connect(self.db_path)
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            finally:
                dst.close()
                src.close()
        except sqlite3.Error as e:
            raise BackupError(f"Could not copy {self.db_path}: {e}") from e

    def _free_name(self, taken: datetime, reason: str, tmp: Path) -> tuple[Path, int]:
        """Give the finished copy the first free name; an existing copy is never replaced."""
        stamp = f"{taken:%Y%m%d-%H%M%S}"
        for n in range(1, MAX_SAME_SECOND + 1):
            final = self.dir / (f"ase-prep-{stamp}-{reason}.sqlite3" if n == 1
                                else f"ase-prep-{stamp}.{n}-{reason}.sqlite3")
            if final.exists():
                continue
            try:
                os.link(tmp, final)
            except FileExistsError:
                continue
            except OSError:  # a folder without hard links (FAT, some shares): check, then move
                if final.exists():
                    continue
                os.rename(tmp, final)
            return final, n
        raise BackupError(f"{MAX_SAME_SECOND} backups were taken in the same second; not taking another.")

    def clean_leftovers(self) -> list[Path]:
        """Remove what a killed backup or restore left (temporary copies and their -wal, -shm
        files), here and beside the database; copies being written by a running process stay."""
        gone = []
        for folder in {self.dir, self.db_path.parent}:
            for p in leftover_temporaries(folder):
                try:
                    p.unlink()
                    gone.append(p)
                except OSError:
                    pass
        # versions before this one named them *.partial, *.partial-wal, *.partial-shm, *.restoring
        legacy = [*self.dir.glob("*.partial"), *self.dir.glob("*.partial-wal"), *self.dir.glob("*.partial-shm"),
                  *self.db_path.parent.glob(f"{self.db_path.stem}.restoring")] if self.dir.is_dir() else []
        for p in legacy:
            p.unlink(missing_ok=True)
            gone.append(p)
        return gone

    def _remember_failure(self, reason: str, error: str) -> None:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            (self.dir / FAILURE_FILE).write_text(json.dumps(
                {"reason": reason, "at": self.now().replace(microsecond=0).isoformat(), "error": error}))
        except OSError:
            pass  # the caller reports it now; it just cannot be remembered for the next start

    def _clear_failure(self) -> None:
        try:
            (self.dir / FAILURE_FILE).unlink(missing_ok=True)
        except OSError:
            pass

    def last_failure(self) -> str | None:
        """A sentence on the latest backup that failed (at exit, say), if none has succeeded since."""
        try:
            data = json.loads((self.dir / FAILURE_FILE).read_text())
            at = datetime.fromisoformat(str(data["at"]))
            return (f"The backup taken {_when_taken(str(data['reason']))} on {day_text(at.date())} at {clock_text(at)} failed: "
                    f"{data['error']} Your data itself is intact; Help > Restore backup > Back up now tries again.")
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def all(self) -> list[BackupInfo]:
        """Newest first."""
        out = []
        if self.dir.is_dir():
            for p in self.dir.iterdir():
                m = NAME.match(p.name)
                if m:
                    try:
                        size = p.stat().st_size
                    except OSError:
                        continue
                    out.append(BackupInfo(p, datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), m.group(3), size,
                                          int(m.group(2) or 1)))
        return sorted(out, key=lambda b: (b.taken, b.number), reverse=True)

    def keep_set(self, backups: list[BackupInfo]) -> set[Path]:
        """Newest per day (7 days), per ISO week (4 weeks) and per month (6 months), plus every
        copy of the last 24 hours (so a copy taken before a restore or an import survives it)."""
        keep: set[Path] = set()
        if not backups:
            return keep
        recent = backups[0].taken - timedelta(hours=24)
        keep.update(b.path for b in backups if b.taken >= recent)
        for key, limit in ((lambda b: b.taken.date(), KEEP_DAILY),
                           (lambda b: b.taken.isocalendar()[:2], KEEP_WEEKLY),
                           (lambda b: (b.taken.year, b.taken.month), KEEP_MONTHLY)):
            seen: list[object] = []
            for b in backups:  # newest first, so the first of each bucket is its newest
                k = key(b)
                if k in seen:
                    continue
                seen.append(k)
                if len(seen) > limit:
                    break
                keep.add(b.path)
        return keep

    def prune(self) -> list[Path]:
        backups = self.all()
        keep = self.keep_set(backups)
        removed = []
        for b in backups:
            if b.path not in keep:
                b.path.unlink(missing_ok=True)
                removed.append(b.path)
        return removed

    def newest_good(self) -> BackupInfo | None:
        """The newest copy that is whole: it passes the integrity check and its tables are exactly
        those of its schema version (a copy of a half-upgraded database is not good)."""
        from study.storage.schema import file_problem

        for b in self.all():
            if check(b.path) == "ok" and file_problem(b.path) is None:
                return b
        return None

    def set_aside(self) -> Path:
        """Rename the (damaged) database and its WAL files out of the way; never delete them."""
        return set_aside(self.db_path, "damaged", self.now)

    def restore(self, backup: BackupInfo, *, damaged: bool = False) -> Path | None:
        """Put a backup in place of the live file. The caller has closed its own connections;
        while any other program has the file open this refuses (nothing is changed).

        A healthy live file is backed up first (reason 'before-restore'); one that is damaged,
        unreadable, empty or half-upgraded (or `damaged`) is set aside. Returns where the damaged file went, if it was set aside.
        """
        from study.storage.schema import file_problem

        if check(backup.path) != "ok":
            raise BackupError(f"The backup {backup.path.name} failed its integrity check; choose another.")
        problem = file_problem(backup.path)
        if problem is not None:
            raise BackupError(f"The backup {backup.path.name} cannot be used: {problem}. Choose another.")
        damaged = damaged or (self.db_path.exists() and (check(self.db_path, quick=True) != "ok"
                                                         or file_problem(self.db_path) is not None))
        if not damaged and held_elsewhere(self.db_path):  # (a damaged file is kept aside byte for byte)
            raise BackupError(f"Another program has {self.db_path.name} open (another copy of ASE Prep, or a "
                              "command still running), so it cannot be replaced now. Close it, then restore again. "
                              "Nothing was changed.")
        aside = None
        try:
            with replacing(self.db_path) as tmp:
                shutil.copyfile(backup.path, tmp)  # first, so nothing below can touch the chosen copy
                if damaged:
                    aside = self.set_aside()
                elif self.db_path.exists():
                    self.take("before-restore")
                    for suffix in ("-wal", "-shm"):
                        Path(str(self.db_path) + suffix).unlink(missing_ok=True)
        except OSError as e:
            raise BackupError(f"Could not restore into {self.db_path.parent}: {e.strerror or e}. "
                              "Nothing was changed.") from e
        return aside


def copy_before_import(backups: Backups | None) -> str | None:
    """Take the copy every import starts with. None when it was taken (or there is nothing to
    back up); otherwise the sentence to show, and the import must not go ahead."""
    if backups is None:
        return None
    try:
        backups.take("before-import")
    except BackupError as e:
        return f"Nothing was imported: the backup taken before every import failed ({e})."
    return None


def _when_taken(reason: str) -> str:
    return {"exit": "when ASE Prep closed", "periodic": "during your study session"}.get(reason, f"({reason})")
