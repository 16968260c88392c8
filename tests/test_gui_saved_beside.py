"""A save confirmation appears next to the button pressed (it was said at the top of the page or in
a far corner): Settings' Save, the study plan's exports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from tests.conftest import open_window
from tests.dialogs import ScriptedDialogs

pytestmark = pytest.mark.gui


def gap(a, b) -> int:  # type: ignore[no-untyped-def]
    """Pixels between two widgets' rectangles in their window (0 when they touch or overlap)."""
    win = a.window()
    ra = QRect(a.mapTo(win, QPoint(0, 0)), a.size())
    rb = QRect(b.mapTo(win, QPoint(0, 0)), b.size())
    dx = max(0, max(ra.left(), rb.left()) - min(ra.right(), rb.right()))
    dy = max(0, max(ra.top(), rb.top()) - min(ra.bottom(), rb.bottom()))
    return max(dx, dy)


def next_to(label, button) -> bool:  # type: ignore[no-untyped-def]
    return label.isVisible() and gap(label, button) <= button.height()


def test_settings_say_saved_beside_their_save_button(qtbot, tmp_path):
    window = open_window(qtbot, tmp_path)
    try:
        window.show_page("settings")
        page = window.page("settings")
        qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.saved.text() == "Saved.", timeout=5000)
        assert next_to(page.saved, page.save_btn), gap(page.saved, page.save_btn)
    finally:
        window.shutdown()


def test_a_plan_export_says_where_it_went_beside_the_export_buttons(qtbot, tmp_path):
    from study.planning.planner import PlanRequest

    dialogs = ScriptedDialogs()
    window = open_window(qtbot, tmp_path, dialogs=dialogs)
    try:
        window.ctx.services.plans().create(PlanRequest(("A5",), ("mon", "wed", "thu"), date.today() + timedelta(weeks=7)))
        window.show_page("plan")
        page = window.page("plan")
        qtbot.waitUntil(lambda: page.view is not None and not page.loading, timeout=10000)
        dialogs.save_paths.append(str(tmp_path / "plan.csv"))
        button = page.buttons["csv"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: (tmp_path / "plan.csv").exists(), timeout=5000)
        assert "plan.csv" in page.saved_note.text()
        assert next_to(page.saved_note, button), gap(page.saved_note, button)
    finally:
        window.shutdown()
