"""Time up in the GUI: at zero the exam submits itself, as at a test centre, with what was stored
so far, and the result says why. The exam's clock is the test's own (no waiting)."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from tests.conftest import FakeClock, open_window, settled

pytestmark = pytest.mark.gui


def test_a_timed_exam_submits_itself_at_zero_with_the_answers_given(qtbot, tmp_path):
    from app.pages.exam import TIMED_OUT
    from study.services import open_services

    services = open_services(tmp_path)
    clock = FakeClock()
    services.exams.clock = clock
    window = open_window(qtbot, tmp_path, services)
    try:
        window.ctx.practise.emit("A5", "half")
        qtbot.waitUntil(lambda: window.current_page() == "exam", timeout=10000)
        exam = window.exam_page
        limit, scored = exam.active.run.form.time_limit_seconds, exam.active.run.form.scored_count
        assert limit
        for letter in (Qt.Key.Key_1, Qt.Key.Key_2):
            qtbot.keyClick(exam.focusWidget(), letter)
            qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
        settled(qtbot, window)
        exam_id = exam.active.exam_id
        clock.advance(limit - 30)
        qtbot.waitUntil(lambda: exam.timer.text() == "0:30", timeout=5000)
        assert window.current_page() == "exam"  # 30 seconds left: still answering
        clock.advance(31)  # past zero: the next tick of the page's clock submits it
        qtbot.waitUntil(lambda: window.current_page() == "results", timeout=10000)
        settled(qtbot, window)
        assert window.results_page.notice.text().startswith(TIMED_OUT)
        con = sqlite3.connect(services.db.url.removeprefix("sqlite:///"))
        try:
            state, correct, total = con.execute(
                f"SELECT state, score_correct, score_total FROM exam WHERE id = {exam_id}").fetchone()
            answered = con.execute(f"SELECT position, choice FROM response WHERE exam_id = {exam_id} "
                                   "AND choice IS NOT NULL ORDER BY position").fetchall()
        finally:
            con.close()
        assert state == "finished" and answered == [(0, "A"), (1, "B")]
        assert total == scored and correct is not None and correct <= 2  # every unanswered one counts as wrong
    finally:
        window.shutdown()
