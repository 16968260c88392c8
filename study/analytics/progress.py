"""Everything the Progress page and the Home headline show, computed in one call off the GUI
thread: standing per area, exam scores over time, area x week accuracy, missed questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from questions.bank import QuestionBank
from questions.blueprints import TestBlueprint
from questions.exam import ExamForm, drill_form
from study.analytics.standings import Analytics, TestStanding, TopicStanding
from study.storage.records import EPOCH, EXAM, RESPONSE, TALLY


@dataclass(frozen=True)
class ExamPoint:
    exam_id: int
    finished: datetime
    mode: str
    percent: float


@dataclass(frozen=True)
class WeekCell:
    area: str
    week: date  # Monday of the week
    answered: int
    correct: int


@dataclass(frozen=True)
class MissedQuestion:
    question_id: str
    area: str
    topic: str
    times_missed: int
    last_missed: datetime


@dataclass(frozen=True)
class ProgressReport:
    test: str
    standing: TestStanding
    exams: tuple[ExamPoint, ...]
    weeks: tuple[WeekCell, ...]
    missed: tuple[MissedQuestion, ...]
    topics: tuple[TopicStanding, ...] = ()
    reworked: int = 0  # answers to questions reworked since: history, no longer counted in the standing


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


class ProgressService:
    def __init__(self, analytics: Analytics, bank: QuestionBank) -> None:
        self.analytics = analytics
        self.db = analytics.db
        self.bank = bank

    def report(self, learner_id: int, test: str) -> ProgressReport:
        standing = self.analytics.standing(learner_id, test)
        for area in standing.areas:
            area.interval  # noqa: B018 - the page draws every area's interval: worked out here, off the GUI thread
        return ProgressReport(test, standing, tuple(self.exam_points(learner_id, test)),
                              tuple(self.weeks(learner_id, test)), tuple(self.missed(learner_id, test)),
                              tuple(self.analytics.topics(learner_id, test, standing)),
                              self.reworked(learner_id, test))

    def reworked(self, learner_id: int, test: str) -> int:
        """How many of the learner's answers on this test were to a question reworked since."""
        q = (select(func.coalesce(func.sum(TALLY.c.answered - TALLY.c.current_answered), 0))
             .where(TALLY.c.learner_id == learner_id, TALLY.c.test == test))
        with self.db.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def exam_points(self, learner_id: int, test: str) -> list[ExamPoint]:
        q = (select(EXAM.c.id, EXAM.c.finished_at, EXAM.c.mode, EXAM.c.score_correct, EXAM.c.score_total)
             .where(EXAM.c.learner_id == learner_id, EXAM.c.test == test, EXAM.c.state == "finished",
                    EXAM.c.score_total > 0)
             .order_by(EXAM.c.finished_at))
        with self.db.engine.connect() as conn:
            return [ExamPoint(i, f, m, 100.0 * c / t) for i, f, m, c, t in conn.execute(q)]

    def weeks(self, learner_id: int, test: str) -> list[WeekCell]:
        """Answers per area and week (Monday first), from the per-day tally."""
        q = (select(TALLY.c.area, TALLY.c.day, TALLY.c.answered, TALLY.c.correct)
             .where(TALLY.c.learner_id == learner_id, TALLY.c.test == test, TALLY.c.answered > 0))
        cells: dict[tuple[str, date], list[int]] = {}
        with self.db.engine.connect() as conn:
            for area, d, n, k in conn.execute(q):
                if d < 0:
                    continue  # an answer with no date belongs to no week
                key = (area, _monday(EPOCH + timedelta(days=d)))
                row = cells.setdefault(key, [0, 0])
                row[0] += n
                row[1] += k
        return [WeekCell(a, w, n, k) for (a, w), (n, k) in sorted(cells.items(), key=lambda kv: (kv[0][1], kv[0][0]))]

    def missed(self, learner_id: int, test: str, limit: int = 200) -> list[MissedQuestion]:
        """Questions whose latest answer (to the question as it now reads) was wrong, most
        recently missed first."""
        current = RESPONSE.c.superseded.is_(False)
        latest = (select(RESPONSE.c.question_id, func.max(RESPONSE.c.answered_at).label("last"))
                  .where(RESPONSE.c.learner_id == learner_id, RESPONSE.c.test == test, RESPONSE.c.correct.is_not(None),
                         current)
                  .group_by(RESPONSE.c.question_id).subquery())
        q = (select(RESPONSE.c.question_id, RESPONSE.c.area, RESPONSE.c.topic, RESPONSE.c.answered_at)
             .join(latest, (latest.c.question_id == RESPONSE.c.question_id) & (latest.c.last == RESPONSE.c.answered_at))
             .where(RESPONSE.c.learner_id == learner_id, RESPONSE.c.test == test, RESPONSE.c.correct.is_(False),
                    current)
             .order_by(RESPONSE.c.answered_at.desc()).limit(limit))
        misses = (select(RESPONSE.c.question_id, func.count())
                  .where(RESPONSE.c.learner_id == learner_id, RESPONSE.c.test == test, RESPONSE.c.correct.is_(False),
                         current)
                  .group_by(RESPONSE.c.question_id))
        with self.db.engine.connect() as conn:
            rows = conn.execute(q).all()
            times: dict[str, int] = {qid: int(n) for qid, n in conn.execute(misses)}
        seen: set[str] = set()
        out = []
        for qid, area, topic, last in rows:
            if qid in seen or self.bank.find(qid) is None:
                continue
            seen.add(qid)
            out.append(MissedQuestion(qid, area, topic, int(times.get(qid, 1)), last))
        return out

    def drill_weights(self, learner_id: int, test: str, area: str) -> dict[str, float]:
        """Missed questions weigh 4, unseen 2, answered right 1: a drill leans toward what you need.
        A question reworked since you answered it counts as unseen."""
        q = (select(RESPONSE.c.question_id, func.max(RESPONSE.c.answered_at),
                    func.sum(func.cast(RESPONSE.c.correct, RESPONSE.c.changes.type)), func.count())
             .where(RESPONSE.c.learner_id == learner_id, RESPONSE.c.test == test, RESPONSE.c.area == area,
                    RESPONSE.c.correct.is_not(None), RESPONSE.c.superseded.is_(False))
             .group_by(RESPONSE.c.question_id))
        with self.db.engine.connect() as conn:
            history = {qid: (int(k or 0), int(n)) for qid, _, k, n in conn.execute(q)}
        weights = {}
        for qq in self.bank.for_area(test, area):
            if qq.id not in history:
                weights[qq.id] = 2.0
            else:
                right, n = history[qq.id]
                weights[qq.id] = 4.0 if right < n else 1.0
        return weights

    def drill(self, learner_id: int, bp: TestBlueprint, area: str, seed: int, size: int = 15,
              time_factor: float = 1.0) -> ExamForm:
        """A Category drill: 10-20 questions from one area at the real test's pace (times any
        extra-time accommodation)."""
        size = max(10, min(20, size))
        pace = bp.pace_seconds * time_factor if bp.pace_seconds else None
        return drill_form(bp, self.bank.for_area(bp.code, area), area, seed, size=size,
                          weights=self.drill_weights(learner_id, bp.code, area), seconds_per_question=pace)
