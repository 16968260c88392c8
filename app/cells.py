"""A table's cells as plain data: the text shown, the value it sorts by, the id a page needs back.
No Qt here: Home's table is filled from these before Qt's `Qt` namespace exists (app/plain_table.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QColor


@dataclass(frozen=True)
class Cell:
    """One table cell: its text, and how it sorts, looks and reads aloud."""

    text: str
    sort: Any = None  # what the column sorts by (the text, case-folded, when None)
    data: Any = None  # what the page needs back (an id)
    tip: str = ""  # a tooltip, shown as plain text
    center: bool = False
    background: QColor | None = None
    accessible: str = ""  # what a screen reader says instead of the text

    def key(self) -> Any:
        return self.sort if self.sort is not None else self.text.casefold()


def cell(text: object, data: Any = None, *, tip: str = "", center: bool = False,
         background: QColor | None = None, accessible: str = "") -> Cell:
    return Cell("" if text is None else str(text), None, data, tip, center, background, accessible)


def number(text: str, value: float | None, data: Any = None) -> Cell:
    """Shows `text` ("83 %", "-") but sorts by the number behind it (no number sorts first)."""
    return Cell(text, float("-inf") if value is None else float(value), data)


def source(text: str) -> Cell:
    """'file:line', sorting by file then line number (line 5 before line 102)."""
    name, _, line = text.rpartition(":")
    return Cell(text, (name, int(line)) if line.isdigit() else (text, 0))
