"""The plan builder, as pure functions: the calendar rules hold for many random valid inputs, time
follows points at stake, each area's topics come weakest first, and invalid input names the
nearest valid choice."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions.blueprints import load_blueprints
from study.planning.planner import (
    WEEKDAYS,
    PlanInputError,
    PlanRequest,
    build_plan,
    session_uid,
    topics_weakest_first,
    validate,
)

TODAY = date(2026, 12, 1)  # a Tuesday
BLUEPRINTS = load_blueprints()
TIMED = ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "G1"]


def touched_gaps(plan, blueprints):
    """Longest stretch (days) each area goes untouched, counted from the start to the exam."""
    s = plan.settings
    out = {}
    for code in s.tests:
        for a in blueprints.get(code).areas:
            k = (code, a.letter)
            days = [x.day for x in plan.sessions if any((f.test, f.area) == k for f in x.focus)]
            marks = [s.start_date - timedelta(days=1), *days, s.exam_date]
            out[k] = max((b - a_).days for a_, b in zip(marks, marks[1:], strict=False))
    return out


def minutes_by_area(plan):
    out = {}
    for x in plan.sessions:
        for a in x.activities:
            if a.kind in ("reading", "drill"):
                out[(a.test, a.area)] = out.get((a.test, a.area), 0) + a.minutes
    return out


plan_inputs = st.fixed_dictionaries({
    "tests": st.lists(st.sampled_from(TIMED), min_size=1, max_size=2, unique=True),
    "evenings": st.lists(st.sampled_from(WEEKDAYS), min_size=3, max_size=4, unique=True),
    "days": st.integers(6 * 7, 8 * 7),
    "offset": st.integers(0, 400),
    "minutes": st.integers(60, 180),
    "start": st.sampled_from(["06:30", "17:00", "19:00", "20:15", "21:00"]),
    "weak": st.one_of(st.none(), st.dictionaries(st.sampled_from("ABCDEFG"), st.floats(0, 12), max_size=4)),
    "seed": st.integers(0, 1000),
    "topic_seed": st.one_of(st.none(), st.integers(0, 1000)),  # None: no topic results (a new learner)
})


def shuffled_topics(settings, blueprints, seed):
    """A study order per area: the blueprint's topics shuffled, some left out, plus a stray name."""
    rng = random.Random(seed)
    out = {}
    for t in settings.tests:
        for a in blueprints.get(t).areas:
            order = rng.sample(list(a.topics), rng.randint(0, len(a.topics)))
            out[(t, a.letter)] = [*order, "not a blueprint topic"] if rng.random() < 0.3 else order
    return out


def area_sessions(plan, key):
    """The study and light sessions on one area, in date order, with the topics each names."""
    return [f.topics for x in plan.sessions if x.kind != "exam" for f in x.focus if f.key == key]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan_inputs)
