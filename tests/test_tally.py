"""The answer tally (migration 0006) that analytics reads: triggers keep it equal to a full recount
of the response table through every kind of write. test_postgres re-runs these on PostgreSQL."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy import delete, insert, text, update

from questions.exam import ExamMode, build_exam
from study.storage.records import Exam, Learner, Response, day_number
from tests.conftest import synthetic_bank

RECOUNT = ("SELECT learner_id, test, area, COALESCE(answered_day, -1), COUNT(*), "
           "SUM(CASE WHEN correct THEN 1 ELSE 0 END), SUM(CASE WHEN superseded THEN 0 ELSE 1 END), "
           "SUM(CASE WHEN correct AND NOT superseded THEN 1 ELSE 0 END) FROM response WHERE correct IS NOT NULL "
           "GROUP BY learner_id, test, area, COALESCE(answered_day, -1)")
TALLY = ("SELECT learner_id, test, area, day, answered, correct, current_answered, current_correct "
         "FROM answer_tally WHERE answered <> 0")


def _check(db) -> list[tuple]:  # type: ignore[type-arg]
    with db.engine.connect() as conn:
        recount = sorted(tuple(int(v) if isinstance(v, bool) else v for v in r) for r in conn.execute(text(RECOUNT)))
        tally = sorted(tuple(r) for r in conn.execute(text(TALLY)))
    assert tally == recount
    return tally


def test_answers_changed_and_cleared_in_an_exam_keep_the_tally_exact(exam_service, blueprints, db):
    bp = blueprints.get("A5")
    bank = {q.id: q for q in synthetic_bank(bp)}
    active = exam_service.start(build_exam(bp, list(bank.values()), ExamMode.QUICK10, seed=3))
    key = bank[active.run.form.items[0].question_id].answer
    wrong = next(c for c in "ABCD" if c != key)
    assert _check(db) == []  # unanswered questions count nowhere
    active.answer(key)
    (row,) = _check(db)
    assert row[4:] == (1, 1, 1, 1)
    active.answer(wrong)  # changed to a wrong answer: still one answer, no longer right
    (row,) = _check(db)
    assert row[4:] == (1, 0, 1, 0)
    active.answer(None)  # cleared
    assert _check(db) == []
    for i in range(len(active.run)):
        active.go(i)
        active.answer("ABCD"[i % 4])
    active.finish()
    assert sum(r[4] for r in _check(db)) == len(active.run)


def test_random_inserts_updates_and_deletes_keep_the_tally_exact(db):
    rng = random.Random(20261126)
    with db.engine.begin() as conn:
        for lid in (1, 2):
            conn.execute(insert(Learner.__table__).values(id=lid, name=f"L{lid}", created_at=datetime(2026, 1, 1)))
            conn.execute(insert(Exam.__table__).values(
                id=lid, learner_id=lid, test="A5", mode="quick10", title="", seed=1, question_count=400,
                time_limit_seconds=None, time_used_seconds=0.0, position=0, state="in_progress",
                started_at=datetime(2026, 1, 1), updated_at=datetime(2026, 1, 1), source=""))
    table = Response.__table__
    live: dict[int, int] = {}  # response id -> exam
    next_pos = {1: 0, 2: 0}
    for step in range(400):
        op = rng.random()
        with db.engine.begin() as conn:
            if op < 0.45 or not live:
                exam = rng.choice((1, 2))
                when = None if rng.random() < 0.2 else datetime(2026, 1, rng.randint(1, 5), 9)
                correct = None if when is None else rng.random() < 0.6
                rid = conn.execute(insert(table).values(
                    exam_id=exam, learner_id=exam, position=next_pos[exam], question_id=f"Q{step}", test="A5",
                    area=rng.choice("ABCD"), topic="t", scored=True, choice=None if correct is None else "A",
                    correct=correct, flagged=False, crossed_out="", seconds=1.0, changes=0, answered_at=when,
                    answered_day=day_number(when), uid=f"u{step}", superseded=rng.random() < 0.2,
                    question_version=rng.choice((1, 2)))).inserted_primary_key[0]
                next_pos[exam] += 1
                live[rid] = exam
            elif op < 0.9:
                rid = rng.choice(sorted(live))
                when = None if rng.random() < 0.15 else datetime(2026, 1, rng.randint(1, 5), 9)
                values: dict[str, object] = {"correct": None if when is None else rng.random() < 0.5,
                                             "answered_at": when, "answered_day": day_number(when)}
                if rng.random() < 0.2:
                    values["area"] = rng.choice("ABCD")
                if rng.random() < 0.2:
                    values = {"superseded": rng.random() < 0.5}  # the question changed (or a rollback)
                if rng.random() < 0.2:
                    values = {"flagged": True}  # a change the tally does not care about
                conn.execute(update(table).where(table.c.id == rid).values(**values))
            else:
                rid = rng.choice(sorted(live))
                conn.execute(delete(table).where(table.c.id == rid))
                del live[rid]
        if step % 50 == 0:
            _check(db)
    tally = _check(db)
    assert sum(r[4] for r in tally) > 50
    assert 0 < sum(r[6] for r in tally) < sum(r[4] for r in tally)  # some answers no longer count
