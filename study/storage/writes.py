"""Writes to exams and a learner's other rows that work for every login on every engine.

On a class server (PostgreSQL) a student's login may not write `exam` or `response` at all, and may
not delete: these go through the server's functions (migration 0011), which check that the rows are
the login's own and that the exam is still being written by the same sitting (`writer`), decide
each answer's right or wrong from the server's key, and count a finished exam's score from the
stored answers. Elsewhere the same writes are plain statements with the same checks in their WHERE.

Every exam write names the sitting's token and returns False when the exam was taken over (resumed
in another window, or ended there): the caller then stops instead of overwriting it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, exists, insert, select, text, update

from study.storage.records import (
    CERTIFICATION,
    EXAM,
    RESPONSE,
    SETTING,
    day_number,
)

# the columns a saved answer changes (the rest identify the question and never change)
RESPONSE_STATE = ("choice", "correct", "flagged", "crossed_out", "seconds", "changes", "answered_at", "answered_day",
                  "question_version", "superseded")


def on_server(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def start_exam(conn: Connection, exam: dict[str, Any], rows: Sequence[dict[str, Any]]) -> int:
    """Store a new exam and its empty answer rows; returns its id."""
    if on_server(conn):
        items = [{k: r[k] for k in ("position", "question_id", "test", "area", "topic", "scored", "uid",
                                    "question_version")} for r in rows]
        return int(conn.execute(text(
            "SELECT ase_start_exam(:learner, :test, :mode, :title, :seed, :time_limit, :source, :writer, :now, "
            "CAST(:items AS jsonb))"), dict(
                learner=exam["learner_id"], test=exam["test"], mode=exam["mode"], title=exam["title"],
                seed=exam["seed"], time_limit=exam["time_limit_seconds"], source=exam["source"],
                writer=exam["writer"], now=exam["started_at"], items=json.dumps(items))).scalar_one())
    res = conn.execute(insert(EXAM).values(**exam))
    exam_id = int(res.inserted_primary_key[0])  # type: ignore[index]
    conn.execute(insert(RESPONSE), [dict(r, exam_id=exam_id) for r in rows])
    return exam_id


def claim_exam(conn: Connection, exam_id: int, writer: str) -> bool:
    """This sitting writes the exam from now on; False when it is no longer in progress."""
    if on_server(conn):
        return bool(conn.execute(text("SELECT ase_claim_exam(:e, :w)"), dict(e=exam_id, w=writer)).scalar_one())
    res = conn.execute(update(EXAM).where(EXAM.c.id == exam_id, EXAM.c.state == "in_progress").values(writer=writer))
    return bool(res.rowcount)


def abandon_exam(conn: Connection, exam_id: int, now: datetime) -> None:
    if on_server(conn):
        conn.execute(text("SELECT ase_abandon_exam(:e, :now)"), dict(e=exam_id, now=now))
        return
    conn.execute(update(EXAM).where(EXAM.c.id == exam_id, EXAM.c.state == "in_progress")
                 .values(state="abandoned", updated_at=now))


def save_response(conn: Connection, row: dict[str, Any], writer: str) -> bool:
    """One answer row's whole state, keyed by its uid (so sending it twice leaves the same row)."""
    values = {k: row.get(k) for k in RESPONSE_STATE}
    values["answered_day"] = day_number(values.get("answered_at"))
    if on_server(conn):
        return bool(conn.execute(text(
            "SELECT ase_save_answer(:uid, :w, :choice, :claimed, :flagged, :crossed, :seconds, :changes, :at, "
            ":version, :superseded)"), dict(
                uid=row["uid"], w=writer, choice=values["choice"],
                claimed=None if values["correct"] is None else bool(values["correct"]), flagged=bool(values["flagged"]),
                crossed=values["crossed_out"] or "", seconds=float(values["seconds"] or 0.0),
                changes=int(values["changes"] or 0), at=values["answered_at"],
                version=int(values["question_version"] or 1), superseded=bool(values["superseded"]))).scalar_one())
    fence = exists().where(EXAM.c.id == RESPONSE.c.exam_id, EXAM.c.writer == writer, EXAM.c.state == "in_progress")
    res = conn.execute(update(RESPONSE).where(and_(RESPONSE.c.uid == row["uid"], fence)).values(**values))
    return bool(res.rowcount)


