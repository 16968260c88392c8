"""Build a study plan: dated evening sessions from the learner's choices, the weak-area ranking,
today and a seed. Pure functions, no SQL, so every rule is tested without a database.

The rules, in short:
- Sessions fall on the chosen evenings from the start date to the day before the exam.
- A timed practice exam per test at the first sessions (diagnostic), at mid-plan and in the last
  week; the last session is a light review.
- Study sessions split their time between a review block (due missed questions) and two or three
  content areas, each with reading and a drill at the real test's pace.
- Areas are picked by smooth weighted round-robin on points at stake (so time follows them),
  with an earliest-deadline rule that touches every area at least once every two weeks, and a
  small penalty on repeating the last session's areas so they interleave.
- Each session on an area names two of its topics, walking the area's topics in study order:
  the learner's weakest topics first when their results are known (`topics_weakest_first`),
  else the blueprint's order.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from questions.blueprints import Blueprints
from questions.figures import unsure_text
from study.day_words import day_text
from study.planning import plan_length
from study.planning.plan_input import (  # noqa: F401 - the planner's input, re-exported for its callers
    DAY_NAMES,
    DEFAULT_MINUTES,
    DEFAULT_START,
    MAX_EVENINGS,
    MAX_MINUTES,
    MAX_TESTS,
    MAX_WEEKS,
    MIN_EVENINGS,
    MIN_MINUTES,
    MIN_WEEKS,
    WEEKDAYS,
    ExamSpec,
    PlanInputError,
    PlanRequest,
    PlanSettings,
    _spread,
    drill_pace,
    exam_spec,
    parse_evenings,
    parse_time,
    validate,
)
from study.planning.plan_model import (  # noqa: F401 - the plan's pieces, re-exported for its callers
    Activity,
    Focus,
    KeptSession,
    Key,
    Plan,
    PlannedSession,
    session_uid,
)

TOUCH_DAYS = 14  # every area at least once in any two weeks
MAINTENANCE = 0.05  # a strong area keeps a small share (5 % of its questions) so it does not fade
REPEAT_PENALTY = 0.5  # credits an area gives up to appear in two sessions running
SLOT_MIN_MINUTES = 20
LIGHT_REVIEW_MINUTES = 45
EXAM_REVIEW_MINUTES = 30  # going over a practice exam's wrong answers
UNTIMED_SECONDS = 90.0  # a drill's pace when the real test's time is not known

TOPICS_PER_SESSION = 2


# ----------------------------------------------------------------------------- building


def session_days(settings: PlanSettings) -> list[date]:
    """The chosen evenings from the start to the day before the exam (a long plan's early weeks
    on one evening fewer, see plan_length)."""
    days = (settings.start_date + timedelta(days=i) for i in range(settings.days))
    return [d for d in days if WEEKDAYS[d.weekday()] in plan_length.evenings_on(settings, d)]


def area_weights(settings: PlanSettings, blueprints: Blueprints,
                 stakes: Mapping[Key, float] | None) -> dict[Key, float]:
    """Each area's share of study time: points at stake plus a small maintenance share, normalised.

    With no ranking (no history) the share is the area's scored questions on the test."""
    raw: dict[Key, float] = {}
    for code in settings.tests:
        for a in blueprints.get(code).areas:
            k = (code, a.letter)
            keep_up = MAINTENANCE if plan_length.keeps_every_area(settings) else 0.0  # compressed: no upkeep
            raw[k] = float(a.scored_questions) if stakes is None else \
                max(0.0, float(stakes.get(k, 0.0))) + keep_up * a.scored_questions
    total = sum(raw.values()) or 1.0
    return {k: v / total for k, v in raw.items()}


def _round5(x: float) -> int:
    return int(5 * round(x / 5))


