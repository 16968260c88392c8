"""Instructor: build a practice set and hand it out as a file, bring in your own questions
(GIFT, Aiken, CSV), and see the class from the result files students send back.

Three tabs, each a widget of its own. Text from files (questions, student names) is shown
only through plain_label and QTableWidgetItem, never as rich text. The student's side lives
here too: open_practice_set (Practice > Open practice set) and save_result_file (Results).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.charts import ChartPanel, style_axes
from app.context import AppContext
from app.pages.common import card, page_layout, plain_label, scrolling
from app.workers import run_in_background

STYLE_NAMES = {"direct": "Direct question", "technician_ab": "Technician A / B", "most_likely": "Most likely",
               "except": "EXCEPT", "least_likely": "Least likely"}


# ----------------------------------------------------------------------------- small helpers


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


def first_line(text: str, n: int = 110) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= n else line[: n - 1] + "…"


def safe_file_name(text: str) -> str:
    return re.sub(r"[^\w\- ]+", "", text).strip().replace(" ", "-")[:60] or "practice-set"


def show_error(parent: QWidget, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def ask(parent: QWidget, title: str, text: str, yes: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    go = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go)
    box.exec()
    return box.clickedButton() is go


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


def test_combo(name: str) -> QComboBox:
    return combo(name, 22)


def mpl_text(text: str, n: int = 28) -> str:
    """A student's name as matplotlib text: '$' would start mathematics, so it is escaped."""
    text = text if len(text) <= n else text[: n - 1] + "…"
    return text.replace("\\", "\\\\").replace("$", r"\$")


# ----------------------------------------------------------------------------- preview


class PreviewDialog(QDialog):
    """The set as a student sees it, one question at a time; the key only when asked."""

    def __init__(self, ps: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ps = ps
        self.i = 0
        self.setWindowTitle(f"Preview: {ps.title}")
        self.resize(760, 560)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(ps.title, "h1"))
        lay.addWidget(plain_label("\n".join(ps.summary_lines()[1:]), "muted"))
        self.counter = plain_label("", wrap=False)
        self.counter.setAccessibleName("Question number")
        lay.addWidget(self.counter)
        self.stem = plain_label("", "stem")
        self.stem.setAccessibleName("Question")
        lay.addWidget(self.stem)
        self.choices = plain_label("")
        self.choices.setAccessibleName("Choices")
        lay.addWidget(self.choices)
        self.key = plain_label("", "muted")
        self.key.setAccessibleName("Answer key")
        lay.addWidget(self.key)
        lay.addStretch(1)
        row = QHBoxLayout()
        self.prev_btn = button("< Previous", "Previous question", lambda: self.go(self.i - 1))
        self.next_btn = button("Next >", "Next question", lambda: self.go(self.i + 1), primary=True)
        self.key_box = QCheckBox("Show the answer key")
        self.key_box.setAccessibleName("Show the answer key and explanation")
        self.key_box.toggled.connect(lambda _on: self.go(self.i))
        close = button("Close", "Close the preview", self.accept)
        for w in (self.prev_btn, self.key_box):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.next_btn)
        row.addWidget(close)
        lay.addLayout(row)
        self.go(0)

    def go(self, i: int) -> None:
        qs = self.ps.questions
        self.i = max(0, min(i, len(qs) - 1))
        q = qs[self.i]
        self.counter.setText(f"Question {self.i + 1} of {len(qs)}")
        self.stem.setText(q.stem)
        self.choices.setText("\n".join(f"{L}.  {c}" for L, c in zip("ABCD", q.choices, strict=True)))
        self.key.setText(f"Answer: {q.answer}. {q.explanation}" if self.key_box.isChecked() else "")
        self.prev_btn.setEnabled(self.i > 0)
        self.next_btn.setEnabled(self.i < len(qs) - 1)


# ----------------------------------------------------------------------------- build a set


class BuildTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.seed = random.SystemRandom().randrange(1, 2**31)
        self.area_spins: dict[str, QSpinBox] = {}
        self.topic_spins: dict[tuple[str, str], QSpinBox] = {}
        self._pick_rows: dict[str, int] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)

        box, b = card()
        b.addWidget(plain_label("The set", "h2"))
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Week 3: disc brakes")
        self.title_edit.setAccessibleName("Set title")
        self.test_box = test_combo("Test the set is for")
        self.test_box.currentIndexChanged.connect(lambda _i: self.test_changed())
        self.instructor_edit = QLineEdit()
        self.instructor_edit.setAccessibleName("Your name, as your students see it")
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setSpecialValueText("Untimed")
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Time limit in minutes; 0 for untimed")
        self.feedback_box = QComboBox()
        self.feedback_box.addItem("Exam: results at the end, as on the real test", "exam")
        self.feedback_box.addItem("Study: the key and explanation after each answer", "study")
        self.feedback_box.setAccessibleName("Feedback mode")
        due_row = QHBoxLayout()
        self.due_check = QCheckBox("Due")
        self.due_check.setAccessibleName("The set has a due date")
        self.due_edit = QDateEdit(QDate.currentDate().addDays(7))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_edit.setAccessibleName("Due date")
        self.due_edit.setEnabled(False)
        self.due_check.toggled.connect(self.due_edit.setEnabled)
        due_row.addWidget(self.due_check)
        due_row.addWidget(self.due_edit)
        due_row.addStretch(1)
        self.shuffle_check = QCheckBox("Shuffle the questions for each student")
        self.shuffle_check.setChecked(True)
        self.instructions = QPlainTextEdit()
        self.instructions.setTabChangesFocus(True)
        self.instructions.setPlaceholderText("What your students read before they start (optional)")
        self.instructions.setAccessibleName("Instructions for students")
        self.instructions.setFixedHeight(64)
        for w, width in ((self.title_edit, 520), (self.instructor_edit, 520), (self.test_box, 520),
                         (self.minutes, 160), (self.feedback_box, 520), (self.instructions, 720)):
            w.setMaximumWidth(width)
        form.addRow("Title", self.title_edit)
        form.addRow("Test", self.test_box)
        form.addRow("Your name", self.instructor_edit)
        form.addRow("Time limit", self.minutes)
        form.addRow("Feedback", self.feedback_box)
        form.addRow("Due date", due_row)
        form.addRow("", self.shuffle_check)
        form.addRow("Instructions", self.instructions)
        b.addLayout(form)
        lay.addWidget(box)

        box, b = card()
        b.addWidget(plain_label("Questions drawn at random", "h2"))
        b.addWidget(plain_label("How many to draw from each content area, or from one topic within it. "
                                "Your own imported questions are in the pool once mapped to the test.", "muted"))
        self.draw_host = QWidget()
        self.draw_grid = QGridLayout(self.draw_host)
        self.draw_grid.setContentsMargins(0, 0, 0, 0)
        self.draw_grid.setHorizontalSpacing(14)
        self.draw_host.setMaximumWidth(760)
        b.addWidget(self.draw_host)
        lay.addWidget(box)

        box, b = card()
        b.addWidget(plain_label("Hand-picked questions", "h2"))
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search question text")
        self.search.setAccessibleName("Search question text")
        self.search.textChanged.connect(lambda _t: self.apply_filters())
        self.area_filter = combo("Show questions from area", 10)
        self.area_filter.currentIndexChanged.connect(lambda _i: self._area_filter_changed())
        self.topic_filter = combo("Show questions on topic", 14)
        self.topic_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.style_filter = combo("Show questions of style", 10)
        self.style_filter.addItem("Any style", "")
        for key, label in STYLE_NAMES.items():
            self.style_filter.addItem(label, key)
        self.style_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.picked_only = QCheckBox("Picked only")
        self.picked_only.setAccessibleName("Show only the hand-picked questions")
        self.picked_only.toggled.connect(lambda _on: self.apply_filters())
        filters.addWidget(self.search, 2)
        for w in (self.area_filter, self.topic_filter, self.style_filter, self.picked_only):
            filters.addWidget(w)
        b.addLayout(filters)
        self.pick_table = table(["Use", "Id", "Area", "Topic", "Style", "Question"],
                                "Questions to hand-pick: Space ticks the current one")
        self.pick_table.setMinimumHeight(260)
        self.pick_table.itemChanged.connect(lambda _it: self.update_summary())
        b.addWidget(self.pick_table)
        lay.addWidget(box)

        box, b = card()
        self.summary = plain_label("", "h2")
        self.summary.setAccessibleName("What the set holds")
        b.addWidget(self.summary)
        self.message = plain_label("", "muted")
        self.message.setAccessibleName("Set message")
        b.addWidget(self.message)
        row = QHBoxLayout()
        self.redraw_btn = button("Draw again", "Draw different questions at random", self.redraw)
        self.preview_btn = button("Preview as a student...", "Preview the set as a student sees it", self.preview)
        self.print_btn = button("Print PDF...", "Print the set to PDF for a paper quiz", lambda: self.print_pdf(False))
        self.key_btn = button("Print with answer key...", "Print the set to PDF with the answer key",
                              lambda: self.print_pdf(True))
        self.save_btn = button("Save set file...", "Save the set as a file to hand out", self.save, primary=True)
        self.gift_btn = button("Export to GIFT...", "Export the set's questions as GIFT, for Moodle", self.export_gift)
        for w in (self.preview_btn, self.redraw_btn):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.save_btn)
        b.addLayout(row)
        row = QHBoxLayout()
        for w in (self.print_btn, self.key_btn, self.gift_btn):
            row.addWidget(w)
        row.addStretch(1)
        b.addLayout(row)
        lay.addWidget(box)
        lay.addStretch(1)

        for w in (self.title_edit, self.instructor_edit):
            w.textChanged.connect(lambda _t: self.update_summary())
        self.minutes.valueChanged.connect(lambda _v: self.update_summary())
        self.feedback_box.currentIndexChanged.connect(lambda _i: self.update_summary())

    # -- filling
    def fill(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        current = self.test_box.currentData()
        self.test_box.blockSignals(True)
        self.test_box.clear()
        for bp in s.blueprints.tests:
            n = len(s.bank.for_test(bp.code))
            if bp.areas and n:
                self.test_box.addItem(f"{bp.code} {bp.name} ({n} questions)", bp.code)
        i = self.test_box.findData(current)
        self.test_box.setCurrentIndex(max(0, i))
        self.test_box.blockSignals(False)
        if not self.instructor_edit.text():
            self.instructor_edit.setText(s.settings.get("instructor_name", "") or "")
        self.test_changed()

    def test_changed(self) -> None:
        s = self.ctx.services
        test = self.test_box.currentData()
        if s is None or not test:
            return
        bp = s.blueprints.get(test)
        pool = s.bank.for_test(test)
        while self.draw_grid.count():
            w = self.draw_grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.area_spins.clear()
        self.topic_spins.clear()
        for col, text in enumerate(("Content area or topic", "In the pool", "How many")):
            self.draw_grid.addWidget(plain_label(text, "muted", wrap=False), 0, col)
        r = 1
        for a in bp.areas:
            in_area = [q for q in pool if q.area == a.letter]
            title = plain_label(first_line(f"{a.letter}. {a.title}", 64), wrap=False)
            title.setToolTip(f"{a.letter}. {a.title}")
            self.draw_grid.addWidget(title, r, 0)
            self.draw_grid.addWidget(plain_label(str(len(in_area)), wrap=False), r, 1)
            self.area_spins[a.letter] = self._spin(len(in_area), f"How many from area {a.letter}, {a.title}")
            self.draw_grid.addWidget(self.area_spins[a.letter], r, 2)
            r += 1
            topics = sorted({q.topic for q in in_area}, key=lambda t: (t not in a.topics, a.topics.index(t)
                                                                       if t in a.topics else 0, t))
            for t in topics:
                n = sum(1 for q in in_area if q.topic == t)
                lab = plain_label(f"      {t}", "muted", wrap=False)
                self.draw_grid.addWidget(lab, r, 0)
                self.draw_grid.addWidget(plain_label(str(n), "muted", wrap=False), r, 1)
                self.topic_spins[(a.letter, t)] = self._spin(n, f"How many from topic {t}, area {a.letter}")
                self.draw_grid.addWidget(self.topic_spins[(a.letter, t)], r, 2)
                r += 1
        self.draw_grid.setColumnStretch(0, 1)
        self.area_filter.blockSignals(True)
        self.area_filter.clear()
        self.area_filter.addItem("Every area", "")
        for a in bp.areas:
            self.area_filter.addItem(f"Area {a.letter}", a.letter)
        self.area_filter.blockSignals(False)
        self._fill_topics()
        self._fill_pick_table(pool)
        self.update_summary()

    def _spin(self, maximum: int, name: str) -> QSpinBox:
        sp = QSpinBox()
        sp.setRange(0, maximum)
        sp.setAccessibleName(name)
        sp.setMinimumWidth(80)
        sp.valueChanged.connect(lambda _v: self.update_summary())
        return sp

    def _fill_pick_table(self, pool: list[Any]) -> None:
        was = set(self.picked_ids())
        rows = []
        for q in sorted(pool, key=lambda q: q.id):
            use = QTableWidgetItem()
            use.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            use.setCheckState(Qt.CheckState.Checked if q.id in was else Qt.CheckState.Unchecked)
            use.setData(Qt.ItemDataRole.UserRole, q.id)
            mine = " (yours)" if q.origin == "imported" else ""
            stem = cell(first_line(q.stem))
            stem.setToolTip(q.stem)
            rows.append([use, cell(q.id + mine, data=q.id), cell(q.area), cell(q.topic),
                         cell(STYLE_NAMES.get(q.style, q.style), data=q.style), stem])
        self.pick_table.blockSignals(True)
        fill_table(self.pick_table, rows)
        self.pick_table.blockSignals(False)
        self.pick_table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.apply_filters()

    def _area_filter_changed(self) -> None:
        self._fill_topics()
        self.apply_filters()

    def _fill_topics(self) -> None:
        s = self.ctx.services
        test = self.test_box.currentData()
        area = self.area_filter.currentData() or ""
        self.topic_filter.blockSignals(True)
        self.topic_filter.clear()
        self.topic_filter.addItem("Any topic", "")
        if s is not None and test:
            for t in sorted({q.topic for q in s.bank.for_test(test) if not area or q.area == area}):
                self.topic_filter.addItem(t, t)
        self.topic_filter.blockSignals(False)

    def apply_filters(self) -> None:
        words = self.search.text().casefold().split()
        area, topic, style = (self.area_filter.currentData() or "", self.topic_filter.currentData() or "",
                              self.style_filter.currentData() or "")
        s = self.ctx.services
        for r in range(self.pick_table.rowCount()):
            use = self.pick_table.item(r, 0)
            q = s.bank.find(use.data(Qt.ItemDataRole.UserRole)) if s is not None else None
            show = q is not None
            if q is not None:
                text = (q.stem + " " + " ".join(q.choices)).casefold()
                show = (all(w in text for w in words) and (not area or q.area == area)
                        and (not topic or q.topic == topic) and (not style or q.style == style)
                        and (not self.picked_only.isChecked() or use.checkState() == Qt.CheckState.Checked))
            self.pick_table.setRowHidden(r, not show)

    # -- the set
    def picked_ids(self) -> list[str]:
        out = []
        for r in range(self.pick_table.rowCount()):
            it = self.pick_table.item(r, 0)
            if it is not None and it.checkState() == Qt.CheckState.Checked:
                out.append(it.data(Qt.ItemDataRole.UserRole))
        return out

    def set_picked(self, ids: list[str]) -> None:
        want = set(ids)
        for r in range(self.pick_table.rowCount()):
            it = self.pick_table.item(r, 0)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in want
                             else Qt.CheckState.Unchecked)

    def update_summary(self) -> None:
        drawn = sum(sp.value() for sp in self.area_spins.values())
        by_topic = sum(sp.value() for sp in self.topic_spins.values())
        picked = len(self.picked_ids())
        total = drawn + by_topic + picked
        parts = []
        if drawn:
            parts.append(f"{drawn} drawn by area")
        if by_topic:
            parts.append(f"{by_topic} by topic")
        if picked:
            parts.append(f"{picked} hand-picked")
        limit = f"{self.minutes.value()} minutes" if self.minutes.value() else "untimed"
        mode = "study feedback" if self.feedback_box.currentData() == "study" else "results at the end"
        self.summary.setText(f"{total} question{'s' if total != 1 else ''}"
                             + (f" ({', '.join(parts)})" if parts else "") + f"; {limit}; {mode}.")
        ready = total > 0
        for b in (self.preview_btn, self.print_btn, self.key_btn, self.save_btn, self.gift_btn):
            b.setEnabled(ready)

    def redraw(self) -> None:
        self.seed = random.SystemRandom().randrange(1, 2**31)
        self.message.setText("New questions drawn for the random part of the set.")

    def current_set(self) -> Any:
        """The set as the form stands, or None after saying what is missing."""
        s = self.ctx.services
        test = self.test_box.currentData()
        if s is None or not test:
            return None
        from study.practice_sets import SetBuildError, build_set, draw_questions

        try:
            qs = draw_questions(s.bank.questions, test,
                                per_area={a: sp.value() for a, sp in self.area_spins.items()},
                                per_topic={k: sp.value() for k, sp in self.topic_spins.items()},
                                picked=self.picked_ids(), seed=self.seed)
            d = self.due_edit.date()
            return build_set(self.title_edit.text(), test, qs, instructor=self.instructor_edit.text(),
                             instructions=self.instructions.toPlainText(),
                             time_limit_seconds=self.minutes.value() * 60 or None,
                             feedback=self.feedback_box.currentData(),
                             due=d.toPython() if self.due_check.isChecked() else None,
                             shuffle=self.shuffle_check.isChecked())
        except SetBuildError as e:
            show_error(self, "The set is not ready", str(e))
            if "title" in str(e):
                self.title_edit.setFocus()
            return None

    def preview(self) -> None:
        ps = self.current_set()
        if ps is not None:
            PreviewDialog(ps, self).exec()

    def save(self, path: str | None = None) -> Path | None:
        s = self.ctx.services
        ps = self.current_set()
        if s is None or ps is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Save the practice set", f"{safe_file_name(ps.title)}.aseset",
                                                  "ASE Prep practice set (*.aseset)")
            if not path:
                return None
        from study.practice_sets import PracticeSetService

        try:
            written = PracticeSetService(s.db, s.blueprints).save(ps, Path(path))
        except OSError as e:
            show_error(self, "Could not save the set", f"{path}: {e.strerror or e}")
            return None
        if self.instructor_edit.text().strip():
            s.settings.set("instructor_name", self.instructor_edit.text().strip())
        self.message.setText(f"Saved {written.name} ({len(ps.questions)} questions, check {ps.short_hash}). "
                             "Hand it to your students: they open it from Practice > Open practice set.")
        self.ctx.changed.emit("sets")
        return written

    def export_gift(self, path: str | None = None) -> Path | None:
        ps = self.current_set()
        if ps is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export the set to GIFT", f"{safe_file_name(ps.title)}.gift",
                                                  "GIFT (*.gift *.txt)")
            if not path:
                return None
        from study.importers import to_gift

        try:
            Path(path).write_text(to_gift(ps.questions, heading=f"{ps.title} ({ps.test}), exported from ASE Prep"),
                                  encoding="utf-8")
        except OSError as e:
            show_error(self, "Could not export", f"{path}: {e.strerror or e}")
            return None
        self.message.setText(f"{len(ps.questions)} questions written to {Path(path).name}.")
        return Path(path)

    def print_pdf(self, answer_key: bool, path: str | None = None) -> Path | None:
        ps = self.current_set()
        if ps is None:
            return None
        if path is None:
            suffix = "-answer-key" if answer_key else ""
            path, _ = QFileDialog.getSaveFileName(self, "Print to PDF", f"{safe_file_name(ps.title)}{suffix}.pdf",
                                                  "PDF document (*.pdf)")
            if not path:
                return None
        from app.set_pdf import write_set_pdf

        try:
            out = write_set_pdf(ps, Path(path), answer_key=answer_key)
        except OSError as e:
            show_error(self, "Could not write the PDF", str(e))
            return None
        self.message.setText(f"Wrote {out.name}" + (" with the answer key." if answer_key else "."))
        return out


