"""The L1 reference during an L1 exam, as the real test hands out its composite vehicle booklet:
a button on every question and the V key open it at any time (question, review or end screen) in
a panel beside the question, at the question's own section; an open panel follows each question;
keys typed in it never answer or move the question; Esc goes back to the question with the clock
still running; the split comes back as it was left, in this run and the next; a test without a
reference shows no button and V does nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from tests.conftest import open_window
from tests.test_gui_exam import start_mode

pytestmark = pytest.mark.gui


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
    win = exam.reference.window_for("PV-1")
    assert not win.isVisible() and win.panel and win.parentWidget() is exam.split
    assert exam.ref_btn.text() == f"PV-1 reference: {win.browser.titles[anchor]} (V)"
    left = exam.active.run.remaining()
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_V)
    qtbot.waitUntil(win.isVisible, timeout=5000)
    qtbot.wait(50)
    assert win.sections.currentData() == anchor and win.browser.current_section() == anchor
    assert exam.stem.isVisible() and exam.next_btn.isVisible() and exam.timer.isVisible()  # beside, not over
    # keys typed in the reference stay there: no answer, no move, no flag
    position = exam.active.run.position
    for k in (Qt.Key.Key_A, Qt.Key.Key_2, Qt.Key.Key_N, Qt.Key.Key_F, Qt.Key.Key_P, Qt.Key.Key_V):
        qtbot.keyClick(win.browser, k)
    qtbot.keyClicks(win.search, "P0171")
    assert win.search.text() == "P0171" and win.matches
    assert exam.active.run.position == position and exam.active.run.state.choice is None
    assert not exam.active.run.state.flagged
    qtbot.keyClick(win.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5000)
    assert exam.focusWidget() in exam.choices
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
    win = exam.reference.window_for("PV-1")
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_R)
    assert exam.body.currentIndex() == exam.REVIEW
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_V)
    qtbot.waitUntil(win.isVisible, timeout=5000)
    win.close()
    exam.review_btn.setFocus() if exam.body.currentIndex() == exam.QUESTION else exam.review_end.setFocus()
    exam.ask_end()
    assert exam.body.currentIndex() == exam.CONFIRM
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_V)
    qtbot.waitUntil(win.isVisible, timeout=5000)
    assert exam.body.currentIndex() == exam.CONFIRM  # the exam is not ended by looking


def test_the_split_comes_back_as_it_was_left(qtbot, window, tmp_path):
    exam = start_mode(qtbot, window, "L1", "quick10")
    win = exam.reference.window_for("PV-1")
    exam.ref_btn.click()
    qtbot.waitUntil(win.isVisible, timeout=5000)
    total = sum(exam.split.sizes())
    exam.split.setSizes([total - 330, 330])  # the learner drags the divider: far from the 45 % it opens at
    qtbot.wait(20)
    kept = exam.split.sizes()
    win.close()
    exam.ref_btn.click()
    qtbot.waitUntil(win.isVisible, timeout=5000)
    assert exam.split.sizes() == kept
    # leaving the exam closes it; the next run of the app opens it with the same split
    exam.pause_and_leave()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=5000)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert [int(x) for x in settings.value("reference/PV-1/split")] == kept
    window.shutdown()
    second = open_window(qtbot, tmp_path)  # (its Home offers the paused exam back)
    try:
        second.resize(1600, 900)  # room for both splits beside the question's minimum width
        exam2 = second.exam_page
        second.stack.setCurrentWidget(exam2)  # the exam screen as a resumed exam shows it
        qtbot.waitUntil(lambda: exam2.split.width() > 1200, timeout=5000)
        exam2.reference.current = "PV-1"
        panel = exam2.reference.open()
        assert panel is not None and panel is not win
        restored = exam2.split.sizes()  # the kept split, fitted to this window's width
        exam2.split.setSizes(kept)
        assert exam2.split.sizes() == restored
        w = sum(restored)
        exam2.split.setSizes([w * 55 // 100, w * 45 // 100])  # what a first opening gives
        assert exam2.split.sizes() != restored
    finally:
        second.shutdown()


def test_a_test_without_a_reference_has_no_button_and_v_does_nothing(qtbot, window):
    exam = start_mode(qtbot, window, "A8", "quick10")
    assert not exam.ref_btn.isVisible()
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_V)
    win = exam.reference.window_for("PV-1")
    assert not win.isVisible() and win.panel and win.parentWidget() is exam.split


def test_the_results_open_the_reference_at_a_questions_section(qtbot, window):
    from app.reference_view import reference_window
    from tests.conftest import settled

    exam = start_mode(qtbot, window, "L1", "quick10")
    for _ in range(10):
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_1)
        qtbot.waitUntil(lambda: exam.feedback.isVisible(), timeout=5000)
        settled(qtbot, window)
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.current_page() == "results", timeout=10000)
    results = window.results_page
    rows = [results.list.item(i) for i in range(results.list.count())]
    items = results.result.items
    with_section = next(li for li in rows if "#" in (items[li.data(Qt.ItemDataRole.UserRole)].question.reference or ""))
    results.list.setCurrentItem(with_section)
    anchor = items[with_section.data(Qt.ItemDataRole.UserRole)].question.reference.split("#", 1)[1]
    assert results.d_ref.isVisible() and results.d_ref.text().startswith("PV-1 reference: ")
    results.d_ref.click()
    win = reference_window(results, "PV-1")
    qtbot.waitUntil(win.isVisible, timeout=5000)
    qtbot.wait(50)
    assert win.sections.currentData() == anchor and not win.panel
