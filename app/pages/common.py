"""Small building blocks shared by the pages."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


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


def scrolling_page(page: QWidget, title: str, subtitle: str = "") -> QVBoxLayout:
    """A page whose content scrolls when the window (or a large text size) leaves it too little
    room, instead of squashing it; returns the layout to add the content to."""
    page.setObjectName("page")
    inner = QWidget()
    lay = page_layout(inner, title, subtitle)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scrolling(inner, f"{title} page"))
    return lay


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
RICH_TEXT = 1


class Notice(QLabel):
    """A line shown only while it says something: an empty one would leave a gap on the page."""

    def setText(self, text: str) -> None:  # type: ignore[override]  # noqa: N802 - Qt's name
        super().setText(text)
        self.setVisible(bool(text))


def plain_label(text: str = "", object_name: str = "", wrap: bool = True, *, notice: bool = False) -> QLabel:
    """A label that never interprets its text as HTML (question text may come from a file); a
    `notice` hides itself while its text is empty."""
    lab = Notice() if notice else QLabel()
    if object_name:
        lab.setObjectName(object_name)
    lab.setProperty("textFormat", PLAIN_TEXT)
    lab.setWordWrap(wrap)
    lab.setText(text)
    return lab


def show_marked(label: QLabel, text: str, spans: Sequence[tuple[int, int, str]] = (), prefix: str = "") -> None:
    """A question's text (after `prefix`) on `label`: plain text, or, for an instructor's question that
    came with bold and italic, rich text made only of the escaped words and <b>/<i> spans, so nothing
    in the text itself is ever read as markup (tests/test_untrusted_text.py)."""
    if not spans:
        label.setProperty("textFormat", PLAIN_TEXT)
        label.setText(prefix + text)
        return
    from html import escape  # here: html's table of entities loads when a marked question is first shown

    from study.classroom.lms.emphasis import to_html

    label.setProperty("textFormat", RICH_TEXT)
    label.setText(escape(prefix, quote=False) + to_html(text, spans))


def button_row(*buttons: QWidget, right: bool = False) -> QWidget:
    """Controls at their natural width, to the left (or right), wrapping to a new line where the
    page is too narrow for them all (a large text size), never pushing the page sideways."""
    from app.wrap_row import WrapRow

    return WrapRow(buttons, right=right)


def wrapping_list(name: str) -> QListWidget:
    """A list whose long rows (a question's topic) wrap to the list's width instead of running
    past its edge behind a sideways scroll bar."""
    from PySide6.QtCore import Qt

    rows = QListWidget()
    rows.setAccessibleName(name)
    rows.setWordWrap(True)
    rows.setResizeMode(QListWidget.ResizeMode.Adjust)  # a new width wraps the rows again
    rows.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return rows


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


class ElidedLabel(QLabel):
    """One line of plain text that ends in "..." when its column is narrower than the text, the whole
    text in its tooltip (and for a screen reader)."""

    def __init__(self, text: str = "", object_name: str = "") -> None:
        super().__init__()
        if object_name:
            self.setObjectName(object_name)
        self.setProperty("textFormat", PLAIN_TEXT)
        self.setProperty("elided", True)
        self._full = ""
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        from app.messages import plain_tip

        self._full = text
        self.setToolTip(plain_tip(text))
        self.setAccessibleName(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._full) + self.indent() + 4, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.sizeHint().width(), self.fontMetrics().horizontalAdvance("M" * 8)),
                     super().minimumSizeHint().height())

    def resizeEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(e)
        self._elide()

    def _elide(self) -> None:
        from PySide6.QtCore import Qt

        room = max(0, self.width() - max(0, self.indent()) - 4)
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room)
                     if self.width() > 0 else self._full)
