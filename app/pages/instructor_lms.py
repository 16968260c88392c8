"""Questions out to an LMS from the Instructor page: a set, a selection, your own questions or a
whole test, as GIFT or Moodle XML (Moodle), QTI 1.2 (Canvas Classic Quizzes, Blackboard Learn) or
QTI 2.1 (Canvas New Quizzes, Blackboard Ultra). The dialog says what each format carries and,
once written, what the file could not carry ("figures went out as their text description").

The dialog opens window-modal without blocking (`open()`), so the page keeps painting and a test
drives it as a person would. Files are asked for through the context's dialogs, starting in the
folder last used for the same kind of file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QProgressBar,
    QRadioButton,
    QWidget,
)

from app.dialog_fit import dialog_body, fit_dialog
from app.pages.common import plain_label

if TYPE_CHECKING:
    from app.context import AppContext
    from questions.model import Question

# (format key, the choice's words, what the file carries)
FORMATS = (
    ("gift", "&GIFT, for Moodle",
     "Plain text Moodle reads. Tables go in the question as HTML; a figure goes out as its text description, "
     "because GIFT carries no files."),
    ("moodle-xml", "&Moodle XML, for Moodle",
     "Moodle's richest format: categories by test and area, tags, the explanation as feedback, tables in the "
     "question text and figures as pictures inside the file."),
    ("qti12", "QTI &1.2, for Canvas Classic Quizzes and Blackboard Learn",
     "A .zip content package: one quiz, the key and the explanation (and your questions' feedback on each "
     "choice), tables in each item and figures as SVG files inside the zip."),
    ("qti21", "QTI &2.1, for Canvas New Quizzes and Blackboard Ultra",
     "A .zip content package: one file per question and a test listing them, the key and the explanation (and "
     "your questions' feedback on each choice), tables in each item and figures as SVG files inside the zip."),
)


# ----------------------------------------------------------------------------- files and messages


def last_folder(ctx: AppContext, kind: str) -> str:
    """The folder the instructor last used for this kind of file ("" the first time)."""
    folder = ctx.settings.value(f"folders/{kind}", "")
    return str(folder) if folder and Path(str(folder)).is_dir() else ""


def remember_folder(ctx: AppContext, kind: str, path: str | Path) -> None:
    ctx.settings.setValue(f"folders/{kind}", str(Path(path).parent))


def ask_save(ctx: AppContext, parent: QWidget, kind: str, caption: str, name: str, kinds: str) -> str | None:
    """A Save dialog starting in the folder last used for `kind`, suggesting `name`."""
    folder = last_folder(ctx, kind)
    path = ctx.dialogs.save_file(parent, caption, str(Path(folder) / name) if folder else name, kinds)
    if path:
        remember_folder(ctx, kind, path)
    return path or None


def ask_open(ctx: AppContext, parent: QWidget, kind: str, caption: str, kinds: str) -> str | None:
    """An Open dialog starting in the folder last used for `kind`."""
    path = ctx.dialogs.open_file(parent, caption, kinds, last_folder(ctx, kind))
    if path:
        remember_folder(ctx, kind, path)
    return path or None


def busy_bar(name: str) -> QProgressBar:
    """An indeterminate bar shown while a file is read or written."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setAccessibleName(name)
    bar.setMaximumHeight(10)
    bar.hide()
    return bar


def note_list(name: str) -> QListWidget:
    """A read-only list of sentences (a QListWidget never renders rich text)."""
    lst = QListWidget()
    lst.setAccessibleName(name)
    lst.setWordWrap(True)
    lst.setMinimumHeight(120)
    lst.hide()
    return lst


def fill_notes(lst: QListWidget, notes: Sequence[str]) -> None:
    lst.clear()
    lst.addItems(list(notes))
    lst.setVisible(bool(notes))


# ----------------------------------------------------------------------------- the export dialog


