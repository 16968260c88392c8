"""Readiness for the whole test: two honest ranges and a verdict that waits for enough evidence.

- **Your long-run accuracy** is the blueprint-weighted mean of the area accuracies. Every area's
  estimate leans on the same prior mean (the learner's own overall level, estimated from the same
  answers), so their errors move together. Two accounts of the variance carry that: the
  posterior's (the areas' own variances plus the shared level's variance through each area's
  lean on it, by the law of total variance; it holds the prior's uncertainty where answers are
  few), and the answers' sampling variation propagated through the shared prior mean into every
  area (the delta method; it holds the correlation the shared mean makes between areas). The
  range uses the larger, as a Beta with that mean and variance: with simulated learners the
  posterior alone held the truth 77-79 % of the time, the larger of the two 78-81 %.
- **What you might score on the day** adds the sitting's own luck: the real test draws a fixed
  number of scored questions per area, and a learner whose long-run accuracy is 78 % scores 78 %
  on a 45-question sitting only on average. The range is the central 80 % of a beta-binomial
  over the test's scored count with the same mean and the day's variance, in whole questions.
- The verdict compares the day range with the learner's target: "likely to pass" when the whole
  range is at or above it, "not yet" when it is all below, "borderline" otherwise. It needs
  evidence first: MIN_ANSWERS answers in the areas that hold most of the test (MOST_OF_TEST of
  its scored questions), and at least MIN_TIMED_EXAMS timed practice exams (full or half length,
  at least half answered), the last within RECENT_DAYS calendar days. Until then it says what is
  missing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from questions.percent import fraction_text
from study.analytics.betastats import beta_ppf

MIN_ANSWERS = 5
MOST_OF_TEST = 0.8
MIN_TIMED_EXAMS = 2
RECENT_DAYS = 14
TAIL = 0.1  # each side of an 80 % range


@dataclass(frozen=True)
class AreaPosterior:
    """What readiness needs from one area: its share of the test and its posterior."""

    letter: str
    scored: int  # scored questions on the real test
    answered: int  # answers that count (current versions)
    a: float  # Beta posterior parameters: the prior's S answers plus `effective` answers
    b: float
    effective: float  # the effective number of answers (recency-weighted)

    @property
    def lean(self) -> float:
        """How much the estimate moves with the shared level: S / (S + effective answers)."""
        return max(0.0, self.a + self.b - self.effective) / (self.a + self.b)

    @property
    def mean(self) -> float:
        return self.a / (self.a + self.b)

    @property
    def variance(self) -> float:
        n = self.a + self.b
        return self.a * self.b / (n * n * (n + 1))


@dataclass(frozen=True)
class Readiness:
    test: str
    predicted: float  # your long-run accuracy
    low: float  # its 80 % range
    high: float
    day_low: int  # what you might score on the day: scored questions right, 80 % range
    day_high: int
    scored_questions: int
    chance_of_target: float  # probability of reaching the target on one sitting
    verdict: str  # "likely to pass" | "borderline" | "not yet" | "not enough data"
    target: float
    answered: int
    timed_exams: int = 0  # timed practice exams counted, up to the MIN_TIMED_EXAMS a verdict needs
    missing: str = ""  # the evidence still needed for a verdict, in words ("" when there is enough)

    def as_json(self) -> dict[str, object]:
        s = self.scored_questions or 1
        return {"predicted": round(self.predicted, 4), "low": round(self.low, 4), "high": round(self.high, 4),
                "long_run": "your long-run accuracy: the share you would get right over many questions",
                "day_low_questions": self.day_low, "day_high_questions": self.day_high,
                "day_low": round(self.day_low / s, 4), "day_high": round(self.day_high / s, 4),
                "scored_questions": self.scored_questions,
                "day": "what you might score on the day: the real test's scored questions, 80% range",
                "chance_of_target": round(self.chance_of_target, 3),
                "verdict": self.verdict, "target": self.target, "answered": self.answered,
                "timed_exams": self.timed_exams, "missing": self.missing,
                "note": "ASE pass marks are scaled and not published as a percentage; the target is your own."}

    # The words the app uses on Home, Progress and in `weak`, so each says which range is which.
    @property
    def day_range_text(self) -> str:
        s = self.scored_questions or 1
        return (f"{self.day_low} to {self.day_high} of {self.scored_questions} scored questions "
                f"({fraction_text(self.day_low / s)} to {fraction_text(self.day_high / s)})")

    @property
    def long_run_text(self) -> str:
        return f"Your long-run accuracy: {fraction_text(self.predicted)} (80% range {fraction_text(self.low)} to {fraction_text(self.high)})"

    @property
    def day_text(self) -> str:
        return f"What you might score on the day: {self.day_range_text}"

    @property
    def chance_text(self) -> str:
        c = self.chance_of_target
        chance = "under a 1%" if c < 0.005 else "over a 99%" if c > 0.995 else f"about a {fraction_text(c)}"
        return f"{chance} chance of reaching your {fraction_text(self.target)} target on one sitting"

    @property
    def verdict_text(self) -> str:
        if self.missing:
            return f"No verdict yet: it needs {self.missing}"
        return f"{self.verdict[0].upper()}{self.verdict[1:]} against your {fraction_text(self.target)} target"


def shared_level_variance(level: float, effective: Sequence[float], prior_strength: float) -> float:
    """Posterior variance of the learner's overall level. Answers in one area share that area's
    accuracy, so pooled they carry less information about the level than as many independent
    answers: a design effect of 1 + (n - 1) / (S + 1) per area, the Beta(S) prior's spread of
    area accuracies around the level. The level's own prior has the weight of S answers."""
    n = sum(effective)
    if n <= 0:
        return level * (1 - level) / (prior_strength + 1)
    design = sum(m * (1 + max(0.0, m - 1) / (prior_strength + 1)) for m in effective) / n
    return level * (1 - level) / (prior_strength + 1 + n / design)


