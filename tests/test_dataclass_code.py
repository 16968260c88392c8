"""The data classes' generated methods are compiled once and served from the user's cache at later
starts (app/dataclass_code.py): the same code as compiling them, only for the app's own start, and a
damaged or foreign cache never in the way."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

from app import dataclass_code

ROOT = Path(__file__).resolve().parent.parent
RUN = """
import atexit, dataclasses, json, sys, types
from app import dataclass_code as d
out = {}
atexit.register(lambda: print(json.dumps({**out, "last": d.last})))  # after keep()'s own, which writes the cache
if "keep" in sys.argv:
    d.keep()
from questions.model import Question
from study.exams import ExamService
import study.services

def digest(code):
    return [code.co_flags, code.co_code.hex(), code.co_names, code.co_varnames,
            [digest(c) if isinstance(c, types.CodeType) else repr(c) for c in code.co_consts]]

made = {f"{cls.__name__}.{name}": digest(getattr(cls, name).__code__)
        for cls in (Question, study.services.Services) for name in ("__init__", "__repr__", "__eq__")
        if name in vars(cls)}
out.update(made=made, patched="exec" in vars(dataclasses))
"""


def run(folder: Path | str, *args: str) -> dict:  # type: ignore[type-arg]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(ASE_PREP_CACHE_DIR=str(folder), PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-c", RUN, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_a_later_start_compiles_no_method_the_first_kept(tmp_path: Path) -> None:
    first = run(tmp_path, "keep")
    assert first["patched"] and first["last"]["compiled"] > 50 and first["last"]["served"] == 0
    assert first["last"]["written"] == 1
    assert oct((tmp_path / dataclass_code.CACHE_NAME).stat().st_mode & 0o777) == "0o600"
    second = run(tmp_path, "keep")
    assert second["last"] == {"served": first["last"]["compiled"], "compiled": 0, "written": 0}
    plain = run(tmp_path)  # without keep(): compiled as Python does
    assert not plain["patched"] and plain["last"] == {"served": 0, "compiled": 0, "written": 0}
    assert second["made"] == first["made"] == plain["made"] and len(plain["made"]) >= 4


def test_what_is_kept_is_what_compiling_makes(tmp_path: Path) -> None:
    run(tmp_path, "keep")
    kept = dataclass_code.read(str(tmp_path / dataclass_code.CACHE_NAME))
    assert kept
    for (source, flags), code in kept.items():
        assert compile(source, "<string>", "exec", flags, True) == dataclass_code.code_of(code)


def test_a_damaged_or_foreign_cache_is_compiled_afresh(tmp_path: Path) -> None:
    first = run(tmp_path, "keep")["last"]["compiled"]
    path = tmp_path / dataclass_code.CACHE_NAME
    stamp, entries = marshal.loads(path.read_bytes())
    for content in (b"", path.read_bytes()[:3000], marshal.dumps(((0, *stamp[1:]), entries))):
        path.write_bytes(content)
        assert run(tmp_path, "keep")["last"] == {"served": 0, "compiled": first, "written": 1}
    for changed in ({(source + "\n", flags): code for (source, flags), code in entries.items()},  # other texts
                    {key: code[: len(code) // 2] for key, code in entries.items()}):  # each code cut short
        path.write_bytes(marshal.dumps((stamp, changed)))
        assert run(tmp_path, "keep")["last"] == {"served": 0, "compiled": first, "written": 1}
