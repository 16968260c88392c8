"""A push button whose text wraps to the width it is given (a Practice mode card, a study session's
Start button), so a long label never makes a page scroll sideways or gets cut off. `text()` and
`setText()` work as on any button; the text is plain, never HTML."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy

LEAST_CHARS = 14  # the narrowest the button goes, in average characters


class WrapButton(QPushButton):
    def __init__(self, text: str = "", object_name: str = "") -> None:
        super().__init__()
        if object_name:
            self.setObjectName(object_name)
        self.label = QLabel()
        self.label.setObjectName("wrapText")
        self.label.setProperty("textFormat", 0)  # Qt::PlainText
        self.label.setWordWrap(True)
        # a plain-text label ignores the mouse, so a click on the text reaches the button (and the
        # first window is built without PySide's Qt namespace: Home shows one of these)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(14, 8, 14, 8)
        lay.addWidget(self.label)
        sp = self.sizePolicy()
        sp.setHeightForWidth(True)
        sp.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
        self.setSizePolicy(sp)
        self.setText(text)
        self.label.setProperty("off", "false")

    def setText(self, text: str) -> None:  # type: ignore[override]
        self.label.setText(text)
        self.updateGeometry()

    def text(self) -> str:  # type: ignore[override]
        return self.label.text()

    def _margins(self) -> tuple[int, int]:
        m = self.layout().contentsMargins()  # type: ignore[union-attr]
        return m.left() + m.right(), m.top() + m.bottom()

    def sizeHint(self) -> QSize:
        w, h = self._margins()
        hint = self.label.sizeHint()
        return QSize(hint.width() + w, hint.height() + h)

    def minimumSizeHint(self) -> QSize:
        w, h = self._margins()
        least = min(self.label.sizeHint().width(), self.fontMetrics().averageCharWidth() * LEAST_CHARS)
        return QSize(least + w, self.heightForWidth(least + w))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        w, h = self._margins()
        return self.label.heightForWidth(max(1, width - w)) + h

    def resizeEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(e)
        want = self.heightForWidth(self.width())
        if want != self.minimumHeight():
            self.setMinimumHeight(want)


    def changeEvent(self, e) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        """Enabled or disabled: the text's colour follows through the label's own `off` property (a
        style sheet's `QPushButton:disabled QLabel` matched every button, so every mode card read
        as disabled)."""
        super().changeEvent(e)
        if e.type() == e.Type.EnabledChange:
            self._mark_off()

    def _mark_off(self) -> None:
        off = "false" if self.isEnabled() else "true"
        if self.label.property("off") != off:
            self.label.setProperty("off", off)
            style = self.label.style()
            style.unpolish(self.label)
            style.polish(self.label)
