"""Exams as stored records: start, resume after a crash, list, and review their results.

A running exam is an ActiveExam (study.sitting): every change a learner makes is its own short
transaction, committed before the call returns, so the answer on screen is the answer on disk.
The clock is saved with every change and at least once a second by the GUI, so a crash costs at
most a second of the learner's time. Starting or resuming an exam claims it with a token of its
own, so a second window on the same exam makes the first one stop instead of overwriting it.

Each write sends a row's whole state (an answer row upserted by its uid), never a difference, so
on a class server an outbox (study.storage.sync) can commit it locally while the server is unreachable
and resend it later without counting anything twice.

The questions of practice sets opened here are known by id for the exams taken from them (resume,
review) but are never drawn into other exams: they belong to their set (`set_questions`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from sqlalchemy import func, insert, select

from questions.bank import QuestionBank
from questions.blueprints import Blueprints, TestBlueprint
from questions.exam import ExamForm, ExamItem, ExamMode, ExamScore, build_exam, score_exam
from questions.exam_run import ExamRun, ItemState
from questions.model import Question
from study.seen import last_seen, unseen_counts
from study.sitting import ActiveExam, ExamTakenOver, SaveFailed
from study.storage.database import Database
from study.storage.records import EXAM, LEARNER, RESPONSE
from study.storage.writes import abandon_exam, claim_exam, start_exam

if TYPE_CHECKING:
    from study.storage.sync import Outbox

__all__ = ["ActiveExam", "ExamNotFinished", "ExamResult", "ExamService", "ExamSummary", "ExamTakenOver", "ReviewItem",
           "SaveFailed"]

# Core tables for the hot path: one UPDATE per change costs far less than an ORM flush.


@dataclass(frozen=True)
class ExamSummary:
    id: int
    test: str
    mode: ExamMode
    title: str
    state: str
    question_count: int
    answered: int
    position: int
    time_limit_seconds: int | None
    time_used_seconds: float
    started_at: datetime
    finished_at: datetime | None
    score_correct: int | None
    score_total: int | None

    @property
    def percent(self) -> float | None:
        if self.score_total:
            return 100.0 * (self.score_correct or 0) / self.score_total
        return None

    @property
    def time_left_seconds(self) -> float | None:
        if self.time_limit_seconds is None:
            return None
        return max(0.0, self.time_limit_seconds - self.time_used_seconds)


@dataclass(frozen=True)
class ReviewItem:
    position: int
    question: Question | None  # None if the question has since left the bank
    question_id: str
    area: str
    scored: bool
    choice: str | None
    correct: bool
    flagged: bool
    seconds: float


@dataclass(frozen=True)
class ExamResult:
    summary: ExamSummary
    score: ExamScore
    items: tuple[ReviewItem, ...]
    blueprint: TestBlueprint | None


class ExamNotFinished(Exception):
    """A new exam was asked for while another is unfinished: the caller asks whether to close it."""

    def __init__(self, unfinished: ExamSummary) -> None:
        super().__init__(f"{unfinished.title} is not finished")
        self.unfinished = unfinished


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class _Record:
    """A stored row read by attribute, possibly overlaid with changes still in the outbox."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(name)