def test_every_valid_plan_keeps_the_calendar_rules(p):
    blueprints = BLUEPRINTS
    today = TODAY + timedelta(days=p["offset"])
    req = PlanRequest(tuple(p["tests"]), tuple(p["evenings"]), today + timedelta(days=p["days"]),
                      minutes=p["minutes"], start_time=p["start"])
    s = validate(req, blueprints, today)
    stakes = None if p["weak"] is None else {
        (t, a.letter): p["weak"].get(a.letter, 0.5) for t in s.tests for a in blueprints.get(t).areas}
    topics = None if p["topic_seed"] is None else shuffled_topics(s, blueprints, p["topic_seed"])
    try:
        plan = build_plan(s, blueprints, stakes, seed=p["seed"], topics=topics)
    except PlanInputError as e:  # too many areas for the evenings (rare): it says what would do
        assert "Choose at least" in str(e) or "Choose 4 evenings" in str(e), str(e)
        return
    sessions = plan.sessions

    assert 6 * 7 <= (s.exam_date - s.start_date).days <= 8 * 7
    # on the chosen evenings only, between the start and the day before the exam
    assert all(x.day.weekday() in [WEEKDAYS.index(e) for e in p["evenings"]] for x in sessions)
    assert all(s.start_date <= x.day < s.exam_date for x in sessions)
    assert len({x.day for x in sessions}) == len(sessions)
    # 3 or 4 evenings in every full week of the plan
    for w in range(s.days // 7):
        lo = s.start_date + timedelta(weeks=w)
        assert sum(lo <= x.day < lo + timedelta(days=7) for x in sessions) == len(p["evenings"])
    # each session fits its minutes, which fit the evening
    for x in sessions:
        assert sum(a.minutes for a in x.activities) <= x.minutes <= p["minutes"]
        assert all(a.minutes > 0 for a in x.activities)
        assert len(x.touches) == len(x.focus)  # no area twice in one session
    # every area covered, and touched at least once every two weeks
    gaps = touched_gaps(plan, blueprints)
    assert set(gaps) == {(t, a.letter) for t in s.tests for a in blueprints.get(t).areas}
    assert max(gaps.values()) <= 14, gaps
    # practice exams: diagnostic first, one at mid-plan, one in the last week; the last evening is light
    assert sessions[0].kind == "exam" and sessions[-1].kind == "light"
    for t in s.tests:
        exams = [x for x in sessions if any(a.kind == "exam" and a.test == t for a in x.activities)]
        purposes = [a.purpose for x in exams for a in x.activities if a.kind == "exam"]
        assert purposes == ["diagnostic", "mid-plan", "final"]
        assert exams[-1].day >= s.exam_date - timedelta(days=7)
        assert s.start_date + timedelta(days=s.days // 3) <= exams[1].day <= s.exam_date - timedelta(days=s.days // 4)
    # interleaved: no area is the whole focus of three study sessions running
    study = [x for x in sessions if x.kind == "study"]
    for a, b, c in zip(study, study[1:], study[2:], strict=False):
        assert len(a.touches | b.touches | c.touches) >= 2
    # time follows points at stake: an area with twice the weight never gets less time (one block's slack)
    minutes = minutes_by_area(plan)
    block = max(a.minutes for x in study for a in x.activities if a.kind == "drill") * 2
    for ka, wa in plan.weights.items():
        for kb, wb in plan.weights.items():
            if wa >= 2 * wb:
                assert minutes.get(ka, 0) >= minutes.get(kb, 0) - block, (ka, kb, minutes, plan.weights)
    # the most at stake gets the most time, within one block: where coverage takes nearly every slot
    # (twelve areas on three one-hour evenings) a practice exam's touch can leave it a block short
    top = max(plan.weights, key=plan.weights.__getitem__)
    assert minutes[top] >= max(minutes.values()) - block or \
        plan.weights[top] < 1.2 * sorted(plan.weights.values())[-2], (top, minutes, plan.weights)
    # topics: two of the area's own (each once) per study session, and every topic of an area named
    # before any is named twice; the topic order changes nothing else
    for t in s.tests:
        for a in blueprints.get(t).areas:
            named = [tp for tops in area_sessions(plan, (t, a.letter)) for tp in tops]
            assert all(len(set(x)) == len(x) == min(2, len(a.topics))
                       for x in area_sessions(plan, (t, a.letter)))
            assert set(named) <= set(a.topics)
            first_round = named[:len(a.topics)]
            assert len(set(first_round)) == len(first_round), (a.topics, named)
    if topics is not None:
        def shape(p_):
            return [(x.day, x.touches, [(a.kind, a.area, a.minutes) for a in x.activities]) for x in p_.sessions]

        assert shape(build_plan(s, blueprints, stakes, seed=p["seed"])) == shape(plan)
    # the same inputs and seed give the same plan
    assert build_plan(s, blueprints, stakes, seed=p["seed"], topics=topics).sessions == sessions


def test_a5_plan_gives_the_big_area_the_most_time_and_shares_close_to_the_blueprint(blueprints):
    s = validate(PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 1, 26)), blueprints, TODAY)
    plan = build_plan(s, blueprints, None, seed=3)
    minutes = minutes_by_area(plan)
    total = sum(minutes.values())
    share = {k[1]: v / total for k, v in minutes.items()}
    # A5 blueprint: A 19, B 5, C 11, D 10 scored questions
    assert share["A"] == pytest.approx(19 / 45, abs=0.06)
    assert share["C"] == pytest.approx(11 / 45, abs=0.06)
    assert share["B"] == pytest.approx(5 / 45, abs=0.06)
    assert share["A"] > share["C"] > share["B"]


