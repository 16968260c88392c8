"""Drive the real app with the keyboard, as a learner would, and check the result screen's
numbers against the database."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from tests.conftest import settled

pytestmark = pytest.mark.gui


def db_rows(window, sql):
    path = window.ctx.services.db.url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def key(qtbot, widget, k, text=""):
    qtbot.keyClick(widget, k)


def start_mode(qtbot, window, test, mode):
    window.show_page("practice")
    practice = window.page("practice")
    practice.select_test(test)
    button = practice.mode_buttons[mode]
    assert button.isEnabled(), button.text()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.current_page() == "exam", timeout=10000)  # once the exam is stored
    return window.exam_page


def test_quick10_with_the_keyboard_shows_explanations_and_a_matching_result(qtbot, window):
    exam = start_mode(qtbot, window, "A5", "quick10")
    assert exam.active.form.time_limit_seconds is None and not exam.timer.isVisible()
    keys = [Qt.Key.Key_1, Qt.Key.Key_B, Qt.Key.Key_3, Qt.Key.Key_D, Qt.Key.Key_A] * 2
    for i, k in enumerate(keys):
        assert exam.counter.text() == f"Question {i + 1} of 10"
        qtbot.keyClick(exam.focusWidget(), k)
        # study mode: the verdict and explanation appear once the answer is stored, and the answer is locked
        qtbot.waitUntil(lambda: exam.feedback.isVisible(), timeout=5000)
        assert exam.feedback_text.text() == exam.active.question().explanation
        locked_choice = exam.active.run.state.choice
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_C if locked_choice != "C" else Qt.Key.Key_A)
        settled(qtbot, window)
        assert exam.active.run.state.choice == locked_choice
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() == "results", timeout=10000)
    exam_id, correct, total = db_rows(window, "SELECT id, score_correct, score_total FROM exam")[0]
    assert total == 10
    stored = db_rows(window, f"SELECT COUNT(*) FROM response WHERE exam_id = {exam_id} AND correct = 1")[0][0]
    assert stored == correct
    headline = window.results_page.headline.text()
    assert f"({correct} of 10 scored questions right)" in headline
    assert db_rows(window, f"SELECT COUNT(*) FROM response WHERE exam_id = {exam_id} AND choice IS NULL")[0][0] == 0


def test_full_length_a5_simulation_with_the_keyboard(qtbot, window):
    exam = start_mode(qtbot, window, "A5", "full")
    run = exam.active.run
    n = len(run)
    assert run.form.scored_count == 45 and n == 55
    assert exam.timer.isVisible() and exam.timer.text() == "1:15:00"
    assert not exam.feedback.isVisible()
    letters = [Qt.Key.Key_A, Qt.Key.Key_2, Qt.Key.Key_C, Qt.Key.Key_4]
    for i in range(n - 3):  # leave the last three unanswered
        qtbot.keyClick(exam.focusWidget(), letters[i % 4])
        assert not exam.feedback.isVisible(), "no feedback in an exam mode"
        if i % 10 == 0:
            qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_F)
        if i == 5:  # cross out the focused choice, then change the answer
            exam.choices[3].setFocus()
            qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_X)
            qtbot.waitUntil(lambda: exam.choices[3].crossed, timeout=5000)  # shown once stored
            assert "crossed out" in exam.choices[3].accessibleName()
            qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_C)  # change the answer from B to C
            qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_C)  # pressing it again keeps it
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
    assert exam.counter.text() == f"Question {n - 2} of {n}"
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Left)  # back one, change nothing
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_N)
    assert exam.counter.text() == f"Question {n - 2} of {n}"
    # review screen: counts, and a jump to the first unanswered question
    settled(qtbot, window)  # the review counts what is stored
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_R)
    assert exam.body.currentWidget() is exam.review
    flagged = len(range(0, n - 3, 10))
    assert exam.review_counts.text() == f"{n - 3} answered, 3 unanswered, {flagged} flagged."
    exam.review_unanswered.click()
    assert exam.counter.text() == f"Question {n - 2} of {n}"
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_R)
    exam.review_end.setFocus()
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Return)
    assert exam.confirm_text.text() == f"3 unanswered, {flagged} flagged. End the exam?"
    assert exam.focusWidget() is exam.confirm_no  # the default returns to the exam
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Tab)
    assert exam.focusWidget() is exam.confirm_yes
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() == "results", timeout=10000)

    exam_id = db_rows(window, "SELECT id FROM exam")[0][0]
    rows = db_rows(window, f"SELECT area, scored, correct, choice, flagged FROM response WHERE exam_id = {exam_id}")
    assert sum(1 for r in rows if r[3] is not None) == n - 3
    assert sum(1 for r in rows if r[4]) == flagged
    assert db_rows(window, f"SELECT choice, crossed_out FROM response WHERE exam_id = {exam_id} AND position = 5") == [("C", "D")]
    right = sum(1 for r in rows if r[1] and r[2])
    assert f"({right} of 45 scored questions right)" in window.results_page.headline.text()
    table = window.results_page.table
    for row in range(table.rowCount()):
        area = table.item(row, 0).text()
        area_right = sum(1 for r in rows if r[0] == area and r[1] and r[2])
        area_total = sum(1 for r in rows if r[0] == area and r[1])
        assert table.item(row, 2).text() == f"{area_right} of {area_total}"
    assert "10 unscored research questions did not count" in window.results_page.subline.text()
    # the review lists every question; "wrong only" hides the right ones
    assert window.results_page.list.count() == n
    window.results_page.filters["wrong"].setChecked(True)
    assert window.results_page.list.count() == n - sum(1 for r in rows if r[2])


def test_every_exam_control_has_an_accessible_name_and_takes_tab_focus(qtbot, window):
    exam = start_mode(qtbot, window, "A5", "half")
    from PySide6.QtWidgets import QAbstractButton

    buttons = [b for b in exam.findChildren(QAbstractButton) if b.isVisible()]
    assert buttons
    for b in buttons:
        assert b.accessibleName() or b.text(), b
        assert b.focusPolicy() & Qt.FocusPolicy.TabFocus, b.accessibleName()


def test_the_event_loop_keeps_running_through_an_exam(qtbot, window):
    """A learner answering at speed: the event loop runs between key presses and no key press does
    blocking work on the GUI thread. Database work there is caught by every test (tests/gui_thread.py);
    this one catches the other kind, a module imported on the first use of a screen (a slow import
    mid-exam). How long a press takes is measured in benchmarks/bench_exam.py, not asserted here."""
    import sys

    from app.lagprobe import LagProbe

    exam = start_mode(qtbot, window, "A5", "full")
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
    for key in (keys[0], Qt.Key.Key_Right, Qt.Key.Key_Left):  # the screen's first use may import; later ones not
        qtbot.keyClick(exam.focusWidget(), key)
        qtbot.wait(15)
    before = set(sys.modules)
    probe = LagProbe()
    probe.start()
    for i in range(20):
        qtbot.keyClick(exam.focusWidget(), keys[i % 4])
        qtbot.wait(15)  # let the loop run between presses, as a person's pace does
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
        qtbot.wait(15)
    probe.stop()
    assert probe.ticks > 20, "the event loop did not run between key presses"
    imported = sorted(set(sys.modules) - before)
    assert not imported, f"modules imported on the GUI thread mid-exam: {imported[:10]}"
