"""Practice shows every test's name whole: the list beside the details while both have room, the
list above the details at large text (1366x768 at 200%), and a long name on two lines rather
than cut to "A7 Heati..." (tests/test_layout.py checks every row at every size)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

pytestmark = pytest.mark.gui


def _arranged(qtbot, window, w: int, h: int, scale: float):  # type: ignore[no-untyped-def]
    from app.theme import apply_theme

    apply_theme(QApplication.instance(), scale, theme="light")
    window.resize(w, h)
    window.show_page("practice")
    page = window.page("practice")
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() > 0, timeout=10000)
    qtbot.wait(50)
    tree_box = page.tree.geometry().translated(page.tree.parentWidget().mapTo(page, QPoint(0, 0)))
    details_top_left = page.details.mapTo(page, QPoint(0, 0))
    return page, tree_box, details_top_left


def test_the_list_goes_above_the_details_at_large_text_and_beside_them_at_the_default(qtbot, window):
    from app.theme import apply_theme

    try:
        page, tree, details = _arranged(qtbot, window, 1366, 768, 2.0)
        assert page.stacked
        assert details.y() > tree.bottom(), "the details sit under the list at 200%"
        item = page.tree.topLevelItem(0).child(0)
        assert page.tree.visualItemRect(item).width() >= page.tree.fontMetrics().horizontalAdvance(item.text(0))

        # a test picked with the mouse brings its details' heading into view, under the list
        area = next(a for a in page.findChildren(QScrollArea) if a.accessibleName() == "Practice page")
        area.verticalScrollBar().setValue(0)
        a5 = next(page.tree.topLevelItem(0).child(i) for i in range(page.tree.topLevelItem(0).childCount())
                  if page.tree.topLevelItem(0).child(i).text(0).startswith("A5"))
        page.tree.scrollToItem(a5)
        qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=page.tree.visualItemRect(a5).center())
        qtbot.waitUntil(lambda: page.title.text().startswith("A5"), timeout=5000)
        top = page.title.mapTo(area.viewport(), QPoint(0, 0)).y()
        assert 0 <= top and top + page.title.height() <= area.viewport().height(), "the details' heading is in view"

        page, tree, details = _arranged(qtbot, window, 1024, 700, 1.0)
        assert not page.stacked
        assert details.x() > tree.right() and details.y() < tree.bottom(), "the details beside the list at 100%"
    finally:
        apply_theme(QApplication.instance(), 1.0, theme="system")
