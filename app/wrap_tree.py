"""A tree whose rows grow to wrap their text to the column's width: a long test name ("L3  Light
Duty Hybrid/Electric Vehicle Specialist") reads whole on two lines instead of ending in "...".

Qt's own tree sizes every row for one line whatever its `wordWrap`; this delegate gives each row
the height its text needs in the room it has, and lays the rows out again when a column's width
changes (the window, the text size, or the page's arrangement).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeWidget

Index = QModelIndex | QPersistentModelIndex


class WrapDelegate(QStyledItemDelegate):
    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        tree.setWordWrap(True)
        tree.setItemDelegate(self)
        tree.header().sectionResized.connect(lambda *_: self.sizeHintChanged.emit(QModelIndex()))

    def room(self, index: Index) -> int:
        """The width the text of `index` is drawn in: its column, less the tree's indentation."""
        tree = self.tree
        if index.column() != 0:
            return tree.columnWidth(index.column())
        depth, parent = 1 if tree.rootIsDecorated() else 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        spanned = tree.isFirstColumnSpanned(index.row(), index.parent())
        return (tree.viewport().width() if spanned else tree.columnWidth(0)) - tree.indentation() * depth

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt's name
        size = super().sizeHint(option, index)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            return size
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        fm = opt.fontMetrics
        margins = 2 * (self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.tree) + 1)
        width = max(1, self.room(index) - margins)
        high = fm.boundingRect(QRect(0, 0, width, 1 << 20), int(Qt.TextFlag.TextWordWrap), text).height()
        return QSize(size.width(), max(size.height(), high + size.height() - fm.height()))
