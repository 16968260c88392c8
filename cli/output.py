"""What the command line prints: text from outside the app with its control characters made
visible, and every failure as a sentence instead of a traceback.

A student's name in a result file, a set's title or a file's name can hold terminal escape
sequences ("\\x1b]0;...", "\\x1b[2J") or bidirectional overrides that would rewrite the terminal or
make one name read as another. While a command runs, standard output and standard error escape
every such character (\\x1b, \\u202e); only newlines and tabs pass as they are.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def visible(text: str) -> str:
    """`text` with every control, format and bidirectional character written as an escape."""
    return _HIDDEN.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                       text)


class VisibleStream:
    """A text stream that writes through `visible`; `raw` is the stream itself (for the app's own
    progress lines, which use a carriage return)."""

    def __init__(self, raw: IO[str]) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


@contextmanager
def visible_output() -> Iterator[None]:
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(out), VisibleStream(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def raw_stderr() -> IO[str]:
    return getattr(sys.stderr, "raw", sys.stderr)


def failure_sentence(exc: BaseException, db_url: str) -> str | None:
    """What to print for a failure a command did not handle itself (None: not one we can explain)."""
    from study.storage.database import DatabaseError
    from study.storage.failures import explain_failure

    if isinstance(exc, DatabaseError):
        return str(exc)
    if isinstance(exc, OSError):
        from study.storage.files import what_to_do, why_not_written

        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return f"could not read or write a file{where}: {why_not_written(exc)}. {what_to_do(exc)}."
    return explain_failure(exc, db_url)
