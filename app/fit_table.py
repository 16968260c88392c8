"""Tables that fit: as tall as their rows, every row in view, no empty band under the last one and
no scroll bar of their own, the page around them scrolling instead (Results' areas, Certifications'
passes); and columns that share a table's width, wrapping only when the whole texts do not fit
(Home's recent exams at 200% text)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QTimer
from PySide6.QtWidgets import QAbstractScrollArea, QHeaderView, QScrollArea, QSizePolicy, QTableView
from shiboken6 import isValid


def fit_to_rows(table: QTableView) -> None:
    """Keep `table` exactly as tall as its rows: when rows come or go, and when a row grows (a
    narrow window or a large text wraps a long name to a second line). Qt's own measure: a view
    that adjusts to its contents asks its layout again whenever its rows change, and a fixed
    vertical policy gives it exactly that height."""
    # Qt::ScrollBarAlwaysOff by its number: Home's first window is built without PySide's Qt namespace
    table.setProperty("verticalScrollBarPolicy", 1)
    table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
    policy = table.sizePolicy()
    policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
    table.setSizePolicy(policy)
    table.setMinimumHeight(0)  # (RowsTable asks for 180 px)
    # the table no longer scrolls itself: the page follows the row the keyboard moves to
    table.selectionModel().currentChanged.connect(lambda current, _previous: _bring_into_view(table, current))


def _bring_into_view(table: QTableView, index: QModelIndex) -> None:
    """Scroll the page holding `table` so the row at `index` is in view (with a little of its neighbors)."""
    if not index.isValid() or not isValid(table) or not table.hasFocus():
        return  # a row selected by the program (Home's first fill): the page stays where it is
    area = table.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    page = area.widget() if area is not None else None
    if area is None or page is None:
        return
    row = table.visualRect(index)  # in the viewport's coordinates: it sits under the header, inside the frame
    # (not table.viewport(): its first call costs ~14 ms)
    header = table.horizontalHeader()
    below = table.frameWidth() + (0 if header.isHidden() else header.height())
    top = table.mapTo(page, QPoint(0, row.top() + below))
    area.ensureVisible(top.x(), top.y() + row.height() // 2, 0, row.height())  # its middle, and a row's height round it


class _Shares(QObject):
    """Widths for a table's columns: each its whole text while they fit; when they do not (a large
    text), the `wrapping` ones give up room, each down to its longest word, and wrap."""

    def __init__(self, table: QTableView, wrapping: tuple[int, ...]) -> None:
        super().__init__(table)
        self._table, self._wrapping = table, wrapping
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        # the table's own resizes, not its viewport's: the first call of viewport() costs ~14 ms (PySide
        # looks up the Python type of a widget Qt made), here while Home's first window is built
        table.installEventFilter(self)
        model = table.model()
        self._due = False
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.soon)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.soon()
        return False

    def soon(self, *_: object) -> None:
        """Once, after the rows being added one by one are all in."""
        if not self._due:
            self._due = True
            QTimer.singleShot(0, self.share)

    def share(self) -> None:
        self._due = False
        t = self._table
        if not isValid(t):
            return
        header, fm = t.horizontalHeader(), t.fontMetrics()
        columns = range(t.model().columnCount())
        whole = {c: max(t.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in columns}
        room = t.maximumViewportSize().width()  # the viewport's width: this table has no scroll bars
        spare = room - sum(whole.values())
        widths = dict(whole)
        if spare >= 0:
            widths[self._wrapping[0]] += spare  # the first wrapping column takes what is left
        else:
            rows = range(min(t.model().rowCount(), 60))
            least = {c: max([header.sectionSizeHint(c) // 2]
                            + [fm.horizontalAdvance(w) + 12 for r in rows
                               for w in str(t.model().index(r, c).data(0) or "").split()]) for c in self._wrapping}
            give = {c: max(0, whole[c] - least[c]) for c in self._wrapping}
            need, can = -spare, sum(give.values())
            for c in self._wrapping:  # each gives in proportion to what it can give
                widths[c] = whole[c] - (give[c] * min(need, can) // can if can else 0)
        for c, w in widths.items():
            if header.sectionSize(c) != w:
                header.resizeSection(c, w)


def share_width(table: QTableView, wrapping: tuple[int, ...]) -> None:
    """Columns at their whole text's width while they fit the table, the first of `wrapping` taking
    the room left; else the `wrapping` columns wrap (the table wraps and its rows grow), each no
    narrower than its longest word."""
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    _Shares(table, wrapping)
