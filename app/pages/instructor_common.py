"""The pieces the Instructor tabs share: read-only tables of plain-text cells, combos, buttons,
the page's dialogs and the Save-as step every export goes through."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

if TYPE_CHECKING:
    from questions.model import Question

# ----------------------------------------------------------------------------- tables


def table(headers: list[str], name: str, *, sortable: bool = True, multi: bool = False) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setAccessibleName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                       else QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().hide()
    t.setAlternatingRowColors(True)
    t.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside it
    t.setWordWrap(False)
    t.setSortingEnabled(sortable)
    t.setProperty("sortable", sortable)
    t.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.setMinimumHeight(180)
    return t


def cell(text: object, data: object = None) -> QTableWidgetItem:
    """A plain-text cell (a QTableWidgetItem never renders rich text)."""
    it = QTableWidgetItem("" if text is None else str(text))
    if data is not None:
        it.setData(Qt.ItemDataRole.UserRole, data)
    return it


class NumberItem(QTableWidgetItem):
    """Shows text ("83 %", "-") but sorts by the number behind it."""

    def __init__(self, text: str, value: float | None) -> None:
        super().__init__(text)
        self.value = float("-inf") if value is None else value

    def __lt__(self, other: QTableWidgetItem) -> bool:
        return self.value < getattr(other, "value", float("-inf"))


def source_cell(source: str) -> QTableWidgetItem:
    """'file:line', sorting by line number (line 5 before line 102)."""
    tail = source.rsplit(":", 1)[-1]
    return NumberItem(source, float(tail) if tail.isdigit() else None)


def fill_table(t: QTableWidget, rows: list[list[QTableWidgetItem]]) -> None:
    t.setSortingEnabled(False)
    t.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, it in enumerate(row):
            t.setItem(i, j, it)
    t.setSortingEnabled(t.property("sortable") is not False)


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
    b = QPushButton(text, objectName="primary") if primary else QPushButton(text)
    b.setAccessibleName(name)
    b.clicked.connect(lambda _=False: slot())
    return b


def combo(name: str, chars: int = 18) -> QComboBox:
    """A combo as wide as about `chars` characters, whatever its longest item (area titles are long)."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    return box


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


def warning_box(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def question_box(parent: QWidget, title: str, text: str, yes: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    box.exec()
    return box.clickedButton() is go


# The tabs and the student's side raise their dialogs through app.pages.instructor, looked up at the
# moment of asking: that module is the page's public face (it binds show_error and ask to the boxes
# above), and the GUI tests answer the page's dialogs there instead of letting a modal box block.


def show_error(parent: QWidget, title: str, text: str) -> None:
    from app.pages import instructor

    instructor.show_error(parent, title, text)


def ask(parent: QWidget, title: str, text: str, yes: str) -> bool:
    from app.pages import instructor

    return instructor.ask(parent, title, text, yes)


# ----------------------------------------------------------------------------- files


def save_path(parent: QWidget, caption: str, name: str, kind: str, path: str | None = None) -> str | None:
    """`path` when the caller has one (tests, scripts), else the file the user picks in a Save dialog
    that suggests `name`; None when they cancel."""
    if path is None:
        path, _ = QFileDialog.getSaveFileName(parent, caption, name, kind)
        if not path:
            return None
    return path


def write_file(parent: QWidget, failure: str, path: str, write: Callable[[Path], Path]) -> Path | None:
    """write(Path(path)), or None after a dialog titled `failure` that names the file and the reason."""
    try:
        return write(Path(path))
    except OSError as e:
        show_error(parent, failure, f"{path}: {e.strerror or e}")
        return None


def write_gift(parent: QWidget, questions: Sequence[Question], heading: str, path: str) -> Path | None:
    """The questions as a GIFT file (Moodle's format), or None after saying why it could not be written."""
    from study.classroom.importers import to_gift

    def write(target: Path) -> Path:
        from study.storage.files import write_text

        write_text(target, to_gift(questions, heading=heading))
        return target

    return write_file(parent, "Could not export", path, write)
