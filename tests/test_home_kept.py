"""A later start shows Home's figures kept at the last close (study/storage/snapshot.py) before the
database layer has loaded: they are exactly what the database gives, they are refused whenever the
database, the day, the bank or the code may differ, and a press made before the services load is
carried out once they have, once."""

from __future__ import annotations

import argparse
import sqlite3
import threading
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from app.home_figures import home_figures
from study.fast_start import content, kept_figures
from study.storage import snapshot
from study.storage.database import DB_FILENAME, open_database, upgrade
from study.storage.migrations import HEAD
from tests.dialogs import ScriptedDialogs

pytestmark = pytest.mark.gui


def with_history(data: Path, *, unfinished: bool = True) -> Any:
    """Services over a data folder with answers, a study plan with a session tonight, and (with
    `unfinished`) an exam left unfinished."""
    from questions.exam import ExamMode, build_exam
    from study.demo import seed_demo
    from study.planning.plan_input import PlanRequest
    from study.services import open_services

    s = open_services(data)
    seed_demo(s.db, s.bank, s.blueprints, learners=1, responses=400)
    today = date.today()
    evenings = tuple(f"{today + timedelta(days=d):%a}".lower() for d in (0, 2, 4))
    s.plans().create(PlanRequest(tests=("A5",), evenings=evenings, exam_date=today + timedelta(days=45)))
    if unfinished:
        s.start_exam(build_exam(s.blueprints.get("A5"), s.bank.for_test("A5"), ExamMode.QUICK10, 7))
    return s


def start(data: Path, monkeypatch, gate: threading.Event | None = None):  # type: ignore[no-untyped-def]
    """The app as main.py starts it; with `gate`, the services load only once it is set."""
    from app.application import run_gui

    monkeypatch.setattr(QSettings, "value", lambda self, key, default=None: default)  # no saved settings
    window = run_gui(argparse.Namespace(data_dir=data, db=None, command=None, file=None, json=False), exec_loop=False)
    if gate is not None:
        opened = window.ctx.loader

        def held() -> Any:
            assert gate.wait(20)
            return opened()

        window.ctx.loader = held
    return window


def shown(home) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text Home shows: labels and buttons in view, and the recent exams' rows."""
    texts = [w.text() for w in home.findChildren(QLabel) + home.findChildren(QPushButton) if w.isVisibleTo(home)]
    model = home.table.model()
    texts += [str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(model.columnCount())]
    return texts


def test_the_figures_kept_at_close_are_those_the_database_gives(tmp_path) -> None:
    data = tmp_path / "data"
    s = with_history(data)
    live = home_figures(s)
    s.close(backup=True, snapshot=home_figures)
    kept = kept_figures(data, content(data))
    assert kept == live
    assert kept["exams"]["in_progress"] and kept["exams"]["recent"] and kept["readiness"] and kept["plan"]["start"]


