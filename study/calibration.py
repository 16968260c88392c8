"""Do the ranges mean what they say? Simulated learners with known true accuracies per content
area answer through the app's own exam service (its clock injected), and the app's own analytics
then read their record. Over many learners, an honest 80 % range holds the truth about 80 % of
the time.

A learner's overall level is drawn uniformly from 40-90 % and each area's accuracy from the level
plus a normal offset (`spread`, 12 points by default, as in the demo learners). They study in
sessions a week apart, each session bringing them to the next checkpoint (answers per area, the
same in every area); the first and third sessions are timed exams. After each session the area
intervals, the long-run range and the day range are checked against the truth: the true area accuracies, their blueprint-weighted mean, and the score on one
sitting of the real test (its exact distribution given the true accuracies).

Used by tests/test_calibration.py (a small run) and scripts/calibrate_readiness.py (the README's
figures).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert

from questions.bank import QuestionBank
from questions.blueprints import Blueprints, TestBlueprint
from questions.exam import ExamMode, build_custom
from questions.model import Question
from questions.percent import fraction_text
from study.analytics.standings import Analytics, AnalyticsSettings
from study.exams import ExamService
from study.storage.database import Database
from study.storage.records import LEARNER

START = datetime(2026, 9, 7, 19, 0, 0)
SESSION_GAP = timedelta(days=7)


@dataclass(frozen=True)
class Coverage:
    """At one checkpoint: how often each range held the truth, over `learners` learners."""

    answers_per_area: int
    learners: int
    area: float  # area intervals holding the area's true accuracy (every area of every learner)
    long_run: float  # long-run ranges holding the true blueprint-weighted accuracy
    day: float  # the chance that the day range holds the score of one sitting (exact per learner)

    def row(self) -> str:
        return (f"| {self.answers_per_area} | {fraction_text(self.area)} | {fraction_text(self.long_run)} | {fraction_text(self.day)} |")


class _Clock:
    def __init__(self) -> None:
        self.now = START
        self.t = 0.0

    def monotonic(self) -> float:
        self.t += 30.0  # each answer takes half a minute
        return self.t

    def wall(self) -> datetime:
        return self.now


def simulated_bank(bp: TestBlueprint, per_area: int) -> QuestionBank:
    """Plain placeholder questions, `per_area` in every area: the learners' truth is per area, so
    what a question says does not matter here."""
    return QuestionBank(tuple(
        Question(id=f"{bp.code}-{a.letter}-{i + 1:04d}", test=bp.code, area=a.letter, topic=a.topics[0] if a.topics else "",
                 style="direct", difficulty=2, stem=f"Simulated question {i + 1} of area {a.letter}",
                 choices=("one", "two", "three", "four"), answer="ABCD"[i % 4], explanation="Simulated.",
                 source="simulated")
        for a in bp.areas for i in range(per_area)))


def sitting_scores(areas: Sequence[tuple[int, float]]) -> list[float]:
    """The chance of each score (right answers) on one sitting: per area (scored questions, true
    accuracy), binomials added. Exact, so the day range's coverage carries no sampling noise."""
    pmf = [1.0]
    for n, p in areas:
        area = [math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(n + 1)]
        out = [0.0] * (len(pmf) + n)
        for i, x in enumerate(pmf):
            for k, y in enumerate(area):
                out[i + k] += x * y
        pmf = out
    return pmf


def simulate(db: Database, bank: QuestionBank, blueprints: Blueprints, test: str, *, learners: int,
             checkpoints: Sequence[int] = (5, 10, 20), seed: int = 1, spread: float = 0.12,
             settings: AnalyticsSettings | None = None) -> list[Coverage]:
    """Run `learners` simulated learners on `test` through ExamService and Analytics; returns the
    coverage at each checkpoint. The bank needs max(checkpoints) questions in every area."""
    bp = blueprints.get(test)
    rng = random.Random(seed)
    pools = {a.letter: sorted(q.id for q in bank.for_area(test, a.letter)) for a in bp.areas}
    total = sum(a.scored_questions for a in bp.areas)
    hits = {c: [0.0, 0.0, 0.0] for c in checkpoints}  # area, long-run, day
    with db.engine.begin() as conn:
        first = conn.execute(insert(LEARNER).values(
            [{"name": f"Simulated learner {i + 1}", "created_at": START} for i in range(learners)])
            .returning(LEARNER.c.id)).all()
    ids = sorted(int(r[0]) for r in first)
    steps = sorted(set(checkpoints))
    for learner_id in ids:
        level = rng.uniform(0.4, 0.9)
        truth = {a.letter: min(0.97, max(0.05, level + rng.gauss(0, spread))) for a in bp.areas}
        true_long = sum(a.scored_questions * truth[a.letter] for a in bp.areas) / total
        sitting = sitting_scores([(a.scored_questions, truth[a.letter]) for a in bp.areas])
        clock = _Clock()
        service = ExamService(db, bank, blueprints, clock=clock.monotonic, now=clock.wall, learner_id=learner_id)
        order = {a: rng.sample(ids_, len(ids_)) for a, ids_ in pools.items()}
        done = 0
        for session, target in enumerate(steps):
            # one session takes the learner from the last checkpoint to this one
            qids = [qid for a in pools for qid in order[a][done:target]]
            areas = {qid: bank.get(qid).area for qid in qids}
            timed = session % 2 == 0
            form = build_custom(test, ExamMode.HALF if timed else ExamMode.QUICK10, qids, areas,
                                rng.randrange(1 << 30), len(qids) * 90 if timed else None)
            active = service.start(form)
            active.start()
            for i, item in enumerate(form.items):
                active.go(i)
                q = bank.get(item.question_id)
                right = rng.random() < truth[item.area]
                active.answer(q.answer if right else next(c for c in "ABCD" if c != q.answer))
            active.finish(notify=False)
            done = target
            # read the record the evening of the session, as the learner would
            standing = Analytics(db, blueprints, now=clock.wall, settings=settings).standing(
                learner_id, test, with_pace=False)
            clock.now += SESSION_GAP
            h = hits[target]
            h[0] += sum(a.low <= truth[a.area] <= a.high for a in standing.areas)
            r = standing.readiness
            h[1] += r.low <= true_long <= r.high
            h[2] += sum(sitting[r.day_low:r.day_high + 1])
    n_areas = len(bp.areas)
    return [Coverage(c, learners, hits[c][0] / (learners * n_areas), hits[c][1] / learners, hits[c][2] / learners)
            for c in steps]
