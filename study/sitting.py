"""A running exam whose every change is written through to the database before it counts.

A choice, a flag or a cross-out is stored first and only then becomes part of the exam in memory:
if the write fails (a full disk, a read-only folder, a file held locked) the change is undone, the
caller gets SaveFailed with the reason in words, and the screen shows what was stored, so the
learner can make the choice again. The clock, the position and the time per question are
bookkeeping: a failed save of them keeps the exam going and they are sent with the next save that
works (the exam page saves the clock every second, which is also the retry).

Each sitting claims its exam with a token (exam.writer). Every write names it, so a copy of the app
whose exam was resumed elsewhere, or finished there, is refused (ExamTakenOver) instead of
overwriting what the other copy stored. The score is computed from the answers as stored, in the
same transaction that ends the exam.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, select
from sqlalchemy.exc import SQLAlchemyError

from questions.exam import ClockEvent, ExamForm, ExamItem, ExamRun, ExamScore, score_exam
from questions.model import Question
from study.storage.failures import is_connection_lost, storage_reason
from study.storage.prepared import prepared_update
from study.storage.records import Exam, Response, day_number
from study.storage.writes import save_exam, save_response

if TYPE_CHECKING:
    from study.exams import ExamResult, ExamService
    from study.storage.sync import Outbox

EXAM: Table = Exam.__table__  # type: ignore[assignment]
RESPONSE: Table = Response.__table__  # type: ignore[assignment]


class SaveFailed(Exception):
    """A change that could not be stored: nothing of it counts. `reason` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ExamTakenOver(SaveFailed):
    """The exam was resumed in another window (or ended there) after this one opened it."""

    def __init__(self) -> None:
        super().__init__("this exam was opened in another window or ended there; what that window stored is kept")


FENCE_SQL = " AND EXISTS (SELECT 1 FROM exam WHERE id = ? AND writer = ? AND state = 'in_progress')"


