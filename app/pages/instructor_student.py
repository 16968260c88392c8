"""The student's side of a practice set: Practice > Open practice set reads a set file, says what it
holds and starts it; Results > Save result file writes the .aseresult the instructor imports on the
Class results tab."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from app.context import AppContext
from app.pages.instructor_common import ask, safe_file_name, save_path, show_error, write_file


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
    from study.classroom.sets import SetFileError, check_against_blueprints, load_set

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
        opened = s.open_set(Path(path))
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
    from study.classroom.sets import PracticeSetService

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
    from study.classroom.sets import PracticeSetService, SetBuildError, save_result

    try:
        res = PracticeSetService(s.db, s.blueprints).result_for_exam(result.summary.id, student)
    except SetBuildError as e:
        show_error(parent, "Cannot save the result", str(e))
        return None
    s.settings.set("student_name", res.student)
    name = f"{safe_file_name(res.student)}-{safe_file_name(ps.title)}.aseresult"
    path = save_path(parent, "Save your result file", name, "ASE Prep result (*.aseresult)", path)
    if path is None:
        return None
    return write_file(parent, "Could not save the result", path, lambda target: save_result(res, target))

