"""Starting anything while an exam is unfinished asks once, whichever way it is started (a practice
mode, a Category drill, a practice set opened from its file): No leaves the unfinished exam as it
was and starts nothing; Yes closes it unfinished (its answers kept) and starts the new one."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import open_window, settled
from tests.dialogs import ScriptedDialogs

pytestmark = pytest.mark.gui


def rows(services, sql):  # type: ignore[no-untyped-def]
    con = sqlite3.connect(services.db.url.removeprefix("sqlite:///"))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def start_by(way: str, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if way == "practice mode":
        window.ctx.practise.emit("A5", "quick10")
    elif way == "drill":
        window.ctx.drill.emit("A5", "A")
    else:
        from app.application import open_file
        from study.classroom.sets import build_set, save_set

        s = window.ctx.services
        path = tmp_path / "week3.aseset"
        if not path.exists():
            save_set(build_set("Week 3 brakes", "A5", s.bank.for_test("A5")[:6], instructor="Ms. Rivera"), path)
        open_file(window, window.ctx, str(path))


@pytest.mark.parametrize("way", ["practice mode", "drill", "practice set"])
def test_each_way_of_starting_asks_once_about_the_unfinished_exam(qtbot, tmp_path, way):
    from questions.exam import ExamMode
    from study.services import open_services

    services = open_services(tmp_path)
    old = services.exams.start(services.exams.draw(services.blueprints.get("A5"), ExamMode.HALF, seed=5), title="Mine")
    old.start()
    old.answer("C")
    old.pause()
    opens_a_set = way == "practice set"  # a set first shows what it holds and asks to start it
    dialogs = ScriptedDialogs(answers=[True, False, True, True] if opens_a_set else [False, True])
    window = open_window(qtbot, tmp_path, services, dialogs)
    try:
        start_by(way, window, tmp_path)
        qtbot.waitUntil(lambda: any(t == "An exam is not finished" for t, _ in dialogs.asked), timeout=10000)
        settled(qtbot, window)
        assert window.current_page() != "exam"
        assert rows(services, f"SELECT state FROM exam WHERE id = {old.exam_id}") == [("in_progress",)]
        assert rows(services, "SELECT COUNT(*) FROM exam") == [(1,)]  # nothing else was started

        start_by(way, window, tmp_path)
        qtbot.waitUntil(lambda: window.current_page() == "exam", timeout=10000)
        settled(qtbot, window)
        asked = [text for title, text in dialogs.asked if title == "An exam is not finished"]
        assert len(asked) == 2 and all(text.startswith("Mine is not finished") for text in asked)
        assert rows(services, f"SELECT state FROM exam WHERE id = {old.exam_id}") == [("abandoned",)]
        assert rows(services, f"SELECT choice FROM response WHERE exam_id = {old.exam_id} AND choice IS NOT NULL") \
            == [("C",)]  # its answer stays in the history
        new = window.exam_page.active
        assert new.exam_id != old.exam_id
        assert rows(services, "SELECT state FROM exam WHERE state = 'in_progress'") == [("in_progress",)]
    finally:
        window.shutdown()
