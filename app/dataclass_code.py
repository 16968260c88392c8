"""The methods `dataclasses` writes for each data class, compiled once and kept between starts.

For every data class it defines, `dataclasses` writes the source of __init__, __repr__, __eq__ and
the rest and compiles it with `exec`: about half a millisecond a class, some 150 classes in a start
that loads every service, a dozen of them before Home is ready. While the app runs (`keep`), the
`exec` that module calls serves the code kept for the same text, compiled with the same flags, from
the user's cache folder (app/qt_code_cache.py: the same folder, stamp and checks), compiles any other,
and the code first compiled in this run is added to the cache when the app exits. Only the app's
start installs it: tests and tools that import the app's modules compile as usual.
"""

from __future__ import annotations

import atexit
import builtins
import marshal
import os
import sys
from typing import Any

from app.qt_code_cache import CODE, cache_folder, future_flags, read_doc, write_doc

CACHE_NAME = "dataclass-code.marshal"
MOST = 4000  # entries the cache may hold: past this, the next write keeps only what that run used
last: dict[str, int] = {"served": 0, "compiled": 0, "written": 0}  # this run's counts, for tests


def read(path: str) -> dict[tuple[str, int], bytes]:
    """{(source, flags): its code, in marshal form} kept at `path`; {} when there is none that fits. Each
    code is read back only when its class is made: most are not made before Home is ready."""
    doc = read_doc(path, 1)
    if doc is None or not isinstance(doc[0], dict):
        return {}
    return {key: code for key, code in doc[0].items()
            if isinstance(key, tuple) and len(key) == 2 and type(key[0]) is str and type(key[1]) is int
            and type(code) is bytes}


def code_of(kept: bytes) -> Any:
    """The code an entry holds, or None if it holds something else (a damaged cache)."""
    try:
        code = marshal.loads(kept)
    except (EOFError, ValueError, TypeError):
        return None
    return code if type(code) is CODE else None


def caching_exec(kept: dict[tuple[str, int], bytes], made: dict[tuple[str, int], bytes]) -> Any:
    """A stand-in for `exec` in the dataclasses module: source text with its globals given is run from
    the code kept (or made earlier in this run) for the same text and flags, else compiled first and
    noted in `made`. Anything else goes to `exec` as it was called."""
    real = builtins.exec

    def run_source(source: Any, globals: Any = None, locals: Any = None, /, **kwargs: Any) -> None:  # noqa: A002
        caller = sys._getframe(1)
        if globals is None:  # what exec would take from its caller
            globals = caller.f_globals
            if locals is None:
                locals = caller.f_locals
        if type(source) is not str or kwargs:
            real(source, globals, locals, **kwargs)
            return
        key = (source, future_flags(caller))
        stored = kept.get(key) or made.get(key)
        code = None if stored is None else code_of(stored)
        if code is None:
            last["compiled"] += 1
            code = compile(source, "<string>", "exec", key[1], True)
            made[key] = marshal.dumps(code)
        else:
            last["served"] += 1
        real(code, globals, locals)

    return run_source


def keep() -> None:
    """From now on in this process, the dataclasses' methods come from the cache; what is compiled
    meanwhile is kept at exit."""
    import dataclasses

    folder = cache_folder()
    if folder is None or sys.implementation.name != "cpython" or "exec" in vars(dataclasses):
        return
    path = os.path.join(folder, CACHE_NAME)
    kept = read(path)
    made: dict[tuple[str, int], bytes] = {}
    dataclasses.exec = caching_exec(kept, made)  # type: ignore[attr-defined]  # a module global: found before the builtin

    def save() -> None:
        new = dict(made)  # a worker may still be adding to it
        if new:
            last["written"] = int(write_doc(path, ({**kept, **new} if len(kept) + len(new) <= MOST else new,)))

    atexit.register(save)
