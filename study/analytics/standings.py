"""Where a learner stands: per-area accuracy that stays honest with few answers, the weak
categories ranked by points at stake, and readiness for the whole test.

Statistics, in short:
- Recent answers count more: an answer's weight halves every `half_life_days` (default 21). An
  area's weighted answers count as their effective sample size (sum w)^2 / sum w^2, the number
  of equally weighted answers that would be as informative.
- Each area's accuracy is a Beta posterior whose prior is centred on the learner's own overall
  accuracy on this test (itself shrunk toward 60 %) with the weight of PRIOR_STRENGTH answers,
  so three lucky answers never read as mastery. The interval is the posterior's 80 % interval.
- Only answers to a question's current version count (study.storage.versions); older ones are
  history. Readiness for the whole test is in study.analytics.readiness.
- Points at stake = the area's scored questions on the real test x (target - estimate): a weak
  area with many questions on the test ranks above one with few.
- Fewer than MIN_ANSWERS answers in an area is "not enough data", never "weak".

ASE pass marks are scaled and not published as a percentage; the target is the learner's own
(default 75 %), and the app says so wherever it shows a verdict.

Counting happens in the database: triggers keep a tally of answers per learner, test, area and
day (migration 0006), so a ranking reads a few hundred tally rows however many answers are stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from sqlalchemy import func, select

from questions.blueprints import Blueprints, TestBlueprint
from study.analytics.betastats import beta_ppf
from study.analytics.readiness import (
    MIN_ANSWERS,
    MIN_TIMED_EXAMS,
    AreaPosterior,
    Readiness,
    readiness,
    shared_level_variance,
)
from study.storage.database import Database
from study.storage.records import EPOCH, RESPONSE

PRIOR_STRENGTH = 4.0
GLOBAL_PRIOR = 0.6
__all__ = ["MIN_ANSWERS", "Readiness"]


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
    points_at_stake: float
    status: str  # "weak" | "ok" | "not enough data"
    posterior: tuple[float, float]  # the Beta posterior's (a, b)
    median_seconds: float | None = None
    pace_seconds: float | None = None

    @cached_property
    def interval(self) -> tuple[float, float]:
        """The 80 % interval, worked out when first read: the ranking itself (Home, the planner, the
        re-plan after an exam) never shows it, and its two Beta quantiles would be most of its arithmetic."""
        a, b = self.posterior
        return beta_ppf(0.1, a, b), beta_ppf(0.9, a, b)

    @property
    def low(self) -> float:
        return self.interval[0]

    @property
    def high(self) -> float:
        return self.interval[1]

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
    """Answers in one area, raw and recency-weighted (w_squared: the sum of the squared weights)."""

    answered: int = 0
    correct: int = 0
    w_answered: float = 0.0
    w_correct: float = 0.0
    w_squared: float | None = None  # None: every weight is 1 or equal (w_squared = w_answered)

    def effective(self) -> tuple[float, float]:
        """(answers, right answers) as an effective sample: (sum w)^2 / sum w^2 answers, right in
        the weighted proportion. Counting the weights themselves as answers understates what many
        older answers tell (the intervals came out too wide)."""
        if self.w_answered <= 0:
            return 0.0, 0.0
        w2 = self.w_answered if self.w_squared is None else self.w_squared
        n = self.w_answered * self.w_answered / w2 if w2 > 0 else 0.0
        return n, n * self.w_correct / self.w_answered


NO_ANSWERS = AreaCounts()


def standing_from_counts(bp: TestBlueprint, counts: dict[str, AreaCounts], settings: AnalyticsSettings,
                         medians: dict[str, float] | None = None, *, timed_exams: Sequence[datetime] = (),
                         now: datetime | None = None) -> TestStanding:
    """The pure statistics, separate from SQL so hand-computed histories can test them.
    `timed_exams`: when each finished timed practice exam on this test ended (the evidence readiness asks for)."""
    eff = {ar.letter: counts.get(ar.letter, NO_ANSWERS).effective() for ar in bp.areas}
    total_n = sum(n for n, _ in eff.values())
    total_k = sum(k for _, k in eff.values())
    # the learner's own level on this test, shrunk toward the global prior
    p0 = (total_k + GLOBAL_PRIOR * PRIOR_STRENGTH) / (total_n + PRIOR_STRENGTH)
    a0, b0 = p0 * PRIOR_STRENGTH, (1 - p0) * PRIOR_STRENGTH
    areas = []
    posteriors = []
    pace, medians = bp.pace_seconds, medians or {}
    for ar in bp.areas:
        c = counts.get(ar.letter, NO_ANSWERS)
        n, k = eff[ar.letter]
        a, b = a0 + k, b0 + (n - k)
        posteriors.append(AreaPosterior(ar.letter, ar.scored_questions, c.answered, a, b, n))
        est = a / (a + b)
        stake = ar.scored_questions * max(0.0, settings.target - est)
        if c.answered < MIN_ANSWERS:
            status = "not enough data"
        elif est < settings.target:
            status = "weak"
        else:
            status = "ok"
        areas.append(AreaStanding(bp.code, ar.letter, ar.title, ar.scored_questions, c.answered, c.correct,
                                  est, stake, status, (a, b), medians.get(ar.letter), pace))
    areas.sort(key=lambda s: (-s.points_at_stake, s.area))
    level_var = shared_level_variance(p0, [n for n, _ in eff.values()], PRIOR_STRENGTH)
    ready = readiness(bp.code, posteriors, p0, level_var, settings.target, timed_exams=timed_exams, now=now,
                      level_lean=PRIOR_STRENGTH / (PRIOR_STRENGTH + total_n))
    return TestStanding(bp.code, tuple(areas), ready)


class Analytics:
    """Reads the response table of one database; every call is a handful of indexed queries."""

    def __init__(self, db: Database, blueprints: Blueprints, *, now: Callable[[], datetime] = datetime.now,
                 settings: AnalyticsSettings | None = None) -> None:
        self.db = db
        self.blueprints = blueprints
        self.now = now
        self.settings = settings or AnalyticsSettings()
        self._area_sql: str | None = None  # the two reads of every ranking, in the database's own dialect
        self._timed_sql: str | None = None

    def area_counts(self, learner_id: int, test: str) -> dict[str, AreaCounts]:
        """Answers per area, raw and weighted by age, from the per-day tally (`answer_tally`, kept
        by triggers): its size follows the days studied, not the answers stored, and the weighting
        happens in the same query."""
        (rows,) = self._fetch(self._area_read(learner_id, test))
        return self._counts_from(rows)

    def timed_exams(self, learner_id: int, test: str, limit: int = MIN_TIMED_EXAMS) -> list[datetime]:
        """When the newest `limit` finished full- or half-length practice exams on this test ended,
        counting only those at least half answered (of the newest ten): the timed evidence a
        verdict needs."""
        (rows,) = self._fetch(self._timed_read(learner_id, test))
        return self._finished_from(rows, limit)

    def _fetch(self, *reads: tuple[str, tuple[object, ...]]) -> list[list[tuple[object, ...]]]:
        """Each read's rows, all on one connection and one cursor of the driver's own: a ranking
        runs them on every refresh, and a second checkout or SQLAlchemy's row handling would cost
        more than the reads themselves (benchmarks/bench_analytics.py)."""
        with self.db.engine.connect() as conn:
            cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            try:
                out = []
                for sql, params in reads:
                    cursor.execute(sql, params)
                    out.append(cursor.fetchall())
                return out
            finally:
                cursor.close()

    def _marker(self) -> str:
        return "?" if self.db.engine.dialect.paramstyle == "qmark" else "%s"

    def _area_read(self, learner_id: int, test: str) -> tuple[str, tuple[object, ...]]:
        """Recency weight 0.5 ** (age / half-life) per tally row; an answer with no day, or dated
        today or later, weighs 1 (see recency_weight). Only answers to a question's current
        version count (the tally's current_* columns)."""
        if self._area_sql is None:
            m = self._marker()
            self._area_sql = (
                "SELECT area, SUM(n), SUM(k), SUM(n * w), SUM(k * w), SUM(n * w * w) FROM ("
                f"SELECT area, current_answered AS n, current_correct AS k, CASE WHEN day < 0 OR day >= {m} THEN 1.0 "
                f"ELSE power(0.5, ({m} - day) / {m}) END AS w "
                f"FROM answer_tally WHERE learner_id = {m} AND test = {m}) AS t GROUP BY area")
        today = (self.now().date() - EPOCH).days
        return self._area_sql, (today, today, float(self.settings.half_life_days), learner_id, test)

    def _timed_read(self, learner_id: int, test: str) -> tuple[str, tuple[object, ...]]:
        if self._timed_sql is None:
            m = self._marker()
            self._timed_sql = (
                "SELECT finished_at, question_count, (SELECT COUNT(*) FROM response WHERE response.exam_id = e.id "
                "AND response.choice IS NOT NULL) FROM (SELECT id, finished_at, question_count FROM exam "
                f"WHERE learner_id = {m} AND state = 'finished' AND test = {m} AND mode IN ('full', 'half') "
                "AND time_limit_seconds IS NOT NULL AND finished_at IS NOT NULL "
                "ORDER BY finished_at DESC LIMIT 10) AS e ORDER BY finished_at DESC")
        return self._timed_sql, (learner_id, test)

    @staticmethod
    def _counts_from(rows: list[tuple]) -> dict[str, AreaCounts]:  # type: ignore[type-arg]
        return {area: AreaCounts(int(n), int(k), float(wn), float(wk), float(w2))
                for area, n, k, wn, wk, w2 in rows if n}

    @staticmethod
    def _finished_from(rows: list[tuple], limit: int) -> list[datetime]:  # type: ignore[type-arg]
        return [as_datetime(f) for f, questions, answered in rows if answered * 2 >= questions][:limit]

    def median_seconds(self, learner_id: int, test: str) -> dict[str, float]:
        q = (select(RESPONSE.c.area, RESPONSE.c.seconds)
             .where(RESPONSE.c.learner_id == learner_id, RESPONSE.c.test == test, RESPONSE.c.correct.is_not(None),
                    RESPONSE.c.superseded.is_(False)))
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
        tally, exams = self._fetch(self._area_read(learner_id, test), self._timed_read(learner_id, test))
        medians = self.median_seconds(learner_id, test) if with_pace else None
        return standing_from_counts(bp, self._counts_from(tally), self.settings, medians,
                                    timed_exams=self._finished_from(exams, MIN_TIMED_EXAMS), now=self.now())

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
             .where(RESPONSE.c.learner_id == learner_id, RESPONSE.c.test == test, RESPONSE.c.correct.is_not(None),
                    RESPONSE.c.superseded.is_(False))
             .group_by(RESPONSE.c.area, RESPONSE.c.topic).order_by(RESPONSE.c.area, RESPONSE.c.topic))
        with self.db.engine.connect() as conn:
            return [(a, t, int(n), int(k or 0)) for a, t, n, k in conn.execute(q)]


def as_datetime(d: object) -> datetime:
    """A datetime from what a database driver returns for a DATETIME column (SQLite: text)."""
    return d if isinstance(d, datetime) else datetime.fromisoformat(str(d))


def as_date(d: object) -> date:
    """A date from what a database driver returns for a DATE or a date() expression."""
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return d
    return date.fromisoformat(str(d)[:10])