class ExportDialog(QDialog):
    """Choose a format, then where to save; the notes the export produced are shown after."""

    def __init__(self, ctx: AppContext, what: str, questions: Sequence[Question], name: str, title: str,
                 parent: QWidget | None = None, *, on_written: Callable[[Any], None] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.questions = list(questions)
        self.file_stem = name
        self.heading = title
        self.on_written = on_written
        self.busy = False
        self.written: Any = None  # the last QuestionExport
        self.setWindowTitle("Export for an LMS")
        self.setAccessibleName("Export questions for an LMS")
        lay, outer = dialog_body(self)
        lay.addWidget(plain_label(what, "h2"))
        lay.addWidget(plain_label("Choose the format your LMS imports:", "muted"))
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        chosen = str(ctx.settings.value("lms/export_format", "gift"))
        for key, words, carries in FORMATS:
            r = QRadioButton(words)
            r.setAccessibleName(words.replace("&", ""))
            r.setAccessibleDescription(carries)
            r.setToolTip(carries)
            self.group.addButton(r)
            self.choices[key] = r
            lay.addWidget(r)
            hint = plain_label(carries, "muted")
            hint.setContentsMargins(24, 0, 0, 4)
            lay.addWidget(hint)
        self.choices.get(chosen, self.choices["gift"]).setChecked(True)
        self.bar = busy_bar("Writing the file")
        lay.addWidget(self.bar)
        self.status = plain_label("", "")
        self.status.setAccessibleName("Export status")
        lay.addWidget(self.status)
        self.notes_label = plain_label("What the format could not carry", "h2")
        self.notes_label.hide()
        lay.addWidget(self.notes_label)
        self.notes = note_list("What the format could not carry")
        lay.addWidget(self.notes)
        buttons = QDialogButtonBox()
        self.export_btn = buttons.addButton("Export...", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_btn.setObjectName("primary")
        self.export_btn.setAccessibleName("Choose where to save, then export")
        self.export_btn.setDefault(True)
        self.close_btn = buttons.addButton("Close", QDialogButtonBox.ButtonRole.RejectRole)
        self.close_btn.setAccessibleName("Close the export dialog")
        self.export_btn.clicked.connect(lambda _=False: self.export())
        self.close_btn.clicked.connect(self.reject)
        outer.addWidget(buttons)
        self.export_btn.setEnabled(bool(self.questions))
        if not self.questions:
            self.status.setText("There are no questions to export.")
        self.choices[chosen if chosen in self.choices else "gift"].setFocus()
        fit_dialog(self, 680)

    @property
    def format(self) -> str:
        return next(k for k, r in self.choices.items() if r.isChecked())

    def export(self) -> None:
        """Ask where to save (suggesting a name in the format's extension), then write on a worker."""
        from study.classroom.lms.exports import FILTERS, SUFFIXES, with_suffix

        fmt = self.format
        self.ctx.settings.setValue("lms/export_format", fmt)
        path = ask_save(self.ctx, self, "lms-export", "Export for an LMS", self.file_stem + SUFFIXES[fmt],
                        f"{FILTERS[fmt]};;All files (*)")
        if path is None:
            return
        target = with_suffix(Path(path), fmt)
        questions, heading = self.questions, self.heading
        self._working(True, f"Writing {target.name}...")

        def job() -> Any:
            from study.classroom.lms.exports import write_questions

            return write_questions(questions, target, fmt, title=heading)

        self.ctx.ops.read(job, self._done, lambda e, _tb: self._failed(target, e), owner=self)

    def _working(self, on: bool, text: str = "") -> None:
        self.busy = on
        self.bar.setVisible(on)
        self.export_btn.setEnabled(not on and bool(self.questions))
        if text:
            self.status.setText(text)

    def _done(self, out: Any) -> None:
        self._working(False)
        self.written = out
        self.status.setText(out.summary + ("" if out.notes else " Nothing was left out: every question went whole."))
        fill_notes(self.notes, out.notes)
        self.notes_label.setVisible(bool(out.notes))
        fit_dialog(self, self.width())
        if self.on_written is not None:
            self.on_written(out)

    def _failed(self, target: Path, e: BaseException) -> None:
        self._working(False)
        reason = (e.strerror or str(e)) if isinstance(e, OSError) else str(e)
        text = f"{target}: {reason}. Nothing was written; choose another folder or name and export again."
        self.status.setText(text)
        self.ctx.dialogs.warn(self, "Could not export", text)


def open_export(ctx: AppContext, parent: QWidget, what: str, questions: Sequence[Question], name: str, title: str,
                on_written: Callable[[Any], None] | None = None) -> ExportDialog:
    """Open the export dialog over `parent` without blocking, as `parent.export_dialog` until it is
    closed (then deleted); returns it."""
    from app.pages.instructor_common import open_kept

    return open_kept(parent, "export_dialog", ExportDialog(ctx, what, questions, name, title, parent,
                                                           on_written=on_written))
