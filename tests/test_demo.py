"""Demo history: the requested size, several learners, and learners who improve over time."""

from __future__ import annotations

import sqlite3

from questions.bank import QuestionBank
from study.demo import seed_demo
from tests.conftest import synthetic_bank


def test_seed_fills_the_requested_answers_with_improving_learners(db, db_url, blueprints):
    bank = QuestionBank(tuple(synthetic_bank(blueprints.get("A5"), factor=2.0)))
    out = seed_demo(db, bank, blueprints, learners=4, responses=4000, seed=3)
    assert out == {"learners": 4, "responses": 4000}
    con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
    assert con.execute("SELECT COUNT(*) FROM response").fetchone()[0] == 4000
    assert con.execute("SELECT COUNT(DISTINCT learner_id) FROM response").fetchone()[0] == 4
    assert con.execute("SELECT COUNT(*) FROM exam WHERE state != 'finished'").fetchone()[0] == 0
    rows = con.execute("SELECT learner_id, answered_at, correct FROM response ORDER BY learner_id, answered_at").fetchall()
    gains = []
    for lid in {r[0] for r in rows}:
        mine = [r[2] for r in rows if r[0] == lid]
        half = len(mine) // 2
        gains.append(sum(mine[half:]) / (len(mine) - half) - sum(mine[:half]) / half)
    assert sum(gains) / len(gains) > 0.02, gains
