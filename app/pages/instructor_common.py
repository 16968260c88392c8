"""The pieces the Instructor tabs share: read-only tables of plain-text cells, combos, buttons,
and the Save-as step every export goes through (its dialogs through the context)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QPushButton, QWidget

from app.table_model import Cell, RowsTable

if TYPE_CHECKING:
    from app.context import AppContext

# ----------------------------------------------------------------------------- tables


def table(headers: list[str], name: str, *, sortable: bool = True, multi: bool = False,
          checkable: int | None = None) -> RowsTable:
    return RowsTable(headers, name, sortable=sortable, multi=multi, checkable=checkable)


def fill_table(t: RowsTable, rows: list[list[Cell]]) -> None:
    t.set_rows(rows)


# ----------------------------------------------------------------------------- text


def first_line(text: str, n: int = 110) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= n else line[: n - 1] + "…"


def plural(n: int, word: str) -> str:
    """'1 question', '3 questions'."""
    return f"{n} {word}{'s' if n != 1 else ''}"


def safe_file_name(text: str) -> str:
    return re.sub(r"[^\w\- ]+", "", text).strip().replace(" ", "-")[:60] or "practice-set"


# ----------------------------------------------------------------------------- controls


def button(text: str, name: str, slot: Callable[[], object], primary: bool = False) -> QPushButton:
    b = QPushButton(text)
    if primary:
        b.setObjectName("primary")
    b.setAccessibleName(name)
    b.clicked.connect(lambda _=False: slot())
    return b


def refill(box: QComboBox, items: Iterable[tuple[str, object]], *, keep: bool = True) -> None:
    """New items without firing the combo's change signal; with `keep`, the chosen item stays chosen
    while it is still offered (otherwise the first is)."""
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    for text, data in items:
        box.addItem(text, data)
    if keep:
        box.setCurrentIndex(max(0, box.findData(current)))
    box.blockSignals(False)


# ----------------------------------------------------------------------------- dialogs

D = TypeVar("D", bound=QDialog)


def open_kept(owner: object, attr: str, dialog: D) -> D:
    """Open `dialog` without blocking, as `owner.<attr>` while it lasts. Closed, it is deleted and
    `owner.<attr>` is None again: each opening builds a new dialog, and the closed ones would
    otherwise pile up under their page for as long as the app runs."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    setattr(owner, attr, dialog)

    def gone() -> None:
        if getattr(owner, attr, None) is dialog:
            setattr(owner, attr, None)

    dialog.destroyed.connect(gone)
    dialog.open()
    return dialog


# ----------------------------------------------------------------------------- files


def save_path(ctx: AppContext, parent: QWidget, caption: str, name: str, kind: str,
              path: str | None = None) -> str | None:
    """`path` when the caller has one (a script), else the file the user picks in a Save dialog
    that suggests `name`; None when they cancel."""
    return path if path is not None else ctx.dialogs.save_file(parent, caption, name, kind)


def write_file(ctx: AppContext, parent: QWidget, failure: str, path: str, write: Callable[[Path], Path]) -> Path | None:
    """write(Path(path)), or None after a dialog titled `failure` that names the file and the reason."""
    try:
        return write(Path(path))
    except OSError as e:
        ctx.dialogs.warn(parent, failure, f"{path}: {e.strerror or e}")
        return None
