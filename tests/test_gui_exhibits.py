"""Exhibits on every screen a question appears: the exam (tables and figures, zoom from the
keyboard), study feedback, the results review and the instructor's preview."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from app.exhibit_view import ZoomDialog
from questions.bank import QuestionBank
from questions.model import Exhibit
from study.services import open_services
from tests.conftest import open_window
from tests.test_gui_exam import start_mode

pytestmark = pytest.mark.gui

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200">'
       '<rect x="10" y="10" width="380" height="180" fill="none" stroke="black"/>'
       '<text x="40" y="100" font-size="16">Test point 1: 12.4 V</text></svg>')
TABLE = Exhibit("table", "Voltage at each test point", ("Point", "Reading"), (("1", "12.4 V"), ("2", "0.3 V"), ("3", "11.9 V")))
FIGURE = Exhibit("figure", "Starter circuit", alt="A battery feeds test point 1 at 12.4 V. " * 3, data=SVG)
UNSAFE = Exhibit("figure", "A figure that may not load", alt="What the drawing would have shown, in words. " * 2,
                 data=SVG.replace("<rect", '<image href="file:///etc/passwd"/><rect'))


@pytest.fixture
def window(qtbot, tmp_path):
    services = open_services(tmp_path)
    exhibits = (TABLE, FIGURE, UNSAFE, None)
    qs = tuple(replace(q, exhibit=exhibits[i % 4]) if q.test == "A5" else q for i, q in enumerate(services.bank.questions))
    services.bank = QuestionBank(qs, services.bank.files, services.bank.problems)
    services.exams.bank = services.bank
    w = open_window(qtbot, tmp_path, services)
    yield w
    w.shutdown()


def start_drill(window, kinds):
    """A study-mode exam (explanations after each answer) on A5 questions with these exhibits, in this order."""
    from questions.exam import ExamMode, build_custom

    services = window.ctx.services
    pool = [q for q in services.bank.questions if q.test == "A5"]
    ids = []
    for kind in kinds:
        q = next(q for q in pool if q.exhibit is kind and q.id not in ids)
        ids.append(q.id)
    form = build_custom("A5", ExamMode.DRILL, ids, {i: services.bank.get(i).area for i in ids}, 1, None, shuffle=False)
    window.ctx.start_exam(services.exams.start(form, title="A5 drill"))
    return window.exam_page


def test_the_exam_shows_each_questions_exhibit_and_only_its_own(qtbot, window):
    kinds = (TABLE, FIGURE, None, UNSAFE, FIGURE, TABLE)
    exam = start_drill(window, kinds)
    seen = set()
    for _ in range(len(kinds)):
        q = exam.active.question()
        view = exam.exhibit
        assert view.isVisible() == (q.exhibit is not None)
        if q.exhibit is TABLE:
            assert view.table.isVisible() and not view.canvas.isVisible()
            assert view.table.rowCount() == 3 and view.table.item(1, 1).text() == "0.3 V"
            assert view.caption.text() == "Exhibit: Voltage at each test point"
        elif q.exhibit is FIGURE:
            assert view.canvas.isVisible() and view.canvas.renderer is not None
            assert view.canvas.height() == view.canvas.heightForWidth(view.canvas.width()) > 0
            assert view.canvas.accessibleDescription() == FIGURE.alt
            # the description stays as the learner last left it
            assert view.description.isVisible() == view.describe.isChecked()
            if not view.describe.isChecked():
                qtbot.mouseClick(view.describe, Qt.MouseButton.LeftButton)
            assert view.description.isVisible() and view.description.text() == FIGURE.alt
        elif q.exhibit is UNSAFE:
            # an SVG that refers outside itself is never rendered: the words stand in
            assert not view.canvas.isVisible() and view.description.isVisible()
            assert UNSAFE.alt in view.description.text()
        seen.add(q.exhibit)
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_A)
        assert exam.exhibit.exhibit is q.exhibit  # study feedback keeps the exhibit in view
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
    assert seen == {TABLE, FIGURE, UNSAFE, None}


def test_a_figure_opens_larger_from_the_keyboard(qtbot, window):
    exam = start_drill(window, (TABLE, FIGURE))
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_A)
    qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
    assert exam.active.question().exhibit is FIGURE
    exam.exhibit.canvas.setFocus()
    qtbot.keyClick(exam.exhibit.canvas, Qt.Key.Key_Z)
    dlg = exam.exhibit.zoom_dialog
    assert isinstance(dlg, ZoomDialog) and dlg.isVisible()
    qtbot.waitUntil(dlg.isActiveWindow)
    w0 = dlg.canvas.width()
    qtbot.keyClick(dlg, Qt.Key.Key_Plus)
    assert dlg.canvas.width() > w0
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()
    assert exam.window().focusWidget() is exam.exhibit.canvas  # back where the learner was


def test_the_results_review_shows_the_exhibit(qtbot, window):
    exam = start_mode(qtbot, window, "A5", "quick10")
    for _ in range(10):
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_A)
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.current_page() == "results", timeout=10000)
    results = window.results_page
    shown = 0
    for row in range(results.list.count()):
        results.list.setCurrentRow(row)
        it = results.result.items[results.list.currentItem().data(Qt.ItemDataRole.UserRole)]
        assert results.d_exhibit.exhibit is it.question.exhibit
        shown += it.question.exhibit is not None
    assert shown > 0