def _exam_roles(settings: PlanSettings, days: Sequence[date], specs: Mapping[str, ExamSpec],
                diagnosed: Sequence[str] = ()) -> dict[int, tuple[str, str]]:
    """Session index -> (test, purpose) for the diagnostic, mid-plan and final practice exams. A
    test in `diagnosed` has no diagnostic (a recent full-length exam stands in for it), and a
    short compressed plan no mid-plan exam."""
    timed = [t for t in settings.tests if t in specs]
    n, k = len(days), len(timed)
    light = n - 1
    if not k:
        return {}
    mid_day = settings.start_date + timedelta(days=settings.days // 2)
    mid = next((i for i, d in enumerate(days) if d >= mid_day), n // 2)
    last_week = next((i for i, d in enumerate(days) if d >= settings.exam_date - timedelta(days=7)), light)
    final = max(0, min(last_week, light - k))
    mid = min(mid, final - k)
    roles: dict[int, tuple[str, str]] = {}
    for start, purpose in ((0, "diagnostic"), (mid, "mid-plan"), (final, "final")):
        if purpose == "mid-plan" and not plan_length.has_mid_exam(settings):
            continue
        todo = [t for t in timed if not (purpose == "diagnostic" and t in diagnosed)]
        for j, t in enumerate(todo):
            if start + j < light and start + j not in roles:
                roles[start + j] = (t, purpose)
    return roles


def topics_weakest_first(topics: Sequence[str], estimates: Mapping[str, float], target: float) -> tuple[str, ...]:
    """An area's topics in the order to study them, from the learner's per-topic estimates.

    `estimates` holds only topics with enough answers to judge (the rest are "not enough data",
    never weak). Topics below `target` come first, lowest estimate first; then the topics without
    enough data, in the blueprint's order; then those at or above target, lowest first, so the
    one closest to slipping is met before the others. Names not among `topics` are ignored."""
    index = {t: i for i, t in enumerate(dict.fromkeys(topics))}
    known = {t: e for t, e in estimates.items() if t in index}
    weak = sorted((t for t, e in known.items() if e < target), key=lambda t: (known[t], index[t]))
    unseen = [t for t in index if t not in known]
    strong = sorted((t for t, e in known.items() if e >= target), key=lambda t: (known[t], index[t]))
    return (*weak, *unseen, *strong)


def _study_order(blueprint_topics: Sequence[str], wanted: Sequence[str] | None) -> tuple[str, ...]:
    """`wanted` kept to the blueprint's topics (each once), the topics it leaves out appended in
    blueprint order; no `wanted` is the blueprint's order."""
    if not wanted:
        return tuple(blueprint_topics)
    known = set(blueprint_topics)
    head = [t for t in dict.fromkeys(wanted) if t in known]
    return (*head, *(t for t in blueprint_topics if t not in head))


def build_plan(settings: PlanSettings, blueprints: Blueprints, stakes: Mapping[Key, float] | None = None, *,
               seed: int = 0, keep: Mapping[date, KeptSession] | None = None, from_day: date | None = None,
               topics: Mapping[Key, Sequence[str]] | None = None, diagnosed: Sequence[str] = ()) -> Plan:
    """The plan's sessions. `diagnosed`: tests whose recent full-length exam is the diagnostic. `keep` holds sessions that stay as they are (the past, on a re-plan);
    the rest, from `from_day` on, are planned from the current ranking. `topics` gives, per area,
    its topics in the order to study them (see `topics_weakest_first`); an area it leaves out
    walks the blueprint's topic list. A fresh plan that cannot touch every area every two weeks
    raises PlanInputError naming more minutes or evenings that would."""
    # kept sessions stay on the calendar even where the evenings have since changed
    days = sorted({d for d in session_days(settings) if from_day is None or d >= from_day}
                  | {d for d in (keep or {}) if d < settings.exam_date})
    fresh = not keep
    max_slots = min(4, (settings.minutes - _review_minutes(settings.minutes)) // SLOT_MIN_MINUTES)
    n_areas = sum(len(blueprints.get(t).areas) for t in settings.tests)
    per_fortnight = max(1, 2 * len(settings.evenings) - 1)
    first = max(1, min(max_slots, max(2 if n_areas > 1 else 1, math.ceil(1.25 * n_areas / per_fortnight))))
    for slots in range(first, max(first, max_slots) + 1):
        plan = _build(settings, blueprints, stakes, seed, keep or {}, days, slots, topics or {}, diagnosed)
        if not fresh or not plan_length.keeps_every_area(settings) or not coverage_gaps(plan, blueprints):
            return plan
    raise PlanInputError([_coverage_advice(settings, blueprints, stakes, seed)])


def _coverage_advice(settings: PlanSettings, blueprints: Blueprints, stakes: Mapping[Key, float] | None,
                     seed: int) -> str:
    n_areas = sum(len(blueprints.get(t).areas) for t in settings.tests)
    head = (f"{' and '.join(settings.tests)} have {n_areas} content areas between them; with "
            f"{len(settings.evenings)} evenings of {settings.minutes} minutes some would go more than two weeks "
            "untouched.")
    for minutes in range(settings.minutes + 15, MAX_MINUTES + 1, 15):
        trial = replace(settings, minutes=minutes)
        try:
            build_plan(trial, blueprints, stakes, seed=seed)
        except PlanInputError:
            continue
        return f"{head} Choose at least {minutes} minutes an evening, or 4 evenings, or fewer tests."
    if len(settings.evenings) < MAX_EVENINGS:
        more = tuple(_spread(settings.evenings, MAX_EVENINGS))
        try:
            build_plan(replace(settings, evenings=more), blueprints, stakes, seed=seed)
            return f"{head} Choose 4 evenings (for example {','.join(more)}) or fewer tests."
        except PlanInputError:
            pass
    return f"{head} Choose fewer tests for this plan (for example {settings.tests[0]})."


def _review_minutes(minutes: int) -> int:
    return max(10, _round5(minutes * 0.15))


def _build(settings: PlanSettings, blueprints: Blueprints, stakes: Mapping[Key, float] | None, seed: int,
           keep: Mapping[date, KeptSession], days: Sequence[date], n_slots: int,
           topic_order: Mapping[Key, Sequence[str]], diagnosed: Sequence[str] = ()) -> Plan:
    rng = random.Random(seed)
    weights = area_weights(settings, blueprints, stakes)
    areas = list(weights)
    tie = {k: rng.random() * 1e-6 for k in areas}
    titles = {(t, a.letter): a for t in settings.tests for a in blueprints.get(t).areas}
    specs = {t: s for t in settings.tests
             if (s := exam_spec(blueprints.get(t), settings.minutes, settings.recert, settings.renewal))}
    roles = _exam_roles(settings, days, specs, diagnosed)
    light = len(days) - 1
    last = {k: settings.start_date - timedelta(days=1) for k in areas}
    credits = {k: 0.0 for k in areas}
    topic_turn = {k: 0 for k in areas}
    study_order = {k: _study_order(titles[k].topics, topic_order.get(k)) for k in areas}
    prev: set[Key] = set()
    study_idx = [i for i, d in enumerate(days) if d not in keep and i not in roles and i != light]
    exam_days = {t: [days[i] for i, (tt, _) in roles.items() if tt == t and days[i] not in keep] for t in specs}

    def focus_of(k: Key) -> Focus:
        """The next topics of the area's study order: its first session names the first two, later
        ones move on through the list and wrap around."""
        tops = study_order[k]
        if tops:
            n = min(TOPICS_PER_SESSION, len(tops))
            j = (topic_turn[k] * TOPICS_PER_SESSION) % len(tops)
            tops = (tops + tops)[j:j + n]
        topic_turn[k] += 1
        return Focus(k[0], k[1], titles[k].title, tops)

    def forced(i: int, used: int, chosen: list[Key]) -> Key | None:
        """Earliest deadline first, once the slots left before some deadlines are all needed."""
        today = days[i]
        cands = []
        for k in areas:
            if k in chosen:
                continue
            dl = last[k] + timedelta(days=TOUCH_DAYS)
            if dl >= settings.exam_date or not plan_length.keeps_every_area(settings):
                continue  # the exam comes first: no deadline left to keep
            if any(today < d <= dl for d in exam_days.get(k[0], ())):
                continue  # a practice exam will touch it in time
            cands.append((dl, -weights[k], k))
        cands.sort()
        later = [days[j] for j in study_idx if j > i]
        for n, (dl, _, _) in enumerate(cands, 1):
            cap = min(n_slots - used, n) if today <= dl else 0
            cap += sum(min(n_slots, n) for d in later if d <= dl)
            if cap <= n:
                return cands[0][2]
        return None

    sessions: list[PlannedSession] = []
    for i, day in enumerate(days):
        if day in keep:
            kept = keep[day]
            sessions.append(kept.session)
            if kept.happened:
                for k in kept.session.touches & set(areas):
                    last[k] = max(last[k], day)
            prev = kept.session.touches
            continue
        if i in roles:
            test, purpose = roles[i]
            spec = specs[test]
            acts = [Activity("exam", spec.minutes, test, mode=spec.mode, questions=spec.questions,
                             seconds_per_question=spec.seconds_per_question, purpose=purpose,
                             text=f"{_purpose_text(purpose)} {spec.label}: {spec.questions} questions "
                                  + ("from every area, the explanation after each" if spec.mode == "renewal" else
                                     f"in {spec.minutes} minutes, timed like the real test"))]
            rest = min(settings.minutes - spec.minutes, EXAM_REVIEW_MINUTES)
            if rest >= 5:
                acts.append(Activity("review", rest, test, purpose="exam",
                                     text="Go over this exam's wrong answers and their explanations"))
            focus = tuple(Focus(test, a.letter, a.title) for a in blueprints.get(test).areas)
            for f in focus:
                last[f.key] = day
            length = sum(a.minutes for a in acts)  # a short exam makes a short evening, not a long review
            sessions.append(PlannedSession(day, settings.start_time, length, focus, tuple(acts)))
            continue
        if i == light:
            k = max(areas, key=lambda k: (weights[k], tie[k]))
            f = focus_of(k)
            last[k] = day
            minutes = min(settings.minutes, LIGHT_REVIEW_MINUTES)
            acts = [Activity("review", minutes - 15, purpose="light",
                             text="Light review: the missed questions that are due, no new material; an early night"),
                    Activity("reading", 15, k[0], k[1],
                             text=f"Skim your notes on {k[0]} area {k[1]}, {f.title}")]
            sessions.append(PlannedSession(day, settings.start_time, minutes, (f,), tuple(acts)))
            continue
        minutes = plan_length.minutes_on(settings, day)
        review = _review_minutes(minutes)
        focus_total = minutes - review
        slots = max(1, min(n_slots, focus_total // SLOT_MIN_MINUTES))
        chosen: list[Key] = []
        for used in range(slots):
            for k in areas:
                credits[k] += weights[k]
            pick = forced(i, used + n_slots - slots, chosen)
            if pick is None:
                free = [k for k in areas if k not in chosen]
                pick = max(free, key=lambda k: credits[k] - (REPEAT_PENALTY if k in prev else 0.0) + tie[k])
            credits[pick] -= 1.0
            chosen.append(pick)
            last[pick] = day
        sizes = [focus_total // slots + (1 if j < focus_total % slots else 0) for j in range(slots)]
        acts = []
        focus = tuple(focus_of(k) for k in chosen)
        for f, size in zip(focus, sizes, strict=True):
            bp = blueprints.get(f.test)
            pace = drill_pace(bp, settings.recert)
            reading = max(5, round(size * plan_length.reading_share(settings)))
            drill = size - reading
            n_q = max(1, int(drill * 60 // (pace or UNTIMED_SECONDS)))
            topics = f" ({', '.join(f.topics)})" if f.topics else ""
            acts.append(Activity("reading", reading, f.test, f.area,
                                 text=f"Read task-list area {f.test}-{f.area}, {f.title}, in your textbook{topics}"))
            acts.append(Activity("drill", drill, f.test, f.area, questions=n_q, seconds_per_question=pace,
                                 text=f"Timed drill on {f.test} area {f.area}: {n_q} questions at the real test's "
                                      "pace" if pace else f"Drill on {f.test} area {f.area}: {n_q} questions, untimed"))
        acts.append(Activity("review", review, purpose="due",
                             text="Review the missed questions that are due (spaced review)"))
        sessions.append(PlannedSession(day, settings.start_time, minutes, focus, tuple(acts)))
        prev = set(chosen)
    notes = [*plan_notes(settings, blueprints, days), *plan_length.diagnostic_note(settings.tests, diagnosed)]
    return Plan(settings, tuple(sessions), tuple(notes), weights)


def _purpose_text(purpose: str) -> str:
    return {"diagnostic": "Diagnostic:", "mid-plan": "Mid-plan check:", "final": "Final check:"}.get(purpose, "")


def plan_notes(settings: PlanSettings, blueprints: Blueprints, days: Sequence[date]) -> list[str]:
    """What the learner should know about how this plan was shaped, in plain words."""
    notes = plan_length.length_notes(settings)
    for code in settings.tests:
        bp = blueprints.get(code)
        spec = exam_spec(bp, settings.minutes, settings.recert, settings.renewal)
        unsure = unsure_text(bp)
        if unsure and not settings.recert:
            notes.append(f"{code}'s figures are not all ASE's: {unsure}. The plan's exams and drills use them.")
        if settings.renewal:
            notes.append(f"{code} through the ASE Renewal App: no timed test to rehearse, so the plan's checks are "
                         "ten questions from every area with the explanation after each (the App asks one question a "
                         "month per certification), and its drills keep every area fresh.")
        if settings.recert and bp.recertification is not None:
            rc = bp.recertification
            flag = "" if rc.verified else " (figures not verified)"
            notes.append(f"{rc.code or code + ' recertification'}: {rc.questions} questions in {rc.time_minutes} "
                         f"minutes{flag}, the same content areas as {code}; the plan assumes each area keeps its "
                         "share of the full test.")
        if spec is None:
            notes.append(f"{code}: the real test's time limit is not in our blueprint file, so the plan has no "
                         "timed practice exam for it and its drills are untimed.")
        elif spec.mode in ("half", "recert-half"):
            which = "recertification test" if settings.recert else "real test"
            notes.append(f"{code}: the {which} takes longer than your {settings.minutes}-minute evenings, so its "
                         "practice exams are half-length.")
    if days and days[-1] != settings.exam_date - timedelta(days=1):
        notes.append(f"The evening before the exam is not one of your evenings; your last session "
                     f"({day_text(days[-1], weekday=True, year=False, short=True)}) is the light review.")
    return notes


# ----------------------------------------------------------------------------- checks


def coverage_gaps(plan: Plan, blueprints: Blueprints) -> list[str]:
    """Areas that go more than two weeks untouched anywhere in the plan (empty when none do); a long
    plan's lighter early weeks are not held to it."""
    s = plan.settings
    since = plan_length.full_plan_from(s)
    gaps = []
    for code in s.tests:
        for a in blueprints.get(code).areas:
            k = (code, a.letter)
            touched = sorted(x.day for x in plan.sessions if k in x.touches and x.day >= since)
            marks = [since - timedelta(days=1), *touched, s.exam_date]
            worst = max(b - a_ for a_, b in zip(marks, marks[1:], strict=False)).days if touched else s.days + 1
            if worst > TOUCH_DAYS:
                gaps.append(f"{code} area {a.letter}: {worst} days untouched")
    return gaps


def now_date(now: datetime | date) -> date:
    return now.date() if isinstance(now, datetime) else now
