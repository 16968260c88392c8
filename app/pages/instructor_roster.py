"""Instructor > Class results > Class roster: the class as the LMS knows it, so each result goes to
a student's LMS account instead of to a typed name.

- Import class roster: Moodle's participants download (CSV) or Canvas's gradebook export, shown
  before anything is stored (who is new, who is already on the roster).
- Match results: a result whose typed name fits nobody on the roster, or two students, is listed
  until the instructor says whose it is (or adds the student, who joined late, say).
- Export LMS gradebook: app.pages.instructor_gradebook.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.dialog_fit import dialog_body, fit_dialog
from app.fit_combo import FitCombo
from app.ops import Change
from app.pages.common import button_row, card, plain_label
from app.pages.instructor_common import button, fill_table, open_kept, plural, table
from app.pages.instructor_lms import ask_open, busy_bar, fill_notes, note_list
from app.table_model import cell

if TYPE_CHECKING:
    from app.context import AppContext

ROSTER_KINDS = "Roster CSV (*.csv *.txt);;All files (*)"


class RosterCard(QWidget):
    """The roster's state in a sentence and the three things to do with it."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loading = False
        self.students = 0
        self.unmatched: list[Any] = []
        self.dialog: QDialog | None = None  # the roster dialog open now (tests reach it here)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        box, b = card()
        b.addWidget(plain_label("Class roster and LMS gradebook", "h2"))
        self.status = plain_label("", "muted")
        self.status.setAccessibleName("Class roster status")
        b.addWidget(self.status)
        self.import_btn = button("Import class roster...", "Import the class roster your LMS exports",
                                 self.choose_roster)
        self.match_btn = button("Match results to students...", "Say whose each unmatched result is",
                                self.open_match)
        self.gradebook_btn = button("Export LMS gradebook...", "Export the gradebook for Moodle's or Canvas's "
                                    "grade import", self.open_gradebook)
        b.addWidget(button_row(self.import_btn, self.match_btn, self.gradebook_btn))
        self.bar = busy_bar("Reading the roster file")
        b.addWidget(self.bar)
        lay.addWidget(box)
        self._show(0, [])

    # -- the state
    def refresh(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        roster = s.roster()
        self.loading = True
        self.ctx.ops.read(lambda: (len(roster.entries()), roster.unmatched()), lambda r: self._show(*r),
                          lambda e, _tb: self._failed(str(e)), owner=self)

    def _failed(self, text: str) -> None:
        self.loading = False
        self.status.setText(f"Could not read the class roster: {text}")

    def _show(self, students: int, unmatched: list[Any]) -> None:
        self.loading = False
        self.students, self.unmatched = students, list(unmatched)
        if not students:
            self.status.setText("No roster yet. Import the participants list from Moodle (Participants > "
                                "Download table data as CSV) or the gradebook export from Canvas (Grades > Export), "
                                "so each grade goes to the student's LMS account.")
        else:
            ask = (f" {plural(len(unmatched), 'result')} need you to say whose "
                   f"{'it is' if len(unmatched) == 1 else 'they are'}." if unmatched else
                   " Every result is matched to a student.")
            self.status.setText(f"{plural(students, 'student')} on the roster.{ask}")
        self.match_btn.setEnabled(bool(unmatched))
        self.match_btn.setText(f"Match results to students ({len(unmatched)})..." if unmatched
                               else "Match results to students...")
        self.gradebook_btn.setEnabled(bool(students))

    # -- importing
    def choose_roster(self) -> None:
        path = ask_open(self.ctx, self, "roster", "Import the class roster", ROSTER_KINDS)
        if path is not None:
            self.read_roster(Path(path))

    def read_roster(self, path: Path) -> None:
        """Read and check the file on a worker; the preview dialog shows it, nothing is stored yet."""
        s = self.ctx.services
        if s is None:
            return
        roster = s.roster()
        self.loading = True
        self.bar.show()
        self.status.setText(f"Reading {path.name}...")
        self.ctx.ops.read(lambda: roster.preview(path), self._previewed, lambda e, _tb: self._refused(path, e),
                          owner=self)

    def _refused(self, path: Path, e: BaseException) -> None:
        self.loading = False
        self.bar.hide()
        text = str(e) if path.name in str(e) else f"{path.name}: {e}"
        self.status.setText(f"{text} Nothing was stored.")
        self.ctx.dialogs.warn(self, "Cannot import this roster", f"{text}\n\nNothing was stored.")
        self.refresh()

    def _previewed(self, preview: Any) -> None:
        self.loading = False
        self.bar.hide()
        dialog = RosterPreviewDialog(self.ctx, preview, self)
        dialog.finished.connect(lambda _r: self.refresh())
        open_kept(self, "dialog", dialog)

    # -- the other dialogs
    def open_match(self) -> None:
        dialog = MatchDialog(self.ctx, self)
        dialog.finished.connect(lambda _r: self.refresh())
        open_kept(self, "dialog", dialog)

    def open_gradebook(self) -> None:
        from app.pages.instructor_gradebook import GradebookDialog

        open_kept(self, "dialog", GradebookDialog(self.ctx, self))


class RosterPreviewDialog(QDialog):
    """The students a roster file holds, and Import to store them."""

    def __init__(self, ctx: AppContext, preview: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.preview = ctx, preview
        self.busy = False
        self.matched: int | None = None
        self.setWindowTitle("Import the class roster")
        self.setAccessibleName("Class roster preview")
        self.resize(760, 520)
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(preview.summary, "h2"))
        lay.addWidget(plain_label("Nothing is stored until you press Import. Students already on the roster keep "
                                  "their results; their identifiers and section are refreshed from this file.",
                                  "muted"))
        self.notes = note_list("Notes on reading the file")
        fill_notes(self.notes, [*preview.notes, *preview.left_out])
        self.notes.setMinimumHeight(0)
        self.notes.setMaximumHeight(min(160, 12 + 40 * self.notes.count()))  # the students' table gets the room
        lay.addWidget(self.notes)
        self.people = table(["Name", "Email or login", "ID number", "Section", "On the roster"],
                            "Students in the roster file")
        fill_table(self.people, [[cell(e.name), cell(e.email or e.login_id or e.username),
                                  cell(e.id_number or e.lms_user_id), cell(e.section),
                                  cell("already" if e.key in preview.known else "new")] for e in preview.entries])
        lay.addWidget(self.people, 1)
        self.bar = busy_bar("Storing the roster")
        lay.addWidget(self.bar)
        buttons = QDialogButtonBox()
        self.import_btn = buttons.addButton(f"Import {plural(len(preview.entries), 'student')}",
                                            QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_btn.setObjectName("primary")
        self.import_btn.setDefault(True)
        cancel = buttons.addButton("Cancel", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Cancel: store nothing")
        self.import_btn.clicked.connect(lambda _=False: self.store())
        cancel.clicked.connect(self.reject)
        lay.addWidget(buttons)
        self.import_btn.setFocus()

    def store(self) -> None:
        s = self.ctx.services
        if s is None or self.busy:
            return
        roster, preview = s.roster(), self.preview
        self.busy = True
        self.bar.show()
        self.import_btn.setEnabled(False)
        self.ctx.ops.write(lambda: roster.store(preview), self._stored, self._failed, changes=Change.SETS, owner=self)

    def _stored(self, matched: int) -> None:
        self.busy = False
        self.matched = matched
        parent = self.parent()
        if isinstance(parent, RosterCard):
            parent.status.setText(f"{plural(len(self.preview.entries), 'student')} stored from {self.preview.file}; "
                                  f"{plural(matched, 'result')} matched to them.")
        self.accept()

    def _failed(self, e: BaseException, _tb: str) -> None:
        self.busy = False
        self.bar.hide()
        self.import_btn.setEnabled(True)
        self.ctx.dialogs.warn(self, "Nothing was stored", f"{self.preview.file}: {e}")


class MatchDialog(QDialog):
    """Each result that did not say whose it is, and the roster student it belongs to."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.asks: list[Any] = []
        self.people: list[tuple[int, Any]] = []
        self.new_dialog: NewStudentDialog | None = None
        self.setWindowTitle("Match results to students")
        self.setAccessibleName("Match results to students")
        lay, outer = dialog_body(self)
        lay.addWidget(plain_label("These results carry a name that fits nobody on the roster, or more than one "
                                  "student. Choose a result, then whose it is, and press Match. A result stays out "
                                  "of the LMS gradebook until it is matched.", "muted"))
        self.results = table(["Name typed", "Practice set", "Why it asks"], "Results to match", sortable=False)
        self.results.selection_changed.connect(self._fill_choices)
        lay.addWidget(self.results, 1)
        self.whose = FitCombo("Whose result it is")
        self.match_btn = button("Match", "Match the chosen result to this student", self.match, primary=True)
        self.new_btn = button("New student...", "Add the student to the roster and match the result", self.new_student)
        lay.addWidget(button_row(plain_label("Whose is it?", wrap=False), self.whose))
        lay.addWidget(button_row(self.match_btn, self.new_btn))
        self.status = plain_label("", "muted")
        self.status.setAccessibleName("Matching status")
        lay.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        outer.addWidget(close)
        self.load()
        fit_dialog(self, 820)

    def load(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        roster = s.roster()
        self.busy = True
        self.ctx.ops.read(lambda: (roster.unmatched(), roster.entries()), lambda r: self._show(*r),
                          lambda e, _tb: self._failed(e), owner=self)

    def _show(self, asks: list[Any], people: list[tuple[int, Any]]) -> None:
        self.busy = False
        self.asks, self.people = list(asks), list(people)
        fill_table(self.results, [[cell(u.typed_name, data=u.result_id), cell(u.set_title),
                                   cell("fits no one on the roster" if not u.candidates else
                                        f"fits {len(u.candidates)} students")] for u in self.asks])
        for w in (self.whose, self.match_btn, self.new_btn):
            w.setEnabled(bool(self.asks))
        if self.asks:
            self.results.selectRow(0)
            self.results.setFocus()
        else:
            self.whose.clear()
            self.status.setText("Every result is matched to a student on the roster.")

    def chosen(self) -> Any:
        rows = self.results.selectionModel().selectedRows()
        if not rows:
            return None
        rid = self.results.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return next((u for u in self.asks if u.result_id == rid), None)

    def _fill_choices(self) -> None:
        u = self.chosen()
        self.whose.clear()
        if u is None:
            return
        fits = {i for i, _n in u.candidates}
        first = [(i, e) for i, e in self.people if i in fits]
        rest = [(i, e) for i, e in self.people if i not in fits]
        for i, e in first + rest:
            who = e.email or e.login_id or e.username or e.id_number
            self.whose.addItem(f"{e.name} ({who})" + (" - fits the name" if i in fits else ""), i)
        self.status.setText(u.why)

    def match(self) -> None:
        u, rid = self.chosen(), self.whose.currentData()
        s = self.ctx.services
        if s is None or u is None or rid is None or self.busy:
            return
        roster, name = s.roster(), self.whose.currentText()
        self.busy = True
        self.ctx.ops.write(lambda: roster.assign(u.result_id, rid), lambda _r: self._matched(u, name),
                           lambda e, _tb: self._failed(e), changes=Change.SETS, owner=self)

    def _matched(self, u: Any, name: str) -> None:
        self.status.setText(f"{u.typed_name} ({u.set_title}) is now {name.split(' - fits')[0]}'s result.")
        self.load()

    def new_student(self) -> None:
        u = self.chosen()
        if u is None:
            return
        dialog = NewStudentDialog(self.ctx, u.typed_name, self)
        dialog.accepted.connect(lambda: self._created(u, dialog))
        open_kept(self, "new_dialog", dialog)

    def _created(self, u: Any, dialog: NewStudentDialog) -> None:
        s = self.ctx.services
        if s is None or dialog.created is None:
            return
        roster, rid, name = s.roster(), dialog.created, dialog.name.text()  # the dialog is gone once closed
        self.busy = True
        self.ctx.ops.write(lambda: roster.assign(u.result_id, rid), lambda _r: self._matched(u, name),
                           lambda e, _tb: self._failed(e), changes=Change.SETS, owner=self)

    def _failed(self, e: BaseException) -> None:
        self.busy = False
        self.status.setText(f"Could not match: {e}")
        self.ctx.dialogs.warn(self, "Could not match the result", str(e))


class NewStudentDialog(QDialog):
    """A student the roster file did not have, with the identifier the LMS's grade import matches on."""

    def __init__(self, ctx: AppContext, typed: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.created: int | None = None
        self.setWindowTitle("Add a student to the roster")
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label("The LMS matches a grade by email address (Moodle) or ID number (Moodle's ID "
                                  "number, Canvas's SIS User ID): give one of them as the LMS has it.", "muted"))
        form = QFormLayout()
        self.name = QLineEdit(" ".join(typed.split()))
        self.name.setAccessibleName("Student's name")
        self.email = QLineEdit()
        self.email.setAccessibleName("Student's email address")
        self.id_number = QLineEdit()
        self.id_number.setAccessibleName("Student's ID number")
        form.addRow("&Name", self.name)
        form.addRow("&Email address", self.email)
        form.addRow("&ID number", self.id_number)
        lay.addLayout(form)
        self.problem = plain_label("", "")
        self.problem.setAccessibleName("What is missing")
        lay.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_btn = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_btn.setText("Add and match")
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.email.setFocus()

    def add(self) -> None:
        s = self.ctx.services
        if s is None or self.busy:
            return
        roster, name, email, number = s.roster(), self.name.text(), self.email.text(), self.id_number.text()
        self.busy = True
        self.ok_btn.setEnabled(False)
        self.ctx.ops.write(lambda: roster.add_student(name, email=email, id_number=number), self._added, self._refused,
                           changes=Change.SETS, owner=self)

    def _added(self, rid: int) -> None:
        self.busy = False
        self.created = rid
        self.accept()

    def _refused(self, e: BaseException, _tb: str) -> None:
        self.busy = False
        self.ok_btn.setEnabled(True)
        if not isinstance(e, ValueError):
            raise e
        self.problem.setText(f"{str(e)[:1].upper()}{str(e)[1:]}.")
