"""The student's side of a practice set: Results > Save result file writes the .aseresult the
instructor imports on the Class results tab. (Opening a set is app.starting.open_practice_set.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from app.context import AppContext
from app.ops import Change
from app.pages.instructor_common import safe_file_name


def save_result_file(parent: QWidget, ctx: AppContext, result: Any, practice_set: Any, *,
                     saved: Callable[[Path], None] | None = None) -> None:
    """The student's name, then where to put the .aseresult file; the result is read and the name
    kept on the write worker, the file written whole there too."""
    s = ctx.services
    if s is None or result is None or practice_set is None:
        return

    def ask_name(known: str | None) -> None:
        student = ctx.dialogs.text(parent, "Your name", "Your name, as your instructor knows you:", known or "")
        if student is None:
            return
        name = f"{safe_file_name(student)}-{safe_file_name(practice_set.title)}.aseresult"
        path = ctx.dialogs.save_file(parent, "Save your result file", name, "ASE Prep result (*.aseresult)")
        if path is not None:
            write(student, Path(path))

    def write(student: str, target: Path) -> None:
        from study.classroom.sets import save_result

        def job() -> Path:
            res = s.practice_sets().result_for_exam(result.summary.id, student)
            s.settings.set("student_name", res.student)
            return save_result(res, target)

        def failed(e: BaseException, tb: str) -> None:
            from study.classroom.sets import SetBuildError

            if isinstance(e, SetBuildError):
                ctx.dialogs.warn(parent, "Cannot save the result", str(e))
            elif isinstance(e, OSError):
                ctx.dialogs.warn(parent, "Could not save the result", f"{target}: {e.strerror or e}")
            else:
                raise e

        ctx.ops.write(job, lambda out: saved(out) if saved is not None else None, failed, changes=Change.SETTINGS,
                      owner=parent)

    ctx.ops.read(lambda: s.settings.get("student_name", ""), ask_name, owner=parent)
