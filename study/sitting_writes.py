"""How a running exam's changes reach the database: each one a short transaction of its own.

A change is planned as a `Write` on the thread that owns the exam (study.sitting): everything it
needs is in it, so `SittingWriter.store` touches nothing the screen reads and can run on the GUI's
one write worker while the next question is already painted. On this computer's SQLite file the
write is a prepared UPDATE of the columns that changed; on a class server each write sends the
row's whole state through the server's functions (study.storage.writes), and a server that cannot
be reached means the change is committed to the outbox instead (study.storage.sync).

Every write names the sitting's token (exam.writer): a copy of the app whose exam was resumed or
finished elsewhere is refused (ExamTakenOver) instead of overwriting it. The score is counted from
the answers as stored, in the same transaction that ends the exam.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from questions.exam import ExamForm, ExamScore, score_exam
from study.storage.failures import is_connection_lost, storage_reason
from study.storage.prepared import prepared_update
from study.storage.records import EXAM, RESPONSE
from study.storage.writes import save_exam, save_response

if TYPE_CHECKING:
    from study.exams import ExamService
    from study.storage.sync import Outbox

FENCE_SQL = " AND EXISTS (SELECT 1 FROM exam WHERE id = ? AND writer = ? AND state = 'in_progress')"


class SaveFailed(Exception):
    """A change that could not be stored: nothing of it counts. `reason` says why, in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ExamTakenOver(SaveFailed):
    """The exam was resumed in another window (or ended there) after this one opened it."""

    def __init__(self) -> None:
        super().__init__("this exam was opened in another window or ended there; what that window stored is kept")


@dataclass
class Write:
    """One change of a running exam, as it is to be stored."""

    kind: str  # "answer", "flag", "cross out", "place", "clock", "pause" or "finish"
    position: int | None  # the answer row it changes (None: the exam's clock only)
    values: dict[str, Any]  # that row's changed columns
    row: dict[str, Any] | None  # that row's whole state once stored (what a server is sent)
    exam: dict[str, Any] | None  # the exam's time used and position (None: not sent with this change)
    unsent: dict[int, dict[str, Any]] = field(default_factory=dict)  # rows whose time a failed save left behind
    finish: dict[str, Any] | None = None  # the exam's end, when this change ends it
    correct: bool | None = None  # an answer: whether it is right
    snapshot: tuple[object, ...] | None = None  # the exam in memory before `finish`, put back if it fails
    score: ExamScore | None = None  # set once stored: the score counted from the stored answers


class SittingWriter:
    """Stores one sitting's writes; holds its own connection (no pool checkout per answer). Use it
    from one thread at a time (the GUI's write worker, or the caller of the plain methods)."""

    def __init__(self, service: ExamService, exam_id: int, writer: str, form: ExamForm) -> None:
        self.service = service
        self.exam_id = exam_id
        self.writer = writer
        self.form = form
        self._engine = service.db.engine
        self._conn: Connection | None = None

    def store(self, w: Write) -> None:
        """One short transaction; raises SaveFailed (nothing stored) or ExamTakenOver. Pausing gives
        the connection back whatever happens, as does an exam that ended."""
        try:
            if self.service.outbox is not None:
                self._send(w.row, None if w.exam is None else w.exam | (w.finish or {}))
            else:
                w.score = self._write_local(w)
        except ExamTakenOver:
            self._close_after(w, stored=False)
            raise
        except (SQLAlchemyError, sqlite3.Error, OSError) as e:
            self._close_after(w, stored=False)
            raise SaveFailed(storage_reason(e) or _first_line(e)) from e
        self._close_after(w, stored=True)

    def _close_after(self, w: Write, *, stored: bool) -> None:
        if w.kind == "pause" or (w.kind == "finish" and stored):
            self.close()

    def _connection(self) -> Connection:
        if self._conn is None or self._conn.closed:
            self._conn = self._engine.connect()
        return self._conn

    def close(self) -> None:
        """Give the connection back (pausing, finishing, closing the app)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- this computer's file, or a server without an outbox
    def _write_local(self, w: Write) -> ExamScore | None:
        conn = self._connection()
        if conn.dialect.name == "sqlite":
            return self._write_sqlite(conn, w)
        # a server database without an outbox: the same whole-row writes the outbox would send
        rows = list(w.unsent.values()) + ([w.row] if w.row is not None else [])
        with conn.begin():
            self._write_rows(conn, rows, None if w.exam is None else w.exam | (w.finish or {}))
        return None

    def _write_rows(self, conn: Connection, rows: list[dict[str, Any]], exam_values: dict[str, Any] | None) -> None:
        """Whole answer rows and the exam's values, through study.storage.writes (a server's functions)."""
        for row in rows:
            if not save_response(conn, row, self.writer):
                raise ExamTakenOver()
        if exam_values is not None and not save_exam(conn, self.exam_id, exam_values, self.writer):
            raise ExamTakenOver()

    def _write_sqlite(self, conn: Connection, w: Write) -> ExamScore | None:
        """The hot path on this computer's SQLite file: the same UPDATEs as prepared SQL on the
        driver's own connection, each value converted by its column's type exactly as SQLAlchemy
        would. Building and compiling a Core statement per answer cost more than SQLite's own work
        (benchmarks/bench_exam.py)."""
        raw = conn.connection.driver_connection
        cur = raw.cursor()  # type: ignore[union-attr]
        try:
            changes: list[tuple[int, dict[str, object]]] = [(p, {"seconds": r["seconds"]}) for p, r in w.unsent.items()]
            if w.position is not None:
                changes.append((w.position, w.values))
            for pos, vals in changes:
                sql, params = prepared_update(RESPONSE, conn, vals)
                cur.execute(sql + " WHERE exam_id = ? AND position = ?" + FENCE_SQL,
                            (*params, self.exam_id, pos, self.exam_id, self.writer))
                if cur.rowcount != 1:
                    raise ExamTakenOver()
            score = None
            if w.exam is not None:
                if w.finish is not None:
                    score = self._stored_score(cur)
                sql, params = prepared_update(EXAM, conn, w.exam | _end_values(w.finish, score))
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

    def _stored_score(self, cur: Any) -> ExamScore:
        """The score of the answers as stored (read inside the transaction that ends the exam)."""
        q = "SELECT position, choice, correct FROM response WHERE exam_id = ? ORDER BY position"
        stored = {int(p): (c, bool(ok)) for p, c, ok in cur.execute(q, (self.exam_id,)).fetchall()}
        items = self.form.items
        picked = [stored.get(i, (None, False)) for i in range(len(items))]
        return score_exam(self.service.blueprint(self.form.test), items, [c for c, _ in picked],
                          [c is not None and ok for c, ok in picked])

    # -- a class server with an outbox
    def _send(self, row: dict[str, Any] | None, exam_values: dict[str, Any] | None) -> None:
        """Each write sends the row's whole state; a server that cannot be reached means the change
        is committed to the outbox instead and the exam carries on."""
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


def _end_values(finish: dict[str, Any] | None, score: ExamScore | None) -> dict[str, Any]:
    if finish is None:
        return {}
    out = dict(finish)
    if score is not None:
        out.update(score_correct=score.correct, score_total=score.total)
    return out


def _first_line(e: BaseException) -> str:
    text = str(getattr(e, "orig", None) or e).strip()
    return text.splitlines()[0] if text else e.__class__.__name__


__all__ = ["ExamTakenOver", "SaveFailed", "SittingWriter", "Write"]