def test_a_weak_area_gets_more_time_than_the_blueprint_alone_gives_it(blueprints):
    s = validate(PlanRequest(("A5",), ("tue", "thu", "sat"), date(2027, 1, 20)), blueprints, TODAY)
    plain = minutes_by_area(build_plan(s, blueprints, None, seed=1))
    stakes = {("A5", "A"): 0.5, ("A5", "B"): 3.0, ("A5", "C"): 0.5, ("A5", "D"): 0.5}
    weak_b = minutes_by_area(build_plan(s, blueprints, stakes, seed=1))
    assert weak_b[("A5", "B")] > 2 * plain[("A5", "B")]


def test_the_evening_before_the_exam_is_the_light_review(blueprints):
    s = validate(PlanRequest(("A4",), ("mon", "wed", "fri"), date(2027, 1, 23)), blueprints, TODAY)  # a Saturday
    plan = build_plan(s, blueprints, None, seed=0)
    last = plan.sessions[-1]
    assert last.day == date(2027, 1, 22) and last.kind == "light"
    assert last.minutes < s.minutes and all(a.kind != "drill" for a in last.activities)


def test_short_evenings_get_half_length_exams_and_say_so(blueprints):
    s = validate(PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 1, 26), minutes=60), blueprints, TODAY)
    plan = build_plan(s, blueprints, None, seed=0)
    exams = [a for x in plan.sessions for a in x.activities if a.kind == "exam"]
    assert {a.mode for a in exams} == {"half"} and all(a.minutes == 38 for a in exams)
    assert any("half-length" in n for n in plan.notes)


def test_recertification_plan_uses_the_shorter_test(blueprints):
    s = validate(PlanRequest(("A1",), ("mon", "wed", "thu"), date(2027, 1, 26), recert=True), blueprints, TODAY)
    plan = build_plan(s, blueprints, None, seed=0)
    exams = [a for x in plan.sessions for a in x.activities if a.kind == "exam"]
    assert {(a.mode, a.questions, a.minutes) for a in exams} == {("recert", 25, 30)}
    drill = next(a for x in plan.sessions for a in x.activities if a.kind == "drill")
    assert drill.seconds_per_question == pytest.approx(72.0)  # 30 minutes for 25 questions
    assert any("25 questions in 30 minutes" in n for n in plan.notes)


def test_recertification_without_figures_says_so_plainly(blueprints):
    with pytest.raises(PlanInputError) as e:
        validate(PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 1, 26), recert=True), blueprints, TODAY)
    assert "no length and time for the A5 recertification test" in str(e.value)
    assert "plan for the full A5 test instead" in str(e.value)


