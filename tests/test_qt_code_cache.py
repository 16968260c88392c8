"""The Qt binding's support modules are compiled once and served from the user's cache at later starts
(app/qt_code_cache.py): the same code as compiling them, a changed source compiled afresh, and a
damaged, foreign or unwritable cache never in the way of a start."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from app import qt_code_cache as cache

ROOT = Path(__file__).resolve().parent.parent
START = "import app, json, app.qt_code_cache as c; print(json.dumps(c.last))"
# every function of the support modules, by what it runs: the same with and without the cache
DIGEST = """
import app, sys, json, types
def digest(code):
    return [code.co_flags, code.co_code.hex(), code.co_names,
            [digest(c) if isinstance(c, types.CodeType) else repr(c) for c in code.co_consts]]
out = {}
for name, mod in sorted(sys.modules.items()):
    if name.startswith("shibokensupport"):
        for key, value in sorted(vars(mod).items()):
            if isinstance(value, types.FunctionType) and value.__code__.co_filename.startswith("shibokensupport"):
                out[f"{name}.{key}"] = digest(value.__code__)
print(json.dumps(out))
"""


def start(folder: Path | str, script: str = START) -> dict:  # type: ignore[type-arg]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(ASE_PREP_CACHE_DIR=str(folder), PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("cache")
    first = start(folder)
    second = start(folder)
    return folder, first, second


def test_a_later_start_compiles_nothing_the_first_kept(warm) -> None:  # type: ignore[no-untyped-def]
    folder, first, second = warm
    assert first["compiled"] > 10 and first["served"] == 0 and first["written"] == 1
    assert second == {"served": first["compiled"], "compiled": 0, "written": 0}
    assert oct((folder / cache.CACHE_NAME).stat().st_mode & 0o777) == "0o600"


def test_what_is_served_is_what_compiling_makes(warm) -> None:  # type: ignore[no-untyped-def]
    folder, first, _ = warm
    sources, patterns = cache.read_cache(str(folder / cache.CACHE_NAME))
    assert sources and patterns and len(sources) + len(patterns) == first["compiled"]
    for name, (source, flags, code) in sources.items():
        assert compile(source, name, "exec", flags, True) == code, name
    for key, parts in patterns.items():
        flags, pattern = key.split("\0", 1)
        re.purge()
        assert re.compile(pattern, int(flags)) == re._compiler._sre.compile(pattern, *parts), pattern  # type: ignore[attr-defined]


def test_the_support_modules_run_the_same_code_with_the_cache(warm) -> None:  # type: ignore[no-untyped-def]
    folder, _, _ = warm
    without = start("", DIGEST)
    assert without and start(folder, DIGEST) == without


def test_a_changed_source_is_compiled_again_and_kept(tmp_path: Path) -> None:
    first = start(tmp_path)
    path = tmp_path / cache.CACHE_NAME
    stamp, sources, patterns = marshal.loads(path.read_bytes())
    name = sorted(sources)[0]
    source, flags, code = sources[name]
    sources[name] = (source + (b"\n" if isinstance(source, bytes) else "\n"), flags, code)  # not the binding's text
    key = sorted(patterns)[0]
    patterns[key.replace("\0", "\0(?:x)", 1)] = patterns.pop(key)  # a pattern the binding does not use
    path.write_bytes(marshal.dumps((stamp, sources, patterns)))
    again = start(tmp_path)
    assert again == {"served": first["compiled"] - 2, "compiled": 2, "written": 1}
    assert start(tmp_path) == {"served": first["compiled"], "compiled": 0, "written": 0}


@pytest.mark.parametrize("content", [b"", b"not marshal at all", "damaged"], ids=["empty", "garbage", "truncated"])
def test_a_damaged_cache_is_compiled_afresh(tmp_path: Path, content: bytes | str) -> None:
    first = start(tmp_path)
    path = tmp_path / cache.CACHE_NAME
    path.write_bytes(path.read_bytes()[:5000] if content == "damaged" else content)  # type: ignore[arg-type]
    assert start(tmp_path) == {"served": 0, "compiled": first["compiled"], "written": 1}


def test_a_cache_from_another_python_is_not_used(tmp_path: Path) -> None:
    first = start(tmp_path)
    path = tmp_path / cache.CACHE_NAME
    stamp, sources, patterns = marshal.loads(path.read_bytes())
    path.write_bytes(marshal.dumps(((stamp[0], stamp[1], "2.7.18 (another build)", stamp[3]), sources, patterns)))
    assert start(tmp_path) == {"served": 0, "compiled": first["compiled"], "written": 1}


def test_a_folder_that_cannot_be_written_leaves_the_start_alone(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    assert start(blocked)["written"] == 0
    assert start("") == {"served": 0, "compiled": 0, "written": 0}  # empty: no cache at all


@pytest.mark.skipif(sys.platform != "linux", reason="the Linux cache folder")
def test_the_cache_folder_is_the_one_platformdirs_names(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from platformdirs import user_cache_dir

    monkeypatch.delenv("ASE_PREP_CACHE_DIR", raising=False)
    for xdg in (str(tmp_path / "xdg"), None):
        if xdg is None:
            monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
        else:
            monkeypatch.setenv("XDG_CACHE_HOME", xdg)
        assert cache.cache_folder() == user_cache_dir("ASE Prep", appauthor=False)
    monkeypatch.setenv("ASE_PREP_CACHE_DIR", "")
    assert cache.cache_folder() is None


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_the_cache_folder_on_windows_and_macos_is_the_one_platformdirs_names(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, platform: str) -> None:
    """Run here by telling the code it is on the other system: platformdirs' own Windows and macOS
    rules name the folder to compare with (Windows' known folder read as LOCALAPPDATA gives it)."""
    import platformdirs.windows as windows
    from platformdirs.macos import MacOS

    local = str(tmp_path / "AppData" / "Local")
    monkeypatch.delenv("ASE_PREP_CACHE_DIR", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", local)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setattr(windows, "get_win_folder", lambda name: {"CSIDL_LOCAL_APPDATA": local}[name])
    rules = windows.Windows if platform == "win32" else MacOS
    expected = rules("ASE Prep", appauthor=False).user_cache_dir
    monkeypatch.setattr(sys, "platform", platform)
    assert cache.cache_folder() == expected
    if platform == "win32":
        monkeypatch.delenv("LOCALAPPDATA")
        assert cache.cache_folder() is None  # no folder to name: no cache, the start goes on
