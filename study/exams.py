"""Exams as stored records: start, answer, flag, resume after a crash, finish and review.

Every change a learner makes is its own short transaction, committed before the call returns:
the answer on screen is the answer on disk. The clock is saved with every change and at least
once a second by the GUI, so a crash costs at most a second of the learner's time.

Each write sends a row's whole state (an answer row upserted by its uid), never a difference, so
on a class server an outbox (study.storage.sync) can commit it locally while the server is unreachable
and resend it later without counting anything twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from sqlalchemy import Connection, Table, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from questions.bank import QuestionBank
from questions.blueprints import Blueprints, TestBlueprint
from questions.exam import (
    ClockEvent,
    ExamForm,
    ExamItem,
    ExamMode,
    ExamRun,
    ExamScore,
    ItemState,
    score_exam,
)
from questions.model import Question
from study.storage.database import Database
from study.storage.records import Exam, Learner, Response, day_number
from study.storage.sync import is_connection_lost, update_exam, upsert_response

if TYPE_CHECKING:
    from study.storage.sync import Outbox

# Core tables for the hot path: one UPDATE per change costs far less than an ORM flush.
EXAM: Table = Exam.__table__  # type: ignore[assignment]
RESPONSE: Table = Response.__table__  # type: ignore[assignment]
LEARNER: Table = Learner.__table__  # type: ignore[assignment]


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
        # On a class server: where answers wait while the server is unreachable (study.storage.sync.attach_outbox).
        self.outbox: Outbox | None = None

    def _default_learner(self) -> int:
        with self.db.engine.begin() as conn:
            row = conn.execute(select(LEARNER.c.id).order_by(LEARNER.c.id).limit(1)).first()
            if row:
                return int(row[0])
            res = conn.execute(insert(LEARNER).values(name="Me", created_at=self.now()))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def question(self, qid: str) -> Question | None:
        return self.bank.find(qid)

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
    def start(self, form: ExamForm, title: str = "", source: str = "") -> ActiveExam:
        """Store a new exam with one empty response row per question, then return it running."""
        questions = [self.bank.get(item.question_id) for item in form.items]
        now = self.now()
        rows = [dict(learner_id=self.learner_id, position=i, question_id=item.question_id, test=q.test, area=item.area,
                     topic=q.topic, scored=item.scored, choice=None, correct=None, flagged=False, crossed_out="",
                     seconds=0.0, changes=0, answered_at=None, answered_day=None, uid=uuid4().hex,
                     question_version=q.version, superseded=False)
                for i, (item, q) in enumerate(zip(form.items, questions, strict=True))]
        with self.db.engine.begin() as conn:
            res = conn.execute(insert(EXAM).values(
                learner_id=self.learner_id, test=form.test, mode=str(form.mode),
                title=title or f"{form.test} {form.mode.label}", seed=form.seed,
                question_count=len(form.items), time_limit_seconds=form.time_limit_seconds,
                time_used_seconds=0.0, position=0, state="in_progress", started_at=now,
                updated_at=now, source=source))
            exam_id = int(res.inserted_primary_key[0])  # type: ignore[index]
            for r in rows:
                r["exam_id"] = exam_id
            conn.execute(insert(RESPONSE), rows)
        run = ExamRun(form, self.clock)
        return ActiveExam(self, exam_id, run, title or f"{form.test} {form.mode.label}", rows=rows,
                          started_at=now)

    def in_progress(self) -> ExamSummary | None:
        """The unfinished exam to offer on the resume banner (the newest one)."""
        rows = self._summaries(EXAM.c.state == "in_progress", limit=1)
        return rows[0] if rows else None

    def resume(self, exam_id: int) -> ActiveExam:
        """Rebuild the running exam exactly where it stopped; the closed time does not count."""
        with self.db.engine.connect() as conn:
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
        missing = [r.question_id for r in rows if self.bank.find(r.question_id) is None]
        if missing:
            raise ValueError(f"questions no longer in the bank: {', '.join(missing[:5])}")
        form = ExamForm(ex.test, ExamMode(ex.mode), tuple(ExamItem(r.question_id, r.area, bool(r.scored)) for r in rows),
                        ex.time_limit_seconds, ex.seed)
        states = [ItemState(r.choice, bool(r.flagged), frozenset(r.crossed_out), float(r.seconds)) for r in rows]
        run = ExamRun(form, self.clock, time_used=float(ex.time_used_seconds), states=states, position=ex.position)
        return ActiveExam(self, exam_id, run, ex.title, rows=full, started_at=ex.started_at)

    def abandon(self, exam_id: int) -> None:
        with self.db.engine.begin() as conn:
            conn.execute(update(EXAM).where(EXAM.c.id == exam_id, EXAM.c.state == "in_progress")
                         .values(state="abandoned", updated_at=self.now()))

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
        items = tuple(ReviewItem(r.position, self.bank.find(r.question_id), r.question_id, r.area, bool(r.scored),
                                 r.choice, bool(r.correct), bool(r.flagged), float(r.seconds)) for r in rows)
        bp = self.blueprint(summary.test)
        score = score_exam(bp, [ExamItem(i.question_id, i.area, i.scored) for i in items],
                           [i.choice for i in items], [i.correct for i in items])
        return ExamResult(summary, score, items, bp)


_UPDATES: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[Callable[[Any], Any] | None, ...]]] = {}


def _prepared_update(table: Table, conn: Connection, values: dict[str, object]) -> tuple[str, list[object]]:
    """`UPDATE table SET a = ?, b = ?` for these columns (text and converters cached), and the values
    converted by each column's own type for this dialect."""
    key = (table.name, tuple(values))
    hit = _UPDATES.get(key)
    if hit is None:
        cols = [table.c[k] for k in values]
        sql = f"UPDATE {table.name} SET " + ", ".join(f"{c.name} = ?" for c in cols)
        hit = _UPDATES[key] = (sql, tuple(c.type.dialect_impl(conn.dialect).bind_processor(conn.dialect) for c in cols))
    sql, procs = hit
    return sql, [v if p is None or v is None else p(v) for p, v in zip(procs, values.values(), strict=True)]


