"""The set builder's "Due" check box sits on its date field's line (it was centred on the field and
the day in words under it, half a line low), at 1024x700 and at 1366x768 with 200% text; ticking it
turns the field on, and the day in words sits under the field."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from tests.layout_checks import SLACK, settle
from tests.layout_checks import window as window  # noqa: F401 - the fixtures
from tests.layout_checks import world as world  # noqa: F401

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.mark.parametrize("w, h, scale", [(1024, 700, 1.0), (1366, 768, 2.0)], ids=["1024x700@100", "1366x768@200"])
def test_the_due_check_box_is_on_its_date_fields_line(window, w, h, scale):
    win = window(w, h, scale)
    win.show_page("instructor")
    settle(QApplication.instance())
    build = win.page("instructor").build
    box, field = build.due_check, build.due_edit.edit
    top = field.mapTo(win, QPoint(0, 0)).y()
    middle = box.mapTo(win, QPoint(0, box.height() // 2)).y()
    assert abs(middle - (top + field.height() // 2)) <= 2 * SLACK, (
        f"the check box's middle is at {middle}, the field's line runs {top} to {top + field.height()}")
    assert box.mapTo(win, QPoint(box.width(), 0)).x() <= field.mapTo(win, QPoint(0, 0)).x(), "before the field"
    words = build.due_edit.words
    assert words.text() and abs(words.mapTo(win, QPoint(0, 0)).x() - field.mapTo(win, QPoint(0, 0)).x()) <= SLACK, \
        "the day in words starts under the field, not under the check box"
    assert not field.isEnabled()
    box.click()
    assert field.isEnabled() and build.due_edit.pick.isEnabled()