def beta_from_moments(mean: float, var: float) -> tuple[float, float] | None:
    if not 0 < mean < 1 or var <= 0:
        return None
    total = mean * (1 - mean) / var - 1
    if total <= 0:
        return None
    return mean * total, (1 - mean) * total


def beta_range(mean: float, var: float) -> tuple[float, float]:
    """The central 80 % of a Beta with this mean and variance. Past a few hundred answers' worth
    the Beta is all but normal: the normal quantile with the Beta's skewness (Cornish-Fisher) is
    within a tenth of a point and saves the ranking two incomplete-beta inversions."""
    ab = beta_from_moments(mean, var)
    z = 1.2815515655446004
    sd = math.sqrt(max(0.0, var))
    if ab is None:
        return max(0.0, mean - z * sd), min(1.0, mean + z * sd)
    a, b = ab
    if a + b < 400:
        return beta_ppf(TAIL, a, b), beta_ppf(1 - TAIL, a, b)
    skew = 2 * (b - a) * math.sqrt(a + b + 1) / ((a + b + 2) * math.sqrt(a * b))
    shift = (z * z - 1) * skew / 6
    return max(0.0, mean + (-z + shift) * sd), min(1.0, mean + (z + shift) * sd)


def beta_binomial_pmf(n: int, a: float, b: float) -> list[float]:
    """P(k right of n) for k = 0..n, built up by the ratio of neighbouring terms,
    (n - k) (k + a) / ((k + 1) (n - k - 1 + b)), in logs (one log a term instead of six log-gammas:
    the ranking builds this on every refresh), then scaled to sum to 1."""
    logs = [0.0]
    acc = 0.0
    for k in range(n):
        acc += math.log((n - k) * (k + a) / ((k + 1) * (n - k - 1 + b)))
        logs.append(acc)
    top = max(logs)
    out = [math.exp(v - top) for v in logs]
    total = sum(out)
    return [p / total for p in out]


def binomial_pmf(n: int, p: float) -> list[float]:
    return [math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(n + 1)]


def central_range(pmf: Sequence[float]) -> tuple[int, int]:
    """The whole-question range leaving as close to TAIL as possible outside on each side."""
    below, low = 0.0, 0
    # leave a question out while that overshoots the tail by less than keeping it falls short
    while low < len(pmf) - 1 and below + pmf[low] - TAIL < TAIL - below:
        below += pmf[low]
        low += 1
    above, high = 0.0, len(pmf) - 1
    while high > low and above + pmf[high] - TAIL < TAIL - above:
        above += pmf[high]
        high -= 1
    return low, high