# ----------------------------------------------------------------------------- my questions


CSV_HELP = ("CSV layout: a header row naming the columns stem, A, B, C, D, answer (the letter), and optionally "
            "explanation, test, area, topic, tags (separated by ; ). A row's own test and area win over the "
            "mapping chosen here.")


class QuestionsTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.pending: Any = None  # the parsed file waiting for "Import"
        self.loading = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)

        box, b = card()
        b.addWidget(plain_label("Import questions from a file", "h2"))
        b.addWidget(plain_label("GIFT and Aiken (what Moodle and most learning systems export) or CSV. "
                                "Multiple-choice questions with one right answer and four choices are imported; "
                                "anything else is listed as skipped, with its line.", "muted"))
        row = QHBoxLayout()
        self.choose_btn = button("Choose a file...", "Choose a GIFT, Aiken or CSV file to import", self.choose)
        self.format_box = combo("File format", 14)
        for label, key in (("Detect the format", None), ("GIFT", "gift"), ("Aiken", "aiken"), ("CSV", "csv")):
            self.format_box.addItem(label, key)
        self.map_test = combo("Map the imported questions to test", 16)
        self.map_area = combo("Map the imported questions to content area", 20)
        self.map_test.currentIndexChanged.connect(lambda _i: self._fill_areas(self.map_test, self.map_area))
        row.addWidget(plain_label("Map the questions to", wrap=False))
        row.addWidget(self.map_test)
        row.addWidget(self.map_area)
        row.addStretch(1)
        b.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.format_box)
        row.addWidget(self.choose_btn)
        row.addStretch(1)
        b.addLayout(row)
        b.addWidget(plain_label(CSV_HELP, "muted"))
        self.file_label = plain_label("", "muted")
        self.file_label.setAccessibleName("Import status")
        b.addWidget(self.file_label)
        self.preview_host = QWidget()
        pv = QVBoxLayout(self.preview_host)
        pv.setContentsMargins(0, 0, 0, 0)
        self.will_label = plain_label("", "h2")
        pv.addWidget(self.will_label)
        self.will_table = table(["From", "Question", "Choices", "Key", "Test", "Area"], "Questions that will be imported")
        pv.addWidget(self.will_table)
        self.skip_label = plain_label("", "h2")
        pv.addWidget(self.skip_label)
        self.skip_table = table(["From", "Why it is skipped"], "Items that will be skipped")
        self.skip_table.setMinimumHeight(120)
        pv.addWidget(self.skip_table)
        prow = QHBoxLayout()
        self.import_btn = button("Import", "Import these questions", self.store, primary=True)
        self.discard_btn = button("Discard", "Discard this file without importing", self.discard)
        prow.addWidget(self.import_btn)
        prow.addWidget(self.discard_btn)
        prow.addStretch(1)
        pv.addLayout(prow)
        self.preview_host.hide()
        b.addWidget(self.preview_host)
        lay.addWidget(box)

        box, b = card()
        self.mine_label = plain_label("Your questions", "h2")
        b.addWidget(self.mine_label)
        self.empty = plain_label("None yet. Import a GIFT, Aiken or CSV file above; mapped to a test and area, your "
                                 "questions join the bank for sets and practice.", "muted")
        b.addWidget(self.empty)
        self.mine_table = table(["Question", "Test", "Area", "Topic", "Tags", "From", "Id"], "Your imported questions",
                                multi=True)
        self.mine_table.setMinimumHeight(240)
        b.addWidget(self.mine_table)
        row = QHBoxLayout()
        row.addWidget(plain_label("Map selected to", wrap=False))
        self.remap_test = combo("Map the selected questions to test", 14)
        self.remap_area = combo("Map the selected questions to content area", 20)
        self.remap_test.currentIndexChanged.connect(lambda _i: self._remap_test_changed())
        self.remap_btn = button("Map", "Map the selected questions to this test and area", self.remap)
        self.remove_btn = button("Remove selected", "Remove the selected questions", self.remove)
        for w in (self.remap_test, self.remap_area, self.remap_btn):
            row.addWidget(w)
        row.addStretch(1)
        b.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.remove_btn)
        self.export_mine_btn = button("Export mine to GIFT...", "Export your imported questions as GIFT",
                                      lambda: self.export_gift(mine_only=True))
        self.export_bank_btn = button("Export the test to GIFT...",
                                      "Export every question of the chosen test as GIFT",
                                      lambda: self.export_gift(mine_only=False))
        row.addWidget(self.export_mine_btn)
        row.addWidget(self.export_bank_btn)
        row.addStretch(1)
        b.addLayout(row)
        self.message = plain_label("", "muted")
        self.message.setAccessibleName("Questions message")
        b.addWidget(self.message)
        lay.addWidget(box)
        lay.addStretch(1)

    def fill(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        for box, first in ((self.map_test, "Map later"), (self.remap_test, None)):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            if first:
                box.addItem(first, "")
            for bp in s.blueprints.tests:
                if bp.areas:
                    box.addItem(f"{bp.code} {bp.name}", bp.code)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
        self._fill_areas(self.map_test, self.map_area)
        self._remap_test_changed()
        self.refresh()

    def _remap_test_changed(self) -> None:
        self._fill_areas(self.remap_test, self.remap_area)
        test = self.remap_test.currentData() or ""
        self.export_bank_btn.setText(f"Export every {test} question to GIFT...")
        self.export_bank_btn.setAccessibleName(f"Export every {test} question, the bank's and yours, as GIFT")

    def _fill_areas(self, tests: QComboBox, areas: QComboBox) -> None:
        s = self.ctx.services
        current = areas.currentData()
        areas.clear()
        test = tests.currentData()
        areas.setEnabled(bool(test))
        if s is None or not test:
            areas.addItem("(choose a test)", "")
            return
        for a in s.blueprints.get(test).areas:
            areas.addItem(f"{a.letter}. {a.title}", a.letter)
        areas.setCurrentIndex(max(0, areas.findData(current)))

    def refresh(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        from study.imported import ImportedQuestions

        rows = ImportedQuestions(s.db, s.blueprints).all()
        self.mine_label.setText(f"Your questions ({len(rows)})")
        self.empty.setVisible(not rows)
        self.mine_table.setVisible(bool(rows))
        for w in (self.remap_test, self.remap_area, self.remap_btn, self.remove_btn, self.export_mine_btn):
            w.setEnabled(bool(rows))
        fill_table(self.mine_table, [[cell(first_line(q.stem, 90), data=q.id), cell(q.test or "not mapped"),
                                      cell(q.area or "-"), cell(q.topic), cell(", ".join(q.tags)), cell(q.source),
                                      cell(q.id)] for q in rows])
        self.mine_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.mine_table.setColumnWidth(0, 420)

    # -- importing
    def choose(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "Import questions", "",
                                                  "Question files (*.gift *.txt *.csv);;All files (*)")
            if not path:
                return
        s = self.ctx.services
        if s is None:
            return
        from study.imported import check_mapping
        from study.importers import parse_file, with_mapping

        fmt, test, area = self.format_box.currentData(), self.map_test.currentData() or None, None
        if test:
            area = self.map_area.currentData() or None
        blueprints = s.blueprints
        self.loading = True
        self.file_label.setText(f"Reading {Path(path).name}...")
        run_in_background(lambda: check_mapping(with_mapping(parse_file(Path(path), fmt), test, area), blueprints),
                          lambda r: self._parsed(path, r), self._read_failed)

    def _read_failed(self, e: BaseException, _tb: str) -> None:
        self.loading = False
        self.discard()
        self.file_label.setText(str(e))
        show_error(self, "Cannot import this file", str(e))

    def _parsed(self, path: str, result: Any) -> None:
        self.loading = False
        self.pending = result
        n, m = len(result.imported), len(result.skipped)
        self.file_label.setText(f"{Path(path).name}: {n} question{'s' if n != 1 else ''} to import, {m} skipped. "
                                "Nothing is stored until you press Import.")
        self.will_label.setText(f"Will be imported ({n})")
        self.skip_label.setText(f"Skipped ({m})")
        fill_table(self.will_table, [[source_cell(q.source), cell(first_line(q.stem, 80)),
                                      cell(" | ".join(q.choices)), cell(q.answer), cell(q.test or "later"),
                                      cell(q.area or "-")] for q in result.imported])
        fill_table(self.skip_table, [[source_cell(x.source), cell(x.reason)] for x in result.skipped])
        self.will_table.setVisible(bool(n))
        self.skip_table.setVisible(bool(m))
        self.import_btn.setText(f"Import {n} question{'s' if n != 1 else ''}")
        self.import_btn.setEnabled(n > 0)
        self.preview_host.show()

    def discard(self) -> None:
        self.pending = None
        self.preview_host.hide()
        self.file_label.setText("")

    def store(self) -> None:
        s = self.ctx.services
        if s is None or self.pending is None:
            return
        from study.imported import ImportedQuestions

        store = ImportedQuestions(s.db, s.blueprints, backups=s.backups)
        result = self.pending
        self.loading = True
        self.import_btn.setEnabled(False)
        run_in_background(lambda: store.store(result), self._stored, self._store_failed)

    def _stored(self, outcome: Any) -> None:
        self.loading = False
        s = self.ctx.services
        if s is not None:
            from study.imported import refresh_bank

            refresh_bank(s)
        self.discard()
        self.message.setText(outcome.summary)
        self.refresh()
        self.ctx.changed.emit("questions")

    def _store_failed(self, e: BaseException, _tb: str) -> None:
        self.loading = False
        self.import_btn.setEnabled(True)
        show_error(self, "Nothing was imported", str(e))

    # -- your questions
    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.mine_table.selectedIndexes()})
        return [self.mine_table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]

    def remap(self) -> None:
        s = self.ctx.services
        ids = self.selected_ids()
        test, area = self.remap_test.currentData(), self.remap_area.currentData()
        if s is None or not ids or not test or not area:
            self.message.setText("Select questions in the table, then the test and area to map them to.")
            return
        from study.imported import ImportedQuestions, refresh_bank

        n = ImportedQuestions(s.db, s.blueprints).map(ids, test, area)
        refresh_bank(s)
        self.message.setText(f"{n} question{'s' if n != 1 else ''} mapped to {test} area {area}.")
        self.refresh()
        self.ctx.changed.emit("questions")

    def remove(self) -> None:
        s = self.ctx.services
        ids = self.selected_ids()
        if s is None or not ids:
            self.message.setText("Select the questions to remove first.")
            return
        if not ask(self, "Remove questions", f"Remove {len(ids)} of your questions? Past exams keep their answers, "
                   "but these questions will no longer be shown in them.", "Remove"):
            return
        from study.imported import ImportedQuestions, refresh_bank

        n = ImportedQuestions(s.db, s.blueprints).remove(ids)
        refresh_bank(s)
        self.message.setText(f"{n} question{'s' if n != 1 else ''} removed.")
        self.refresh()
        self.ctx.changed.emit("questions")

    def export_gift(self, mine_only: bool, path: str | None = None) -> Path | None:
        s = self.ctx.services
        if s is None:
            return None
        from study.imported import ImportedQuestions
        from study.importers import to_gift

        if mine_only:
            questions = [q.as_question() for q in ImportedQuestions(s.db, s.blueprints).all()]
            name, heading = "my-questions.gift", "Your own questions, exported from ASE Prep"
        else:
            test = self.remap_test.currentData()
            if not test:
                return None
            questions = s.bank.for_test(test)
            name, heading = f"{test}-questions.gift", f"{test} questions, exported from ASE Prep"
        if not questions:
            self.message.setText("No questions to export.")
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export to GIFT", name, "GIFT (*.gift *.txt)")
            if not path:
                return None
        try:
            Path(path).write_text(to_gift(questions, heading=heading), encoding="utf-8")
        except OSError as e:
            show_error(self, "Could not export", f"{path}: {e.strerror or e}")
            return None
        self.message.setText(f"{len(questions)} questions written to {Path(path).name}.")
        return Path(path)


