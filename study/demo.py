"""Synthetic study history for demos and benchmarks: learners with different strengths who
improve over time. `python main.py demo seed --learners N --responses M`."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select

from questions.bank import QuestionBank
from questions.blueprints import Blueprints
from questions.exam import ExamMode, build_exam, unavailable_reason
from study.storage.database import Database
from study.storage.records import EXAM, LEARNER, RESPONSE


def seed_demo(db: Database, bank: QuestionBank, blueprints: Blueprints, *, learners: int, responses: int,
              seed: int = 1, now: datetime | None = None, days: int = 90,
              progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Insert `responses` answers spread over `learners` learners and the tests with questions."""
    rng = random.Random(seed)
    now = (now or datetime.now()).replace(microsecond=0)
    tests = [t for t in blueprints.tests if t.time_minutes
             and unavailable_reason(t, bank.count_by_area(t.code), ExamMode.QUICK10) is None]
    if not tests:
        raise ValueError("the bank has no questions to seed history from")
    per_learner = max(1, responses // max(1, learners))
    with db.engine.begin() as conn:
        existing = conn.execute(select(LEARNER.c.id, LEARNER.c.name).order_by(LEARNER.c.id)).all()
        me_empty = bool(existing) and not conn.execute(
            select(func.count()).select_from(RESPONSE).where(RESPONSE.c.learner_id == existing[0][0])).scalar()
        ids = []
        for i in range(learners):
            if i == 0 and me_empty:
                ids.append(existing[0][0])
                continue
            res = conn.execute(insert(LEARNER).values(name=f"Demo learner {i + 1}", created_at=now - timedelta(days=days)))
            ids.append(int(res.inserted_primary_key[0]))  # type: ignore[index]
    done = 0
    for li, learner_id in enumerate(ids):
        studied = rng.sample(tests, k=min(len(tests), rng.choice([1, 1, 2, 3])))
        budget = per_learner if li < learners - 1 else responses - done
        done += _seed_learner(db, bank, rng, learner_id, studied, budget, now, days)
        if progress:
            progress(done, responses)
    return {"learners": len(ids), "responses": done}


def _seed_learner(db: Database, bank: QuestionBank, rng: random.Random, learner_id: int, tests: list, budget: int,
                  now: datetime, days: int) -> int:
    # each learner: a base skill, a per-area offset, and a learning rate over the period
    base = rng.uniform(0.45, 0.7)
    skill = {(t.code, a.letter): rng.gauss(0, 0.12) for t in tests for a in t.areas}
    gain = rng.uniform(0.05, 0.25)
    exams: list = []
    written = 0
    while written < budget:
        bp = rng.choice(tests)
        mode = rng.choice([ExamMode.QUICK10, ExamMode.QUICK10, ExamMode.HALF, ExamMode.FULL])
        try:
            form = build_exam(bp, bank.for_test(bp.code), mode, rng.randrange(1 << 30))
        except Exception:
            form = build_exam(bp, bank.for_test(bp.code), ExamMode.QUICK10, rng.randrange(1 << 30))
        items = form.items[: budget - written]
        frac = written / max(1, budget)  # time moves forward as the learner answers more
        start = now - timedelta(days=days * (1 - frac), hours=rng.uniform(0, 3))
        t = start
        exam_rows = []
        right = total = 0
        for pos, item in enumerate(items):
            q = bank.get(item.question_id)
            p = min(0.97, max(0.05, base + skill[(bp.code, item.area)] + gain * frac - 0.05 * (q.difficulty - 2)))
            ok = rng.random() < p
            secs = max(8.0, rng.lognormvariate(math.log(60), 0.45))
            t += timedelta(seconds=secs)
            choice = q.answer if ok else rng.choice([c for c in "ABCD" if c != q.answer])
            exam_rows.append(dict(learner_id=learner_id, position=pos, question_id=q.id, test=bp.code, area=item.area,
                                  topic=q.topic, scored=item.scored, choice=choice, correct=ok, flagged=False,
                                  crossed_out="", seconds=round(secs, 1), changes=1, answered_at=t,
                                  question_version=q.version))
            if item.scored:
                total += 1
                right += ok
        exams.append((dict(learner_id=learner_id, test=bp.code, mode=str(mode), title=f"{bp.code} {mode.label}",
                           seed=form.seed, question_count=len(items), time_limit_seconds=form.time_limit_seconds,
                           time_used_seconds=sum(r["seconds"] for r in exam_rows), position=len(items) - 1,
                           state="finished", score_correct=right, score_total=total, started_at=start, updated_at=t,
                           finished_at=t, source="demo"), exam_rows))
        written += len(items)
        if len(exams) >= 200:
            _flush(db, exams)
            exams = []
    _flush(db, exams)
    return written


def _flush(db: Database, exams: list) -> None:
    if not exams:
        return
    with db.engine.begin() as conn:
        rows = []
        for exam, responses in exams:
            exam_id = int(conn.execute(insert(EXAM).values(**exam)).inserted_primary_key[0])  # type: ignore[index]
            for r in responses:
                r["exam_id"] = exam_id
            rows.extend(responses)
        conn.execute(insert(RESPONSE), rows)
