"""Plans for every exam date a learner can have booked: six to eight weeks is the plan the app
recommends; from two weeks out a compressed plan says plainly what it cuts; past eight weeks the
plan starts lighter; ASE's 90 days from purchase and 30 days between attempts are in the advice;
and a recent full-length exam counts as the plan's diagnostic."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from questions.bank import QuestionBank
from questions.blueprints import load_blueprints
from questions.exam import ExamMode, build_exam
from study.analytics.standings import Analytics
from study.day_words import day_text
from study.exams import ExamService
from study.planning.planner import WEEKDAYS, PlanInputError, PlanRequest, build_plan, validate
from study.planning.plans import PlanService
from tests.conftest import synthetic_bank

TODAY = date(2026, 12, 1)  # a Tuesday
BP = load_blueprints()
EVENINGS = ("mon", "wed", "thu")


def a5(exam: date, **kw) -> PlanRequest:
    return PlanRequest(("A5",), EVENINGS, exam, **kw)


def purposes(plan, test="A5"):
    return [a.purpose for x in plan.sessions for a in x.activities if a.kind == "exam" and a.test == test]


def study_areas(plan):
    return {f.area for x in plan.sessions if x.kind == "study" for f in x.focus}


def test_three_weeks_out_a_compressed_plan_says_what_it_cuts():
    s = validate(a5(TODAY + timedelta(weeks=3)), BP, TODAY)
    stakes = {("A5", "A"): 0.0, ("A5", "B"): 3.0, ("A5", "C"): 5.0, ("A5", "D"): 2.0}  # A is at target already
    plan = build_plan(s, BP, stakes, seed=1)
    assert purposes(plan) == ["diagnostic", "final"]  # no mid-plan exam under four weeks
    assert "A" not in study_areas(plan) and {"B", "C", "D"} <= study_areas(plan)
    for x in plan.sessions:
        for reading, drill in zip(x.activities[0::2], x.activities[1::2], strict=False):
            if reading.kind == "reading" and drill.kind == "drill":
                assert reading.minutes <= 0.25 * (reading.minutes + drill.minutes)  # a fifth, not two fifths
    text = " ".join(plan.notes)
    assert "This plan is compressed: 3 weeks to the exam instead of the 6 to 8 weeks we recommend" in text
    assert "there is no mid-plan practice exam" in text and "a fifth of its time for reading" in text
    assert "areas where you already reach your target get no study evenings of their own" in text
    assert "move the exam to January 12, 2027 or later" in text and "90 days from buying a test" in text
    assert "again after 30 full days" in text


def test_five_weeks_out_the_compressed_plan_keeps_its_mid_plan_exam():
    plan = build_plan(validate(a5(TODAY + timedelta(weeks=5)), BP, TODAY), BP, None, seed=2)
    assert purposes(plan) == ["diagnostic", "mid-plan", "final"]
    assert "compressed" in plan.notes[0] and "no mid-plan" not in plan.notes[0]


def test_six_to_eight_weeks_is_the_plan_as_it_was():
    plan = build_plan(validate(a5(TODAY + timedelta(weeks=7)), BP, TODAY), BP, None, seed=2)
    assert purposes(plan) == ["diagnostic", "mid-plan", "final"]
    assert not any("compressed" in n or "lighter" in n for n in plan.notes)
    readings = [a for x in plan.sessions for a in x.activities if a.kind == "reading" and x.kind == "study"]
    assert all(a.minutes >= 10 for a in readings)


def test_twelve_weeks_out_the_plan_starts_lighter():
    exam = TODAY + timedelta(weeks=12)
    s = validate(a5(exam), BP, TODAY)
    plan = build_plan(s, BP, None, seed=3)
    full_from = exam - timedelta(weeks=8)
    early = [x for x in plan.sessions if x.day < full_from]
    late = [x for x in plan.sessions if x.day >= full_from]
    assert {WEEKDAYS[x.day.weekday()] for x in early} == {"mon", "thu"}  # one evening fewer
    assert {WEEKDAYS[x.day.weekday()] for x in late} == set(EVENINGS)
    assert all(x.minutes <= 60 for x in early if x.kind == "study")
    assert all(x.minutes == 90 for x in late if x.kind == "study")
    assert purposes(plan) == ["diagnostic", "mid-plan", "final"]
    assert plan.sessions[0].kind == "exam"
    assert f"the plan starts lighter: until {day_text(full_from)}, 2 evenings a week of 60 minutes" in plan.notes[0]
    assert not any("Do not buy" in n for n in plan.notes)  # 84 days: within ASE's 90


def test_an_exam_further_than_90_days_says_when_to_buy_the_test():
    exam = TODAY + timedelta(weeks=16)
    plan = build_plan(validate(a5(exam), BP, TODAY), BP, None, seed=3)
    assert any(f"buy it on or after {day_text(exam - timedelta(days=90))} for this date" in n for n in plan.notes)


@pytest.mark.parametrize("exam, says", [
    (TODAY + timedelta(days=13), "leaves 13 days: too little for a plan"),
    (TODAY + timedelta(weeks=27), "is more than 26 weeks away"),
])
def test_too_close_or_too_far_is_refused_with_what_to_do(exam, says):
    with pytest.raises(PlanInputError) as e:
        validate(a5(exam), BP, TODAY)
    assert says in str(e.value) and "90 days from buying a test" in str(e.value)


def test_two_weeks_out_is_the_shortest_plan():
    plan = build_plan(validate(a5(TODAY + timedelta(days=14)), BP, TODAY), BP, None, seed=4)
    assert purposes(plan) == ["diagnostic", "final"] and plan.sessions[-1].kind == "light"


def test_a_test_diagnosed_by_a_recent_exam_opens_with_study():
    s = validate(a5(TODAY + timedelta(weeks=7)), BP, TODAY)
    plan = build_plan(s, BP, None, seed=5, diagnosed=("A5",))
    assert plan.sessions[0].kind == "study" and purposes(plan) == ["mid-plan", "final"]
    assert any("recent full-length A5 practice exam counts as the diagnostic" in n for n in plan.notes)


class Now:
    def __init__(self, t: datetime) -> None:
        self.t = t

    def __call__(self) -> datetime:
        return self.t


@pytest.fixture
def world(db, blueprints, clock):
    bank = QuestionBank(tuple(synthetic_bank(blueprints.get("A5"))))
    now = Now(datetime(2026, 12, 1, 18, 0))
    exams = ExamService(db, bank, blueprints, clock=clock, now=now)
    plans = PlanService(db, blueprints, bank, Analytics(db, blueprints, now=now), exams.learner_id, now=now)
    exams.finished_listeners.append(plans.after_exam)
    return exams, plans, now, bank


def sit_full_exam(exams, blueprints, bank):
    active = exams.start(build_exam(blueprints.get("A5"), bank.for_test("A5"), ExamMode.FULL, seed=9))
    for i, item in enumerate(active.form.items):
        active.go(i)
        active.answer(bank.get(item.question_id).answer)
    return active.finish()


def test_a_full_length_exam_an_hour_ago_counts_as_the_plans_diagnostic(world, blueprints):
    exams, plans, now, bank = world
    now.t = datetime(2026, 12, 1, 17, 0)
    sit_full_exam(exams, blueprints, bank)
    now.t = datetime(2026, 12, 1, 18, 0)
    view = plans.create(PlanRequest(("A5",), ("tue", "thu", "sat"), date(2027, 1, 19)))
    assert view.sessions[0].day == date(2026, 12, 1) and view.sessions[0].kind == "study"
    assert not any(a.purpose == "diagnostic" for s in view.sessions for a in s.activities)
    assert any("counts as the diagnostic" in n for n in view.notes)


def test_a_full_length_exam_three_weeks_old_does_not(world, blueprints):
    exams, plans, now, bank = world
    now.t = datetime(2026, 11, 10, 19, 0)
    sit_full_exam(exams, blueprints, bank)
    now.t = datetime(2026, 12, 1, 18, 0)
    view = plans.create(PlanRequest(("A5",), ("tue", "thu", "sat"), date(2027, 1, 19)))
    assert view.sessions[0].kind == "exam" and view.sessions[0].activities[0].purpose == "diagnostic"
    assert not any("counts as the diagnostic" in n for n in view.notes)