def missing_evidence(areas: Sequence[AreaPosterior], timed_exams: Sequence[datetime], now: datetime) -> str:
    """What a verdict still needs, in words; "" when the evidence is enough."""
    parts = []
    if len(timed_exams) < MIN_TIMED_EXAMS:
        more = MIN_TIMED_EXAMS - len(timed_exams)
        parts.append(f"{more} more timed practice exam{'s' if more > 1 else ''} (full or half length)")
    else:
        days = (now.date() - max(timed_exams).date()).days  # calendar days: what Home shows holds all day
        if days > RECENT_DAYS:
            parts.append(f"a timed practice exam in the next few days (your last was {days} days ago)")
    total = sum(a.scored for a in areas) or 1
    covered = sum(a.scored for a in areas if a.answered >= MIN_ANSWERS)
    short = sorted((a for a in areas if a.answered < MIN_ANSWERS), key=lambda a: (-a.scored, a.letter))
    needed = []
    for a in short:
        if covered >= MOST_OF_TEST * total:
            break
        needed.append(a)
        covered += a.scored
    if needed:
        n = sum(MIN_ANSWERS - a.answered for a in needed)
        letters = sorted(a.letter for a in needed)
        names = letters[0] if len(letters) == 1 else ", ".join(letters[:-1]) + " and " + letters[-1]
        parts.append(f"{n} more answer{'s' if n > 1 else ''} in area{'s' if len(letters) > 1 else ''} {names}")
    return " and ".join(parts)


def long_run_variance(areas: Sequence[AreaPosterior], share: Sequence[float], level_variance: float,
                      level_lean: float) -> float:
    """The larger of the posterior variance and the propagated sampling variance of the
    blueprint-weighted accuracy (see the module's docstring). `level_lean`: how much the shared
    level itself leans on the global prior, S / (S + all effective answers)."""
    pairs = list(zip(share, areas, strict=True))
    lean = sum(w * a.lean for w, a in pairs)
    posterior = sum(w * w * a.variance for w, a in pairs) + lean * lean * level_variance
    # d(prediction) / d(right answers in area b): through the shared mean, and through b itself
    through_mean = (1 - level_lean) * sum(w * a.lean for w, a in pairs) / max(1e-9, sum(a.effective for _, a in pairs))
    sampling = sum(a.effective * a.mean * (1 - a.mean) * (through_mean + w * (1 - a.lean) / max(1e-9, a.effective)) ** 2
                   for w, a in pairs if a.effective > 0)
    return max(posterior, sampling)


def readiness(test: str, areas: Sequence[AreaPosterior], level: float, level_variance: float, target: float,
              *, level_lean: float = 1.0, timed_exams: Sequence[datetime] = (),
              now: datetime | None = None) -> Readiness:
    """The two ranges and the verdict from the areas' posteriors and the shared level's variance."""
    total = sum(a.scored for a in areas)
    answered = sum(a.answered for a in areas)
    if not total:
        return Readiness(test, level, level, level, 0, 0, 0, 0.0, "not enough data", target, answered)
    share = [a.scored / total for a in areas]
    pred = sum(w * a.mean for w, a in zip(share, areas, strict=True))
    var_long = long_run_variance(areas, share, level_variance, level_lean)
    low, high = beta_range(pred, var_long)
    # one sitting: each scored question is right with its area's accuracy, itself uncertain
    luck = sum(a.scored * (a.mean * (1 - a.mean) - a.variance) for a in areas) / (total * total)
    var_day = var_long + luck
    binom_var = pred * (1 - pred) / total
    r = var_day / binom_var if binom_var > 0 else 1.0  # the beta-binomial's variance over the binomial's
    if r > 1.0 + 1e-9:
        size = max(1e-3, (total - r) / (r - 1))  # its a + b; r near the question count: all but 0 or all right
        pmf = beta_binomial_pmf(total, pred * size, (1 - pred) * size)
    else:
        pmf = binomial_pmf(total, pred)
    day_low, day_high = central_range(pmf)
    pass_mark = math.ceil(target * total - 1e-9)
    chance = sum(pmf[pass_mark:])
    missing = missing_evidence(areas, timed_exams, now or datetime.now())
    if missing:
        verdict = "not enough data"
    elif day_low >= pass_mark:
        verdict = "likely to pass"
    elif day_high < pass_mark:
        verdict = "not yet"
    else:
        verdict = "borderline"
    return Readiness(test, pred, low, high, day_low, day_high, total, chance, verdict, target, answered,
                     len(timed_exams), missing)