class ExamService:
    """Domain operations on exams for one learner. Owns no GUI state; returns plain data."""

    def __init__(self, db: Database, bank: QuestionBank, blueprints: Blueprints, *,
                 clock: Callable[[], float] = time.monotonic, now: Callable[[], datetime] = _now,
                 learner_id: int | None = None) -> None:
        self.db = db
        self.bank = bank
        self.blueprints = blueprints
        self.clock = clock
        self.now = now
        self.learner_id = learner_id if learner_id is not None else self._default_learner()
        # Called with the exam id after an exam is finished (the review queue, the study plan).
        # A listener's failure never loses the result: it is already committed.
        self.finished_listeners: list[Callable[[int], None]] = []
        # On a class server: where answers wait while the server is unreachable (wired by study.services).
        self.outbox: Outbox | None = None
        # Questions of the practice sets opened here, by id: found for their own exams, drawn for no other.
        self.set_questions: dict[str, Question] = {}

    def _default_learner(self) -> int:
        with self.db.engine.begin() as conn:
            row = conn.execute(select(LEARNER.c.id).order_by(LEARNER.c.id).limit(1)).first()
            if row:
                return int(row[0])
            res = conn.execute(insert(LEARNER).values(name="Me", created_at=self.now()))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def question(self, qid: str) -> Question | None:
        """A question of the bank, or of a practice set opened here."""
        return self.bank.find(qid) or self.set_questions.get(qid)

    def get_question(self, qid: str) -> Question:
        q = self.question(qid)
        if q is None:
            raise KeyError(qid)
        return q

    def know_set_questions(self, questions: Iterable[Question]) -> None:
        """Make a set's questions findable by id (for the exams taken from that set only)."""
        for q in questions:
            if self.bank.find(q.id) is None:
                self.set_questions.setdefault(q.id, q)

    def notify_finished(self, exam_id: int) -> None:
        """Run the after-exam listeners (review queue, study plan); a failure is logged, never raised:
        the result is already committed."""
        for listener in self.finished_listeners:
            try:
                listener(exam_id)
            except Exception:  # noqa: BLE001 - a follow-up job must not break finishing
                logging.getLogger(__name__).exception("after-exam listener failed for exam %s", exam_id)

    def blueprint(self, test: str) -> TestBlueprint | None:
        return self.blueprints.get(test) if test in self.blueprints else None

    # -- starting and resuming
    def draw(self, blueprint: TestBlueprint, mode: ExamMode, seed: int, **options: Any) -> ExamForm:
        """A new exam of `mode` from the bank: the questions this learner has not seen first, then
        those seen longest ago (build_exam's other options pass through)."""
        pool = self.bank.for_test(blueprint.code)
        seen = last_seen(self.db, self.learner_id, (q.id for q in pool))
        return build_exam(blueprint, pool, mode, seed, seen=seen, **options)

    def unseen(self, tests: Iterable[str]) -> dict[str, int]:
        """Per test, how many of its questions this learner has never been shown."""
        return unseen_counts(self.db, self.bank, self.learner_id, tests)

    def start(self, form: ExamForm, title: str = "", source: str = "") -> ActiveExam:
        """Store a new exam with one empty response row per question, then return it running."""
        questions = [self.get_question(item.question_id) for item in form.items]
        now = self.now()
        # an answer counts toward the test being practised: an Entry-Level exam's answers to its
        # mirrored test's questions are evidence about the Entry-Level test (test=form.test)
        writer = uuid4().hex
        rows = [dict(learner_id=self.learner_id, position=i, question_id=item.question_id, test=form.test, area=item.area,
                     topic=q.topic, scored=item.scored, choice=None, correct=None, flagged=False, crossed_out="",
                     seconds=0.0, changes=0, answered_at=None, answered_day=None, uid=uuid4().hex,
                     question_version=q.version, superseded=False)
                for i, (item, q) in enumerate(zip(form.items, questions, strict=True))]
        exam = dict(learner_id=self.learner_id, test=form.test, mode=str(form.mode),
                    title=title or f"{form.test} {form.mode.label}", seed=form.seed, question_count=len(form.items),
                    time_limit_seconds=form.time_limit_seconds, time_used_seconds=0.0, position=0,
                    state="in_progress", started_at=now, updated_at=now, source=source, writer=writer)
        with self.db.engine.begin() as conn:
            exam_id = start_exam(conn, exam, rows)
        for r in rows:
            r["exam_id"] = exam_id
        run = ExamRun(form, self.clock)
        return ActiveExam(self, exam_id, run, title or f"{form.test} {form.mode.label}", writer=writer, rows=rows,
                          started_at=now)

    def in_progress(self) -> ExamSummary | None:
        """The unfinished exam to offer on the resume banner (the newest one)."""
        rows = self._summaries(EXAM.c.state == "in_progress", limit=1)
        return rows[0] if rows else None

    def resume(self, exam_id: int) -> ActiveExam:
        """Rebuild the running exam exactly where it stopped; the closed time does not count. The exam
        is claimed for this sitting: a window that had it open before can no longer write to it."""
        writer = uuid4().hex
        box = self.outbox
        with box.paused() if box is not None else nullcontext(), self.db.engine.begin() as conn:
            claim_exam(conn, exam_id, writer)
            if box is not None:  # what waits on this computer for the server is this sitting's to send now
                box.retag(exam_id, writer)
            ex_row = conn.execute(select(EXAM).where(EXAM.c.id == exam_id)).one()
            stored = conn.execute(select(RESPONSE).where(RESPONSE.c.exam_id == exam_id)
                                  .order_by(RESPONSE.c.position)).all()
        ex = _Record(ex_row._asdict())
        full = [dict(r._asdict()) for r in stored]
        if self.outbox is not None:  # changes still on this computer are newer than the server's copy
            queued_exam, queued_rows = self.outbox.pending_for_exam(exam_id)
            ex = _Record(ex.__dict__ | (queued_exam or {}))
            by_uid = {q["uid"]: q for q in queued_rows}
            full = [r | by_uid.get(r["uid"], {}) for r in full]
        rows = [_Record(r) for r in full]
        if ex.state != "in_progress":
            raise ValueError(f"exam {exam_id} has already ended")
        missing = [r.question_id for r in rows if self.question(r.question_id) is None]
        if missing:
            raise ValueError(f"questions no longer in the bank: {', '.join(missing[:5])}")
        form = ExamForm(ex.test, ExamMode(ex.mode), tuple(ExamItem(r.question_id, r.area, bool(r.scored)) for r in rows),
                        ex.time_limit_seconds, ex.seed)
        states = [ItemState(r.choice, bool(r.flagged), frozenset(r.crossed_out), float(r.seconds)) for r in rows]
        run = ExamRun(form, self.clock, time_used=float(ex.time_used_seconds), states=states, position=ex.position)
        return ActiveExam(self, exam_id, run, ex.title, writer=writer, rows=full, started_at=ex.started_at)

    def abandon(self, exam_id: int) -> None:
        with self.db.engine.begin() as conn:
            abandon_exam(conn, exam_id, self.now())

    # -- listing and results
    def _summaries(self, *where, limit: int = 50) -> list[ExamSummary]:  # type: ignore[no-untyped-def]
        # counted per listed exam (through the exam-and-position index), not over every stored answer
        answered = (select(func.count()).select_from(RESPONSE)
                    .where(RESPONSE.c.exam_id == EXAM.c.id, RESPONSE.c.choice.is_not(None)).scalar_subquery())
        q = (select(EXAM, answered.label("answered"))
             .where(EXAM.c.learner_id == self.learner_id, *where)
             .order_by(EXAM.c.started_at.desc(), EXAM.c.id.desc()).limit(limit))
        with self.db.engine.connect() as conn:
            return [self._summary(r) for r in conn.execute(q)]

    @staticmethod
    def _summary(r) -> ExamSummary:  # type: ignore[no-untyped-def]
        return ExamSummary(
            id=r.id, test=r.test, mode=ExamMode(r.mode), title=r.title, state=r.state,
            question_count=r.question_count, answered=int(getattr(r, "answered", 0) or 0), position=r.position,
            time_limit_seconds=r.time_limit_seconds, time_used_seconds=float(r.time_used_seconds),
            started_at=r.started_at, finished_at=r.finished_at, score_correct=r.score_correct,
            score_total=r.score_total)

    def recent(self, limit: int = 20) -> list[ExamSummary]:
        return self._summaries(EXAM.c.state == "finished", limit=limit)

    def summary(self, exam_id: int) -> ExamSummary:
        rows = self._summaries(EXAM.c.id == exam_id, limit=1)
        if not rows:
            raise KeyError(f"no exam {exam_id}")
        return rows[0]

    def result(self, exam_id: int) -> ExamResult:
        summary = self.summary(exam_id)
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(RESPONSE).where(RESPONSE.c.exam_id == exam_id)
                                .order_by(RESPONSE.c.position)).all()
        items = tuple(ReviewItem(r.position, self.question(r.question_id), r.question_id, r.area, bool(r.scored),
                                 r.choice, bool(r.correct), bool(r.flagged), float(r.seconds)) for r in rows)
        bp = self.blueprint(summary.test)
        score = score_exam(bp, [ExamItem(i.question_id, i.area, i.scored) for i in items],
                           [i.choice for i in items], [i.correct for i in items])
        return ExamResult(summary, score, items, bp)

    def result_in_memory(self, active: ActiveExam, score: ExamScore, finished_at: datetime) -> ExamResult:
        """The result of an exam the class server has not received yet, built from the same data."""
        form, run = active.form, active.run
        summary = ExamSummary(
            id=active.exam_id, test=form.test, mode=form.mode, title=active.title, state="finished",
            question_count=len(form.items), answered=len(run.answered_positions()), position=run.position,
            time_limit_seconds=form.time_limit_seconds, time_used_seconds=run.time_used(),
            started_at=active.started_at or finished_at,
            finished_at=finished_at, score_correct=score.correct, score_total=score.total)
        get = self.get_question
        items = tuple(ReviewItem(i, self.question(item.question_id), item.question_id, item.area,
                                 item.scored, st.choice,
                                 st.choice is not None and get(item.question_id).is_correct(st.choice),
                                 st.flagged, st.seconds)
                      for i, (item, st) in enumerate(zip(form.items, run.states, strict=True)))
        return ExamResult(summary, score, items, self.blueprint(form.test))
