"""How long a plan runs, and what that changes. Six to eight weeks is the plan the app recommends;
an exam booked sooner or later still gets a plan, and the plan says plainly how it differs.

- From two weeks to six: a compressed plan. No mid-plan practice exam under four weeks (the
  diagnostic and the final stay), a fifth of each area's time goes to reading instead of two
  fifths (the rest to timed drills), and areas already at the learner's target get no study
  sessions of their own (the practice exams still cover them).
- Past eight weeks (up to 26): the plan starts lighter. Until eight weeks before the exam it uses
  one evening a week fewer and shorter evenings; the last eight weeks are the full plan.
- ASE gives 90 days from buying a test to sitting it, and asks 30 full days between two attempts
  of the same test: the advice about the date uses both.

A recent full-length practice exam (finished in the 14 days before the plan starts, or since)
already says where the learner stands, so the plan does not open with another diagnostic.
Pure functions, no SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from study.day_words import day_text
from study.planning.plan_input import MAX_WEEKS, MIN_MINUTES, MIN_WEEKS, PlanSettings, _spread

SHORTEST_DAYS = 14  # a compressed plan needs two weeks
LONGEST_WEEKS = 26  # further out, start a plan nearer the date
MID_EXAM_DAYS = 28  # a compressed plan shorter than this has no mid-plan practice exam
ASE_PURCHASE_DAYS = 90  # ASE: a test bought must be taken within 90 days
ASE_RETEST_DAYS = 30  # ASE: 30 full days between two attempts of the same test
DIAGNOSTIC_FRESH_DAYS = 14  # a full-length exam this recent counts as the plan's diagnostic
COMPRESSED_READING = 0.2  # share of an area's slot spent reading in a compressed plan (else 0.4)
STANDARD_READING = 0.4
LIGHTER = 2 / 3  # a long plan's early evenings, as a share of the chosen length


def shape(settings: PlanSettings) -> str:
    """compressed | standard | long"""
    if settings.days < MIN_WEEKS * 7:
        return "compressed"
    if settings.days > MAX_WEEKS * 7:
        return "long"
    return "standard"


def full_plan_from(settings: PlanSettings) -> date:
    """The first day of the full plan: eight weeks before the exam in a long plan, else the start."""
    if shape(settings) != "long":
        return settings.start_date
    return settings.exam_date - timedelta(weeks=MAX_WEEKS)


def lighter_evenings(settings: PlanSettings) -> tuple[str, ...]:
    """A long plan's early weeks: one chosen evening fewer (the most crowded one goes)."""
    return tuple(_spread(list(settings.evenings), max(1, len(settings.evenings) - 1)))


def lighter_minutes(settings: PlanSettings) -> int:
    return max(MIN_MINUTES, int(5 * round(settings.minutes * LIGHTER / 5)))


def minutes_on(settings: PlanSettings, day: date) -> int:
    """The length of a study evening on `day`."""
    return lighter_minutes(settings) if day < full_plan_from(settings) else settings.minutes


def evenings_on(settings: PlanSettings, day: date) -> tuple[str, ...]:
    return lighter_evenings(settings) if day < full_plan_from(settings) else settings.evenings


def reading_share(settings: PlanSettings) -> float:
    return COMPRESSED_READING if shape(settings) == "compressed" else STANDARD_READING


def has_mid_exam(settings: PlanSettings) -> bool:
    return shape(settings) != "compressed" or settings.days >= MID_EXAM_DAYS


def keeps_every_area(settings: PlanSettings) -> bool:
    """Whether the plan gives every area study time at least every two weeks (a compressed plan
    spends its few evenings on the areas below target instead)."""
    return shape(settings) != "compressed"


def _weeks(days: int) -> str:
    w, d = divmod(days, 7)
    text = f"{w} week{'s' if w != 1 else ''}"
    return text + (f" and {d} day{'s' if d != 1 else ''}" if d else "")


def length_notes(settings: PlanSettings) -> list[str]:
    """What the plan's length changes, in plain words, with ASE's 90-day and 30-day rules."""
    s = settings
    kind = shape(s)
    buy_from = s.exam_date - timedelta(days=ASE_PURCHASE_DAYS)
    if kind == "compressed":
        cut = []
        if not has_mid_exam(s):
            cut.append("there is no mid-plan practice exam (the first and the last stay)")
        cut.append("each area gets a fifth of its time for reading instead of two fifths; the rest is timed drills")
        cut.append("areas where you already reach your target get no study evenings of their own, only the "
                   "practice exams")
        recommended = s.start_date + timedelta(weeks=MIN_WEEKS)
        return [f"This plan is compressed: {_weeks(s.days)} to the exam instead of the 6 to 8 weeks we recommend, "
                f"so {'; '.join(cut)}.",
                f"If you can move the exam to {day_text(recommended)} or later, the full plan fits: ASE gives you "
                f"{ASE_PURCHASE_DAYS} days from buying a test to take it, so a later date works while it is within "
                "those days. If the day does not go your way, ASE lets you take the same test again after "
                f"{ASE_RETEST_DAYS} full days, and a new plan can use them."]
    if kind == "long":
        full = full_plan_from(s)
        light = lighter_evenings(s)
        notes = [f"The exam is {_weeks(s.days)} away, more than the 6 to 8 weeks a plan needs, so the plan starts "
                 f"lighter: until {day_text(full)}, {len(light)} evening{'s' if len(light) != 1 else ''} a week "
                 f"of {lighter_minutes(s)} minutes; from then on, the full plan of {len(s.evenings)} evenings of "
                 f"{s.minutes} minutes."]
        if buy_from > s.start_date:
            notes.append(f"Do not buy the test yet: ASE gives you {ASE_PURCHASE_DAYS} days from buying a test to "
                         f"take it, so buy it on or after {day_text(buy_from)} for this date.")
        return notes
    return []


def date_advice(exam: date, start: date, today: date) -> str | None:
    """Why an exam date cannot have a plan at all (too close, too far), with what to do; None if it can."""
    days = (exam - start).days
    first, last = start + timedelta(weeks=MIN_WEEKS), start + timedelta(weeks=MAX_WEEKS)
    if exam <= today:
        when = "is today" if exam == today else "is in the past"
        return f"The exam date {exam} {when}; choose a later date ({first} to {last} gives the 6 to 8 weeks we recommend)."
    if days < SHORTEST_DAYS:
        leaves = f"leaves {days} day{'s' if days != 1 else ''}" if days > 0 else "is before the start date"
        return (f"The exam date {exam} {leaves}: too little for a plan, which needs at least two weeks. Until then, "
                "take a full-length simulation and Quick 10s on your weakest areas. If you can move the date, ASE "
                f"gives you {ASE_PURCHASE_DAYS} days from buying a test to take it: {first} to {last} gives the 6 to "
                "8 weeks we recommend.")
    if days > LONGEST_WEEKS * 7:
        later = exam - timedelta(weeks=MAX_WEEKS)
        return (f"The exam date {exam} is more than {LONGEST_WEEKS} weeks away; start the plan nearer the date "
                f"(on {later} or later for the recommended 8 weeks). ASE gives you {ASE_PURCHASE_DAYS} days from "
                f"buying a test to take it, so buy it on or after {exam - timedelta(days=ASE_PURCHASE_DAYS)}.")
    return None


def diagnostic_note(tests: Sequence[str], diagnosed: Sequence[str]) -> list[str]:
    """A test whose recent full-length exam stands in for the plan's diagnostic."""
    return [f"Your recent full-length {t} practice exam counts as the diagnostic, so the plan opens with study "
            "instead of another full-length exam." for t in tests if t in diagnosed]
