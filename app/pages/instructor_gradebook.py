"""Instructor > Class results > Export LMS gradebook: the class's grades in the exact shape Moodle's
grade import (Grades > Import > CSV file) or Canvas's (Grades > Import) reads, one row per roster
student, one column per set and, if asked, per content area; then what was left out and why (a
result not matched to a student, a student with no result yet) and how the file matches students."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QRadioButton,
    QWidget,
)

from app.dialog_fit import dialog_body, fit_dialog
from app.fit_combo import FitCombo
from app.pages.common import button_row, plain_label
from app.pages.instructor_lms import ask_save, busy_bar, fill_notes, note_list

if TYPE_CHECKING:
    from app.context import AppContext

LMS_CHOICES = (
    ("moodle", "&Moodle", "Grades > Import > CSV file: map the \"Email address\" (or ID number) column to the "
                          "user's email, each set to a new grade item out of 100."),
    ("canvas", "&Canvas", "Grades > Import: the student columns Canvas's own export has, each set in points "
                          "with its Points Possible row; Canvas offers each new column as a new assignment."),
)


class GradebookDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.written: Any = None  # the last LmsGradebook
        self.setWindowTitle("Export the LMS gradebook")
        self.setAccessibleName("Export the LMS gradebook")
        lay, outer = dialog_body(self)
        lay.addWidget(plain_label("The gradebook your LMS imports", "h2"))
        lay.addWidget(plain_label("One row per student on the roster who has a result, matched by the LMS's own "
                                  "identifier; the best attempt at each set.", "muted"))
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        chosen = str(ctx.settings.value("lms/gradebook", "moodle"))
        for key, words, how in LMS_CHOICES:
            r = QRadioButton(words)
            r.setAccessibleName(f"{words.replace('&', '')} gradebook")
            r.setAccessibleDescription(how)
            self.group.addButton(r)
            self.choices[key] = r
            lay.addWidget(r)
            hint = plain_label(how, "muted")
            hint.setContentsMargins(24, 0, 0, 4)
            lay.addWidget(hint)
        self.choices.get(chosen, self.choices["moodle"]).setChecked(True)
        self.test_box = FitCombo("Gradebook for test")
        lay.addWidget(button_row(plain_label("Sets of", wrap=False), self.test_box))
        self.by_area = QCheckBox("A column per content area &too")
        self.by_area.setAccessibleName("A column per content area too, beside each set's column")
        lay.addWidget(self.by_area)
        self.bar = busy_bar("Writing the gradebook")
        lay.addWidget(self.bar)
        self.status = plain_label("", "")
        self.status.setAccessibleName("Gradebook status")
        lay.addWidget(self.status)
        self.left_label = plain_label("Left out of the file", "h2")
        self.left_label.hide()
        lay.addWidget(self.left_label)
        self.left_out = note_list("Left out of the file, and why")
        lay.addWidget(self.left_out)
        self.notes = note_list("How the file matches students")
        lay.addWidget(self.notes)
        buttons = QDialogButtonBox()
        self.export_btn = buttons.addButton("Export...", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_btn.setObjectName("primary")
        self.export_btn.setAccessibleName("Choose where to save, then export the gradebook")
        self.export_btn.setDefault(True)
        close = buttons.addButton("Close", QDialogButtonBox.ButtonRole.RejectRole)
        self.export_btn.clicked.connect(lambda _=False: self.export())
        close.clicked.connect(self.reject)
        outer.addWidget(buttons)
        self._fill_tests()
        self.choices.get(chosen, self.choices["moodle"]).setFocus()
        fit_dialog(self, 680)

    def _fill_tests(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        svc = s.practice_sets()
        self.busy = True

        def done(codes: list[str]) -> None:
            self.busy = False
            for code in codes:
                self.test_box.addItem(s.blueprints.get(code).title if code in s.blueprints else code, code)
            self.export_btn.setEnabled(bool(codes))
            if not codes:
                self.status.setText("No practice sets yet: build one and import its results first.")

        self.ctx.ops.read(lambda: sorted({ps.test for ps in svc.all()}), done, owner=self)

    @property
    def lms(self) -> str:
        return next(k for k, r in self.choices.items() if r.isChecked())

    def export(self) -> None:
        s = self.ctx.services
        test = self.test_box.currentData()
        if s is None or not test or self.busy:
            return
        lms, by_area = self.lms, self.by_area.isChecked()
        self.ctx.settings.setValue("lms/gradebook", lms)
        path = ask_save(self.ctx, self, "gradebook", "Export the LMS gradebook", f"gradebook-{lms}-{test}.csv",
                        "CSV (*.csv);;All files (*)")
        if path is None:
            return
        target = Path(path) if Path(path).suffix else Path(path + ".csv")
        roster = s.roster()
        self.busy = True
        self.bar.show()
        self.export_btn.setEnabled(False)
        self.status.setText(f"Writing {target.name}...")
        self.ctx.ops.read(lambda: roster.write_gradebook(target, lms, test, by_area=by_area),
                          lambda book: self._done(target, book), lambda e, _tb: self._failed(target, e), owner=self)

    def _done(self, target: Path, book: Any) -> None:
        self.busy = False
        self.bar.hide()
        self.export_btn.setEnabled(True)
        self.written = book
        self.status.setText(f"Written to {target.name}: {book.summary}")
        fill_notes(self.left_out, book.left_out)
        self.left_label.setVisible(bool(book.left_out))
        fill_notes(self.notes, book.notes)
        fit_dialog(self, self.width())

    def _failed(self, target: Path, e: BaseException) -> None:
        self.busy = False
        self.bar.hide()
        self.export_btn.setEnabled(True)
        reason = (e.strerror or str(e)) if isinstance(e, OSError) else str(e)
        text = f"{target}: {reason}" if isinstance(e, OSError) else reason
        self.status.setText(f"{text} Nothing was written.")
        self.ctx.dialogs.warn(self, "Could not export the gradebook", f"{text}\n\nNothing was written.")
