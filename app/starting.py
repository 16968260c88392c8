"""Starting an exam, from whichever screen: the form is built and the exam stored on the write
worker, and an unfinished exam is asked about once, in one dialog, whatever is being started (a
practice mode, a drill, tonight's session, a practice set).

Each `start_...` returns at once; the exam page opens when the exam is stored. What cannot start
(too few questions, nothing missed) is said through `refused`, by default in a dialog.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from app.ops import Change

if TYPE_CHECKING:
    from app.context import AppContext
    from questions.exam import ExamForm
    from study.services import Services

MODES = ("full", "half", "quick10")


@dataclass(frozen=True)
class Start:
    """An exam ready to store: its form, and the title and source it is listed under."""

    form: ExamForm
    title: str = ""
    source: str = ""


class CannotStart(Exception):
    """Why an exam cannot start, for the person: a dialog's title and its text."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__(text)
        self.title = title
        self.text = text


Refused = Callable[[CannotStart], None]


def _seed() -> int:
    return random.SystemRandom().randrange(1, 2**31)


def begin(ctx: AppContext, parent: QWidget, build: Callable[[Services], Start], *, starting: str = "the new exam",
          refused: Refused | None = None, replace: bool = False, started: Callable[[], None] | None = None) -> None:
    """Build the exam (on the write worker: it may read the learner's history) and store it; an
    unfinished exam is closed only after the person says so."""
    s = ctx.services
    if s is None:  # still loading: started once loaded (the last start asked for, once)
        ctx.when_ready("start-exam", lambda: begin(ctx, parent, build, starting=starting, refused=refused,
                                                   replace=replace, started=started))
        return

    def job() -> Any:
        from questions.exam import NotEnoughQuestions
        from study.classroom.importers import FileRejected

        try:
            start = build(s)
        except (NotEnoughQuestions, FileRejected, ValueError) as e:  # said to the person as they are
            raise CannotStart("Cannot start this exam", str(e)) from e
        return s.start_exam(start.form, start.title, start.source, replace_unfinished=replace)

    def done(active: Any) -> None:
        if started is not None:
            started()
        ctx.start_exam(active)

    def failed(e: BaseException, tb: str) -> None:
        from study.exams import ExamNotFinished

        if isinstance(e, ExamNotFinished):
            if ctx.dialogs.exam_not_finished(parent, e.unfinished, starting):
                begin(ctx, parent, build, starting=starting, refused=refused, replace=True, started=started)
            return
        if isinstance(e, CannotStart):
            (refused or (lambda c: ctx.dialogs.warn(parent, c.title, c.text)))(e)
            return
        _report(ctx, e, tb)

    ctx.ops.write(job, done, failed, changes=Change.EXAMS, owner=parent)


def _report(ctx: AppContext, e: BaseException, tb: str) -> None:
    if ctx.ops.report_error is not None:
        ctx.ops.report_error(e, tb)
    else:
        raise e


def mode_start(s: Services, test: str, mode_key: str, *, timed_quick: bool = False) -> Start:
    from questions.exam import ExamMode, build_exam

    mode = {"full": ExamMode.FULL, "half": ExamMode.HALF, "quick10": ExamMode.QUICK10}[mode_key]
    form = build_exam(s.blueprints.get(test), s.bank.for_test(test), mode, _seed(), timed_quick=timed_quick,
                      time_factor=s.settings.extra_time())
    return Start(form)


def start_mode(ctx: AppContext, parent: QWidget, test: str, mode_key: str, *, timed_quick: bool = False,
               refused: Refused | None = None) -> None:
    """A full-length simulation, a half-length test or a Quick 10."""
    begin(ctx, parent, lambda s: mode_start(s, test, mode_key, timed_quick=timed_quick), refused=refused)


def start_drill(ctx: AppContext, parent: QWidget, test: str, area: str, *, refused: Refused | None = None) -> None:
    """A Category drill of one area, leaning toward the questions missed or not yet seen."""

    def build(s: Services) -> Start:
        form = s.progress().drill(s.learner_id, s.blueprints.get(test), area, _seed(),
                                  time_factor=s.settings.extra_time())
        return Start(form, f"{test} area {area} drill")

    begin(ctx, parent, build, refused=refused)


def start_missed(ctx: AppContext, parent: QWidget, test: str, *, refused: Refused | None = None) -> None:
    """The questions whose latest answer was wrong (up to 20)."""

    def build(s: Services) -> Start:
        from questions.exam import ExamMode, build_custom

        missed = s.progress().missed(s.learner_id, test)[:20]
        if not missed:
            raise CannotStart("No missed questions", f"Nothing to review on {test}: no question's latest answer is "
                                                     "wrong.")
        form = build_custom(test, ExamMode.MISSED, [m.question_id for m in missed],
                            {m.question_id: m.area for m in missed}, _seed(), None)
        return Start(form, f"{test} missed questions")

    begin(ctx, parent, build, refused=refused or (lambda c: ctx.dialogs.inform(parent, c.title, c.text)))


def start_plan_activity(ctx: AppContext, parent: QWidget, session: Any, index: int, *,
                        refused: Refused | None = None) -> None:
    """One of a study-plan session's drills, exams or reviews."""

    def build(s: Services) -> Start:
        start = s.plans().start_form(session, index, time_factor=s.settings.extra_time())
        return Start(start.form, start.title, start.source)

    begin(ctx, parent, build, starting="this session", refused=refused)


def open_practice_set(ctx: AppContext, parent: QWidget, path: str | None = None) -> None:
    """Practice > Open practice set: read the file (on a worker), say what it holds, start it.
    A file that cannot be used is said in a dialog naming it; nothing is kept unless it starts."""
    s = ctx.services
    if s is None:  # still loading: opened once loaded
        ctx.when_ready("open-set", lambda: open_practice_set(ctx, parent, path))
        return
    if path is None:
        path = ctx.dialogs.open_file(parent, "Open a practice set", "ASE Prep practice set (*.aseset);;All files (*)")
        if path is None:
            return
    chosen = Path(path)

    def read() -> Any:
        from study.classroom.sets import check_against_blueprints, load_set

        ps = load_set(chosen)  # read and checked first: nothing is kept unless the student starts
        check_against_blueprints(ps, s.blueprints, chosen.name)
        return ps

    def cannot(e: BaseException, tb: str) -> None:
        from study.classroom.sets import SetFileError

        if isinstance(e, SetFileError):
            ctx.dialogs.warn(parent, "Cannot open this practice set", f"{e}\n\nNothing was changed.")
        else:
            _report(ctx, e, tb)

    def read_done(ps: Any) -> None:
        if not ctx.dialogs.ask(parent, "Practice set", "\n".join(ps.summary_lines()), "Start"):
            return

        def build(services: Services) -> Start:
            opened = services.open_set(chosen)  # read again: the file may have changed meanwhile
            return Start(opened.form, opened.title, opened.source)

        def refused(c: CannotStart) -> None:
            ctx.dialogs.warn(parent, "Cannot open this practice set", f"{c.text}\n\nNothing was changed.")

        begin(ctx, parent, build, starting="the set", refused=refused)

    ctx.ops.read(read, read_done, cannot, owner=parent)
