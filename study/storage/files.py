"""Files the app writes, written so that a crash, a full disk or a failed export never leaves half
of one in place: everything goes to a temporary file beside the target and is renamed over it
only once it is complete and on disk. Damaged files are renamed aside, never deleted.

Also: whether a process is still running (marks and leftovers name their process), and one
sentence for an operating-system error on a file or folder (read-only, full, not allowed).
"""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

DB_FILENAME = "ase-prep.sqlite3"  # the learner's database, in the data folder
TEMP_MARK = ".writing-"  # in every temporary file's name: `.<target>.writing-<pid>-<random>`
_TEMP = re.compile(r"^\..+\.writing-(\d+)-[^.]+$")


@contextmanager
def temporary_beside(path: Path) -> Iterator[Path]:
    """An empty temporary file in `path`'s folder, named after it and this process; removed (with
    any -wal, -shm or -journal SQLite made beside it) when the block ends, unless moved away."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}{TEMP_MARK}{os.getpid()}-", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write the whole file to; on leaving the block it is
    flushed to disk and renamed over `path`. If the block raises, `path` is left as it was."""
    with temporary_beside(path) as tmp:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, path)
    _fsync_folder(Path(path).parent)


def write_bytes(path: Path, data: bytes) -> Path:
    with replacing(path) as tmp:
        tmp.write_bytes(data)
    return path


def write_text(path: Path, text: str, *, encoding: str = "utf-8", newline: str | None = "\n") -> Path:
    with replacing(path) as tmp, tmp.open("w", encoding=encoding, newline=newline) as f:
        f.write(text)
    return path


def write_with(path: Path, writer: Callable[[Path], object]) -> Path:
    """Let `writer` write the file at a temporary path (a PDF writer, matplotlib, openpyxl), then
    put it in place."""
    with replacing(path) as tmp:
        writer(tmp)
    return path


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """The rename itself survives a power cut once the folder is synced (POSIX; a no-op elsewhere)."""
    if os.name == "posix":
        _fsync(folder)


def leftover_temporaries(folder: Path) -> list[Path]:
    """Temporary files in `folder` whose writer is no longer running (killed mid-write)."""
    out: list[Path] = []
    try:
        names = list(folder.iterdir())
    except OSError:
        return out
    for p in names:
        m = _TEMP.match(p.name)
        if m and not pid_alive(int(m.group(1))):
            out.append(p)
    return out


def set_aside(path: Path, label: str, now: Callable[[], datetime] = datetime.now) -> Path:
    """Rename a file (and SQLite's -wal and -shm beside it) out of the way, never deleting it:
    `ase-prep.sqlite3` becomes `ase-prep.sqlite3.<label>-<date>-<time>` (with -2, -3 ... if taken)."""
    stamp = now().strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 1
    while any(Path(str(aside) + s).exists() for s in ("", "-wal", "-shm")):
        n += 1
        aside = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.rename(Path(str(aside) + suffix))
    return aside


def sqlite_uri(path: Path, mode: str = "ro") -> str:
    """A `file:` URI for sqlite3.connect(uri=True) that names exactly this path, whatever it holds
    (`#`, `?`, `%`, spaces, non-ASCII letters are percent-encoded)."""
    return f"{Path(path).resolve().as_uri()}?mode={mode}"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id is running (on this computer)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if os.name == "nt":  # pragma: no cover - Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(code.value == 259)  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


# errno -> what happened, in words; the caller adds what to do
_WHY = {
    errno.EROFS: "the folder is on a read-only disk",
    errno.EACCES: "you do not have permission to write there",
    errno.EPERM: "you do not have permission to write there",
    errno.ENOSPC: "the disk is full",
    errno.EFBIG: "the disk is full (the file cannot grow)",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is a file, not a folder",
}
if hasattr(errno, "EDQUOT"):
    _WHY[errno.EDQUOT] = "your disk quota is full"


def why_not_written(e: OSError) -> str:
    """What stopped a write, in words ("the disk is full"); the system's own words otherwise."""
    return _WHY.get(e.errno or 0, (e.strerror or str(e)).rstrip(".").lower() if (e.strerror or str(e)) else
                    e.__class__.__name__)


def what_to_do(e: OSError) -> str:
    if e.errno in (errno.ENOSPC, errno.EFBIG) or e.errno == getattr(errno, "EDQUOT", -1):
        return "Free some disk space, then start ASE Prep again"
    return "Choose a folder you can write to with --data-dir, or fix the folder's permissions, then start again"
