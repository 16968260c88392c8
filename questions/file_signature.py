"""A set of files' identity as one string, cheap enough to take at every start (the bank cache's key,
the kept Home figures' key): each file's path, size, and modification and change times to the
nanosecond. Any write to a file sets its change time to the clock's time, and no program can set it
back. The one change it can miss is a second write of the same size within the same tick of the
file system's clock (a few milliseconds) as the write before it, while the app reads the files.

No hashing library is loaded for this: OpenSSL's alone took longer to load than the signature
takes to compute, and hashing the bank's 3.6 MB took longer again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def file_signature(paths: Iterable[Path | str], salt: str = "") -> str:
    """The files' identity (raises OSError if one cannot be read)."""
    parts = [salt]
    for p in paths:
        st = os.stat(p)
        parts.append(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}")
    return "\n".join(parts)
