"""Tables fit their rows: Results' areas and Certifications' passes are as tall as their rows, every
row in view, no empty band under the last and no scroll bar of their own (the page scrolls); Home's
recent exams show each mode whole ('Half-length practic...' was cut at 1024x700). And the layout
checks' cut_item: a cell or a list row cut without its full text in its tooltip is found."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem, QTableView, QTableWidget, QTableWidgetItem

from tests.layout_checks import SLACK, cut_item, settle
from tests.layout_checks import window as window  # noqa: F401 - the fixtures
from tests.layout_checks import world as world  # noqa: F401

SIZES = [(1024, 700, 1.0), (1366, 768, 2.0)]
SIZE_IDS = ["1024x700@100", "1366x768@200"]
LONG = "Hydraulic, Power Assist, and Parking Brake Systems Diagnosis and Repair"


def rows_height(table: QTableView) -> int:
    """What a table needs to show every row whole: its header, its rows, its frame."""
    header = table.horizontalHeader()
    height = table.verticalHeader().length() + 2 * table.frameWidth()
    if not header.isHidden():  # the height the table gives its header
        height += max(header.minimumHeight(), header.sizeHint().height())
    return height + (table.horizontalScrollBar().height() if table.horizontalScrollBar().isVisible() else 0)


def unfit(table: QTableView, where: str) -> list[str]:
    """A table taller or shorter than its header, its rows and its frame, or scrolling inside."""
    out = []
    if table.height() > rows_height(table) + SLACK:
        out.append(f"{where}: {table.height() - rows_height(table)} px of empty space under the last row")
    last = table.model().index(table.model().rowCount() - 1, 0)
    bottom = table.visualRect(last).bottom()
    if bottom > table.viewport().height() + SLACK:
        out.append(f"{where}: the last row ends at {bottom}, below the table's {table.viewport().height()} px")
    if table.verticalScrollBar().isVisible():
        out.append(f"{where}: scrolls inside itself")
    return out


@pytest.mark.gui
@pytest.mark.slow
@pytest.mark.parametrize("w, h, scale", SIZES, ids=SIZE_IDS)
def test_tables_are_as_tall_as_their_rows_and_modes_are_whole(qtbot, window, world, w, h, scale):
    from questions.exam import ExamMode, build_exam

    app = QApplication.instance()
    _, services = world
    win = window(w, h, scale)
    found: list[str] = []
    win.show_page("certs")
    settle(app)
    assert win.page("certs").table.rowCount() >= 2
    found += unfit(win.page("certs").table, "Certifications")

    bp = services.blueprints.get("A5")
    active = services.exams.start(build_exam(bp, services.bank.for_test("A5"), ExamMode.QUICK10, seed=3))
    win.ctx.start_exam(active)
    win.exam_page.end_exam()
    qtbot.waitUntil(lambda: win.current_page() == "results" and win.page("results").table.rowCount() > 0,
                    timeout=10000)
    settle(app)
    found += unfit(win.page("results").table, "Results")

    win.show_page("home")
    settle(app)
    recent = win.page("home").table
    model = recent.model()
    modes = [model.index(r, 2, QModelIndex()) for r in range(model.rowCount(QModelIndex()))]
    modes = [i for i in modes if "Half-length" in str(i.data())]
    assert modes, "a half-length exam among the recent ones"
    found += [f"Home: {why}" for i in modes if (why := cut_item(recent, i, tips=False))]
    assert not found, "\n".join(found)


def test_cut_item_finds_a_cut_cell_without_its_text_in_the_tooltip(qtbot):
    table = QTableWidget(1, 1)
    qtbot.addWidget(table)
    table.setColumnWidth(0, 80)
    table.setItem(0, 0, QTableWidgetItem(LONG))
    table.show()
    idx = table.model().index(0, 0)
    assert cut_item(table, idx)
    table.item(0, 0).setToolTip("Hydraulic brakes")  # a tooltip, but not the full text
    assert cut_item(table, idx)
    table.item(0, 0).setToolTip(LONG)
    assert cut_item(table, idx) is None
    assert cut_item(table, idx, tips=False), "shown cut, even with its text in the tooltip"
    table.setColumnWidth(0, 900)
    assert cut_item(table, idx, tips=False) is None


def test_cut_item_finds_a_cut_list_row(qtbot):
    rows = QListWidget()
    qtbot.addWidget(rows)
    rows.addItem(QListWidgetItem(LONG))
    rows.resize(120, 200)
    rows.show()
    assert cut_item(rows, rows.model().index(0, 0))
    rows.setWordWrap(True)  # wrapped: its row grows to the lines it needs
    rows.doItemsLayout()
    assert cut_item(rows, rows.model().index(0, 0), tips=False) is None


@pytest.mark.gui
@pytest.mark.parametrize("w, h, scale", SIZES, ids=SIZE_IDS)
def test_the_page_follows_the_keyboard_down_a_table_that_fits_its_rows(qtbot, window, w, h, scale):
    """Home's recent exams show every row and the page scrolls, not the table: moving down the rows
    with the keyboard brings each row into view, as a table that scrolls itself would."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea

    app = QApplication.instance()
    win = window(w, h, scale)
    win.show_page("home")
    settle(app)
    table = win.page("home").table
    area = next(a for a in win.page("home").findChildren(QScrollArea) if a.isAncestorOf(table))
    assert table.rowCount() > 8, "enough recent exams to reach below the window"
    table.setFocus()
    table.selectRow(0)
    for row in range(1, table.rowCount()):
        qtbot.keyClick(table, Qt.Key.Key_Down)
        settle(app)
        assert table.currentRow() == row
        rect = table.visualRect(table.model().index(row, 0))
        top = table.viewport().mapTo(area.viewport(), QPoint(0, rect.top())).y()
        assert 0 <= top and top + rect.height() <= area.viewport().height(), \
            f"row {row} is at {top}..{top + rect.height()}, outside the page's {area.viewport().height()} px"