def save_exam(conn: Connection, exam_id: int, values: dict[str, Any], writer: str) -> bool:
    """The exam's clock and place, or its end (values with state "finished"): on a server the score
    is counted there from the stored answers, whatever `values` say."""
    finishing = values.get("state") == "finished"
    if on_server(conn):
        args = dict(e=exam_id, w=writer, used=float(values["time_used_seconds"]), pos=int(values["position"]))
        if finishing:
            return bool(conn.execute(text("SELECT ase_finish_exam(:e, :w, :used, :pos, :at)"),
                                     dict(args, at=values["finished_at"])).scalar_one())
        return bool(conn.execute(text("SELECT ase_save_exam(:e, :w, :used, :pos, :at)"),
                                 dict(args, at=values["updated_at"])).scalar_one())
    res = conn.execute(update(EXAM).where(EXAM.c.id == exam_id, EXAM.c.writer == writer,
                                          EXAM.c.state == "in_progress").values(**values))
    if res.rowcount:
        return True
    # the same end sent again (its reply was lost): it is done already
    return finishing and conn.execute(select(EXAM.c.id).where(EXAM.c.id == exam_id, EXAM.c.writer == writer,
                                                              EXAM.c.state == "finished")).first() is not None


def set_setting(conn: Connection, learner_id: int, key: str, value: str) -> None:
    """Insert or replace one setting (no DELETE: a class server's students may not delete)."""
    if conn.dialect.name in ("postgresql", "sqlite"):
        if on_server(conn):
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert  # type: ignore[assignment]
        ins = dialect_insert(SETTING).values(learner_id=learner_id, key=key, value=value)
        conn.execute(ins.on_conflict_do_update(index_elements=[SETTING.c.learner_id, SETTING.c.key],
                                               set_={"value": ins.excluded.value}))
        return
    conn.execute(delete(SETTING).where(SETTING.c.learner_id == learner_id, SETTING.c.key == key))
    conn.execute(insert(SETTING).values(learner_id=learner_id, key=key, value=value))


def remove_certification(conn: Connection, cert_id: int) -> None:
    if on_server(conn):
        conn.execute(text("SELECT ase_remove_certification(:i)"), dict(i=cert_id))
        return
    conn.execute(delete(CERTIFICATION).where(CERTIFICATION.c.id == cert_id))


def supersede_answers(conn: Connection, learner_id: int, version: int, ids: Sequence[str]) -> int:
    """Mark a learner's answers to an older version of these questions as superseded."""
    if on_server(conn):
        return int(conn.execute(text("SELECT ase_supersede_answers(:l, :v, :ids)"),
                                dict(l=learner_id, v=version, ids=list(ids))).scalar_one())
    res = conn.execute(update(RESPONSE).where(and_(
        RESPONSE.c.learner_id == learner_id, RESPONSE.c.question_id.in_(list(ids)),
        RESPONSE.c.question_version < version, RESPONSE.c.superseded.is_(False))).values(superseded=True))
    return int(res.rowcount or 0)


def record_opened_set(conn: Connection, values: dict[str, Any]) -> None:
    """Keep a practice set a student opened (never marked as built here)."""
    if on_server(conn):
        conn.execute(text("SELECT ase_record_set(:hash, :title, :test, :instructor, :body, :now)"),
                     dict(hash=values["hash"], title=values["title"], test=values["test"],
                          instructor=values["instructor"], body=values["body"], now=values["added_at"]))
        return
    from study.storage.records import PracticeSetRecord

    table: Table = PracticeSetRecord.__table__  # type: ignore[assignment]
    if conn.execute(select(table.c.hash).where(table.c.hash == values["hash"])).first() is None:
        conn.execute(insert(table).values(**values, authored=False))