def test_home_shows_the_kept_figures_before_the_services_load_and_the_same_after(qtbot, tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    with_history(data).close(backup=True, snapshot=home_figures)
    gate = threading.Event()
    window = start(data, monkeypatch, gate)
    qtbot.addWidget(window)
    home = window.page("home")
    try:
        with qtbot.waitSignal(home.filled, timeout=20000):
            pass
        assert window.ctx.services is None  # shown from what was kept: the database layer has not loaded
        before = shown(home)
        assert any("is not finished" in t for t in before) and any(t.startswith("Start: ") for t in before)
        assert home.table.model().rowCount() > 0 and home.ready_box.isVisibleTo(home)
        with qtbot.waitSignal(home.filled, timeout=20000):
            gate.set()
        assert window.ctx.services is not None
        assert shown(home) == before
    finally:
        gate.set()
        window.shutdown()


def test_a_press_before_the_services_load_waits_visibly_and_is_carried_out_once(qtbot, tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    with_history(data, unfinished=False).close(backup=True, snapshot=home_figures)
    gate = threading.Event()
    window = start(data, monkeypatch, gate)
    qtbot.addWidget(window)
    window.ctx.dialogs = dialogs = ScriptedDialogs(yes=True)  # "replace the unfinished exam?" would be asked yes
    home = window.page("home")
    try:
        with qtbot.waitSignal(home.filled, timeout=20000):
            pass
        assert window.ctx.services is None
        drill = next(b for b in home.ready_box.findChildren(QPushButton) if b.text().startswith("Drill "))
        qtbot.mouseClick(drill, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(drill, Qt.MouseButton.LeftButton)  # pressed again: nothing seemed to happen yet
        assert QApplication.overrideCursor() is not None  # the wait shows
        gate.set()
        qtbot.waitUntil(lambda: window.current_page() == "exam", timeout=20000)
        qtbot.waitUntil(lambda: window.ctx.ops.idle, timeout=20000)
        assert QApplication.overrideCursor() is None
        test, area = drill.text().split()[1], drill.text().split()[-1]
        assert window.exam_page.active.form.test == test
        s = window.ctx.services
        drills = [e for e in s.exams.recent(50) + [s.exams.in_progress()] if e is not None and "drill" in e.title]
        assert [e.title for e in drills] == [f"{test} area {area} drill"]  # one exam, not one per press
        assert dialogs.asked == []
    finally:
        gate.set()
        window.shutdown()


def _written_since(data: Path) -> None:
    from study.services import open_services

    s = open_services(data)  # a command beside the app: a setting changed, closed without a snapshot
    s.settings.set("target", "0.9")
    s.close()


def _crashed(data: Path) -> None:
    (data / "running-999999999.mark").write_text("999999999")  # a run that died


def _held_open(data: Path) -> None:
    con = sqlite3.connect(data / DB_FILENAME)  # another program has it open (a write-ahead log beside it)
    con.execute("SELECT count(*) FROM exam").fetchall()
    _held_open.con = con  # type: ignore[attr-defined]


def _written_with_its_time_put_back(data: Path) -> None:
    import os

    path = data / DB_FILENAME
    old = path.stat()
    con = sqlite3.connect(path)  # a tool that rewrites the file in place and sets its time back (cp -p, rsync -t)
    con.execute("UPDATE alembic_version SET version_num = '0013'")  # even its schema: what an older app would see
    con.commit()
    con.close()
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert path.stat().st_size == old.st_size and path.stat().st_mtime_ns == old.st_mtime_ns


@pytest.mark.parametrize("change", [_written_since, _crashed, _held_open, _written_with_its_time_put_back],
                         ids=["written since", "crash", "held open", "time put back"])
def test_figures_are_not_kept_for_a_database_that_may_have_changed(tmp_path, change) -> None:
    data = tmp_path / "data"
    with_history(data).close(snapshot=home_figures)
    assert kept_figures(data, content(data)) is not None
    change(data)
    assert kept_figures(data, content(data)) is None


@pytest.mark.parametrize("other", ["day", "bank", "code"])
def test_figures_are_not_kept_across_a_day_a_bank_or_an_app(tmp_path, monkeypatch, other) -> None:
    data = tmp_path / "data"
    with_history(data).close(snapshot=home_figures)
    loaded = content(data)
    assert snapshot.load(data, loaded[2]) is not None
    key = loaded[2]
    if other == "day":
        assert snapshot.load(data, key, today=lambda: date.today() + timedelta(days=1)) is None
        return
    if other == "bank":
        key = "another bank"
    else:
        monkeypatch.setattr(snapshot, "code_fingerprint", lambda root=snapshot.CODE_ROOT: "an upgraded app")
    assert snapshot.load(data, key) is None


def test_no_figures_are_kept_when_the_database_changes_while_they_are_read(tmp_path) -> None:
    data = tmp_path / "data"
    s = with_history(data)
    bank_key = s.bank_key
    s.close()

    def read_while_a_command_writes() -> Any:
        _written_since(data)
        return {"exams": None}

    assert not snapshot.save(data, bank_key, read_while_a_command_writes)
    assert not (data / snapshot.SNAPSHOT_FILE).exists()


def test_an_older_schema_takes_the_full_path_and_is_upgraded(qtbot, tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = open_database(f"sqlite:///{data / DB_FILENAME}", migrate=False)
    upgrade(db.engine, "0013")  # as the previous version left it
    db.dispose()
    made_up = {"exams": {"in_progress": None, "recent": [
        {"id": 1, "started": "2026-01-05T19:00:00", "test": "ZZ9", "mode": "Quick 10", "percent": 99.0,
         "correct": 99, "total": 100, "used": 60.0, "limit": None}]}, "readiness": [], "plan": None}
    assert not snapshot.save(data, content(data)[2], lambda: made_up)  # no figures are kept for an older schema
    assert kept_figures(data, content(data)) is None
    window = start(data, monkeypatch)
    qtbot.addWidget(window)
    home = window.page("home")
    try:
        with qtbot.waitSignal(home.filled, timeout=20000):
            pass
        assert not any("ZZ9" in t for t in shown(home))
        assert window.ctx.services is not None  # Home waited for the full path
        con = sqlite3.connect(data / DB_FILENAME)
        try:
            assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
        finally:
            con.close()
    finally:
        window.shutdown()


def test_after_the_data_could_not_be_loaded_nothing_waits_and_the_cursor_is_plain(qtbot, tmp_path, monkeypatch) -> None:
    from tests.dialogs import DialogAnswerer

    data = tmp_path / "data"
    data.mkdir()
    (data / DB_FILENAME).write_text("not a database, and no backup to offer\n")
    boxes = DialogAnswerer()
    window = start(data, monkeypatch)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(boxes.shown), timeout=20000)  # "Your database is damaged"
        qtbot.waitUntil(lambda: window.ctx.ops.idle, timeout=20000)
        window.show_page("practice")  # a page that would fill once the services load: they never will
        window.page("home").first_btn.click()
        assert QApplication.overrideCursor() is None
    finally:
        boxes.timer.stop()
        window.shutdown()
