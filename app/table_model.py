"""Tables with many rows (the hand-pick list, item analysis, a class's gradebook, the live class) as
a model and a view: the rows are plain data, each cell's text shown as written (never as rich text),
sorted by the value behind it, filtered without rebuilding anything.

    table = RowsTable(["Student", "Score"], "Gradebook")
    table.set_rows([[cell("Dana Smith"), number("60 %", 60.0)], ...])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QTableView, QWidget

from app.cells import Cell, cell, number, source  # noqa: F401 - the pages take the cells from here too
from app.messages import plain_tip
from app.plain_table import read_only_rows

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Rows of Cells under fixed headers; one column may be a tick box (`checkable`)."""

    checked_changed = Signal()

    def __init__(self, headers: Sequence[str], checkable: int | None = None) -> None:
        super().__init__()
        self.headers = list(headers)
        self.rows: list[list[Cell]] = []
        self.checkable = checkable
        self.checked: set[Any] = set()  # the data of the ticked rows' checkable cells

    def set_headers(self, headers: Sequence[str]) -> None:
        self.beginResetModel()
        self.headers = list(headers)
        self.endResetModel()

    def set_rows(self, rows: Iterable[Sequence[Cell]]) -> None:
        self.beginResetModel()
        self.rows = [list(r) for r in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and \
                0 <= section < len(self.headers):
            return self.headers[section]
        return None

    def cell(self, row: int, column: int) -> Cell | None:
        if 0 <= row < len(self.rows) and 0 <= column < len(self.rows[row]):
            return self.rows[row][column]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        c = self.cell(index.row(), index.column()) if index.isValid() else None
        if c is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return c.text
        if role == SORT_ROLE:
            return c.key()
        if role == Qt.ItemDataRole.UserRole:
            return c.data
        if role == Qt.ItemDataRole.ToolTipRole:
            # a cell too narrow for its text is elided: its full text is always in the tooltip
            return plain_tip(c.tip) if c.tip else (plain_tip(c.text) if c.text else None)
        if role == Qt.ItemDataRole.TextAlignmentRole and c.center:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            return c.background
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return c.accessible or c.text
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.checkable:
            return Qt.CheckState.Checked if c.data in self.checked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.checkable:
            f |= Qt.ItemFlag.ItemIsUserCheckable
        return f

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        c = self.cell(index.row(), index.column()) if index.isValid() else None
        if c is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != self.checkable:
            return False
        on = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        (self.checked.add if on else self.checked.discard)(c.data)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True


class _Filter(QSortFilterProxyModel):
    def __init__(self, model: RowsModel) -> None:
        super().__init__()
        self.rows_model = model
        self.keep: Callable[[Sequence[Cell]], bool] | None = None
        self.setSourceModel(model)
        self.setSortRole(SORT_ROLE)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        return self.keep is None or self.keep(self.rows_model.rows[source_row])

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:  # a number beside a word: numbers first
            return isinstance(a, int | float)


class ShownCell:
    """A cell of the table as shown (sorted and filtered), read the way a QTableWidgetItem is."""

    def __init__(self, table: RowsTable, row: int, column: int) -> None:
        self._index = table.proxy.index(row, column)
        self._table = table

    def text(self) -> str:
        return str(self._index.data(Qt.ItemDataRole.DisplayRole) or "")

    def data(self, role: int = Qt.ItemDataRole.UserRole) -> Any:
        return self._index.data(role)

    def toolTip(self) -> str:
        return str(self._index.data(Qt.ItemDataRole.ToolTipRole) or "")

    def checkState(self) -> Qt.CheckState:
        value = self._index.data(Qt.ItemDataRole.CheckStateRole)
        return Qt.CheckState.Checked if value in (Qt.CheckState.Checked, 2) else Qt.CheckState.Unchecked

    def setCheckState(self, state: Qt.CheckState) -> None:
        self._table.proxy.setData(self._index, state, Qt.ItemDataRole.CheckStateRole)


class RowsTable(QTableView):
    """A read-only table of plain-text cells: sortable, filterable, keyboard-friendly."""

    checked_changed = Signal()
    selection_changed = Signal()

    def __init__(self, headers: Sequence[str], name: str, *, sortable: bool = True, multi: bool = False,
                 checkable: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_model = RowsModel(headers, checkable)
        self.proxy = _Filter(self.rows_model)
        self.setModel(self.proxy)
        self.selectionModel().selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self.rows_model.checked_changed.connect(self.checked_changed.emit)
        read_only_rows(self, name, multi=multi)
        self.setSortingEnabled(sortable)
        if sortable:
            self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.setMinimumHeight(180)

    # -- filling
    def set_rows(self, rows: Iterable[Sequence[Cell]]) -> None:
        self.rows_model.set_rows(rows)

    def set_headers(self, headers: Sequence[str]) -> None:
        self.rows_model.set_headers(headers)

    def set_filter(self, keep: Callable[[Sequence[Cell]], bool] | None) -> None:
        """Show only the rows `keep` accepts (None: all of them)."""
        self.proxy.beginFilterChange()
        self.proxy.keep = keep
        self.proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    # -- reading, in the order shown
    def rowCount(self) -> int:
        return self.proxy.rowCount()

    def columnCount(self) -> int:
        return self.proxy.columnCount()

    def item(self, row: int, column: int) -> ShownCell:
        return ShownCell(self, row, column)

    def text(self, row: int, column: int) -> str:
        return self.item(row, column).text()

    def currentRow(self) -> int:
        return self.currentIndex().row()

    def selected_data(self, column: int = 0) -> list[Any]:
        """The data of the selected rows' cells in `column`, top to bottom."""
        rows = sorted({i.row() for i in self.selectionModel().selectedRows()})
        return [self.proxy.index(r, column).data(Qt.ItemDataRole.UserRole) for r in rows]

    # -- the tick box column
    def checked(self) -> list[Any]:
        """The data of the ticked rows, in the rows' own order."""
        col = self.rows_model.checkable
        if col is None:
            return []
        return [r[col].data for r in self.rows_model.rows if r[col].data in self.rows_model.checked]

    def set_checked(self, keys: Iterable[Any]) -> None:
        m = self.rows_model
        m.checked = set(keys)
        if m.checkable is not None and m.rows:
            top, bottom = m.index(0, m.checkable), m.index(len(m.rows) - 1, m.checkable)
            m.dataChanged.emit(top, bottom, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
