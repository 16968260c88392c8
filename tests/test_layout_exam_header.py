"""The exam's header shows its title whole, on a line of its own above the question counter and the
clock, at 1024x700 and at 1366x768 with 200% text ('A5 Full-length sim...' beside the counter
read nowhere but in a tooltip)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from tests.layout_checks import SLACK, settle
from tests.layout_checks import window as window  # noqa: F401 - the fixtures
from tests.layout_checks import world as world  # noqa: F401

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.mark.parametrize("w, h, scale", [(1024, 700, 1.0), (1366, 768, 2.0)], ids=["1024x700@100", "1366x768@200"])
def test_the_exam_title_is_whole_above_the_counter(window, world, w, h, scale):
    from questions.exam import ExamMode, build_exam

    _, services = world
    win = window(w, h, scale)
    bp = services.blueprints.get("A5")
    active = services.exams.start(build_exam(bp, services.bank.for_test("A5"), ExamMode.FULL, seed=4))
    win.ctx.start_exam(active)
    settle(QApplication.instance())
    view = win.exam_page
    title, counter = view.title, view.counter

    assert title.isVisible() and title.text() == active.title, f"the title reads {title.text()!r}"
    need = title.heightForWidth(title.width()) if title.wordWrap() else title.sizeHint().height()
    assert title.height() + SLACK >= need and title.width() + SLACK >= title.minimumSizeHint().width(), "cut"
    right = title.mapTo(win, QPoint(title.width(), 0)).x()
    assert right <= win.width(), f"the title runs past the window's edge ({right} > {win.width()})"
    title_bottom = title.mapTo(win, QPoint(0, title.height())).y()
    counter_top = counter.mapTo(win, QPoint(0, 0)).y()
    assert title_bottom <= counter_top + SLACK, "the title sits beside the counter, not above it"
    assert counter.text().startswith("Question 1 of")
