"""The exam screen behaves like the test-centre driver: a choice is crossed out by right-click or
by its own visible button (not only the X key); "Review flagged" and "Review unanswered" walk only
their questions; time warnings are a prominent banner that does not move the question, said once
to a screen reader; the end confirmation's default is to return to the exam, so two Enters never
end one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import settled
from tests.test_gui_exam import start_mode

pytestmark = pytest.mark.gui


def test_right_click_or_the_visible_button_crosses_a_choice_out_and_back(qtbot, window):
    exam = start_mode(qtbot, window, "A5", "full")
    c = exam.choices[2]
    qtbot.mouseClick(c, Qt.MouseButton.RightButton, pos=QPoint(c.width() // 2, c.height() // 2))
    qtbot.waitUntil(lambda: c.crossed, timeout=5000)
    assert exam.active.run.state.choice is None, "a right-click is not an answer"
    cross = exam.cross_buttons[2]
    assert cross.isVisible() and cross.accessibleName() == "Restore choice C"
    qtbot.mouseClick(cross, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not c.crossed, timeout=5000)
    assert exam.cross_buttons[2].accessibleName() == "Cross out choice C"
    qtbot.mouseClick(exam.cross_buttons[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: exam.choices[0].crossed, timeout=5000)
    settled(qtbot, window)
    assert exam.active.run.state.crossed_out == frozenset("A")


def answer_and_flag(qtbot, window, exam, flag_at, answer_upto):
    for i in range(answer_upto):
        exam.go(i)
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_A)
        if i in flag_at:
            qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_F)
    settled(qtbot, window)


def test_review_flagged_walks_only_the_flagged_questions(qtbot, window):
    exam = start_mode(qtbot, window, "A5", "full")
    answer_and_flag(qtbot, window, exam, {3, 7, 20}, 25)
    exam.show_review()
    exam.review_flagged.click()
    assert exam.active.run.position == 3
    assert "flagged questions: 1 of 3" in exam.walk_note.text()
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
    assert exam.active.run.position == 7
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_N)
    assert exam.active.run.position == 20 and "flagged questions: 3 of 3" in exam.walk_note.text()
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Left)
    assert exam.active.run.position == 7
    exam.go(7)
    exam.next()
    exam.next()  # past the last flagged question: back to the review screen
    assert exam.body.currentWidget() is exam.review
    # unanswered: 25 .. 54
    exam.review_unanswered.click()
    assert exam.active.run.position == 25
    exam.next()
    assert exam.active.run.position == 26 and "unanswered questions: 2 of 30" in exam.walk_note.text()
    # choosing a number on the grid leaves the walk: Next goes to the next question again
    exam.show_review()
    exam.review.chosen.emit(3)
    assert not exam.walk_note.isVisible()
    exam.next()
    assert exam.active.run.position == 4


def test_a_time_warning_is_a_banner_that_does_not_move_the_question_and_is_said_once(qtbot, window, monkeypatch):
    from app.theme import apply_theme, colours

    apply_theme(QApplication.instance(), 1.0)  # the app's look: a quiet strip, then the warning's colours
    exam = start_mode(qtbot, window, "A5", "full")
    settled(qtbot, window)
    said = []
    monkeypatch.setattr(type(exam), "announce", lambda self, text: said.append(text))
    before = exam.stem.mapTo(exam, QPoint(0, 0))
    # the strip kept for the warnings is no empty gap: it says, quietly and unannounced, what comes there
    assert exam.banner.isVisible() and exam.banner.property("warn") == "false"
    assert exam.banner.text() == "Time warnings appear here at 15, 5 and 1 minutes left."
    quiet = exam.banner.grab().toImage().pixelColor(3, 3).name()
    assert quiet == colours()["panel"], "the quiet strip does not look like the header's own line"
    run = exam.active.run
    run._used_before += run.form.time_limit_seconds - 4 * 60  # 4 minutes left: the 5-minute warning
    exam._tick()
    qtbot.wait(50)
    assert exam.banner.isVisible() and exam.banner.text() == "⚠ 5 minutes left."
    assert exam.banner.property("warn") == "true"
    assert exam.stem.mapTo(exam, QPoint(0, 0)) == before, "the banner moved the question"
    assert exam.banner.grab().toImage().pixelColor(3, 3).name() == colours()["warn_bg"], "the warning looks quiet"
    exam._tick()
    exam._tick()
    assert len([t for t in said if "5 minutes left" in t]) == 1 and "scored as it stands" in said[-1]
    assert not [t for t in said if "appear here" in t], "the quiet line was announced"


def test_the_time_strip_names_only_the_warnings_still_to_come():
    from app.pages.exam_view import warnings_ahead

    assert warnings_ahead(None) == ""
    assert warnings_ahead(10 * 60) == "Time warnings appear here at 5 and 1 minutes left."
    assert warnings_ahead(3 * 60) == "Time warnings appear here at 1 minute left."
    assert warnings_ahead(30).startswith("No more time warnings")


def test_the_end_confirmation_defaults_to_returning_to_the_exam(qtbot, window):
    exam = start_mode(qtbot, window, "A5", "full")
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_R)
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Return)  # "End exam" on the review screen
    assert exam.body.currentWidget() is exam.confirm
    assert exam.confirm_no.text() == "Return to the exam" and exam.focusWidget() is exam.confirm_no
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Return)  # a second Enter: back to the question
    assert exam.body.currentIndex() == exam.QUESTION and exam.active is not None
    exam.ask_end()
    exam.confirm_yes.setFocus()
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() == "results", timeout=10000)