# ----------------------------------------------------------------------------- the class


class ClassTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.report: Any = None
        self.last_import: Any = None
        self._sets: list[Any] = []
        self.loading = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)

        box, b = card()
        row = QHBoxLayout()
        self.test_box = combo("Class results for test", 12)
        self.test_box.currentIndexChanged.connect(lambda _i: self._fill_sets())
        self.set_box = combo("Class results for practice set", 20)
        self.set_box.currentIndexChanged.connect(lambda _i: self.load())
        self.import_btn = button("Import result files...", "Import students' result files", self.import_files,
                                 primary=True)
        self.folder_btn = button("Import a folder...", "Import every result file in a folder", self.import_folder)
        row.addWidget(plain_label("Results for", wrap=False))
        row.addWidget(self.test_box)
        row.addWidget(self.set_box)
        row.addStretch(1)
        b.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.import_btn)
        row.addWidget(self.folder_btn)
        row.addStretch(1)
        b.addLayout(row)
        self.status = plain_label("", "muted")
        self.status.setAccessibleName("Class results status")
        b.addWidget(self.status)
        self.problems = table(["File", "What is wrong"], "Result files that were refused", sortable=False)
        self.problems.setMinimumHeight(90)
        self.problems.hide()
        b.addWidget(self.problems)
        lay.addWidget(box)

        self.content = QWidget()
        cl = QVBoxLayout(self.content)
        cl.setContentsMargins(0, 0, 0, 0)
        box, b = card()
        self.heat = ChartPanel("Score by student and content area", height=240)
        b.addWidget(self.heat)
        cl.addWidget(box)
        box, b = card()
        b.addWidget(plain_label("Where the class is weak", "h2"))
        b.addWidget(plain_label("The class's answers per content area, ranked by points at stake on the real test "
                                "(the same ranking a learner sees for themselves).", "muted"))
        self.weak_table = table(["Area", "Content area", "Class estimate", "Right", "Points at stake", "Status"],
                                "Class weak categories, most points at stake first", sortable=False)
        self.weak_table.setMinimumHeight(150)
        self.weak_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.weak_table.horizontalHeader().setStretchLastSection(False)
        b.addWidget(self.weak_table)
        cl.addWidget(box)
        box, b = card()
        b.addWidget(plain_label("Item analysis", "h2"))
        b.addWidget(plain_label(
            "As Moodle's quiz statistics report it, from each student's first attempt. Facility: percent who got it "
            "right. Discrimination: Moodle's correlation-based index (100 x the correlation between the question and "
            "the rest of the set); under 20 is weak and negative usually means a wrong key or a misleading question, "
            "so those rows say \"Check\".", "muted"))
        frow = QHBoxLayout()
        self.flagged_only = QCheckBox("Only questions to check")
        self.flagged_only.setAccessibleName("Show only questions with low or negative discrimination")
        self.flagged_only.toggled.connect(lambda _on: self._filter_items())
        frow.addWidget(self.flagged_only)
        frow.addStretch(1)
        frow.addWidget(button("Export CSV...", "Export the item analysis to CSV", self.export_items))
        b.addLayout(frow)
        self.items_table = table(["#", "Question", "Area", "Key", "Facility", "Discrimination", "Verdict", "A", "B",
                                  "C", "D", "Blank", "Students"], "Item analysis: click a column heading to sort")
        self.items_table.setMinimumHeight(300)
        self.items_table.setWordWrap(False)
        b.addWidget(self.items_table)
        cl.addWidget(box)
        box, b = card()
        b.addWidget(plain_label("Gradebook", "h2"))
        self.grade_table = table(["Student", "Set", "Attempts", "First attempt", "Best", "Finished", "Late"],
                                 "Gradebook")
        b.addWidget(self.grade_table)
        grow = QHBoxLayout()
        grow.addWidget(button("Export CSV...", "Export the gradebook to CSV", lambda: self.export_gradebook(".csv")))
        grow.addWidget(button("Export Excel...", "Export the gradebook to Excel",
                              lambda: self.export_gradebook(".xlsx")))
        grow.addStretch(1)
        b.addLayout(grow)
        cl.addWidget(box)
        self.content.hide()
        lay.addWidget(self.content)
        self.empty = plain_label("No results yet. Hand out a set from \"Build a set\", then import the .aseresult "
                                 "files your students send back (many at once, or a whole folder).", "muted")
        lay.addWidget(self.empty)
        lay.addStretch(1)

    def fill(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        from study.practice_sets import PracticeSetService

        sets = PracticeSetService(s.db, s.blueprints).all()
        self._sets = sets
        current = self.test_box.currentData()
        tests = sorted({ps.test for ps in sets})
        self.test_box.blockSignals(True)
        self.test_box.clear()
        for code in tests:
            self.test_box.addItem(s.blueprints.get(code).title if code in s.blueprints else code, code)
        self.test_box.setCurrentIndex(max(0, self.test_box.findData(current)))
        self.test_box.blockSignals(False)
        self._fill_sets()

    def _fill_sets(self) -> None:
        test = self.test_box.currentData()
        current = self.set_box.currentData()
        self.set_box.blockSignals(True)
        self.set_box.clear()
        if test:
            self.set_box.addItem(f"Every {test} set", "")
            for ps in self._sets:
                if ps.test == test:
                    self.set_box.addItem(f"{ps.title} ({ps.short_hash})", ps.hash)
        self.set_box.setCurrentIndex(max(0, self.set_box.findData(current)))
        self.set_box.blockSignals(False)
        self.load()

    def load(self) -> None:
        s = self.ctx.services
        test = self.test_box.currentData()
        if s is None or not test:
            self._show(None)
            return
        from study.classroom import ClassroomService

        svc = ClassroomService(s.db, s.blueprints, settings=s.settings.analytics())
        set_hash = self.set_box.currentData() or None
        self.loading = True
        run_in_background(lambda: svc.report(test, set_hash), self._show, self._failed)

    def _failed(self, e: BaseException, _tb: str) -> None:
        self.loading = False
        self.status.setText(f"Could not build the class report: {e}")

    def _show(self, report: Any) -> None:
        self.loading = False
        self.report = report
        has = report is not None and not report.empty
        self.content.setVisible(has)
        self.empty.setVisible(not has)
        if not has:
            return
        self.heat.redraw(lambda fig, c: draw_heat(fig, c, report))
        self.heat.canvas.setMinimumHeight(max(240, 24 * len(report.students) + 90))
        weak = report.standing.areas if report.standing else ()
        fill_table(self.weak_table, [[cell(a.area), cell(a.title), cell(f"{a.estimate:.0%}"),
                                      cell(f"{a.correct} of {a.answered}"), cell(f"{a.points_at_stake:.1f}"),
                                      cell(a.status)] for a in weak])
        rows = []
        for it in report.items:
            band = it.discrimination_band
            verdict = ("Check: " if it.flagged else "") + band.split(":")[0]
            q = cell(first_line(it.stem, 60), data=it.question_id)
            q.setToolTip(it.stem)
            rows.append([NumberItem(str(it.position), it.position), q, cell(it.area), cell(it.answer),
                         NumberItem("-" if it.facility is None else f"{it.facility:.0f} %", it.facility),
                         NumberItem("-" if it.discrimination is None else f"{it.discrimination:.0f}",
                                    it.discrimination),
                         cell(verdict, data=it.flagged),
                         *[NumberItem(str(n), n) for n in it.choice_counts], NumberItem(str(it.attempts), it.attempts)])
        for row, it in zip(rows, report.items, strict=True):
            row[6].setToolTip(f"Discrimination {it.discrimination_band}")
        fill_table(self.items_table, rows)
        hh = self.items_table.horizontalHeader()
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.items_table.setColumnWidth(1, 300)
        self._filter_items()
        fill_table(self.grade_table, [[cell(g.student), cell(g.set_title), NumberItem(str(g.attempts), g.attempts),
                                       NumberItem(f"{g.first_percent:.0f} %", g.first_percent),
                                       NumberItem(f"{g.best_percent:.0f} %", g.best_percent),
                                       cell(g.last_finished), cell("late" if g.late else "")]
                                      for g in report.gradebook])
        n_check = sum(1 for it in report.items if it.flagged)
        self.status.setText(f"{len(report.students)} student{'s' if len(report.students) != 1 else ''}, "
                            f"{len(report.gradebook)} result{'s' if len(report.gradebook) != 1 else ''}"
                            + (f"; {n_check} question{'s' if n_check != 1 else ''} to check." if n_check else "."))

    def _filter_items(self) -> None:
        only = self.flagged_only.isChecked()
        for r in range(self.items_table.rowCount()):
            flagged = bool(self.items_table.item(r, 6).data(Qt.ItemDataRole.UserRole))
            self.items_table.setRowHidden(r, only and not flagged)

    # -- importing
    def import_files(self, paths: list[str] | None = None) -> None:
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, "Import result files", "",
                                                    "ASE Prep results (*.aseresult);;All files (*)")
        if paths:
            self._import([Path(p) for p in paths])

    def import_folder(self, folder: str | None = None) -> None:
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, "Import every result file in a folder")
        if folder:
            self._import([Path(folder)])

    def _import(self, paths: list[Path]) -> None:
        s = self.ctx.services
        if s is None:
            return
        from study.classroom import ClassroomService

        svc = ClassroomService(s.db, s.blueprints, backups=s.backups)
        set_hash = self.set_box.currentData() or None
        self.loading = True
        self.status.setText("Importing...")
        run_in_background(lambda: svc.import_results(paths, set_hash=set_hash), self._imported, self._import_failed)

    def _import_failed(self, e: BaseException, _tb: str) -> None:
        self.loading = False
        self.status.setText("Nothing was imported.")
        show_error(self, "Nothing was imported", str(e))

    def _imported(self, out: Any) -> None:
        self.loading = False
        bad = out.rejected
        fill_table(self.problems, [[cell(o.file), cell(o.message)] for o in bad])
        self.problems.setVisible(bool(bad))
        self.fill()
        self.status.setText(out.summary + (" The refused files are listed below; nothing from them was stored."
                                           if bad else ""))
        self.last_import = out

    # -- exports
    def export_gradebook(self, suffix: str, path: str | None = None) -> Path | None:
        s = self.ctx.services
        if s is None or self.report is None:
            return None
        if path is None:
            kind = "Excel workbook (*.xlsx)" if suffix == ".xlsx" else "CSV (*.csv)"
            path, _ = QFileDialog.getSaveFileName(self, "Export the gradebook", f"gradebook-{self.report.test}{suffix}",
                                                  kind)
            if not path:
                return None
        from study.classroom import ClassroomService

        target = Path(path)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        try:
            ClassroomService(s.db, s.blueprints).export_gradebook(target, self.report)
        except Exception as e:  # noqa: BLE001 - shown to the user: a locked file, a missing package
            show_error(self, "Could not export the gradebook", str(e))
            return None
        self.status.setText(f"Gradebook written to {target.name}.")
        return target

    def export_items(self, path: str | None = None) -> Path | None:
        if self.report is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Export the item analysis",
                                                  f"item-analysis-{self.report.test}.csv", "CSV (*.csv)")
            if not path:
                return None
        from study.classroom import ITEM_COLUMNS, export_table, item_table

        try:
            out = export_table(Path(path), ITEM_COLUMNS, item_table(self.report.items))
        except OSError as e:
            show_error(self, "Could not export", f"{path}: {e.strerror or e}")
            return None
        self.status.setText(f"Item analysis written to {out.name}.")
        return out


