"""A row of controls that wraps: as many on a line as fit, the rest on the next line, so a row of
buttons never makes a page wider than the window (at 200 % text a row of four buttons needs
about 1,300 px). Qt's own flow-layout example, with lines centered vertically and an option to
keep them to the right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

SPACING = 8


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, *, right: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._right = right

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Any:  # noqa: N802 - Qt's name
        from PySide6.QtCore import Qt  # here, not at import: the first window is built without Qt's namespace

        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._place(rect, move=True)

    def _gap(self) -> int:
        s = self.spacing()
        return s if s >= 0 else SPACING

    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Everything on one line."""
        shown = self._shown()
        m = self.contentsMargins()
        w = sum(i.sizeHint().width() for i in shown) + self._gap() * max(0, len(shown) - 1)
        h = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(w + m.left() + m.right(), h + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        """The widest single control: anything narrower would squash it."""
        size = QSize()
        for i in self._shown():
            size = size.expandedTo(i.minimumSize()).expandedTo(QSize(i.sizeHint().width(), 0))
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _place(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._gap()
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        used = 0
        for item in self._shown():
            hint = item.sizeHint()
            size = QSize(min(hint.width(), max(area.width(), 1)), hint.height())
            if lines[-1] and used + gap + size.width() > area.width():
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + size.width()
            lines[-1].append((item, size))
        y = area.y()
        for line in lines:
            if not line:
                continue
            height = max(s.height() for _, s in line)
            width = sum(s.width() for _, s in line) + gap * (len(line) - 1)
            x = area.x() + (area.width() - width if self._right else 0)
            for item, s in line:
                if move:
                    item.setGeometry(QRect(QPoint(x, y + (height - s.height()) // 2), s))
                x += s.width() + gap
            y += height + gap
        return y - gap - rect.y() + m.bottom() if y > area.y() else m.top() + m.bottom()
