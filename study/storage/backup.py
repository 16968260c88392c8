"""Backups of the learner's SQLite database, a health check after an unclean exit, and a
warning for folders where SQLite's locking is unreliable.

A backup is an online copy made with SQLite's backup API (safe while the app has the file
open), checked with PRAGMA integrity_check before it is kept. Copies are kept on a
grandfather-father-son rota: the newest of each of the last 7 days, 4 weeks and 6 months.
A damaged database is never deleted: it is renamed aside and a good copy takes its place.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

BACKUP_DIR = "backups"
NAME = re.compile(r"^ase-prep-(\d{8}-\d{6})-([a-z0-9-]+)\.sqlite3$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 6
RUNNING_MARK = "running.mark"
NETWORK_FS = {"nfs", "nfs4", "cifs", "smb", "smb2", "smbfs", "smb3", "afs", "9p", "fuse.sshfs", "davfs", "fuse.rclone",
              "ncpfs", "fuse.gcsfuse", "fuse.s3fs"}
SYNCED_FOLDERS = ("dropbox", "onedrive", "google drive", "googledrive", "icloud", "icloud drive", "nextcloud",
                  "owncloud", "box sync", "mega")


class BackupError(Exception):
    """A backup or restore that did not happen; the message says why. Nothing was changed."""


class CorruptDatabase(Exception):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"The database {path} is damaged ({detail}).")
        self.path = path
        self.detail = detail


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime
    reason: str
    size: int

    @property
    def label(self) -> str:
        return f"{self.taken:%Y-%m-%d %H:%M:%S}  {self.reason}  ({self.size / 1024:.0f} KB)"


def check(path: Path, quick: bool = False) -> str:
    """'ok', or SQLite's description of what is wrong with the file."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        return str(e)
    text = "; ".join(str(r[0]) for r in rows[:5])
    return "ok" if text == "ok" else text


class Backups:
    def __init__(self, db_path: Path, backup_dir: Path | None = None,
                 now: Callable[[], datetime] = datetime.now) -> None:
        self.db_path = Path(db_path)
        self.dir = Path(backup_dir) if backup_dir else self.db_path.parent / BACKUP_DIR
        self.now = now

    def take(self, reason: str) -> BackupInfo:
        """Copy the live database, check the copy, keep it, then prune the rota."""
        if not self.db_path.exists():
            raise BackupError(f"There is no database at {self.db_path} to back up.")
        self.dir.mkdir(parents=True, exist_ok=True)
        taken = self.now().replace(microsecond=0)
        reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
        final = self.dir / f"ase-prep-{taken:%Y%m%d-%H%M%S}-{reason}.sqlite3"
        n = 1
        while final.exists():  # two backups in one second
            n += 1
            taken = taken.replace(second=(taken.second + 1) % 60)
            final = self.dir / f"ase-prep-{taken:%Y%m%d-%H%M%S}-{reason}.sqlite3"
        tmp = final.with_suffix(".partial")
        try:
            src = sqlite3.connect(self.db_path)
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
            finally:
                dst.close()
                src.close()
        except sqlite3.Error as e:
            tmp.unlink(missing_ok=True)
            raise BackupError(f"Could not copy {self.db_path}: {e}") from e
        verdict = check(tmp)
        if verdict != "ok":
            tmp.unlink(missing_ok=True)
            raise BackupError(f"The copy of {self.db_path} failed its integrity check: {verdict}")
        tmp.rename(final)
        self.prune()
        return BackupInfo(final, taken, reason, final.stat().st_size)

    def all(self) -> list[BackupInfo]:
        """Newest first."""
        out = []
        if self.dir.is_dir():
            for p in self.dir.iterdir():
                m = NAME.match(p.name)
                if m:
                    out.append(BackupInfo(p, datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"), m.group(2),
                                          p.stat().st_size))
        return sorted(out, key=lambda b: b.taken, reverse=True)

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
        for b in self.all():
            if check(b.path) == "ok":
                return b
        return None

    def set_aside(self) -> Path:
        """Rename the (damaged) database and its WAL files out of the way; never delete them."""
        stamp = self.now().strftime("%Y%m%d-%H%M%S")
        aside = self.db_path.with_name(f"{self.db_path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(self.db_path) + suffix)
            if p.exists():
                p.rename(Path(str(aside) + suffix))
        return aside

    def restore(self, backup: BackupInfo, *, damaged: bool = False) -> Path | None:
        """Put a backup in place of the live file. The caller has closed every connection.

        A healthy live file is backed up first (reason 'before-restore'); a damaged one is set
        aside. Returns where the damaged file went, if it was set aside.
        """
        if check(backup.path) != "ok":
            raise BackupError(f"The backup {backup.path.name} failed its integrity check; choose another.")
        tmp = self.db_path.with_suffix(".restoring")
        shutil.copyfile(backup.path, tmp)  # first, so nothing below can touch the chosen copy
        aside = None
        if damaged:
            aside = self.set_aside()
        elif self.db_path.exists():
            self.take("before-restore")
            for suffix in ("-wal", "-shm"):
                Path(str(self.db_path) + suffix).unlink(missing_ok=True)
        os.replace(tmp, self.db_path)
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


def was_unclean_exit(data_dir: Path) -> bool:
    return (data_dir / RUNNING_MARK).exists()


def mark_running(data_dir: Path) -> None:
    (data_dir / RUNNING_MARK).write_text(str(os.getpid()))


def mark_clean_exit(data_dir: Path) -> None:
    (data_dir / RUNNING_MARK).unlink(missing_ok=True)


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
        for line in mounts_file.read_text().splitlines():
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
