"""What the Live class page shows: exams in progress on the class server, how far each has got,
today's answers per learner and area, and the item analysis of today's practice sets.

Read with whatever login the workstation uses: the instructor sees the class, a student themself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from questions.blueprints import Blueprints
from study.storage.database import Database
from study.storage.records import EXAM, LEARNER, RESPONSE, TALLY, day_number


@dataclass(frozen=True)
class LiveSitting:
    """One exam in progress right now."""

    exam_id: int
    learner: str
    title: str
    test: str
    answered: int
    question_count: int
    position: int
    time_limit_seconds: int | None
    time_used_seconds: float
    started_at: datetime
    last_change: datetime
    idle_minutes: float

    @property
    def progress_text(self) -> str:
        return f"{self.answered} of {self.question_count} answered, on question {self.position + 1}"

    @property
    def time_left_seconds(self) -> float | None:
        if self.time_limit_seconds is None:
            return None
        return max(0.0, self.time_limit_seconds - self.time_used_seconds)


@dataclass(frozen=True)
class LiveClass:
    sittings: tuple[LiveSitting, ...]
    # learner -> area -> (right, answered) for answers given today, across every test
    today: dict[str, dict[str, tuple[int, int]]]
    finished_today: int
    read_at: datetime
    # item analysis (study.classroom.report's ItemStats) of the practice sets taken on the server today
    items: tuple[Any, ...] = ()


def live_class(db: Database, blueprints: Blueprints | None = None, *,
               now: Callable[[], datetime] = datetime.now) -> LiveClass:
    """Exams in progress with how far each has got, and today's answers per learner and area.

    Read with whatever login the workstation uses: the instructor sees the class, a student
    themself. Four indexed reads on one connection (exams in progress, today's tally rows, exams
    finished today, today's practice-set sittings), then those sittings' answers and their sets for
    the item analysis; the page calls this every few seconds on a worker."""
    t = now().replace(microsecond=0)
    answered = (select(RESPONSE.c.exam_id, func.count().label("n"))
                .where(RESPONSE.c.choice.is_not(None)).group_by(RESPONSE.c.exam_id).subquery())
    q = (select(EXAM.c.id, LEARNER.c.name, EXAM.c.title, EXAM.c.test, func.coalesce(answered.c.n, 0),
                EXAM.c.question_count, EXAM.c.position, EXAM.c.time_limit_seconds, EXAM.c.time_used_seconds,
                EXAM.c.started_at, EXAM.c.updated_at)
         .join(LEARNER, LEARNER.c.id == EXAM.c.learner_id)
         .outerjoin(answered, answered.c.exam_id == EXAM.c.id)
         .where(EXAM.c.state == "in_progress", EXAM.c.updated_at >= t - timedelta(hours=12))
         .order_by(LEARNER.c.name, EXAM.c.id))
    today = day_number(t)
    areas = (select(LEARNER.c.name, TALLY.c.test, TALLY.c.area, TALLY.c.correct, TALLY.c.answered)
             .join(LEARNER, LEARNER.c.id == TALLY.c.learner_id)
             .where(TALLY.c.day == today, TALLY.c.answered > 0))
    finished = (select(func.count()).select_from(EXAM)
                .where(EXAM.c.state == "finished", EXAM.c.finished_at >= datetime.combine(t.date(), datetime.min.time())))
    with db.engine.connect() as conn:
        sittings = tuple(
            LiveSitting(r[0], r[1], r[2], r[3], int(r[4]), r[5], r[6], r[7], float(r[8]), r[9], r[10],
                        max(0.0, (t - r[10]).total_seconds() / 60)) for r in conn.execute(q))
        cells: dict[str, dict[str, tuple[int, int]]] = {}
        for name, test, area, right, n in conn.execute(areas):
            row = cells.setdefault(name, {})
            r0, n0 = row.get(f"{test} {area}", (0, 0))
            row[f"{test} {area}"] = (r0 + int(right or 0), n0 + int(n))
        done = int(conn.execute(finished).scalar_one())
        sets = conn.execute(
            select(EXAM.c.id, EXAM.c.source, LEARNER.c.name, EXAM.c.time_used_seconds, EXAM.c.finished_at,
                   EXAM.c.started_at)
            .join(LEARNER, LEARNER.c.id == EXAM.c.learner_id)
            .where(EXAM.c.mode.in_(("set", "set_study")), EXAM.c.source != "",
                   EXAM.c.started_at >= datetime.combine(t.date(), datetime.min.time()))).all()
        answers: dict[int, list[tuple[str, str | None, float, bool]]] = {}
        if sets:
            for r in conn.execute(select(RESPONSE.c.exam_id, RESPONSE.c.question_id, RESPONSE.c.choice,
                                         RESPONSE.c.seconds, RESPONSE.c.flagged)
                                  .where(RESPONSE.c.exam_id.in_([x[0] for x in sets]))
                                  .order_by(RESPONSE.c.exam_id, RESPONSE.c.position)):
                answers.setdefault(r[0], []).append((r[1], r[2], float(r[3]), bool(r[4])))
    items = _set_items(db, blueprints, sets, answers) if sets and blueprints is not None else ()
    return LiveClass(sittings, cells, done, t, items)


def _set_items(db: Database, blueprints: Blueprints, sets: Sequence[Any],
               answers: dict[int, list[tuple[str, str | None, float, bool]]]) -> tuple[Any, ...]:
    """Item analysis of today's practice sets, through the instructor's statistics (study.classroom.report)."""
    from study.classroom.report import Attempt, item_analysis
    from study.classroom.sets import SOURCE_PREFIX, PracticeSetService, ResultAnswer

    service = PracticeSetService(db, blueprints)
    out: list[Any] = []
    for source in sorted({str(x[1]) for x in sets}):
        set_hash = source.removeprefix(SOURCE_PREFIX)  # exam.source is "set:<hash>"
        ps = service.get(set_hash)
        if ps is None:
            continue
        key = {q.id: q.answer for q in ps.questions}
        attempts = []
        for exam_id, _, name, used, finished, started in (x for x in sets if x[1] == source):
            given = tuple(ResultAnswer(qid, choice, secs, flagged) for qid, choice, secs, flagged in answers.get(exam_id, []))
            right = sum(1 for a in given if a.choice is not None and key.get(a.question_id) == a.choice)
            attempts.append(Attempt(name, set_hash, given, right, len(ps.questions), float(used), finished, started))
        out.extend(item_analysis(ps, attempts))
    return tuple(out)
