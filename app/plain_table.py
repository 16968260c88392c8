"""A short read-only table (Home's recent exams) that a first window can show before PySide's `Qt`
namespace exists: that namespace (some 90 enums) takes ~20 ms to create, on the first touch of
`PySide6.QtCore.Qt` or of any Python model method Qt calls with one of its enums (headerData's
orientation, flags). Here the cells go into a QStandardItemModel, which Qt reads without calling
Python, and roles are plain numbers. RowsTable (app/table_model.py) is the table for long, sorted
and filtered lists; this one takes the same Cells and reads the same way for the few calls Home uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtGui import QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.cells import Cell
from app.messages import plain_tip

# Qt::ItemDataRole's values, fixed by Qt's API
USER_ROLE = 256
ACCESSIBLE_TEXT_ROLE = 11


class PlainTable(QTableView):
    """Rows of Cells under fixed headers, in the order given; one row selected at a time."""

    def __init__(self, headers: Sequence[str], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells = QStandardItemModel(0, len(headers), self)
        self.cells.setHorizontalHeaderLabels(list(headers))
        self.setModel(self.cells)
        read_only_rows(self, name)

    def set_rows(self, rows: Iterable[Sequence[Cell]]) -> None:
        items = [[_item(c) for c in row] for row in rows]
        self.cells.setRowCount(0)
        for row in items:
            self.cells.appendRow(row)

    def rowCount(self) -> int:
        return self.cells.rowCount()

    def text(self, row: int, column: int) -> str:
        item = self.cells.item(row, column)
        return item.text() if item is not None else ""

    def row_data(self, row: int, column: int = 0) -> Any:
        item = self.cells.item(row, column)
        return item.data(USER_ROLE) if item is not None else None

    def currentRow(self) -> int:
        return self.currentIndex().row()


def read_only_rows(view: QTableView, name: str, *, multi: bool = False) -> None:
    """A table of read-only rows, chosen whole (one, or several with `multi`), every column its text's
    width and the last taking the room left; Tab leaves it, the arrow keys move inside it. Shared
    with RowsTable, and free of PySide's Qt namespace."""
    view.setAccessibleName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                          else QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)


def _item(c: Cell) -> QStandardItem:
    item = QStandardItem(c.text)
    # a cell too narrow for its text is elided: its full text is always in the tooltip
    if c.tip or c.text:
        item.setToolTip(plain_tip(c.tip or c.text))
    if c.data is not None:
        item.setData(c.data, USER_ROLE)
    if c.accessible:
        item.setData(c.accessible, ACCESSIBLE_TEXT_ROLE)
    if c.background is not None:
        item.setBackground(QBrush(c.background))
    if c.center:
        from PySide6.QtCore import Qt

        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item
