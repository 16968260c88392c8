"""The main window: Ctrl+Q quits (an exam pauses and is kept, as on any close); the side bar's
focus ring follows the page shown instead of staying on Home; the side bar is as wide as its
widest entry at any text size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui


def test_ctrl_q_quits(qtbot, window):
    window.activateWindow()
    window.nav_buttons["home"].setFocus()
    assert window.isVisible()
    qtbot.keyClick(window.nav_buttons["home"], Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    window.shutdown()  # what the app does once its last window closes
    qtbot.wait(100)


def test_the_focus_ring_follows_the_page_shown(qtbot, window):
    window.nav_buttons["home"].setFocus()
    qtbot.keyClick(window.nav_buttons["home"], Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() == "practice"
    assert window.focusWidget() is window.nav_buttons["practice"]
    window.ctx.navigate.emit("certs")  # a link on a page
    assert window.focusWidget() is not window.nav_buttons["home"]


def test_the_side_bar_fits_its_widest_entry_at_200_percent(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from app.theme import apply_theme

    apply_theme(QApplication.instance(), 2.0)
    try:
        qtbot.wait(50)
        window.sidebar.layout().activate()
        for key, b in window.nav_buttons.items():
            assert b.width() >= b.sizeHint().width(), key
    finally:
        apply_theme(QApplication.instance(), 1.0)
