"""Every dialog the app shows fits, from 1024x700 at 100% text to 1366x768 at 200%, light and dark:
restore, damaged database, an unfinished exam, every kind of message box (a file's path, an
error's details, a set's summary), set preview, LMS export, roster, matching, gradebook, new
student, figure zoom, the reference and the date picker, as the app opens them (tests/layout_checks.py
says what counts as not fitting)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QFrame, QMessageBox, QWidget

from tests.layout_checks import (
    LOOK_IDS,
    LOOKS,
    close_window,
    dialog_problems,
    open_window,
    problems,
    report,
    settle,
)
from tests.layout_checks import world as world  # noqa: F401 - the module's fixture

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def roster_file(folder: Path) -> Path:
    path = folder / "participants.csv"
    rows = ["First name,Last name,Email address,ID number"]
    rows += [f"Student{i},Long-Hyphenated-Family-Name{i},student{i}@school.example.edu,ID-{1000 + i}" for i in range(12)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


DIALOG_LOOKS = [LOOKS[0], LOOKS[1], LOOKS[3], LOOKS[5]]


@pytest.mark.parametrize("w, h, scale, dark", DIALOG_LOOKS, ids=[LOOK_IDS[LOOKS.index(x)] for x in DIALOG_LOOKS])
def test_every_dialog_fits_at_every_size_and_text_scale(qtbot, world, monkeypatch, tmp_path, w, h, scale, dark):
    """Each dialog as the app opens it (its exec() shows it here instead of waiting for a click)."""
    from app import messages
    from app.application import offer_restore
    from app.exhibit_view import ZoomDialog, figure_renderer
    from app.pages.instructor_gradebook import GradebookDialog
    from app.pages.instructor_roster import MatchDialog, NewStudentDialog, RosterPreviewDialog
    from app.reference_view import ReferenceWindow
    from study.classroom.lms.exports import write_questions
    from study.storage.database import CorruptDatabase

    app = QApplication.instance()
    data, services = world
    win = open_window(app, data, services, w, h, scale, dark)
    look = f"{w}x{h}@{scale:.0%}{' dark' if dark else ''}"
    asked: list[QWidget] = []

    def shown_not_waited(self):  # type: ignore[no-untyped-def]
        asked.append(self)
        return 0  # as if closed: Cancel, No

    monkeypatch.setattr(QDialog, "exec", shown_not_waited)
    monkeypatch.setattr(QMessageBox, "exec", shown_not_waited)
    found: list[str] = []

    def check(name: str, dialog: QWidget | None = None, keep: bool = False) -> None:
        for d in ([dialog] if dialog is not None else asked):
            found.extend(dialog_problems(app, d, f"{name} {look}", w, h, keep))
        asked.clear()

    try:
        ctx = win.ctx
        ctx.dialogs.restore_backup(win, services.backups)  # Help > Restore backup
        check("restore dialog")
        damaged = CorruptDatabase(services.backups.db_path, "file is not a database")
        offer_restore(win, ctx, damaged, services.backups.newest_good())  # found on the start-up's worker
        check("damaged database question")
        unfinished = services.exams.in_progress()
        assert unfinished is not None
        ctx.dialogs.exam_not_finished(win, unfinished, "the new exam")
        check("exam not finished question")
        # message boxes, each kind with the longest words it carries: a file's path, a set's summary, an error's details
        saved = str(tmp_path / "Documents" / "ASE Prep" / ("Week 3 disc brakes, rotors, calipers and hydraulics " * 3))
        ctx.dialogs.warn(win, "Could not save the set", f"{saved}.aseset: [Errno 13] Permission denied")
        check("a warning that names a file")
        ctx.dialogs.fail(win, "ASE Prep cannot open its data", "The database cannot be written: the disk is full. "
                         "Free some space on the drive that holds the data folder, then start ASE Prep again. " * 3)
        check("an error")
        ctx.dialogs.inform(win, "Backup restored", "Restored the copy from December 2, 2026, 3:05 PM. The data it "
                           "replaced was backed up first (or, if it was damaged, kept beside it).")
        check("a message")
        ctx.dialogs.confirm(win, "Remove the plan", "Remove this study plan? " + "Its sessions go from Home. " * 4)
        check("a yes-or-no question")
        summary = [f"Week {n}: disc brakes, rotors and calipers, 25 questions from A5 Brakes, due December {n}, 2026"
                   for n in range(1, 16)]
        ctx.dialogs.ask(win, "Practice set", "\n".join(summary), "Start")
        check("a practice set's summary")
        messages.warn(win, "Something went wrong", "Something went wrong: 'plan'. It was written to errors.log.",
                      details="Traceback (most recent call last):\n" + "  File app/pages/plan.py, line 120\n" * 40)
        box = asked[0]
        check("a warning with details", keep=True)
        next(b for b in box.findChildren(QAbstractButton) if b.text().lower().startswith("show details")).click()
        check("a warning with its details shown", box)
        # Instructor > Build a set: preview as a student, then export for an LMS (before and after writing)
        win.show_page("instructor")
        settle(app)
        build = win.page("instructor").build
        build.title_edit.setText("Week 3: disc brakes, rotors, calipers and hydraulic systems review")
        build.test_box.setCurrentIndex(max(0, build.test_box.findData("A5")))
        settle(app)
        for spin in list(build.area_spins.values())[:3]:
            spin.setValue(2)
        build.instructions.setPlainText("Work alone. Read each question twice; the diagrams are to scale.")
        build.preview()
        assert build.preview_dialog is not None
        check("set preview", build.preview_dialog)
        export = build.export_lms()
        assert export is not None
        check("LMS export", export, keep=True)
        export._done(write_questions(export.questions, tmp_path / "set.gift", "gift", title="Week 3"))
        check("LMS export, written", export)
        # Class results: the roster's dialogs
        roster = services.roster().preview(roster_file(tmp_path))
        check("roster preview", RosterPreviewDialog(ctx, roster, win))
        check("match results to students", MatchDialog(ctx, win))
        check("LMS gradebook export", GradebookDialog(ctx, win))
        check("add a student", NewStudentDialog(ctx, "Ana Maria Díaz-Fernández", win))
        # the exam's figure, enlarged, and the L1 reference in a window of its own
        figure = next(q for q in services.bank.questions if q.exhibit is not None and q.exhibit.kind == "figure"
                      and figure_renderer(q.exhibit) is not None)
        check("figure zoom", ZoomDialog(figure.exhibit, figure_renderer(figure.exhibit), win))
        check("reference window", ReferenceWindow("PV-1", win, ctx.settings))
        # Certifications: the date field's calendar
        win.show_page("certs")
        settle(app)
        field = win.page("certs").date_edit
        field._open_calendar()
        popup = field.findChild(QFrame, "calendarPopup")
        assert popup is not None
        found.extend(problems(popup, f"date picker {look}"))
        popup.close()
    finally:
        close_window(app, win)
    report(found)
