"""A row of controls that wraps: as many on a line as fit, the rest on the next line, so a row of
buttons never makes a page wider than the window (at 200 % text a row of four buttons needs
about 1,300 px).

A widget that places its children itself, not a QLayout subclass: a layout written in Python keeps
Qt's layout items in a Python list, and PySide then crashes now and then when the application's
style is set again (a theme or text-size change) while such a row lives.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QRect, QSize
from PySide6.QtWidgets import QSizePolicy, QWidget

SPACING = 8
_RELAYOUT = (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.LayoutRequest, QEvent.Type.FontChange,
             QEvent.Type.StyleChange)


class WrapRow(QWidget):
    def __init__(self, controls: Iterable[QWidget], *, right: bool = False) -> None:
        super().__init__()
        self._controls = list(controls)
        self._right = right
        for c in self._controls:
            c.setParent(self)
            c.installEventFilter(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _shown(self) -> list[QWidget]:
        return [c for c in self._controls if not c.isHidden()]

    def _lines(self, width: int) -> list[list[tuple[QWidget, QSize]]]:
        lines: list[list[tuple[QWidget, QSize]]] = [[]]
        used = 0
        for c in self._shown():
            hint = c.sizeHint().expandedTo(c.minimumSizeHint())
            size = QSize(min(hint.width(), max(width, 1)), hint.height())
            if lines[-1] and used + SPACING + size.width() > width:
                lines.append([])
                used = 0
            used += (SPACING if lines[-1] else 0) + size.width()
            lines[-1].append((c, size))
        return [line for line in lines if line]

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        lines = self._lines(width)
        return sum(max(s.height() for _, s in line) for line in lines) + SPACING * max(0, len(lines) - 1)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """Everything on one line."""
        shown = [c.sizeHint() for c in self._shown()]
        width = sum(s.width() for s in shown) + SPACING * max(0, len(shown) - 1)
        return QSize(width, max((s.height() for s in shown), default=0))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The widest single control: anything narrower would squash it."""
        widest = max((c.sizeHint().width() for c in self._shown()), default=0)
        return QSize(widest, self.heightForWidth(widest) if widest else 0)

    def resizeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._place()

    def event(self, event: QEvent) -> bool:
        """A child's size hint changed (a button's new text): Qt tells the child's parent, this row."""
        if event.type() == QEvent.Type.LayoutRequest:
            self._measure()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _RELAYOUT:
            self._measure()
        return False

    def _measure(self) -> None:
        self.updateGeometry()  # the layout holding this row asks its (height for) width again
        self._place()

    def _place(self) -> None:
        width = self.width()
        y = 0
        for line in self._lines(width):
            height = max(s.height() for _, s in line)
            used = sum(s.width() for _, s in line) + SPACING * (len(line) - 1)
            x = width - used if self._right else 0
            for c, s in line:
                c.setGeometry(QRect(x, y + (height - s.height()) // 2, s.width(), s.height()))
                x += s.width() + SPACING
            y += height + SPACING
