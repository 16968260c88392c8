"""What a learner asks of a study plan, checked: the tests (and whether the plan aims at the
real test, its recertification test, or keeping a certification alive through the ASE Renewal
App), the evenings, their length and the dates. Every problem is reported at once with the
nearest valid choice (PlanInputError). Pure functions, no SQL.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from questions.blueprints import Blueprints, TestBlueprint

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MIN_WEEKS, MAX_WEEKS = 6, 8
MIN_EVENINGS, MAX_EVENINGS = 3, 4
MIN_MINUTES, MAX_MINUTES = 45, 180
DEFAULT_MINUTES = 90
DEFAULT_START = "19:00"
MAX_TESTS = 3


class PlanInputError(ValueError):
    """Input the planner cannot use; each problem names the nearest valid choice."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(self.problems))


@dataclass(frozen=True)
class PlanRequest:
    """What the learner asked for, as typed (validated by `validate`)."""

    tests: tuple[str, ...]
    evenings: tuple[str, ...]
    exam_date: date | None = None
    start_date: date | None = None  # default: today
    weeks: int | None = None  # with start_date, instead of exam_date
    minutes: int = DEFAULT_MINUTES
    start_time: str = DEFAULT_START
    recert: bool = False
    renewal: bool = False  # keep a certification alive through the ASE Renewal App


@dataclass(frozen=True)
class PlanSettings:
    """Valid plan input: the tests, the dates, the evenings (in weekday order) and their length."""

    tests: tuple[str, ...]
    evenings: tuple[str, ...]
    start_date: date
    exam_date: date
    minutes: int = DEFAULT_MINUTES
    start_time: str = DEFAULT_START
    recert: bool = False
    renewal: bool = False

    @property
    def days(self) -> int:
        return (self.exam_date - self.start_date).days

    def as_request(self) -> PlanRequest:
        return PlanRequest(self.tests, self.evenings, self.exam_date, self.start_date, None, self.minutes,
                           self.start_time, self.recert, self.renewal)

# ----------------------------------------------------------------------------- validation


def parse_evenings(text: str | Sequence[str]) -> tuple[list[str], list[str]]:
    """(weekday keys, words that are not weekdays) from "mon,wed,thu" or ["Monday", ...]."""
    words = text.replace(";", ",").replace(" ", ",").split(",") if isinstance(text, str) else list(text)
    days, bad = [], []
    for w in (w.strip().lower() for w in words):
        if not w:
            continue
        key = w[:3]
        if key in WEEKDAYS and DAY_NAMES[WEEKDAYS.index(key)].lower().startswith(w):
            if key not in days:
                days.append(key)
        else:
            bad.append(w)
    return sorted(days, key=WEEKDAYS.index), bad


def parse_time(text: str) -> tuple[int, int] | None:
    try:
        h, m = text.strip().split(":")
        hh, mm = int(h), int(m)
    except ValueError:
        return None
    return (hh, mm) if 0 <= hh < 24 and 0 <= mm < 60 and len(m.strip()) == 2 else None


def _spread(days: Sequence[str], want: int) -> list[str]:
    """The nearest valid set of evenings: add the days farthest from the chosen ones, or drop the
    most crowded, until there are `want`."""
    idx = sorted(WEEKDAYS.index(d) for d in days)
    while len(idx) < want:
        if not idx:
            idx = [0]
            continue
        best = max((i for i in range(7) if i not in idx),
                   key=lambda i: (min(min((i - j) % 7, (j - i) % 7) for j in idx), -i))
        idx = sorted(idx + [best])
    while len(idx) > want:
        def crowd(i: int) -> tuple[int, int]:
            others = [j for j in idx if j != i]
            return (min((i - j) % 7 for j in others) + min((j - i) % 7 for j in others), -i)

        idx.remove(min(idx, key=crowd))
    return [WEEKDAYS[i] for i in idx]


def _plannable(blueprints: Blueprints) -> list[TestBlueprint]:
    return [t for t in blueprints.tests if t.areas]




