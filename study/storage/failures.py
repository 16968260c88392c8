"""What a failed database write means, in words: a full disk, a read-only folder, another program
holding the file, a class server that cannot be reached. Used by the write paths (a refused answer
says why), the outbox (a lost server means "queue it here") and the GUI's error dialog.

It imports no other storage module, so the database and the outbox both depend on it and never on
each other."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError

# what stops a SQLite file from being written, in words, and what the person can do about it
DISK_FULL = "the disk is full"
READ_ONLY = "the data folder cannot be written (read-only or not yours)"
LOCKED = "another program is holding the data file"
DISK_ERROR = "the disk reported an error"
STORAGE_ADVICE = {
    DISK_FULL: "Free some disk space, then try again.",
    READ_ONLY: "Check that the folder is writable, or choose another with --data-dir.",
    LOCKED: "Close other programs using it (another copy of ASE Prep?), then try again.",
    DISK_ERROR: "Check the disk (and its cable, for a USB drive), then try again.",
}


def storage_reason(exc: BaseException) -> str | None:
    """Why a local database write failed, in words ("the disk is full"), or None when it was not
    the disk, the folder or a lock (a wrong statement, a server)."""
    if not isinstance(exc, SQLAlchemyError | sqlite3.Error | OSError):
        return None
    if isinstance(exc, OSError):
        import errno

        return {errno.ENOSPC: DISK_FULL, errno.EFBIG: DISK_FULL, errno.EROFS: READ_ONLY,
                errno.EACCES: READ_ONLY, errno.EPERM: READ_ONLY}.get(exc.errno or 0)
    return reason_in_words(str(getattr(exc, "orig", None) or exc))


def reason_in_words(message: str, folder: Path | None = None) -> str | None:
    """The storage reason in a driver's message ("database or disk is full" -> DISK_FULL), or None.
    SQLite says "disk I/O error" when it cannot make its -shm file on a full disk: with `folder`,
    such an error on a disk with (almost) no space left is the full disk it is."""
    reason = _reason(message)
    if reason == DISK_ERROR and folder is not None:
        import shutil

        try:
            if shutil.disk_usage(folder).free < 1 << 20:
                return DISK_FULL
        except OSError:
            pass
    return reason


def _reason(message: str) -> str | None:
    low = message.lower()
    if "full" in low:
        return DISK_FULL
    if "readonly" in low or "read-only" in low or "unable to open" in low:
        return READ_ONLY
    if "locked" in low or "busy" in low:
        return LOCKED
    if "disk i/o" in low:
        return DISK_ERROR
    return None


def explain_failure(exc: BaseException, url: str) -> str | None:
    """A sentence for the person at the keyboard when the database fails during use (a class
    server gone, a full disk, another program holding the file); None when `exc` is not a
    database failure. The GUI shows it instead of a traceback."""
    if not isinstance(exc, SQLAlchemyError | sqlite3.Error):
        return None
    text_ = str(getattr(exc, "orig", None) or exc).strip()
    first = text_.splitlines()[0] if text_ else exc.__class__.__name__
    if make_url(url).get_backend_name() != "sqlite":
        if is_connection_lost(exc):
            return (f"The class server ({shown_url(url)}) cannot be reached: {first}. Exams already running keep "
                    "every answer on this computer and send them when it is back; starting or resuming an "
                    "exam needs the server. Check the network, or ask your instructor whether the server is up.")
        return f"The class server refused the request: {first}. Nothing was changed."
    reason = storage_reason(exc)
    if reason == LOCKED:
        return (f"Another program is using the data file ({shown_url(url)}) and it stayed locked: {first}. "
                "Close other copies of ASE Prep, then try again. Nothing was changed.")
    if reason is not None:
        return (f"The data file ({shown_url(url)}) cannot be written: {reason} ({first}). "
                f"{STORAGE_ADVICE[reason]} What was saved before is intact.")
    return f"The database reported an error: {first}. Nothing was changed."


def is_connection_lost(exc: BaseException) -> bool:
    """True for the errors of an unreachable or restarted server, not for a wrong statement."""
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError)


def shown_url(url: str) -> str:
    """A database address as a person may see it: the file, or the server without the password."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)
