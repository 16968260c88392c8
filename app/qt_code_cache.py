"""`import PySide6` without compiling the binding's support modules again at every start.

PySide6 carries its own support modules (shibokensupport: signatures, argument errors, enum
helpers) as source text inside its library and compiles them with `compile()` each time it is
imported: about 40 ms of a start here, more than the rest of the import of QtCore and QtWidgets.
While `import_binding` imports it, `compile` keeps what it makes of each source in the user's cache
folder and hands it back at the next start when the source is the same text, compiled with the same
flags by the same Python; anything else is compiled as before. The cache only ever saves time: one
that is missing, damaged, from another Python or unwritable is ignored (and written afresh when it
can be). Nothing but the app's start uses it: tests and tools that import PySide6 themselves are
not affected.

It holds compiled code, as a `__pycache__` folder does, in the user's own cache folder (written
only by this user: 0600). This module uses the standard library only: it runs before Qt loads.
"""

from __future__ import annotations
import __future__

import builtins
import marshal
import os
import sys
from collections.abc import Callable
from typing import Any

CACHE_NAME = "qt-support.marshal"
_FORMAT = 1
_FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag
CODE = type(compile("", "", "exec"))
last: dict[str, int] = {"served": 0, "compiled": 0, "written": 0}  # the last import's counts, for tests


def cache_folder() -> str | None:
    """The app's folder in the user's cache (ASE_PREP_CACHE_DIR overrides it; empty turns the cache
    off): the place platformdirs' user_cache_dir names, found without importing it (10 ms, before
    anything else is on screen)."""
    chosen = os.environ.get("ASE_PREP_CACHE_DIR")
    if chosen is not None:
        return chosen or None
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return os.path.join(local, "ASE Prep", "Cache") if local else None
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/ASE Prep")
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
    return os.path.join(base, "ASE Prep")


def future_flags(frame: Any) -> int:
    """The future features the code running in `frame` has turned on: what `compile` and `exec`
    called from it inherit."""
    return int(frame.f_code.co_flags & _FUTURE_FLAGS)


def _stamp() -> tuple[Any, ...]:
    """What compiled code depends on besides its source and flags: the bytecode format, the Python
    build and its optimization level."""
    from importlib.util import MAGIC_NUMBER

    return (_FORMAT, MAGIC_NUMBER, sys.version, sys.flags.optimize)


Entries = dict[str, tuple[Any, ...]]


def read_doc(path: str, parts: int) -> tuple[Any, ...] | None:
    """What `write_doc` kept at `path` (`parts` items), if this Python wrote it; else None."""
    try:
        with open(path, "rb") as f:
            doc = marshal.loads(f.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(doc, tuple) and len(doc) == parts + 1 and doc[0] == _stamp()):
        return None
    return doc[1:]


