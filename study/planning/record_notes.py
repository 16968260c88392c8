"""What the learner's recorded real tests mean for a study plan: ASE's 90 days from purchase to
test, its 30 full days between two attempts of a test, the Entry-Level attempts left in the school
year, and for a plan that keeps a certification alive through the Renewal App, how its
subscription year stands. A pure function of the plan's settings and the career view."""

from __future__ import annotations

from study.certs.career import CareerView
from study.certs.dates import add_years, next_attempt_from
from study.day_words import day_text
from study.planning.plan_input import PlanSettings

WARNING = "Warning: "


def plan_record_notes(settings: PlanSettings, career: CareerView) -> tuple[str, ...]:
    out: list[str] = []
    exam = settings.exam_date
    for test in settings.tests:
        if not settings.renewal:
            for t, bought, ends in career.purchases:
                if t != test:
                    continue
                if exam > ends:
                    out.append(f"{WARNING}your {test} purchase on {day_text(bought)} runs out on {day_text(ends)} "
                               f"(ASE allows 90 days from purchase to test), before the exam date {day_text(exam)}: "
                               f"take the test by {day_text(ends)}, or buy it nearer the date.")
                else:
                    out.append(f"You bought {test} on {day_text(bought)}: the exam date is within its 90 days "
                               f"(take it by {day_text(ends)}).")
            again = career.retake_from.get(test)
            if again is not None and again > exam:  # a plan under way whose exam date was moved close
                out.append(f"{WARNING}ASE asks for 30 full days between two attempts of a test: your last {test} "
                           f"attempt allows the next from {day_text(again)}, after the exam date {day_text(exam)}. "
                           f"Move the exam to {day_text(again)} or later.")
            else:
                failed = max((d for t, d in career.failed if t == test), default=None)
                passed = max((r.passed_on for r in career.certifications if r.test == test), default=None)
                if failed is not None and (passed is None or failed > passed):
                    out.append(f"Your last {test} attempt, on {day_text(failed)}, is recorded as not passed; ASE "
                               f"allows the next from {day_text(next_attempt_from(failed, 30))} (30 full days "
                               f"later), so the exam date {day_text(exam)} is open.")
            for e in career.entry_level:
                if e.test == test and not e.left:
                    out.append(f"{WARNING}{e.words(career.today)}.")
            continue
        held = next((r for r in career.certifications if r.test == test and r.renewed_on is None), None)
        if held is None:
            continue
        target = add_years(held.expires_on, 1)
        head = (f"{test} expires {day_text(held.expires_on)}; eight right answers in a Renewal App subscription "
                f"year extend it to {day_text(target)}.")
        current = next((y for y in held.renewal if y.open_on(career.today)), None)
        if current is None:
            out.append(f"{head} No subscription year that is under way is recorded for {test}: record its start "
                       "and your credits on the Certifications page as the questions come.")
        else:
            out.append(f"{head} This year: {current.words(career.today)}.")
    return tuple(out)
