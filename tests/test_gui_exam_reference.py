"""The L1 reference during an L1 exam, as the real test hands out its composite vehicle booklet:
a button on every question and the V key open it at any time (question, review or end screen),
at the question's own section; an open window follows each question; Esc goes back to the
question with the clock still running; the window comes back where it was left, in this run and
the next; a test without a reference shows no button and V does nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings, QSize, Qt

from app.reference_view import open_reference, reference_window
from tests.conftest import open_window
from tests.test_gui_exam import start_mode

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    yield w
    w.shutdown()


def _section(exam):
    ref = exam.active.question().reference
    return ref.split("#", 1)[1] if ref and "#" in ref else ""


def _to_question_with_section(qtbot, exam, start=0):
    """Move forward (N) to the first question from `start` whose reference names a section."""
    while not _section(exam) or exam.active.run.position < start:
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_N)
    return _section(exam)


def test_v_opens_the_reference_at_the_questions_section_and_esc_goes_back(qtbot, window):
    exam = start_mode(qtbot, window, "L1", "full")
    assert exam.ref_btn.isVisible() and "PV-1 reference" in exam.ref_btn.text()
    anchor = _to_question_with_section(qtbot, exam)
    win = reference_window(exam, "PV-1")
    assert not win.isVisible()
    assert exam.ref_btn.text() == f"PV-1 reference: {win.browser.titles[anchor]} (V)"
    left = exam.active.run.remaining()
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_V)
    qtbot.waitUntil(win.isVisible, timeout=5000)
    qtbot.wait(50)
    assert win.sections.currentData() == anchor and win.browser.current_section() == anchor
    qtbot.keyClick(win.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5000)
    assert exam.active is not None and exam.clock.isActive() and exam.active.run.remaining() <= left
    # with the window open, the next question with another section takes it there
    exam.ref_btn.click()
    qtbot.waitUntil(win.isVisible, timeout=5000)
    position = exam.active.run.position
    exam.go(position + 1)
    nxt = _to_question_with_section(qtbot, exam, position + 1)
    assert win.sections.currentData() == nxt


def test_the_reference_opens_from_the_review_and_end_screens_too(qtbot, window):
    exam = start_mode(qtbot, window, "L1", "half")
    win = reference_window(exam, "PV-1")
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_R)
    assert exam.body.currentIndex() == exam.REVIEW
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_V)
    qtbot.waitUntil(win.isVisible, timeout=5000)
    win.close()
    exam.ask_end()
    assert exam.body.currentIndex() == exam.CONFIRM
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_V)
    qtbot.waitUntil(win.isVisible, timeout=5000)
    assert exam.body.currentIndex() == exam.CONFIRM  # the exam is not ended by looking


def test_the_window_comes_back_where_it_was_left(qtbot, window, tmp_path):
    exam = start_mode(qtbot, window, "L1", "quick10")
    win = reference_window(exam, "PV-1")
    exam.ref_btn.click()
    qtbot.waitUntil(win.isVisible, timeout=5000)
    win.resize(QSize(600, 500))
    win.move(QPoint(40, 30))
    qtbot.wait(20)
    win.close()
    place = win.geometry()
    exam.ref_btn.click()
    qtbot.waitUntil(win.isVisible, timeout=5000)
    assert win.geometry().size() == place.size()
    win.close()
    # the next run of the app opens it there as well (the geometry is kept in the settings file)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert settings.value("reference/PV-1/geometry") is not None
    window.shutdown()
    second = open_window(qtbot, tmp_path)  # (its Home offers the paused exam back; no exam is needed)
    try:
        win2 = open_reference(second.exam_page, "PV-1", second.ctx.settings)
        assert win2 is not None and win2 is not win
        qtbot.waitUntil(win2.isVisible, timeout=5000)
        assert win2.size() == place.size()
    finally:
        second.shutdown()


def test_a_test_without_a_reference_has_no_button_and_v_does_nothing(qtbot, window):
    exam = start_mode(qtbot, window, "A8", "quick10")
    assert not exam.ref_btn.isVisible()
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_V)
    win = reference_window(exam, "PV-1")
    assert not win.isVisible()
