"""Where a learner stands: per-area accuracy that stays honest with few answers, the weak
categories ranked by points at stake, and readiness for the whole test.

Statistics, in short:
- Recent answers count more: an answer's weight halves every `half_life_days` (default 21).
- Each area's accuracy is a Beta posterior whose prior is centred on the learner's own overall
  accuracy on this test (itself shrunk toward 60 %) with the weight of PRIOR_STRENGTH answers,
  so three lucky answers never read as mastery. The interval is the posterior's 80 % interval.
- Points at stake = the area's scored questions on the real test x (target - estimate): a weak
  area with many questions on the test ranks above one with few.
- Fewer than MIN_ANSWERS answers in an area is "not enough data", never "weak".

ASE pass marks are scaled and not published as a percentage; the target is the learner's own
(default 75 %), and the app says so wherever it shows a verdict.

Counting happens in the database: triggers keep a tally of answers per learner, test, area and
day (migration 0006), so a ranking reads a few hundred tally rows however many answers are stored.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Table, func, select

from questions.blueprints import Blueprints, TestBlueprint
from study.analytics.betastats import beta_ppf
from study.storage.database import Database
from study.storage.records import EPOCH, Response

RESPONSE: Table = Response.__table__  # type: ignore[assignment]

MIN_ANSWERS = 5
PRIOR_STRENGTH = 4.0
GLOBAL_PRIOR = 0.6
Z80 = 1.2815515655446004  # 80 % two-sided normal quantile


@dataclass(frozen=True)
class AnalyticsSettings:
    target: float = 0.75
    half_life_days: float = 21.0


@dataclass(frozen=True)
class AreaStanding:
    test: str
    area: str
    title: str
    scored_on_test: int
    answered: int
    correct: int
    estimate: float
    low: float
    high: float
    points_at_stake: float
    status: str  # "weak" | "ok" | "not enough data"
    median_seconds: float | None = None
    pace_seconds: float | None = None

    def as_json(self) -> dict[str, object]:
        return {
            "area": self.area, "title": self.title, "answered": self.answered, "correct": self.correct,
            "estimate": round(self.estimate, 4), "low": round(self.low, 4), "high": round(self.high, 4),
            "points_at_stake": round(self.points_at_stake, 3), "status": self.status,
            "scored_on_test": self.scored_on_test,
            "median_seconds": None if self.median_seconds is None else round(self.median_seconds, 1),
            "pace_seconds": None if self.pace_seconds is None else round(self.pace_seconds, 1),
        }


@dataclass(frozen=True)
class TopicStanding:
    """A topic's accuracy, shrunk toward its area's estimate (topics have few answers each)."""

    area: str
    topic: str
    answered: int
    correct: int
    estimate: float
    low: float
    high: float

    @property
    def status(self) -> str:
        return "not enough data" if self.answered < MIN_ANSWERS else "answered"


@dataclass(frozen=True)
class Readiness:
    test: str
    predicted: float
    low: float
    high: float
    verdict: str  # "likely to pass" | "borderline" | "not yet" | "not enough data"
    target: float
    answered: int

    def as_json(self) -> dict[str, object]:
        return {"predicted": round(self.predicted, 4), "low": round(self.low, 4), "high": round(self.high, 4),
                "verdict": self.verdict, "target": self.target, "answered": self.answered,
                "note": "ASE pass marks are scaled and not published as a percentage; the target is your own."}


@dataclass(frozen=True)
class TestStanding:
    test: str
    areas: tuple[AreaStanding, ...]  # ranked: most points at stake first
    readiness: Readiness

    def as_json(self) -> dict[str, object]:
        return {"test": self.test, "areas": [a.as_json() for a in self.areas], "readiness": self.readiness.as_json()}

    @property
    def weak(self) -> list[AreaStanding]:
        return [a for a in self.areas if a.status == "weak"]


def recency_weight(age_days: float, half_life_days: float) -> float:
    return 0.5 ** (max(0.0, age_days) / half_life_days)


def beta_interval(a: float, b: float) -> tuple[float, float, float]:
    return a / (a + b), beta_ppf(0.1, a, b), beta_ppf(0.9, a, b)


@dataclass(frozen=True)
class AreaCounts:
    """Answers in one area, raw and recency-weighted."""

    answered: int = 0
    correct: int = 0
    w_answered: float = 0.0
    w_correct: float = 0.0


def standing_from_counts(bp: TestBlueprint, counts: dict[str, AreaCounts], settings: AnalyticsSettings,
                         medians: dict[str, float] | None = None) -> TestStanding:
    """The pure statistics, separate from SQL so hand-computed histories can test them."""
    total_w = sum(c.w_answered for c in counts.values())
    total_wc = sum(c.w_correct for c in counts.values())
    # the learner's own level on this test, shrunk toward the global prior
    p0 = (total_wc + GLOBAL_PRIOR * PRIOR_STRENGTH) / (total_w + PRIOR_STRENGTH)
    a0, b0 = p0 * PRIOR_STRENGTH, (1 - p0) * PRIOR_STRENGTH
    areas = []
    for ar in bp.areas:
        c = counts.get(ar.letter, AreaCounts())
        a, b = a0 + c.w_correct, b0 + (c.w_answered - c.w_correct)
        est, low, high = beta_interval(a, b)
        stake = ar.scored_questions * max(0.0, settings.target - est)
        if c.answered < MIN_ANSWERS:
            status = "not enough data"
        elif est < settings.target:
            status = "weak"
        else:
            status = "ok"
        areas.append(AreaStanding(bp.code, ar.letter, ar.title, ar.scored_questions, c.answered, c.correct,
                                  est, low, high, stake, status,
                                  (medians or {}).get(ar.letter), bp.pace_seconds))
    areas.sort(key=lambda s: (-s.points_at_stake, s.area))
    return TestStanding(bp.code, tuple(areas), readiness(bp, areas, settings))


def readiness(bp: TestBlueprint, areas: list[AreaStanding], settings: AnalyticsSettings) -> Readiness:
    """Predicted full-test score: area estimates weighted by the blueprint, with an 80 % interval."""
    total = sum(a.scored_on_test for a in areas) or 1
    answered = sum(a.answered for a in areas)
    pred = sum(a.scored_on_test / total * a.estimate for a in areas)
    # the area intervals' half-widths as standard errors, combined as independent
    var = sum((a.scored_on_test / total * (a.high - a.low) / (2 * Z80)) ** 2 for a in areas)
    sd = math.sqrt(var)
    low, high = max(0.0, pred - Z80 * sd), min(1.0, pred + Z80 * sd)
    if answered < MIN_ANSWERS * max(1, len(areas)) // 2:
        verdict = "not enough data"
    elif low >= settings.target:
        verdict = "likely to pass"
    elif high < settings.target:
        verdict = "not yet"
    else:
        verdict = "borderline"
    return Readiness(bp.code, pred, low, high, verdict, settings.target, answered)


class Analytics:
    """Reads the response table of one database; every call is a handful of indexed queries."""

    def __init__(self, db: Database, blueprints: Blueprints, *, now: Callable[[], datetime] = datetime.now,
                 settings: AnalyticsSettings | None = None) -> None:
        self.db = db
        self.blueprints = blueprints
        self.now = now
        self.settings = settings or AnalyticsSettings()

    def area_counts(self, learner_id: int, test: str) -> dict[str, AreaCounts]:
        """Answers per area, raw and weighted by age, from the per-day tally (`answer_tally`, kept
        by triggers): its size follows the days studied, not the answers stored, and the weighting
        happens in the same query.

        Plain SQL on the driver's own cursor: this runs on every ranking, and SQLAlchemy's row
        handling would cost more than the read itself (benchmarks/bench_analytics.py)."""
        today = (self.now().date() - EPOCH).days
        with self.db.engine.connect() as conn:
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.execute(self._area_sql, (today, today, float(self.settings.half_life_days), learner_id, test))
                rows = cursor.fetchall()
            finally:
                cursor.close()
        return {area: AreaCounts(int(n), int(k), float(wn), float(wk)) for area, n, k, wn, wk in rows if n}

    @property
    def _area_sql(self) -> str:
        """Recency weight 0.5 ** (age / half-life) per tally row; an answer with no day, or dated
        today or later, weighs 1 (see recency_weight)."""
        m = "?" if self.db.engine.dialect.paramstyle == "qmark" else "%s"
        return ("SELECT area, SUM(answered), SUM(correct), SUM(answered * w), SUM(correct * w) FROM ("
                f"SELECT area, answered, correct, CASE WHEN day < 0 OR day >= {m} THEN 1.0 "
                f"ELSE power(0.5, ({m} - day) / {m}) END AS w "
                f"FROM answer_tally WHERE learner_id = {m} AND test = {m}) AS t GROUP BY area")

    def median_seconds(self, learner_id: int, test: str) -> dict[str, float]:
        q = (select(RESPONSE.c.area, RESPONSE.c.seconds)
             .where(RESPONSE.c.learner_id == learner_id, RESPONSE.c.test == test, RESPONSE.c.correct.is_not(None)))
        per: dict[str, list[float]] = {}
        with self.db.engine.connect() as conn:
            for area, s in conn.execute(q):
                per.setdefault(area, []).append(float(s))
        out = {}
        for area, xs in per.items():
            xs.sort()
            m = len(xs) // 2
            out[area] = xs[m] if len(xs) % 2 else (xs[m - 1] + xs[m]) / 2
        return out

    def standing(self, learner_id: int, test: str, *, with_pace: bool = True) -> TestStanding:
        bp = self.blueprints.get(test)
        counts = self.area_counts(learner_id, test)
        medians = self.median_seconds(learner_id, test) if with_pace else None
        return standing_from_counts(bp, counts, self.settings, medians)

    def tests_studied(self, learner_id: int) -> list[str]:
        q = (select(RESPONSE.c.test, func.count()).where(RESPONSE.c.learner_id == learner_id,
                                                        RESPONSE.c.correct.is_not(None))
             .group_by(RESPONSE.c.test).order_by(func.count().desc()))
        with self.db.engine.connect() as conn:
            return [t for t, _ in conn.execute(q) if t in self.blueprints and self.blueprints.get(t).areas]

    def topics(self, learner_id: int, test: str, standing: TestStanding | None = None) -> list[TopicStanding]:
        """Per-topic estimates: a Beta posterior centred on the area's estimate, weight PRIOR_STRENGTH."""
        st = standing or self.standing(learner_id, test, with_pace=False)
        area_est = {a.area: a.estimate for a in st.areas}
        out = []
        for area, topic, n, k in self.topic_counts(learner_id, test):
            p = area_est.get(area, GLOBAL_PRIOR)
            est, low, high = beta_interval(p * PRIOR_STRENGTH + k, (1 - p) * PRIOR_STRENGTH + n - k)
            out.append(TopicStanding(area, topic, n, k, est, low, high))
        return out

    def topic_counts(self, learner_id: int, test: str) -> list[tuple[str, str, int, int]]:
        """(area, topic, answered, correct) for the topic breakdown."""
        q = (select(RESPONSE.c.area, RESPONSE.c.topic, func.count(),
                    func.sum(func.cast(RESPONSE.c.correct, RESPONSE.c.changes.type)))
             .where(RESPONSE.c.learner_id == learner_id, RESPONSE.c.test == test, RESPONSE.c.correct.is_not(None))
             .group_by(RESPONSE.c.area, RESPONSE.c.topic).order_by(RESPONSE.c.area, RESPONSE.c.topic))
        with self.db.engine.connect() as conn:
            return [(a, t, int(n), int(k or 0)) for a, t, n, k in conn.execute(q)]


def as_date(d: object) -> date:
    """A date from what a database driver returns for a DATE or a date() expression."""
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return d
    return date.fromisoformat(str(d)[:10])
