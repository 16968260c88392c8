"""Shared fixtures: a real temporary SQLite database with the migrations applied, and small
synthetic banks shaped like a test's blueprint."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from questions.bank import QuestionBank
from questions.blueprints import Blueprints, TestBlueprint, load_blueprints
from questions.model import Question
from study.exams import ExamService
from study.storage.database import Database, open_database

# the app's starts in tests keep the Qt binding's compiled support code here, not in the user's cache
os.environ.setdefault("ASE_PREP_CACHE_DIR", str(Path(tempfile.gettempdir()) / "ase-prep-test-cache"))


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, t: float = 1000.0) -> None:
        self.t = t

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def make_question(test: str, area: str, n: int, answer: str = "A", topic: str = "t", style: str = "direct") -> Question:
    return Question(
        id=f"{test}-{area}-{n:04d}", test=test, area=area, topic=topic, style=style, difficulty=2,
        stem=f"Synthetic question {n} of area {area} for {test}: what is the right choice here?",
        choices=(f"choice one {n}", f"choice two {n}", f"choice three {n}", f"choice four {n}"),
        answer=answer, explanation="Because it is. The others are not.", source=f"synthetic:{n}")


def synthetic_bank(bp: TestBlueprint, factor: float = 1.5, keys: str = "ABCD") -> list[Question]:
    out = []
    for a in bp.areas:
        for i in range(int(a.scored_questions * factor) + 1):
            out.append(make_question(bp.code, a.letter, i + 1, keys[i % len(keys)], a.topics[0] if a.topics else "t"))
    return out


@pytest.fixture(scope="session")
def blueprints() -> Blueprints:
    return load_blueprints()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    d = open_database(db_url)
    yield d
    d.dispose()


@pytest.fixture
def a5_bank(blueprints: Blueprints) -> QuestionBank:
    return QuestionBank(tuple(synthetic_bank(blueprints.get("A5"))))


@pytest.fixture
def exam_service(db: Database, a5_bank: QuestionBank, blueprints: Blueprints, clock: FakeClock) -> ExamService:
    return ExamService(db, a5_bank, blueprints, clock=clock, now=lambda: datetime(2026, 11, 25, 19, 0, 0))


def open_window(qtbot, tmp_path: Path, services=None, dialogs=None):  # type: ignore[no-untyped-def]
    """The real main window over real services in tmp_path, shown and ready, as a learner sees it.
    With `dialogs` (tests.dialogs.ScriptedDialogs), its questions are answered there."""
    from PySide6.QtCore import QSettings

    from app.context import AppContext
    from app.main_window import MainWindow
    from study.services import open_services

    services = services or open_services(tmp_path)
    ctx = AppContext(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), dialogs)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()  # keyboard shortcuts go to the active window only
    qtbot.waitUntil(lambda: w.isActiveWindow(), timeout=5000)
    ctx.set_services(services)
    return w


@pytest.fixture
def window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """The main window of open_window, shut down (its writes finished) after the test. A test file
    that needs history or other services first defines its own `window`."""
    w = open_window(qtbot, tmp_path)
    yield w
    w.shutdown()


def settled(qtbot, window, timeout: int = 10000) -> None:  # type: ignore[no-untyped-def]
    """Wait until every change asked for is stored and every read is back (the GUI stores behind the
    screen): what a person sees a moment after pressing a key."""
    def idle() -> bool:
        exam = window.pages.get("exam")
        writes = getattr(exam, "writes", None)
        return window.ctx.ops.idle and (writes is None or writes.idle)

    qtbot.waitUntil(idle, timeout=timeout)


# -- PostgreSQL: a throwaway server for the class-lab tests (tests/pg.py); the run says if it was skipped
from tests.pg import pg_server, pg_url, summary_line  # noqa: E402,F401


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    terminalreporter.write_line(summary_line())


# -- every test: no SQL and no server connection on the GUI thread (tests/gui_thread.py)
from tests.gui_thread import no_sql_on_the_gui_thread  # noqa: E402,F401