class ActiveExam:
    """A running exam whose every change is written through to the database at once."""

    def __init__(self, service: ExamService, exam_id: int, run: ExamRun, title: str, *, writer: str,
                 rows: list[dict[str, Any]] | None = None, started_at: datetime | None = None) -> None:
        self.service = service
        self.exam_id = exam_id
        self.run = run
        self.title = title
        self.started_at = started_at
        self.writer = writer
        self.problem: str | None = None  # why the latest save failed; None once a save works again
        self._engine = service.db.engine
        self._conn: Connection | None = None  # held for the sitting: no pool checkout per answer
        if rows is None:
            with self._engine.connect() as conn:
                rows = [dict(r._asdict()) for r in conn.execute(
                    select(RESPONSE).where(RESPONSE.c.exam_id == exam_id).order_by(RESPONSE.c.position))]
        # each answer row's whole state, as last stored: every write to a server sends the full row
        self._rows = [dict(r) for r in rows]
        self._unsent: set[int] = set()  # positions whose time was not stored by a failed save

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
        return self.service.get_question(item.question_id)

    def start(self) -> None:
        self.run.start()

    def tick(self) -> ClockEvent:
        return self.run.tick()

    @property
    def offline(self) -> bool:
        """True while changes wait on this computer for the class server."""
        box = self.service.outbox
        return box is not None and box.offline

    # -- writing

    def _store(self, position: int | None, values: dict[str, object], *, clock: bool = True,
               finish: dict[str, Any] | None = None) -> ExamScore | None:
        """One short transaction: the response row's change, and (unless `clock` is False) the exam's
        time used and position; with `finish`, the exam ends and its score is computed from the
        stored answers. Raises SaveFailed (nothing stored) or ExamTakenOver."""
        row = None
        if position is not None:
            if "answered_at" in values:
                values = dict(values, answered_day=day_number(values["answered_at"]))  # type: ignore[arg-type]
            row = dict(self._rows[position]) | values
        exam_values = (dict(time_used_seconds=self.run.time_used(), position=self.run.position,
                            updated_at=self.service.now()) if clock or finish is not None else None)
        unsent = {p: self.run.states[p].seconds for p in self._unsent if p != position} if exam_values else {}
        score = None
        try:
            if self.service.outbox is not None:
                self._send(row, None if exam_values is None else exam_values | (finish or {}))
            else:
                score = self._write_local(position, values, exam_values, unsent, finish)
        except ExamTakenOver:
            self.problem = ExamTakenOver().reason
            raise
        except (SQLAlchemyError, sqlite3.Error, OSError) as e:
            self.problem = storage_reason(e) or _first_line(e)
            raise SaveFailed(self.problem) from e
        self.problem = None
        if row is not None:
            self._rows[position] = row  # type: ignore[index]
        if exam_values is not None:
            self._unsent.clear()
        return score

    def _write_local(self, position: int | None, values: dict[str, object], exam_values: dict[str, Any] | None,
                     unsent: dict[int, float], finish: dict[str, Any] | None) -> ExamScore | None:
        conn = self._connection()
        if conn.dialect.name == "sqlite":
            return self._write_sqlite(conn, position, values, exam_values, unsent, finish)
        # a server database without an outbox: the same whole-row writes the outbox would send
        rows = [self._rows[p] | {"seconds": sec} for p, sec in unsent.items()]
        if position is not None:
            rows.append(self._rows[position] | values)
        with conn.begin():
            self._write_rows(conn, rows, None if exam_values is None else exam_values | (finish or {}))
        return None

    def _write_rows(self, conn: Connection, rows: list[dict[str, Any]], exam_values: dict[str, Any] | None) -> None:
        """Whole answer rows and the exam's values, through study.storage.writes (a server's functions)."""
        for row in rows:
            if not save_response(conn, row, self.writer):
                raise ExamTakenOver()
        if exam_values is not None and not save_exam(conn, self.exam_id, exam_values, self.writer):
            raise ExamTakenOver()

    def _write_sqlite(self, conn: Connection, position: int | None, values: dict[str, object],
                      exam_values: dict[str, Any] | None, unsent: dict[int, float],
                      finish: dict[str, Any] | None) -> ExamScore | None:
        """The hot path on this computer's SQLite file: the same UPDATEs as prepared SQL on the
        driver's own connection, each value converted by its column's type exactly as SQLAlchemy
        would. Building and compiling a Core statement per answer cost more than SQLite's own work
        (benchmarks/bench_exam.py)."""
        raw = conn.connection.driver_connection
        cur = raw.cursor()  # type: ignore[union-attr]
        try:
            changes: list[tuple[int, dict[str, object]]] = [(p, {"seconds": s}) for p, s in unsent.items()]
            if position is not None:
                changes.append((position, values))
            for pos, vals in changes:
                sql, params = prepared_update(RESPONSE, conn, vals)
                cur.execute(sql + " WHERE exam_id = ? AND position = ?" + FENCE_SQL,
                            (*params, self.exam_id, pos, self.exam_id, self.writer))
                if cur.rowcount != 1:
                    raise ExamTakenOver()
            score = None
            if exam_values is not None:
                if finish is not None:
                    score = self._stored_score(conn, cur)
                sql, params = prepared_update(EXAM, conn, exam_values | self._end_values(finish, score))
                cur.execute(sql + " WHERE id = ? AND writer = ? AND state = 'in_progress'",
                            (*params, self.exam_id, self.writer))
                if cur.rowcount != 1:
                    raise ExamTakenOver()
            raw.commit()  # type: ignore[union-attr]
            return score
        except BaseException:
            raw.rollback()  # type: ignore[union-attr]
            raise
        finally:
            cur.close()

    def _stored_score(self, conn: Connection, cur: Any = None) -> ExamScore:
        """The score of the answers as stored (read inside the transaction that ends the exam)."""
        q = "SELECT position, choice, correct FROM response WHERE exam_id = ? ORDER BY position"
        if cur is not None:
            stored = {int(p): (c, bool(ok)) for p, c, ok in cur.execute(q, (self.exam_id,)).fetchall()}
        else:
            stored = {int(r[0]): (r[1], bool(r[2])) for r in conn.execute(
                select(RESPONSE.c.position, RESPONSE.c.choice, RESPONSE.c.correct)
                .where(RESPONSE.c.exam_id == self.exam_id))}
        items = self.form.items
        picked = [stored.get(i, (None, False)) for i in range(len(items))]
        return score_exam(self.service.blueprint(self.form.test), items, [c for c, _ in picked],
                          [c is not None and ok for c, ok in picked])

    @staticmethod
    def _end_values(finish: dict[str, Any] | None, score: ExamScore | None) -> dict[str, Any]:
        if finish is None:
            return {}
        out = dict(finish)
        if score is not None:
            out.update(score_correct=score.correct, score_total=score.total)
        return out

    def _send(self, row: dict[str, Any] | None, exam_values: dict[str, Any] | None) -> None:
        """A server database: each write sends the row's whole state; a server that cannot be reached
        means the change is committed to the outbox instead and the exam carries on."""
        box = self.service.outbox
        if box is not None and box.offline:
            self._queue(box, row, exam_values)
            return
        try:
            conn = self._connection()
            with conn.begin():
                self._write_rows(conn, [row] if row is not None else [], exam_values)
        except SQLAlchemyError as e:
            if box is None or not is_connection_lost(e):
                raise
            self._drop_connection()
            self._queue(box, row, exam_values)

    def _queue(self, box: Outbox, row: dict[str, Any] | None, exam_values: dict[str, Any] | None) -> None:
        if row is not None:
            box.put_response(dict(row), self.writer)
        if exam_values is not None:
            box.put_exam(self.exam_id, exam_values, self.writer)

    def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.invalidate()
                conn.close()
            except SQLAlchemyError:
                pass

    def _change(self, position: int, values: Callable[[], dict[str, object]], apply: Callable[[], Any]) -> Any:
        """Apply a learner's change in memory, store it, and undo it in memory if it was not stored."""
        snap = self.run.snapshot()
        result = apply()
        try:
            self._store(position, values(), clock=False)
        except SaveFailed:
            self.run.restore(snap)
            raise
        return result

    # -- the learner's changes (stored before they count)

    def answer(self, choice: str | None) -> bool | None:
        """Record the choice for the current question; returns whether it is right (None if cleared).
        Raises SaveFailed when it could not be stored: then it is not the answer."""
        pos = self.run.position
        q = self.question(pos)
        correct = None if choice is None else q.is_correct(choice)
        answered_at = self.service.now() if choice else None

        def values() -> dict[str, object]:
            st = self.run.states[pos]
            out: dict[str, object] = dict(choice=choice, correct=correct, crossed_out="".join(sorted(st.crossed_out)),
                                          seconds=st.seconds, changes=int(self._rows[pos]["changes"]) + 1,
                                          answered_at=answered_at)
            if self._rows[pos].get("question_version", q.version) != q.version:
                # an exam started before the question changed: this answer is to the question as it now reads
                out.update(question_version=q.version, superseded=False)
            return out

        self._change(pos, values, lambda: self.run.answer(choice))
        return correct

    def toggle_flag(self) -> bool:
        pos = self.run.position
        st = self._change(pos, lambda: dict(flagged=self.run.states[pos].flagged), self.run.toggle_flag)
        return bool(st.flagged)

    def toggle_cross_out(self, choice: str) -> frozenset[str]:
        pos = self.run.position
        st = self._change(pos, lambda: dict(crossed_out="".join(sorted(self.run.states[pos].crossed_out))),
                          lambda: self.run.toggle_cross_out(choice))
        return frozenset(st.crossed_out)

    # -- bookkeeping (a failed save keeps the exam going; the next save that works sends it)

    def save_clock(self) -> None:
        """Persist the time used and the position (the GUI calls this every second). Raises
        SaveFailed while saving fails; the next call is the retry."""
        self._store(None, {})

    def go(self, position: int) -> bool:
        before = self.run.position
        moved = self.run.go(position)
        if moved:
            # the time charged to the question just left is part of its record
            try:
                self._store(before, dict(seconds=self.run.states[before].seconds))
            except ExamTakenOver:
                raise
            except SaveFailed:
                self._unsent.add(before)
        return moved

    def next(self) -> bool:
        return self.go(self.run.position + 1)

    def previous(self) -> bool:
        return self.go(self.run.position - 1)

    def pause(self) -> None:
        self.run.pause()
        try:
            self._store(self.run.position, dict(seconds=self.run.state.seconds))
        except ExamTakenOver:
            pass  # the other window has the exam; nothing here to keep
        except SaveFailed:
            pass  # the answers are stored; at most the time since the last clock save is lost
        finally:
            self.close()

    def finish(self, *, notify: bool = True) -> ExamResult:
        """End the exam (the learner confirmed, or time ran out) and store its score, computed from
        the stored answers. Raises SaveFailed (the exam goes on) or ExamTakenOver.

        With notify=False the caller runs service.notify_finished later (the GUI does, on a worker,
        so re-planning never holds up the result screen)."""
        pos = self.run.position
        snap = self.run.snapshot()
        self.run.finish()
        now = self.service.now()
        try:
            score = self._store(pos, dict(seconds=self.run.states[pos].seconds),
                                finish=dict(state="finished", finished_at=now, **self._client_score()))
        except SaveFailed:
            self.run.restore(snap)
            raise
        self.close()
        if self.offline:  # the server has not got it yet: the result is built here, from the same data
            return self.service.result_in_memory(self, score or self._memory_score(), now)
        if notify:
            self.service.notify_finished(self.exam_id)
        return self.service.result(self.exam_id)

    def _memory_score(self) -> ExamScore:
        states = self.run.states
        correct = [s.choice is not None and self.service.get_question(i.question_id).is_correct(s.choice)
                   for i, s in zip(self.form.items, states, strict=True)]
        return score_exam(self.service.blueprint(self.form.test), self.form.items, [s.choice for s in states],
                          correct)

    def _client_score(self) -> dict[str, int]:
        """The score as this sitting counts it: a local file counts it again from what it stored, in
        the transaction that ends the exam; a class server counts its own from its stored answers."""
        s = self._memory_score()
        return dict(score_correct=s.correct, score_total=s.total)

    def counts(self) -> tuple[int, int, int]:
        """(answered, unanswered, flagged) for the review screen and the end confirmation."""
        r = self.run
        return len(r.answered_positions()), len(r.unanswered_positions()), len(r.flagged_positions())


def _first_line(e: BaseException) -> str:
    text = str(getattr(e, "orig", None) or e).strip()
    return text.splitlines()[0] if text else e.__class__.__name__


__all__ = ["ActiveExam", "ExamItem", "ExamTakenOver", "SaveFailed"]