@pytest.mark.parametrize("request_, expected", [
    (PlanRequest(("A5",), ("mon", "wed", "thu"), date(2026, 12, 11)),
     "The exam date 2026-12-11 leaves 10 days: too little for a plan, which needs at least two weeks. Until then, "
     "take a full-length simulation and Quick 10s on your weakest areas. If you can move the date, ASE gives you 90 "
     "days from buying a test to take it: 2027-01-12 to 2027-01-26 gives the 6 to 8 weeks we recommend."),
    (PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 7, 1)),
     "The exam date 2027-07-01 is more than 26 weeks away; start the plan nearer the date (on 2027-05-06 or later "
     "for the recommended 8 weeks). ASE gives you 90 days from buying a test to take it, so buy it on or after "
     "2027-04-02."),
    (PlanRequest(("A5",), ("mon", "wed", "thu"), date(2026, 11, 2)),
     "The exam date 2026-11-02 is in the past; choose a later date (2027-01-12 to 2027-01-26 gives the 6 to 8 "
     "weeks we recommend)."),
    (PlanRequest(("A5",), ("mon", "wed"), date(2027, 1, 19)),
     "2 evenings a week are too few; choose 3 or 4 (for example mon,wed,fri)."),
    (PlanRequest(("A5",), ("mon", "tue", "wed", "thu", "fri"), date(2027, 1, 19)),
     "5 evenings a week are more than the plan uses; choose 3 or 4 (for example mon,tue,wed,fri)."),
    (PlanRequest(("A5",), ("mon", "wed", "funday"), date(2027, 1, 19)),
     "'funday' is not an evening; use mon, tue, wed, thu, fri, sat or sun."),
    (PlanRequest(("A55",), ("mon", "wed", "thu"), date(2027, 1, 19)), "There is no ASE test A55; did you mean A5"),
    (PlanRequest(("X1",), ("mon", "wed", "thu"), date(2027, 1, 19)), "X1 Exhaust Systems has no published content areas"),
    (PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 1, 19), minutes=20),
     "20 minutes an evening is too short; choose 45 to 180 minutes (nearest: 45)."),
    (PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 1, 19), minutes=300),
     "300 minutes an evening is too long; choose 45 to 180 minutes (nearest: 180)."),
    (PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 1, 19), start_time="23:30"),
     "A 90-minute session starting at 23:30 would end after midnight; start at 22:30 or earlier."),
    (PlanRequest(("A5",), ("mon", "wed", "thu"), start_date=date(2026, 12, 7), weeks=1),
     "1 weeks is outside the 2 to 26 a plan can take; 6 to 8 weeks is what we recommend (nearest: 2)."),
    (PlanRequest(("L1",), ("mon", "wed", "thu"), date(2027, 1, 19), minutes=60),
     "Even a half-length L1 practice exam takes 75 minutes; choose at least 75 minutes an evening."),
    (PlanRequest((), ("mon", "wed", "thu"), date(2027, 1, 19)), "Choose at least one test"),
])
def test_invalid_input_names_the_nearest_valid_choice(blueprints, request_, expected):
    with pytest.raises(PlanInputError) as e:
        validate(request_, blueprints, TODAY)
    assert any(p.startswith(expected) for p in e.value.problems), e.value.problems


def test_a_start_date_and_weeks_set_the_exam_date(blueprints):
    s = validate(PlanRequest(("A5",), ("Monday", "wed", "THU"), start_date=date(2026, 12, 7), weeks=7),
                 blueprints, TODAY)
    assert s.exam_date == date(2027, 1, 25) and s.evenings == ("mon", "wed", "thu")


def test_too_many_areas_for_short_evenings_suggests_more_minutes(blueprints):
    s = validate(PlanRequest(("G1", "A5"), ("tue", "thu", "sat"), date(2027, 1, 16), minutes=45), blueprints, TODAY)
    with pytest.raises(PlanInputError) as e:
        build_plan(s, blueprints, None, seed=0)
    msg = str(e.value)
    assert "11 content areas" in msg and "Choose at least" in msg
    minutes = int(msg.split("Choose at least ")[1].split()[0])
    build_plan(validate(PlanRequest(("G1", "A5"), ("tue", "thu", "sat"), date(2027, 1, 16), minutes=minutes),
                        blueprints, TODAY), blueprints, None, seed=0)  # the suggestion works