def write_doc(path: str, parts: tuple[Any, ...]) -> bool:
    """Keep `parts` (marshal data) at `path`, whole or not at all, readable by this user only. False
    when the folder cannot be written."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps((_stamp(), *parts)))
        os.replace(tmp, path)
        return True
    except (OSError, ValueError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def read_cache(path: str) -> tuple[Entries, Entries]:
    """The compiled sources ({file name: (source, flags, code)}) and regular expressions ({flags and
    pattern: what re's compiler made of them}) kept at `path`; empty when there is none that fits."""
    doc = read_doc(path, 2)
    if doc is None or not isinstance(doc[0], dict) or not isinstance(doc[1], dict):
        return {}, {}
    sources = {name: entry for name, entry in doc[0].items()
               if type(name) is str and isinstance(entry, tuple) and len(entry) == 3
               and type(entry[0]) in (str, bytes) and type(entry[1]) is int and type(entry[2]) is CODE}
    patterns = {key: entry for key, entry in doc[1].items()
                if type(key) is str and isinstance(entry, tuple) and len(entry) == 5}
    return sources, patterns


def caching_compile(real: Callable[..., Any], kept: Entries, used: Entries) -> Callable[..., Any]:
    """A stand-in for `compile`: a whole module's source (mode "exec", a file name) is served from
    `kept` when its text and flags are those kept, else compiled; either way it is noted in `used`.
    Every other call goes to `real` unchanged. The future features the caller's code has turned on
    are passed on as `compile` itself would inherit them."""

    def compile(source: Any, filename: Any, mode: str, flags: int = 0, dont_inherit: bool = False,
                optimize: int = -1, **kwargs: Any) -> Any:
        if not dont_inherit:
            flags |= future_flags(sys._getframe(1))
        if (mode != "exec" or type(source) not in (str, bytes) or type(filename) is not str or optimize != -1
                or kwargs or flags & ~_FUTURE_FLAGS):
            return real(source, filename, mode, flags, True, optimize, **kwargs)
        hit = kept.get(filename)
        if hit is not None and hit[1] == flags and hit[0] == source:
            last["served"] += 1
            code = hit[2]
        else:
            last["compiled"] += 1
            code = real(source, filename, mode, flags, True)
        used[filename] = (source, flags, code)
        return code

    return compile


def regex_parts(pattern: str, flags: int) -> tuple[Any, ...]:
    """What CPython's regular-expression compiler hands `_sre.compile` for `pattern` (the steps of
    re._compiler.compile, 3.11 to 3.13): flags, code, groups, group index, index group."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | parsed.state.flags, [int(c) for c in code], parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def caching_regex(real: Callable[..., Any], kept: Entries, used: Entries) -> Callable[..., Any]:
    """A stand-in for re's compiler (re._compiler.compile): a text pattern is built from what `kept`
    holds for it, else compiled by `real`; what it was made of is kept only when rebuilding it gives
    a pattern equal to real's (same text, flags and code)."""
    import _sre

    def compile(p: Any, flags: int = 0) -> Any:
        if type(p) is not str or type(flags) is not int:
            return real(p, flags)
        key = f"{flags}\0{p}"
        hit = kept.get(key)
        if hit is not None:
            try:
                built = _sre.compile(p, *hit)
            except (TypeError, ValueError, OverflowError):
                built = None
            if built is not None:
                last["served"] += 1
                used[key] = hit
                return built
        last["compiled"] += 1
        pattern = real(p, flags)
        try:
            parts = regex_parts(p, flags)
            same = _sre.compile(p, *parts) == pattern
        except Exception:  # noqa: BLE001 - another Python's internals: then this pattern is simply not kept
            same = False
        if same:
            used[key] = parts
        return pattern

    return compile


def import_binding() -> None:
    """`import PySide6` (which loads its support modules), with their compiled code and regular
    expressions from the cache."""
    folder = cache_folder()
    if folder is None or "PySide6" in sys.modules or sys.implementation.name != "cpython":
        import PySide6  # noqa: F401
        return
    import re

    path = os.path.join(folder, CACHE_NAME)
    sources, patterns = read_cache(path)
    used_sources: Entries = {}
    used_patterns: Entries = {}
    last.update(served=0, compiled=0, written=0)
    real, regex = builtins.compile, getattr(re, "_compiler", None)
    real_regex = getattr(regex, "compile", None)
    builtins.compile = caching_compile(real, sources, used_sources)  # type: ignore[assignment]  # while PySide6 imports
    if real_regex is not None:
        regex.compile = caching_regex(real_regex, patterns, used_patterns)  # type: ignore[union-attr]
    try:
        import PySide6  # noqa: F401
    finally:
        builtins.compile = real
        if real_regex is not None:
            regex.compile = real_regex  # type: ignore[union-attr]
    if last["compiled"] or used_sources.keys() != sources.keys() or used_patterns.keys() != patterns.keys():
        last["written"] = int(write_doc(path, (used_sources, used_patterns)))