@dataclass(frozen=True)
class ExamSpec:
    mode: str
    questions: int
    minutes: int
    seconds_per_question: float | None
    label: str


RENEWAL_CHECK_QUESTIONS = 10
RENEWAL_CHECK_MINUTES = 15


def exam_spec(bp: TestBlueprint, minutes: int, recert: bool, renewal: bool = False) -> ExamSpec | None:
    """The practice exam that fits an evening: the real (or recertification) test, else half of it.

    A plan that keeps a certification alive through the Renewal App has no timed test to rehearse:
    its checks are ten questions from every area with the explanation after each, as the App asks
    its questions one at a time."""
    if renewal:
        return ExamSpec("renewal", RENEWAL_CHECK_QUESTIONS, RENEWAL_CHECK_MINUTES, None,
                        f"{bp.code} Renewal App check")
    if recert:
        rc = bp.recertification
        if rc is None:
            return None
        pace = rc.time_minutes * 60 / rc.questions
        name = f"{rc.code} (the {bp.code} recertification test)" if rc.code else f"{bp.code} recertification"
        if rc.time_minutes <= minutes:
            return ExamSpec("recert", rc.questions, rc.time_minutes, pace, f"{name} practice exam")
        half = math.ceil(rc.time_minutes / 2)
        return ExamSpec("recert-half", math.ceil(rc.questions / 2), half, pace, f"half-length {name} practice exam") \
            if half <= minutes else None
    if not bp.time_minutes or not bp.scored_questions:
        return None
    unscored = bp.unscored_questions or 0
    if bp.time_minutes <= minutes:
        return ExamSpec("full", bp.scored_questions + unscored, bp.time_minutes, bp.pace_seconds,
                        f"{bp.code} full-length practice exam")
    half = math.ceil(bp.time_minutes / 2)
    if half <= minutes:
        return ExamSpec("half", math.ceil(bp.scored_questions / 2) + unscored // 2, half, bp.pace_seconds,
                        f"{bp.code} half-length practice exam")
    return None


def drill_pace(bp: TestBlueprint, recert: bool) -> float | None:
    if recert and bp.recertification is not None:
        return bp.recertification.time_minutes * 60 / bp.recertification.questions
    return bp.pace_seconds


