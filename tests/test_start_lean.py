"""A later start does only what its first window and Home need: PySide's `Qt` namespace, which
takes ~20 ms to create (some 90 enums, on the first touch of `PySide6.QtCore.Qt` or of a Python
model method Qt calls with one of its enums), is not created before the window has painted or
before Home shows what is stored; nor is the database layer (SQLAlchemy) loaded before Home is
ready. benchmarks/bench_startup.py measures the time; this says what must not happen in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.home_figures import home_figures
from tests.test_home_kept import with_history

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
# main.py as the desktop starts it, saying at the SHOWN and READY marks what had been loaded by then
WATCHED_START = """
import runpy, sys

class Marks:
    def __init__(self, out):
        self.out = out

    def write(self, text):
        if text.startswith(("SHOWN", "READY")):
            core = sys.modules.get("PySide6.QtCore")
            text += (f" qt={int(core is not None and 'Qt' in core.__dict__)} sqlalchemy={int('sqlalchemy' in sys.modules)}"
                     f" sqlite3={int('sqlite3' in sys.modules)}")
        return self.out.write(text)

    def __getattr__(self, name):
        return getattr(self.out, name)

sys.stdout = Marks(sys.stdout)
sys.argv = ["main.py", *sys.argv[1:]]
runpy.run_path("main.py", run_name="__main__")
"""


def marks(data: Path, until: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **{f"ASE_PREP_EXIT_WHEN_{until}": "1"})
    done = subprocess.run([sys.executable, "-c", WATCHED_START, "--data-dir", str(data)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    line = next((x for x in done.stdout.splitlines() if x.startswith(until)), None)
    assert line is not None, f"no {until} mark:\n{done.stdout}\n{done.stderr}"
    return line


@pytest.fixture(scope="module")
def kept_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose last run closed cleanly, keeping Home's figures for the next start."""
    data = tmp_path_factory.mktemp("lean") / "data"
    with_history(data).close(backup=True, snapshot=home_figures)
    return data


def test_the_first_paint_comes_before_the_qt_namespace(kept_data: Path) -> None:
    assert "qt=0" in marks(kept_data, "SHOWN")


def test_home_is_ready_before_the_qt_namespace_and_the_database_layer(kept_data: Path) -> None:
    line = marks(kept_data, "READY")
    assert "sqlalchemy=0" in line, f"Home was not filled from the kept figures: {line}"
    assert "qt=0" in line
    assert "sqlite3=0" in line  # the kept figures are checked without opening the database