def draw_heat(fig: Any, c: dict[str, str], report: Any) -> None:
    """Students down, content areas across, each cell's percent written in it (not colour alone)."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    ax = fig.add_subplot()
    style_axes(ax, c)
    grid = np.array([[np.nan if v is None else v for v in row] for row in report.heat], dtype=float)
    cmap = LinearSegmentedColormap.from_list("score", [c["bad"], c["panel"], c["accent"]])
    im = ax.imshow(grid, aspect="auto", cmap=cmap, vmin=0, vmax=100)
    ax.set_xticks(range(len(report.areas)), [f"{a}" for a in report.areas])
    ax.set_yticks(range(len(report.students)), [mpl_text(s) for s in report.students])
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            v = grid[i, j]
            ax.text(j, i, "-" if np.isnan(v) else f"{v:.0f}%", ha="center", va="center", fontsize=8,
                    color=c["accent_text"] if not np.isnan(v) and (v < 25 or v > 75) else c["text"])
    cb = fig.colorbar(im, ax=ax, fraction=0.03)
    cb.ax.tick_params(colors=c["text"], labelsize=7)
    ax.set_xlabel("Content area (percent right)")


# ----------------------------------------------------------------------------- the page


class InstructorPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._filled = False
        lay = page_layout(self, "Instructor", "Build practice sets and hand them out as files, bring in your own "
                                              "questions, and see where the class is weak from the results.")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Instructor sections")
        self.tabs.tabBar().setAccessibleName("Instructor sections: Build a set, My questions, Class results")
        self.build = BuildTab(ctx)
        self.questions = QuestionsTab(ctx)
        self.klass = ClassTab(ctx)
        for w, title in ((self.build, "Build a set"), (self.questions, "My questions"), (self.klass, "Class results")):
            self.tabs.addTab(scrolling(w, f"{title} tab"), title)
        lay.addWidget(self.tabs, 1)
        ctx.ready.connect(self.fill)
        ctx.changed.connect(self._changed)

    @property
    def loading(self) -> bool:
        return self.questions.loading or self.klass.loading

    def on_show(self) -> None:
        if self.ctx.services is not None and not self._filled:
            self.fill()

    def fill(self) -> None:
        if self.ctx.services is None:
            return
        self._filled = True
        self.build.fill()
        self.questions.fill()
        self.klass.fill()

    def _changed(self, what: str) -> None:
        if not self._filled:
            return
        if what == "questions":
            self.build.fill()
        elif what == "sets":
            self.klass.fill()


# ----------------------------------------------------------------------------- the student's side


def open_practice_set(parent: QWidget, ctx: AppContext, path: str | None = None, *, confirm: bool = True) -> bool:
    """Practice > Open practice set: read the file, say what it holds, start it. False if not started."""
    s = ctx.services
    if s is None:
        return False
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, "Open a practice set", "",
                                              "ASE Prep practice set (*.aseset);;All files (*)")
        if not path:
            return False
    from study.practice_sets import SetFileError, check_against_blueprints, load_set, open_for_student

    try:
        ps = load_set(Path(path))  # read and checked first: nothing is kept unless the student starts
        check_against_blueprints(ps, s.blueprints, Path(path).name)
    except SetFileError as e:
        show_error(parent, "Cannot open this practice set", f"{e}\n\nNothing was changed.")
        return False
    if confirm and not ask(parent, "Practice set", "\n".join(ps.summary_lines()), "Start"):
        return False
    unfinished = s.exams.in_progress()
    if unfinished is not None:
        if confirm and not ask(parent, "An exam is not finished",
                               f"{unfinished.title} is not finished ({unfinished.answered} of "
                               f"{unfinished.question_count} answered). Starting the set closes it unfinished; its "
                               "answers stay in your history.", "Start the set"):
            return False
        s.exams.abandon(unfinished.id)
    try:
        opened = open_for_student(s, Path(path))
    except SetFileError as e:  # the file changed since it was read a moment ago
        show_error(parent, "Cannot open this practice set", f"{e}\n\nNothing was changed.")
        return False
    ctx.start_exam(s.exams.start(opened.form, opened.title, source=opened.source))
    return True


def set_of_result(ctx: AppContext, result: Any) -> Any:
    """The practice set an exam result came from, or None (the results page shows its button then)."""
    s = ctx.services
    if s is None or result is None or str(result.summary.mode) not in ("set", "set_study"):
        return None
    from study.practice_sets import PracticeSetService

    return PracticeSetService(s.db, s.blueprints).set_for_exam(result.summary.id)


def save_result_file(parent: QWidget, ctx: AppContext, result: Any, path: str | None = None,
                     student: str | None = None) -> Path | None:
    """Results > Save result file: the student's name, then where to put the .aseresult file."""
    s = ctx.services
    ps = set_of_result(ctx, result)
    if s is None or ps is None:
        return None
    if student is None:
        student, ok = QInputDialog.getText(parent, "Your name", "Your name, as your instructor knows you:",
                                           QLineEdit.EchoMode.Normal, s.settings.get("student_name", "") or "")
        if not ok:
            return None
    from study.practice_sets import PracticeSetService, SetBuildError, save_result

    try:
        res = PracticeSetService(s.db, s.blueprints).result_for_exam(result.summary.id, student)
    except SetBuildError as e:
        show_error(parent, "Cannot save the result", str(e))
        return None
    s.settings.set("student_name", res.student)
    if path is None:
        path, _ = QFileDialog.getSaveFileName(parent, "Save your result file",
                                              f"{safe_file_name(res.student)}-{safe_file_name(ps.title)}.aseresult",
                                              "ASE Prep result (*.aseresult)")
        if not path:
            return None
    try:
        out = save_result(res, Path(path))
    except OSError as e:
        show_error(parent, "Could not save the result", f"{path}: {e.strerror or e}")
        return None
    return out


if __name__ == "__main__":  # a preview of the page alone: python -m app.pages.instructor [DATA_DIR]
    import sys

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from study.services import open_services

    app = QApplication(sys.argv)
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.home() / ".ase-prep-preview"
    ctx = AppContext(QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat))
    page = InstructorPage(ctx)
    page.resize(1180, 800)
    page.show()
    ctx.set_services(open_services(data))
    sys.exit(app.exec())