def validate(request: PlanRequest, blueprints: Blueprints, today: date) -> PlanSettings:
    """Check every input at once; raise PlanInputError listing each problem with a valid choice."""
    problems: list[str] = []
    if request.renewal and request.recert:
        problems.append("Choose one way to keep the certification: its recertification test, or the Renewal App.")
    from study.certs.rules import testing_rules

    renewal_tests = testing_rules(blueprints).renewal_tests
    plannable = _plannable(blueprints)
    example = ", ".join(t.code for t in plannable[:6])
    tests: list[str] = []
    for raw in request.tests:
        code = raw.strip().upper()
        if not code or code in tests:
            continue
        if code not in blueprints:
            close = difflib.get_close_matches(code, [t.code for t in plannable], n=2, cutoff=0.4)
            hint = f"did you mean {' or '.join(close)}?" if close else f"choose one of {example}, ..."
            problems.append(f"There is no ASE test {code}; {hint}")
            continue
        bp = blueprints.get(code)
        if not bp.areas:
            same = [t.code for t in plannable if t.series == bp.series][:3] or [t.code for t in plannable[:3]]
            problems.append(f"{bp.title} has no published content areas in our blueprint file, so a plan cannot "
                            f"weigh its areas; choose a test with content areas, such as {', '.join(same)}.")
            continue
        if request.renewal and code not in renewal_tests:
            problems.append(f"The ASE Renewal App covers {', '.join(renewal_tests)} as far as our sources show, not "
                            f"{code}; plan for the {code} test or its recertification test instead.")
            continue
        if request.recert and bp.recertification is None:
            problems.append(f"Our blueprint file has no length and time for the {bp.code} recertification test, "
                            f"so a recertification plan cannot be built for it; plan for the full {bp.code} "
                            "test instead.")
            continue
        tests.append(code)
    if not request.tests or not [t for t in request.tests if t.strip()]:
        problems.append("Choose at least one test to study (for example A5).")
    elif len(tests) > MAX_TESTS:
        problems.append(f"{len(tests)} tests are more than one plan covers well; choose at most {MAX_TESTS} "
                        f"(for example {', '.join(tests[:MAX_TESTS])}).")

    evenings, bad = parse_evenings(request.evenings)
    for w in bad:
        problems.append(f"'{w}' is not an evening; use mon, tue, wed, thu, fri, sat or sun.")
    if len(evenings) < MIN_EVENINGS:
        problems.append(f"{len(evenings)} evening{'s' if len(evenings) != 1 else ''} a week "
                        f"{'are' if len(evenings) != 1 else 'is'} too few; choose 3 or 4 "
                        f"(for example {','.join(_spread(evenings, MIN_EVENINGS))}).")
    elif len(evenings) > MAX_EVENINGS:
        problems.append(f"{len(evenings)} evenings a week are more than the plan uses; choose 3 or 4 "
                        f"(for example {','.join(_spread(evenings, MAX_EVENINGS))}).")

    minutes = request.minutes
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        nearest = min(max(minutes, MIN_MINUTES), MAX_MINUTES)
        problems.append(f"{minutes} minutes an evening is too {'short' if minutes < MIN_MINUTES else 'long'}; "
                        f"choose {MIN_MINUTES} to {MAX_MINUTES} minutes (nearest: {nearest}).")
    hm = parse_time(request.start_time)
    start_time = DEFAULT_START
    if hm is None:
        problems.append(f"'{request.start_time}' is not a time of day; write it as HH:MM, for example 19:00.")
    else:
        start_time = f"{hm[0]:02d}:{hm[1]:02d}"
        end = hm[0] * 60 + hm[1] + minutes
        if end > 24 * 60 and MIN_MINUTES <= minutes <= MAX_MINUTES:
            latest = 24 * 60 - minutes
            problems.append(f"A {minutes}-minute session starting at {start_time} would end after midnight; "
                            f"start at {latest // 60:02d}:{latest % 60:02d} or earlier.")

    start = request.start_date or today
    if start < today:
        problems.append(f"The start date {start} is in the past; choose today ({today}) or later.")
        start = today
    exam = request.exam_date
    from study.planning.plan_length import LONGEST_WEEKS, SHORTEST_DAYS, date_advice

    shortest = SHORTEST_DAYS // 7
    if exam is None and request.weeks is not None:
        if not shortest <= request.weeks <= LONGEST_WEEKS:
            nearest = min(max(request.weeks, shortest), LONGEST_WEEKS)
            problems.append(f"{request.weeks} weeks is outside the {shortest} to {LONGEST_WEEKS} a plan can take; "
                            f"6 to 8 weeks is what we recommend (nearest: {nearest}).")
        exam = start + timedelta(weeks=min(max(request.weeks, shortest), LONGEST_WEEKS))
    first, last = start + timedelta(weeks=MIN_WEEKS), start + timedelta(weeks=MAX_WEEKS)
    if exam is None:
        problems.append(f"Give the exam date ({first} to {last} gives the 6 to 8 weeks we recommend), or a start "
                        "date and a number of weeks.")
        exam = first
    else:
        advice = date_advice(exam, start, today)
        if advice is not None:
            problems.append(advice)

    if MIN_MINUTES <= minutes <= MAX_MINUTES:
        for code in tests:
            bp = blueprints.get(code)
            if exam_spec(bp, minutes, request.recert, request.renewal) is None and (bp.time_minutes or request.recert):
                rc = bp.recertification
                need = math.ceil((rc.time_minutes if request.recert and rc else bp.time_minutes or 0) / 2)
                problems.append(f"Even a half-length {code} practice exam takes {need} minutes; choose at least "
                                f"{need} minutes an evening.")
    if problems:
        raise PlanInputError(problems)
    return PlanSettings(tuple(tests), tuple(evenings), start, exam, minutes, start_time, request.recert,
                        request.renewal)
