"""Instructor > My questions: bring in your own questions from GIFT, Aiken, Moodle XML or CSV files (what will be
imported and what is skipped is shown before anything is stored), map them to a test and content
area so they join the bank, remove them, and export them (all, a selection, or a whole test) for an LMS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QHeaderView, QVBoxLayout, QWidget

from app.context import AppContext
from app.fit_combo import FitCombo
from app.ops import Change
from app.pages.common import button_row, card, plain_label
from app.pages.instructor_common import (
    button,
    fill_table,
    first_line,
    plural,
    refill,
    table,
)
from app.pages.instructor_lms import ask_open, busy_bar
from app.table_model import cell, source

CSV_HELP = ("CSV layout: a header row naming the columns stem, A, B, C, D, answer (the letter), and optionally "
            "explanation, test, area, topic, tags (separated by ; ). A row's own test and area win over the "
            "mapping chosen here.")
QUESTION_FILES = "Question files (*.gift *.txt *.xml *.csv);;All files (*)"


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
        b.addWidget(plain_label("GIFT, Aiken and Moodle XML (what Moodle and most learning systems export) or CSV. "
                                "Multiple-choice questions with one right answer and four choices are imported; "
                                "anything else is listed as skipped, with its line.", "muted"))
        self.choose_btn = button("Choose a file...", "Choose a GIFT, Aiken, Moodle XML or CSV file to import",
                                 self.choose)
        self.format_box = FitCombo("File format")
        for label, key in (("Detect the format", None), ("GIFT", "gift"), ("Aiken", "aiken"),
                           ("Moodle XML", "moodle-xml"), ("CSV", "csv")):
            self.format_box.addItem(label, key)
        self.map_test = FitCombo("Map the imported questions to test")
        self.map_area = FitCombo("Map the imported questions to content area")
        self.map_test.currentIndexChanged.connect(lambda _i: self._fill_areas(self.map_test, self.map_area))
        b.addWidget(button_row(plain_label("Map the questions to", wrap=False), self.map_test, self.map_area))
        b.addWidget(button_row(self.format_box, self.choose_btn))
        b.addWidget(plain_label(CSV_HELP, "muted"))
        self.file_label = plain_label("", "muted")
        self.file_label.setAccessibleName("Import status")
        b.addWidget(self.file_label)
        self.bar = busy_bar("Reading the question file")
        b.addWidget(self.bar)
        self.preview_host = QWidget()
        pv = QVBoxLayout(self.preview_host)
        pv.setContentsMargins(0, 0, 0, 0)
        self.will_label = plain_label("", "h2")
        pv.addWidget(self.will_label)
        self.will_table = table(["From", "Question", "Choices", "Key", "Test", "Area"],
                                "Questions that will be imported")
        pv.addWidget(self.will_table)
        self.skip_label = plain_label("", "h2")
        pv.addWidget(self.skip_label)
        self.skip_table = table(["From", "Why it is skipped"], "Items that will be skipped")
        self.skip_table.setMinimumHeight(120)
        pv.addWidget(self.skip_table)
        self.import_btn = button("Import", "Import these questions", self.store, primary=True)
        self.discard_btn = button("Discard", "Discard this file without importing", self.discard)
        pv.addWidget(button_row(self.import_btn, self.discard_btn))
        self.preview_host.hide()
        b.addWidget(self.preview_host)
        lay.addWidget(box)

        box, b = card()
        self.mine_label = plain_label("Your questions", "h2")
        b.addWidget(self.mine_label)
        self.empty = plain_label("None yet. Import a GIFT, Aiken, Moodle XML or CSV file above; mapped to a test and area, your "
                                 "questions join the bank for sets and practice.", "muted")
        b.addWidget(self.empty)
        self.mine_table = table(["Question", "Test", "Area", "Topic", "Tags", "From", "Id"], "Your imported questions",
                                multi=True)
        self.mine_table.setMinimumHeight(240)
        b.addWidget(self.mine_table)
        self.remap_test = FitCombo("Map the selected questions to test")
        self.remap_area = FitCombo("Map the selected questions to content area")
        self.remap_test.currentIndexChanged.connect(lambda _i: self._remap_test_changed())
        self.remap_btn = button("Map", "Map the selected questions to this test and area", self.remap)
        self.remove_btn = button("Remove selected", "Remove the selected questions", self.remove)
        b.addWidget(button_row(plain_label("Map selected to", wrap=False), self.remap_test, self.remap_area,
                               self.remap_btn))
        self.export_mine_btn = button("Export mine...", "Export your imported questions for an LMS",
                                      lambda: self.export_lms("mine"))
        self.export_selected_btn = button("Export selected...", "Export the selected questions for an LMS",
                                          lambda: self.export_lms("selected"))
        self.export_bank_btn = button("Export the test...", "Export every question of the chosen test for an LMS",
                                      lambda: self.export_lms("test"))
        b.addWidget(button_row(self.remove_btn, self.export_mine_btn, self.export_selected_btn, self.export_bank_btn))
        self.message = plain_label("", "muted")
        self.message.setAccessibleName("Questions message")
        b.addWidget(self.message)
        lay.addWidget(box)
        lay.addStretch(1)

    def fill(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        tests = [(f"{bp.code} {bp.name}", bp.code) for bp in s.blueprints.tests if bp.areas]
        refill(self.map_test, [("Map later", ""), *tests])
        refill(self.remap_test, tests)
        self._fill_areas(self.map_test, self.map_area)
        self._remap_test_changed()
        self.refresh()

    def _remap_test_changed(self) -> None:
        self._fill_areas(self.remap_test, self.remap_area)
        test = self.remap_test.currentData() or ""
        self.export_bank_btn.setText(f"Export every {test} question...")
        self.export_bank_btn.setAccessibleName(f"Export every {test} question, the bank's and yours, for an LMS")

    def _fill_areas(self, tests: QComboBox, areas: QComboBox) -> None:
        s = self.ctx.services
        test = tests.currentData()
        areas.setEnabled(bool(test))
        if s is None or not test:
            refill(areas, [("(choose a test)", "")])
        else:
            refill(areas, [(f"{a.letter}. {a.title}", a.letter) for a in s.blueprints.get(test).areas])

    def refresh(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        self.ctx.ops.read(lambda: s.imported().all(), self._show_mine, owner=self)

    def _show_mine(self, rows: list[Any]) -> None:
        self.mine_label.setText(f"Your questions ({len(rows)})")
        self.empty.setVisible(not rows)
        self.mine_table.setVisible(bool(rows))
        for w in (self.remap_test, self.remap_area, self.remap_btn, self.remove_btn, self.export_mine_btn,
                  self.export_selected_btn):
            w.setEnabled(bool(rows))
        fill_table(self.mine_table, [[cell(first_line(q.stem, 90), data=q.id), cell(q.test or "not mapped"),
                                      cell(q.area or "-"), cell(q.topic), cell(", ".join(q.tags)), cell(q.source),
                                      cell(q.id)] for q in rows])
        self.mine_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.mine_table.setColumnWidth(0, 420)

    # -- importing
    def choose(self, path: str | None = None) -> None:
        if path is None:
            path = ask_open(self.ctx, self, "questions", "Import questions", QUESTION_FILES)
            if path is None:
                return
        s = self.ctx.services
        if s is None:
            return
        from study.classroom.imported import check_mapping
        from study.classroom.importers import parse_file, with_mapping

        fmt, test, area = self.format_box.currentData(), self.map_test.currentData() or None, None
        if test:
            area = self.map_area.currentData() or None
        blueprints = s.blueprints
        self._busy(True)
        self.file_label.setText(f"Reading {Path(path).name}...")
        chosen = path
        self.ctx.ops.read(lambda: check_mapping(with_mapping(parse_file(Path(chosen), fmt), test, area), blueprints),
                          lambda r: self._parsed(chosen, r), self._read_failed, owner=self)

    def _busy(self, on: bool) -> None:
        self.loading = on
        self.bar.setVisible(on)

    def _read_failed(self, e: BaseException, _tb: str) -> None:
        self._busy(False)
        self.discard()
        self.file_label.setText(str(e))
        self.ctx.dialogs.warn(self, "Cannot import this file", str(e))

    def _parsed(self, path: str, result: Any) -> None:
        self._busy(False)
        self.pending = result
        n, m = len(result.imported), len(result.skipped)
        notes = [*result.notes, *result.question_notes]
        self.file_label.setText(f"{Path(path).name}: {plural(n, 'question')} to import, {m} skipped. "
                                "Nothing is stored until you press Import."
                                + "".join(f"\nNote: {x}" for x in notes[:6])
                                + (f"\n(and {len(notes) - 6} more notes)" if len(notes) > 6 else ""))
        self.will_label.setText(f"Will be imported ({n})")
        self.skip_label.setText(f"Skipped ({m})")
        fill_table(self.will_table, [[source(q.source), cell(first_line(q.stem, 80)),
                                      cell(" | ".join(q.choices)), cell(q.answer), cell(q.test or "later"),
                                      cell(q.area or "-")] for q in result.imported])
        fill_table(self.skip_table, [[source(x.source), cell(x.reason)] for x in result.skipped])
        self.will_table.setVisible(bool(n))
        self.skip_table.setVisible(bool(m))
        self.import_btn.setText(f"Import {plural(n, 'question')}")
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
        result = self.pending
        self._busy(True)
        self.import_btn.setEnabled(False)
        self._change(lambda: s.imported().store(result), self._stored, self._store_failed)

    def _stored(self, outcome: Any) -> None:
        self._busy(False)
        self.discard()
        self.message.setText(outcome.summary)

    def _store_failed(self, e: BaseException, _tb: str) -> None:
        self._busy(False)
        self.import_btn.setEnabled(True)
        self.ctx.dialogs.warn(self, "Nothing was imported", str(e))

    # -- your questions
    def selected_ids(self) -> list[str]:
        return [str(qid) for qid in self.mine_table.selected_data(0)]

    def remap(self) -> None:
        s = self.ctx.services
        ids = self.selected_ids()
        test, area = self.remap_test.currentData(), self.remap_area.currentData()
        if s is None or not ids or not test or not area:
            self.message.setText("Select questions in the table, then the test and area to map them to.")
            return
        self._change(lambda: s.imported().map(ids, test, area),
                     lambda n: self.message.setText(f"{plural(n, 'question')} mapped to {test} area {area}."))

    def remove(self) -> None:
        s = self.ctx.services
        ids = self.selected_ids()
        if s is None or not ids:
            self.message.setText("Select the questions to remove first.")
            return
        if not self.ctx.dialogs.ask(self, "Remove questions", f"Remove {len(ids)} of your questions? Past exams keep "
                                    "their answers, but these questions will no longer be shown in them.", "Remove"):
            return
        self._change(lambda: s.imported().remove(ids), lambda n: self.message.setText(f"{plural(n, 'question')} removed."))

    def _change(self, job: Any, done: Any, failed: Any = None) -> None:
        """Questions stored, mapped or removed, on the write worker: the bank follows there too, then
        this list and the Build tab's pool (Change.QUESTIONS)."""
        s = self.ctx.services
        if s is None:
            return

        def write() -> Any:
            out = job()
            s.refresh_bank()
            return out

        self.ctx.ops.write(write, done, failed, changes=Change.QUESTIONS, owner=self)

    def export_lms(self, which: str) -> None:
        """Your questions ("mine"), the selected ones or every question of the chosen test, out as
        GIFT, Moodle XML or QTI: the dialog (`export_dialog`, once your questions are read) asks which
        and where, and says what the format left out."""
        s = self.ctx.services
        if s is None:
            return
        from study.classroom.lms.exports import bank_questions

        self.export_dialog: Any = None
        if which == "test":
            test = self.remap_test.currentData()
            if test:
                questions = bank_questions(s.bank, test=test)
                self._open_export(f"Every {test} question, the bank's and yours ({len(questions)})", questions,
                                  f"{test}-questions")
            return
        ids = set(self.selected_ids())
        self.ctx.ops.read(lambda: [q.as_question() for q in s.imported().all()],
                          lambda mine: self._export_mine(which, mine, ids), owner=self)

    def _export_mine(self, which: str, mine: list[Any], ids: set[str]) -> None:
        if which == "selected":
            mine = [q for q in mine if q.id in ids]
            if not mine:
                self.message.setText("Select the questions to export in the table first.")
                return
        what = f"{'The selected questions' if which == 'selected' else 'Your own questions'} ({len(mine)})"
        self._open_export(what, mine, "my-questions")

    def _open_export(self, what: str, questions: list[Any], name: str) -> None:
        from app.pages.instructor_lms import open_export

        self.export_dialog = open_export(self.ctx, self, what, questions, name, "Questions exported from ASE Prep",
                                         lambda out: self.message.setText(out.summary))