class ActiveExam:
    """A running exam whose every change is written through to the database at once."""

    def __init__(self, service: ExamService, exam_id: int, run: ExamRun, title: str, *,
                 rows: list[dict[str, Any]] | None = None, started_at: datetime | None = None) -> None:
        self.service = service
        self.exam_id = exam_id
        self.run = run
        self.title = title
        self.started_at = started_at
        self._engine = service.db.engine
        self._conn: Connection | None = None  # held for the sitting: no pool checkout per answer
        if rows is None:
            with self._engine.connect() as conn:
                rows = [dict(r._asdict()) for r in conn.execute(
                    select(RESPONSE).where(RESPONSE.c.exam_id == exam_id).order_by(RESPONSE.c.position))]
        # each answer row's whole state, as last written: every write sends the full row
        self._rows = [dict(r) for r in rows]

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.closed:
            self._conn = self._engine.connect()
        return self._conn

    def close(self) -> None:
        """Give the connection back (pausing, finishing, closing the app)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def form(self) -> ExamForm:
        return self.run.form

    @property
    def feedback(self) -> bool:
        return self.run.form.mode.gives_feedback

    def question(self, position: int | None = None) -> Question:
        item = self.run.form.items[self.run.position if position is None else position]
        return self.service.bank.get(item.question_id)

    def start(self) -> None:
        self.run.start()

    def tick(self) -> ClockEvent:
        return self.run.tick()

    @property
    def offline(self) -> bool:
        """True while changes wait on this computer for the class server."""
        box = self.service.outbox
        return box is not None and box.offline

    def _write(self, position: int | None, values: dict[str, object], *, clock: bool = True) -> None:
        """One short transaction: the response row's change, and (unless `clock` is False) the
        exam's time used and position. Answers skip the clock: it is saved every second anyway.

        With an outbox, a server that cannot be reached means the change is committed to the
        outbox instead and the exam carries on; while anything waits there, changes queue behind it
        so that they reach the server in order."""
        row = None
        if position is not None:
            row = self._rows[position]
            row.update(values)
            if "answered_at" in values:
                values = dict(values, answered_day=row.get("answered_day"))
        exam_values = dict(time_used_seconds=self.run.time_used(), position=self.run.position,
                           updated_at=self.service.now()) if clock else None
        if self.service.outbox is None:  # a local database: update just what changed
            conn = self._connection()
            if conn.dialect.name == "sqlite":
                self._write_sqlite(conn, position, values, exam_values)
                return
            with conn.begin():
                if position is not None:
                    conn.execute(update(RESPONSE)
                                 .where(RESPONSE.c.exam_id == self.exam_id, RESPONSE.c.position == position)
                                 .values(**values))
                if exam_values is not None:
                    conn.execute(update(EXAM).where(EXAM.c.id == self.exam_id).values(**exam_values))
            return
        self._send(row, exam_values)

    def _write_sqlite(self, conn: Connection, position: int | None, values: dict[str, object],
                      exam_values: dict[str, Any] | None) -> None:
        """The hot path on this computer's SQLite file: the same UPDATEs as prepared SQL on the
        driver's own connection, each value converted by its column's type exactly as SQLAlchemy
        would. Building and compiling a Core statement per answer cost more than SQLite's own work
        (benchmarks/bench_exam.py)."""
        raw = conn.connection.driver_connection
        cur = raw.cursor()  # type: ignore[union-attr]
        try:
            if position is not None:
                sql, params = _prepared_update(RESPONSE, conn, values)
                cur.execute(sql + " WHERE exam_id = ? AND position = ?", (*params, self.exam_id, position))
            if exam_values is not None:
                sql, params = _prepared_update(EXAM, conn, exam_values)
                cur.execute(sql + " WHERE id = ?", (*params, self.exam_id))
            raw.commit()  # type: ignore[union-attr]
        except BaseException:
            raw.rollback()  # type: ignore[union-attr]
            raise
        finally:
            cur.close()

    def _send(self, row: dict[str, Any] | None, exam_values: dict[str, Any] | None) -> None:
        box = self.service.outbox
        if box is not None and box.offline:
            self._queue(box, row, exam_values)
            return
        try:
            conn = self._connection()
            with conn.begin():
                if row is not None:
                    upsert_response(conn, row)
                if exam_values is not None:
                    update_exam(conn, self.exam_id, exam_values)
        except SQLAlchemyError as e:
            if box is None or not is_connection_lost(e):
                raise
            self._drop_connection()
            self._queue(box, row, exam_values)

    def _queue(self, box: Outbox, row: dict[str, Any] | None, exam_values: dict[str, Any] | None) -> None:
        if row is not None:
            box.put_response(dict(row))
        if exam_values is not None:
            box.put_exam(self.exam_id, exam_values)

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.invalidate()
                conn.close()
            except SQLAlchemyError:
                pass

    def save_clock(self) -> None:
        """Persist the time used and the position (the GUI calls this every second)."""
        self._write(None, {})

    def answer(self, choice: str | None) -> bool | None:
        """Record the choice for the current question; returns whether it is right (None if cleared)."""
        pos = self.run.position
        st = self.run.answer(choice)
        q = self.question(pos)
        correct = None if choice is None else q.is_correct(choice)
        answered_at = self.service.now() if choice else None
        values: dict[str, object] = dict(choice=choice, correct=correct, crossed_out="".join(sorted(st.crossed_out)),
                                         seconds=st.seconds, changes=int(self._rows[pos]["changes"]) + 1,
                                         answered_at=answered_at, answered_day=day_number(answered_at))
        if self._rows[pos].get("question_version", q.version) != q.version:
            # an exam started before the question changed: this answer is to the question as it now reads
            values.update(question_version=q.version, superseded=False)
        self._write(pos, values, clock=False)
        return correct

    def toggle_flag(self) -> bool:
        pos = self.run.position
        st = self.run.toggle_flag()
        self._write(pos, dict(flagged=st.flagged), clock=False)
        return st.flagged

    def toggle_cross_out(self, choice: str) -> frozenset[str]:
        pos = self.run.position
        st = self.run.toggle_cross_out(choice)
        self._write(pos, dict(crossed_out="".join(sorted(st.crossed_out))), clock=False)
        return st.crossed_out

    def go(self, position: int) -> bool:
        before = self.run.position
        moved = self.run.go(position)
        if moved:
            # the time charged to the question just left is part of its record
            self._write(before, dict(seconds=self.run.states[before].seconds))
        return moved

    def next(self) -> bool:
        return self.go(self.run.position + 1)

    def previous(self) -> bool:
        return self.go(self.run.position - 1)

    def pause(self) -> None:
        self.run.pause()
        self._write(self.run.position, dict(seconds=self.run.state.seconds))
        self.close()

    def finish(self, *, notify: bool = True) -> ExamResult:
        """End the exam (the learner confirmed, or time ran out) and store its score.

        With notify=False the caller runs service.notify_finished later (the GUI does, on a worker,
        so re-planning never holds up the result screen)."""
        pos = self.run.position
        self.run.finish()
        states = self.run.states
        correct = [s.choice is not None and self.service.bank.get(i.question_id).is_correct(s.choice)
                   for i, s in zip(self.form.items, states, strict=True)]
        score = score_exam(self.service.blueprint(self.form.test), self.form.items,
                           [s.choice for s in states], correct)
        row = self._rows[pos]
        row["seconds"] = states[pos].seconds
        now = self.service.now()
        self._send(row, dict(state="finished", time_used_seconds=self.run.time_used(), position=self.run.position,
                             score_correct=score.correct, score_total=score.total, finished_at=now, updated_at=now))
        self.close()
        if self.offline:  # the server has not got it yet: the result is built here, from the same data
            return self._local_result(score, now)
        if notify:
            self.service.notify_finished(self.exam_id)
        return self.service.result(self.exam_id)

    def _local_result(self, score: ExamScore, finished_at: datetime) -> ExamResult:
        form, run = self.form, self.run
        summary = ExamSummary(
            id=self.exam_id, test=form.test, mode=form.mode, title=self.title, state="finished",
            question_count=len(form.items), answered=len(run.answered_positions()), position=run.position,
            time_limit_seconds=form.time_limit_seconds, time_used_seconds=run.time_used(),
            started_at=self.started_at or finished_at,
            finished_at=finished_at, score_correct=score.correct, score_total=score.total)
        bank = self.service.bank
        items = tuple(ReviewItem(i, bank.find(item.question_id), item.question_id, item.area, item.scored, st.choice,
                                 st.choice is not None and bank.get(item.question_id).is_correct(st.choice),
                                 st.flagged, st.seconds)
                      for i, (item, st) in enumerate(zip(form.items, run.states, strict=True)))
        return ExamResult(summary, score, items, self.service.blueprint(form.test))

    def counts(self) -> tuple[int, int, int]:
        """(answered, unanswered, flagged) for the review screen and the end confirmation."""
        r = self.run
        return len(r.answered_positions()), len(r.unanswered_positions()), len(r.flagged_positions())

