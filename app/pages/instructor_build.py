"""Instructor > Build a set: a practice set drawn at random by area and topic plus hand-picked
questions, previewed as a student sees it, then saved as a file to hand out, printed to PDF or
exported for an LMS (GIFT, Moodle XML, QTI)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.date_field import DateField
from app.fit_combo import FitCombo
from app.ops import Change
from app.pages.common import button_row, card, plain_label
from app.pages.instructor_common import (
    button,
    fill_table,
    first_line,
    open_kept,
    plural,
    refill,
    safe_file_name,
    save_path,
    table,
)
from app.pages.instructor_draw import DrawGrid
from app.pages.instructor_preview import PreviewDialog
from app.table_model import Cell, cell

STYLE_NAMES = {"direct": "Direct question", "technician_ab": "Technician A / B", "most_likely": "Most likely",
               "except": "EXCEPT", "least_likely": "Least likely"}


class BuildTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.seed = random.SystemRandom().randrange(1, 2**31)
        self._pick_rows: dict[str, int] = {}
        self.preview_dialog: PreviewDialog | None = None  # open now (tests reach it here)
        self.export_dialog: Any = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)

        box, b = card()
        b.addWidget(plain_label("The set", "h2"))
        form = QFormLayout()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("e.g. Week 3: disc brakes")
        self.title_edit.setAccessibleName("Set title")
        self.test_box = FitCombo("Test the set is for")
        self.test_box.currentIndexChanged.connect(lambda _i: self.test_changed())
        self.instructor_edit = QLineEdit()
        self.instructor_edit.setAccessibleName("Your name, as your students see it")
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 600)
        self.minutes.setSpecialValueText("Untimed")
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Time limit in minutes; 0 for untimed")
        # as wide as its text at the text size of the day, no wider
        self.minutes.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.feedback_box = FitCombo("Feedback mode")
        self.feedback_box.addItem("Exam: results at the end, as on the real test", "exam")
        self.feedback_box.addItem("Study: the key and explanation after each answer", "study")
        due_row = QHBoxLayout()
        self.due_check = QCheckBox("Due")
        self.due_check.setAccessibleName("The set has a due date")
        # taken as typed; the check box on the field's own line, not centred on the field and its words
        self.due_edit = DateField(date.today() + timedelta(days=7), name="Due date", lead=self.due_check)
        self.due_edit.set_typing_enabled(False)
        self.due_check.toggled.connect(self.due_edit.set_typing_enabled)
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
                         (self.feedback_box, 520), (self.instructions, 720)):
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
        self.draw = DrawGrid()
        self.draw.changed.connect(self.update_summary)
        self.area_spins, self.topic_spins = self.draw.area_spins, self.draw.topic_spins  # how many from each
        b.addWidget(self.draw)
        lay.addWidget(box)

        box, b = card()
        b.addWidget(plain_label("Hand-picked questions", "h2"))
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search question text")
        self.search.setAccessibleName("Search question text")
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("Search question text") + 24)
        self.search.textChanged.connect(lambda _t: self.apply_filters())
        self.area_filter = FitCombo("Show questions from area")
        self.area_filter.currentIndexChanged.connect(lambda _i: self._area_filter_changed())
        self.topic_filter = FitCombo("Show questions on topic")
        self.topic_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.style_filter = FitCombo("Show questions of style")
        self.style_filter.addItem("Any style", "")
        for key, label in STYLE_NAMES.items():
            self.style_filter.addItem(label, key)
        self.style_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.picked_only = QCheckBox("Picked only")
        self.picked_only.setAccessibleName("Show only the hand-picked questions")
        self.picked_only.toggled.connect(lambda _on: self.apply_filters())
        filters.addWidget(self.search, 2)
        filters.addWidget(self.picked_only)
        b.addLayout(filters)
        narrow = QHBoxLayout()  # on a line of their own, so a narrow window or large text never scrolls sideways
        for control in (self.area_filter, self.topic_filter, self.style_filter):
            narrow.addWidget(control)
        narrow.addStretch(1)
        b.addLayout(narrow)
        self.pick_table = table(["Use", "Id", "Area", "Topic", "Style", "Question"],
                                "Questions to hand-pick: Space ticks the current one", checkable=0)
        self.pick_table.setMinimumHeight(260)
        self.pick_table.checked_changed.connect(self._picked_changed)
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
        self.export_btn = button("Export for an LMS...", "Export the set's questions for Moodle, Canvas or Blackboard",
                                 self.export_lms)
        row.addWidget(self.preview_btn)
        row.addWidget(self.redraw_btn)
        row.addStretch(1)
        row.addWidget(self.save_btn)
        b.addLayout(row)
        b.addWidget(button_row(self.print_btn, self.key_btn, self.export_btn))
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
        tests = []
        for bp in s.blueprints.tests:
            n = len(s.bank.for_test(bp.code))
            if bp.areas and n:
                tests.append((f"{bp.code} {bp.name} ({n} questions)", bp.code))
        refill(self.test_box, tests)
        if not self.instructor_edit.text():
            self.ctx.ops.read(lambda: s.settings.get("instructor_name", "") or "", self._known_name, owner=self)
        self.test_changed()

    def _known_name(self, name: str) -> None:
        if not self.instructor_edit.text():
            self.instructor_edit.setText(name)

    def test_changed(self) -> None:
        s = self.ctx.services
        test = self.test_box.currentData()
        if s is None or not test:
            return
        bp = s.blueprints.get(test)
        pool = s.bank.for_test(test)
        self.draw.fill(bp, pool)
        refill(self.area_filter, [("Every area", ""), *((f"Area {a.letter}", a.letter) for a in bp.areas)],
               keep=False)
        self._fill_topics()
        self._fill_pick_table(pool)
        self.update_summary()

    def _fill_pick_table(self, pool: list[Any]) -> None:
        rows = []
        for q in sorted(pool, key=lambda q: q.id):
            mine = " (yours)" if q.origin == "imported" else ""
            # an imported stem is shown as written, its tooltip too, never as HTML
            rows.append([Cell("", sort=q.id, data=q.id, accessible=f"Use {q.id}"), cell(q.id + mine, data=q.id),
                         cell(q.area), cell(q.topic), cell(STYLE_NAMES.get(q.style, q.style), data=q.style),
                         cell(first_line(q.stem), tip=q.stem)])
        fill_table(self.pick_table, rows)
        self.pick_table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.apply_filters()

    def _picked_changed(self) -> None:
        if self.picked_only.isChecked():
            self.apply_filters()
        self.update_summary()

    def _area_filter_changed(self) -> None:
        self._fill_topics()
        self.apply_filters()

    def _fill_topics(self) -> None:
        s = self.ctx.services
        test = self.test_box.currentData()
        area = self.area_filter.currentData() or ""
        topics = []
        if s is not None and test:
            topics = sorted({q.topic for q in s.bank.for_test(test) if not area or q.area == area})
        refill(self.topic_filter, [("Any topic", ""), *((t, t) for t in topics)], keep=False)

    def apply_filters(self) -> None:
        words = self.search.text().casefold().split()
        area, topic, style = (self.area_filter.currentData() or "", self.topic_filter.currentData() or "",
                              self.style_filter.currentData() or "")
        s = self.ctx.services
        picked = set(self.pick_table.checked()) if self.picked_only.isChecked() else None

        def keep(row: Any) -> bool:
            q = s.bank.find(row[0].data) if s is not None else None
            if q is None:
                return False
            text = (q.stem + " " + " ".join(q.choices)).casefold()
            return (all(w in text for w in words) and (not area or q.area == area) and (not topic or q.topic == topic)
                    and (not style or q.style == style) and (picked is None or q.id in picked))

        self.pick_table.set_filter(keep)

    # -- the set
    def picked_ids(self) -> list[str]:
        return [str(qid) for qid in self.pick_table.checked()]

    def set_picked(self, ids: list[str]) -> None:
        self.pick_table.set_checked(ids)

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
        self.summary.setText(plural(total, "question")
                             + (f" ({', '.join(parts)})" if parts else "") + f"; {limit}; {mode}.")
        ready = total > 0
        for b in (self.preview_btn, self.print_btn, self.key_btn, self.save_btn, self.export_btn):
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
        from study.classroom.sets import SetBuildError, build_set, draw_questions

        mirrors = s.blueprints.get(test).mirrors  # an Entry-Level test: its mirror's tagged questions
        due = self.due_edit.check() if self.due_check.isChecked() else None
        if self.due_check.isChecked() and due is None:
            return None  # the field says why the due date is not one it can use
        try:
            qs = draw_questions(s.bank.questions, test,
                                per_area=self.draw.per_area(), per_topic=self.draw.per_topic(),
                                picked=self.picked_ids(), seed=self.seed, mirrors=mirrors)
            return build_set(self.title_edit.text(), test, qs, mirrors=mirrors, instructor=self.instructor_edit.text(),
                             instructions=self.instructions.toPlainText(),
                             time_limit_seconds=self.minutes.value() * 60 or None,
                             feedback=self.feedback_box.currentData(),
                             due=due,
                             shuffle=self.shuffle_check.isChecked())
        except SetBuildError as e:
            self.ctx.dialogs.warn(self, "The set is not ready", str(e))
            if "title" in str(e):
                self.title_edit.setFocus()
            return None

    def preview(self) -> None:
        ps = self.current_set()
        if ps is not None:
            s = self.ctx.services
            bp = s.blueprints.get(ps.test) if s is not None and ps.test in s.blueprints else None
            open_kept(self, "preview_dialog", PreviewDialog(ps, self, test_reference=getattr(bp, "reference", None),
                                                            settings=self.ctx.settings))

    def save(self, path: str | None = None) -> None:
        """The set file, written whole and kept here as the copy its results are scored against."""
        s = self.ctx.services
        ps = self.current_set()
        if s is None or ps is None:
            return
        path = save_path(self.ctx, self, "Save the practice set", f"{safe_file_name(ps.title)}.aseset",
                         "ASE Prep practice set (*.aseset)", path)
        if path is None:
            return
        target, name = Path(path), self.instructor_edit.text().strip()

        def job() -> Path:
            written = s.practice_sets().save(ps, target)
            if name:
                s.settings.set("instructor_name", name)
            return written

        def saved(written: Path) -> None:
            self.message.setText(f"Saved {written.name} ({len(ps.questions)} questions, check {ps.short_hash}). "
                                 "Hand it to your students: they open it from Practice > Open practice set.")

        def failed(e: BaseException, tb: str) -> None:
            if not isinstance(e, OSError):
                raise e
            self.ctx.dialogs.warn(self, "Could not save the set", f"{path}: {e.strerror or e}")

        self.ctx.ops.write(job, saved, failed, changes=Change.SETS, owner=self)

    def export_lms(self) -> Any:
        """The set's questions out as GIFT, Moodle XML or QTI (the dialog asks which and where)."""
        ps = self.current_set()
        if ps is None:
            return None
        from app.pages.instructor_lms import open_export

        self.export_dialog = open_export(
            self.ctx, self, f"The set \"{ps.title}\" ({len(ps.questions)} questions)", ps.questions,
            safe_file_name(ps.title), f"{ps.title} ({ps.test}), exported from ASE Prep",
            lambda out: self.message.setText(out.summary))
        return self.export_dialog

    def print_pdf(self, answer_key: bool, path: str | None = None) -> Path | None:
        ps = self.current_set()
        if ps is None:
            return None
        suffix = "-answer-key" if answer_key else ""
        path = save_path(self.ctx, self, "Print to PDF", f"{safe_file_name(ps.title)}{suffix}.pdf", "PDF document (*.pdf)", path)
        if path is None:
            return None
        from app.set_pdf import write_set_pdf

        try:
            out = write_set_pdf(ps, Path(path), answer_key=answer_key)
        except OSError as e:
            self.ctx.dialogs.warn(self, "Could not write the PDF", str(e))
            return None
        self.message.setText(f"Wrote {out.name}" + (" with the answer key." if answer_key else "."))
        return out

