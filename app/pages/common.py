"""Small building blocks shared by the pages."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget


def page_layout(page: QWidget, title: str, subtitle: str = "") -> QVBoxLayout:
    """A page with a heading; returns the layout to add the page's content to."""
    page.setObjectName("page")
    outer = QVBoxLayout(page)
    outer.setContentsMargins(28, 22, 28, 18)
    outer.setSpacing(12)
    h = QLabel(title)
    h.setObjectName("h1")
    h.setAccessibleName(title)
    outer.addWidget(h)
    if subtitle:
        s = QLabel(subtitle)
        s.setObjectName("muted")
        s.setWordWrap(True)
        outer.addWidget(s)
    return outer


def card(parent: QWidget | None = None) -> tuple[QFrame, QVBoxLayout]:
    f = QFrame(parent)
    f.setObjectName("card")
    lay = QVBoxLayout(f)
    lay.setContentsMargins(16, 14, 16, 14)
    lay.setSpacing(8)
    return f, lay


# Qt::PlainText, set through the property system: the first window is built without touching
# PySide's Qt namespace, whose ~90 enums take ~40 ms to create (benchmarks/bench_startup.py).
PLAIN_TEXT = 0


def plain_label(text: str = "", object_name: str = "", wrap: bool = True) -> QLabel:
    """A label that never interprets its text as HTML (question text may come from a file)."""
    lab = QLabel()
    if object_name:
        lab.setObjectName(object_name)
    lab.setProperty("textFormat", PLAIN_TEXT)
    lab.setWordWrap(wrap)
    lab.setText(text)
    return lab


def button_row(*buttons: QWidget, right: bool = False) -> QHBoxLayout:
    """Buttons at their natural width, to the left (or right) of a stretch."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    if right:
        row.addStretch(1)
    for b in buttons:
        row.addWidget(b)
    if not right:
        row.addStretch(1)
    return row


def scrolling(widget: QWidget, name: str = "Page content") -> QScrollArea:
    area = QScrollArea()
    area.setAccessibleName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def fmt_clock(seconds: float | None) -> str:
    if seconds is None:
        return "untimed"
    s = max(0, int(seconds + 0.999)) if seconds > 0 else 0
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def fmt_minutes(seconds: float | None) -> str:
    if seconds is None:
        return "untimed"
    m = round(seconds / 60)
    return f"{m} min" if m < 60 else f"{m // 60} h {m % 60:02d} min"


def push_button(text: str, object_name: str = "") -> QPushButton:
    """A push button with a style name ("primary", "mode", "nav", "cell"), as the theme's sheet names them."""
    b = QPushButton(text)
    if object_name:
        b.setObjectName(object_name)
    return b


def clear_layout(layout: QLayout) -> None:
    """Take every widget and inner layout out of `layout` (to be filled again), deleting them."""
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        w = item.widget()
        if w is not None:
            w.hide()
            w.deleteLater()
        inner = item.layout()
        if inner is not None:
            clear_layout(inner)