def test_session_uids_are_stable_per_plan_and_date():
    assert session_uid(3, date(2027, 1, 4)) == session_uid(3, date(2027, 1, 4))
    assert session_uid(3, date(2027, 1, 4)) != session_uid(4, date(2027, 1, 4))


# ----------------------------------------------------------------------------- topics, weakest first

A5_A = ("brake pull and pedal diagnosis", "master cylinder", "lines hoses and valves", "bleeding and fluid",
        "power brake boosters", "parking brakes", "warning lamps and switches")


def a5_settings(blueprints):
    return validate(PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 1, 26)), blueprints, TODAY)


def test_topics_below_target_come_first_then_unseen_in_blueprint_order_then_those_at_target():
    estimates = {"master cylinder": 0.80, "parking brakes": 0.40, "bleeding and fluid": 0.62,
                 "warning lamps and switches": 0.75, "a topic from an imported question": 0.10}
    order = topics_weakest_first(A5_A, estimates, target=0.75)
    assert order == ("parking brakes", "bleeding and fluid",  # weak, lowest first
                     "brake pull and pedal diagnosis", "lines hoses and valves", "power brake boosters",  # unseen
                     "warning lamps and switches", "master cylinder")  # at or above 75 %, lowest first
    assert topics_weakest_first(A5_A, {}, target=0.75) == A5_A  # no results: the blueprint's order


def test_a_weak_topic_is_named_in_the_first_session_on_its_area(blueprints):
    s = a5_settings(blueprints)
    order = topics_weakest_first(A5_A, {"parking brakes": 0.35, "master cylinder": 0.9}, 0.75)
    plan = build_plan(s, blueprints, None, seed=3, topics={("A5", "A"): order})
    first = next(x for x in plan.sessions if x.kind == "study" and ("A5", "A") in x.touches)
    focus = next(f for f in first.focus if f.key == ("A5", "A"))
    assert focus.topics == ("parking brakes", "brake pull and pedal diagnosis")
    reading = next(a for a in first.activities if a.kind == "reading" and a.area == "A")
    assert reading.text.endswith("(parking brakes, brake pull and pedal diagnosis)")
    # the calendar is the one the new learner gets; only the topics named differ
    plain = build_plan(s, blueprints, None, seed=3)
    assert [x.touches for x in plain.sessions] == [x.touches for x in plan.sessions]


def test_a_new_learner_walks_the_blueprints_topics_two_at_a_time(blueprints):
    s = a5_settings(blueprints)
    plan = build_plan(s, blueprints, None, seed=3)
    assert build_plan(s, blueprints, None, seed=3, topics={}).sessions == plan.sessions
    assert build_plan(s, blueprints, None, seed=3,
                      topics={("A5", a.letter): a.topics for a in blueprints.get("A5").areas}).sessions == plan.sessions
    named = area_sessions(plan, ("A5", "A"))
    assert named[:4] == [A5_A[0:2], A5_A[2:4], A5_A[4:6], (A5_A[6], A5_A[0])]  # wraps around
    b = blueprints.get("A5").area("B").topics
    assert area_sessions(plan, ("A5", "B"))[:2] == [b[0:2], b[2:4]]


def test_a_topic_at_target_is_studied_after_the_weak_and_the_unseen_ones(blueprints):
    s = a5_settings(blueprints)
    # the first topic in the blueprint is already at target; one other is weak
    order = topics_weakest_first(A5_A, {A5_A[0]: 0.88, "power brake boosters": 0.5}, 0.75)
    plan = build_plan(s, blueprints, None, seed=3, topics={("A5", "A"): order})
    named = [t for tops in area_sessions(plan, ("A5", "A")) for t in tops]
    assert named[0] == "power brake boosters"
    assert named.index(A5_A[0]) == len(A5_A) - 1  # after every other topic of the area
    assert set(named[:len(A5_A) - 1]) == set(A5_A) - {A5_A[0]}
