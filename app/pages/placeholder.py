"""A page a later release fills: it says what is coming, so the side bar is never a dead end."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.pages.common import card, page_layout, plain_label


class PlaceholderPage(QWidget):
    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        lay = page_layout(self, title)
        box, inner = card()
        inner.addWidget(plain_label(text))
        lay.addWidget(box)
        lay.addStretch(1)
