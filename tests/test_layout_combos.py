"""Every combo box on every page is as wide as its longest item (up to about 30 characters, the
rest ending in "..." with the whole choice in its tooltip), and its open list shows every item
whole, wrapping a long one (T4's area A is 113 characters), never wider than the window,
at 1024x700 and at 1366x768 with 200% text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox

from app.fit_combo import WIDEST
from tests.layout_checks import PAGES, SLACK, cut_item, describe, settle
from tests.layout_checks import window as window  # noqa: F401 - the fixtures
from tests.layout_checks import world as world  # noqa: F401

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def narrow(box: QComboBox) -> str | None:
    """A box whose text field is narrower than its longest item, up to WIDEST characters."""
    fm = box.fontMetrics()
    longest = max((fm.horizontalAdvance(box.itemText(i)) for i in range(box.count())), default=0)
    need = min(longest, fm.averageCharWidth() * WIDEST)
    opt = QStyleOptionComboBox()
    box.initStyleOption(opt)
    field = box.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                       QStyle.SubControl.SC_ComboBoxEditField, box).width()
    return f"its text field is {field} px, its items need {need}" if field + 4 * SLACK < need else None


def cut_list(box: QComboBox) -> list[str]:
    """What the open list cuts: an item not shown whole, or a list wider than the window."""
    app = QApplication.instance()
    box.showPopup()
    settle(app, 20)
    view = box.view()
    try:
        out = [why for r in range(box.count())
               if (why := cut_item(view, box.model().index(r, box.modelColumn(), QModelIndex()), tips=False))]
        frame = view.window().geometry()  # (Qt keeps it on the screen: the test's is smaller than the window)
        if frame.width() > box.window().width():
            out.append(f"its list is {frame.width()} px, wider than the {box.window().width()} px window")
        return out
    finally:
        box.hidePopup()


@pytest.mark.parametrize("w, h, scale", [(1024, 700, 1.0), (1366, 768, 2.0)], ids=["1024x700@100", "1366x768@200"])
def test_every_combo_box_fits_its_items_and_its_list_shows_them_whole(window, w, h, scale):
    win = window(w, h, scale)
    app = QApplication.instance()
    found: list[str] = []
    seen = 0

    def check(where: str) -> None:
        nonlocal seen
        settle(app)
        for box in win.findChildren(QComboBox):
            if not box.isVisibleTo(win) or box.count() == 0:
                continue
            seen += 1
            found.extend(f"{where}: {describe(box)}: {why}" for why in (narrow(box), *cut_list(box)) if why)

    for page in PAGES:
        win.show_page(page)
        check(page)
        if page == "instructor":
            tabs = win.page("instructor").tabs
            for i in range(1, tabs.count()):
                tabs.setCurrentIndex(i)
                if tabs.tabText(i) == "My questions":  # T4's area A: "Air Brakes Diagnosis and Repair (air supply & ..."
                    mine = win.page("instructor").questions
                    mine.map_test.setCurrentIndex(mine.map_test.findData("T4"))
                    assert mine.map_area.findText("Air Brakes", Qt.MatchFlag.MatchContains) >= 0
                check(f"instructor {tabs.tabText(i)}")
            tabs.setCurrentIndex(0)
    assert seen >= 10, f"only {seen} combo boxes seen"
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)
