"""Embedded matplotlib charts in the app's palette (FigureCanvasQTAgg, never pyplot), each
with Save as PNG or PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.messages import warn
from app.pages.common import plain_label
from app.theme import colours
from questions.percent import fraction_text
from study.day_words import day_text

_CANVAS: list[type] = []
_LEADING_ZERO = re.compile(r"(?<![\d:.])0(\d)")  # '02' and '09:05' read '2' and '9:05'


def _canvas_class() -> type:
    """matplotlib's Qt canvas, except that the mouse wheel scrolls the page it sits on: these
    charts neither zoom nor pan, and a wheel that stopped over a chart made the page feel stuck."""
    if not _CANVAS:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        class PageCanvas(FigureCanvasQTAgg):  # type: ignore[misc]
            def wheelEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
                event.ignore()  # passed on to the scroll area around the chart

        _CANVAS.append(PageCanvas)
    return _CANVAS[0]


class ChartPanel(QWidget):
    """A titled chart. `draw(fig, colours)` fills the figure; matplotlib loads on first use."""

    def __init__(self, title: str, draw: Callable[[Any, dict[str, str]], None] | None = None,
                 height: int = 260) -> None:
        super().__init__()
        self.title = title
        self._draw = draw
        self._height = height
        self.canvas: Any = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(plain_label(title, "h2"), 1)
        self.save_btn = QPushButton("Save chart...")
        self.save_btn.setAccessibleName(f"Save the chart {title} as PNG or PDF")
        self.save_btn.clicked.connect(self.save)
        head.addWidget(self.save_btn)
        lay.addLayout(head)
        self.body = QVBoxLayout()
        lay.addLayout(self.body)

    def _ensure_canvas(self) -> Any:
        if self.canvas is None:
            from matplotlib.figure import Figure

            self.canvas = _canvas_class()(Figure(figsize=(6, 2.8), layout="constrained"))
            self.canvas.setMinimumHeight(self._height)
            self.canvas.setAccessibleName(f"Chart: {self.title}")
            self.body.addWidget(self.canvas)
        return self.canvas

    def redraw(self, draw: Callable[[Any, dict[str, str]], None] | None = None) -> None:
        if draw is not None:
            self._draw = draw
        canvas = self._ensure_canvas()
        fig = canvas.figure
        fig.clear()
        c = colours()
        fig.set_facecolor(c["panel"])
        if self._draw is not None:
            self._draw(fig, c)
        canvas.draw_idle()

    def save(self) -> None:
        if self.canvas is None:
            return
        name = self.title.lower().replace(" ", "-")
        from app import file_places

        settings = getattr(self.window(), "ctx", None) and self.window().ctx.settings  # type: ignore[attr-defined]
        path, _ = QFileDialog.getSaveFileName(self, f"Save {self.title}", file_places.suggest(settings, f"{name}.png"),
                                              "PNG image (*.png);;PDF document (*.pdf)")
        file_places.remember(settings, path)
        if not path:
            return
        self.save_to(path)

    def save_to(self, path: str) -> None:
        from study.storage.files import write_with

        fig = self.canvas.figure
        kind = Path(path).suffix.lstrip(".").lower() or "png"
        try:  # whole, or not at all: drawn to a file beside it, then renamed into place
            write_with(Path(path), lambda tmp: fig.savefig(tmp, format=kind, facecolor=fig.get_facecolor()))
        except (OSError, ValueError) as e:
            warn(self, "Could not save the chart", f"{path}: {e}")


def style_axes(ax: Any, c: dict[str, str]) -> None:
    ax.set_facecolor(c["panel"])
    ax.tick_params(colors=c["text"], labelsize=8)
    for spine in ax.spines.values():
        spine.set_color(c["border"])
    ax.yaxis.label.set_color(c["text"])
    ax.xaxis.label.set_color(c["text"])


def _luminance(rgb: Any) -> float:
    def ch(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else float(((v + 0.055) / 1.055) ** 2.4)

    r, g, b = (ch(float(v)) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def readable_on(cell: Any, c: dict[str, str]) -> str:
    """The text colour (dark or light) with the higher contrast on a cell's colour (a heat map)."""
    from matplotlib.colors import to_rgb

    lum = _luminance(cell)
    best, best_ratio = c["text"], 0.0
    for name in (c["text"], c["panel"], "#000000", "#ffffff"):
        other = _luminance(to_rgb(name))
        hi, lo = max(lum, other), min(lum, other)
        ratio = (hi + 0.05) / (lo + 0.05)
        if ratio > best_ratio + 0.5:  # prefer the theme's own colours unless black or white reads clearly better
            best, best_ratio = name, ratio
    return best


def share_labels(areas: Any, shares: Any) -> list[str]:
    """An area's letter with its share of the real test under it: a marker in words, on no scale."""
    return [f"{a}\n{fraction_text(s)}\nof the test" for a, s in zip(areas, shares, strict=True)]  # narrow: no overlap


def date_axis(ax: Any, when: Any, c: dict[str, str]) -> None:
    """Dates that read: clock times for exams on one day (the day said once, under the axis), days
    for longer spans (the month said once)."""
    import matplotlib.dates as mdates

    class USDates(mdates.ConciseDateFormatter):  # type: ignore[misc]
        """'Dec 2' and '9:05 PM', not 'Dec-02' and '21:05'."""

        def format_ticks(self, values: Any) -> list[str]:
            return [_LEADING_ZERO.sub(r"\1", label) for label in super().format_ticks(values)]

    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    formatter = USDates(locator, show_offset=False,
                        formats=["%Y", "%b", "%d", "%I:%M %p", "%I:%M %p", "%S.%f"],
                        zero_formats=["", "%Y", "%b", "%b %d", "%I:%M %p", "%I:%M %p"])
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)
    first, last = min(when), max(when)
    if first.date() == last.date():
        ax.set_xlabel(day_text(first.date(), weekday=True), color=c["text"], fontsize=8)
    elif (first.year, first.month) == (last.year, last.month):
        ax.set_xlabel(f"{first:%B %Y}", color=c["text"], fontsize=8)
