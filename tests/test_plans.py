"""Stored study plans against a real migrated SQLite database: creating, marking sessions,
re-planning after exams, each area's weakest topics first, the spaced-review queue, starting a
session's drill or exam, and the `plan` command."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from questions.bank import QuestionBank
from study.analytics.standings import Analytics
from study.exams import ExamService
from study.planning.planner import PlanInputError, PlanRequest, build_plan, validate
from study.planning.plans import PlanService
from study.storage.records import PLAN
from tests.conftest import make_question, synthetic_bank


class Now:
    def __init__(self, t: datetime) -> None:
        self.t = t

    def __call__(self) -> datetime:
        return self.t


START = datetime(2026, 12, 1, 18, 0)  # a Tuesday evening


@pytest.fixture
def world(db, blueprints, clock):
    bank = QuestionBank(tuple(synthetic_bank(blueprints.get("A5")) + synthetic_bank(blueprints.get("A1"))))
    now = Now(START)
    exams = ExamService(db, bank, blueprints, clock=clock, now=now)
    plans = PlanService(db, blueprints, bank, Analytics(db, blueprints, now=now), exams.learner_id, now=now)
    exams.finished_listeners.append(plans.after_exam)
    return exams, plans, now, bank


def take(exams, start, right=lambda item: True):
    """Sit an exam: answer each question right or wrong as `right(item)` says, then finish."""
    active = exams.start(start.form, start.title, start.source)
    for i, item in enumerate(start.form.items):
        active.go(i)
        q = exams.bank.get(item.question_id)
        active.answer(q.answer if right(item) else next(c for c in "ABCD" if c != q.answer))
    return active.finish()


def a5_request(**kw):
    base = dict(tests=("A5",), evenings=("tue", "thu", "sat"), exam_date=date(2027, 1, 19))
    base.update(kw)
    return PlanRequest(**base)


def minutes_for(sessions, area, after):
    return sum(a.minutes for s in sessions if s.day > after for a in s.activities
               if a.kind in ("reading", "drill") and a.area == area)


def test_a_plan_is_saved_as_the_active_one_and_invalid_input_saves_nothing(world, db):
    _, plans, _, _ = world
    with pytest.raises(PlanInputError):
        plans.create(a5_request(exam_date=date(2026, 12, 10)))  # nine days: too close for any plan
    with db.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(PLAN)).scalar_one() == 0
    assert plans.active() is None

    view = plans.create(a5_request())
    assert plans.active() == view
    assert view.sessions[0].day == date(2026, 12, 1) and view.sessions[-1].day == date(2027, 1, 16)
    assert len({s.uid for s in view.sessions}) == len(view.sessions)
    second = plans.create(a5_request(evenings=("mon", "wed", "fri")))
    assert plans.active().id == second.id != view.id
    assert plans.plan(view.id) is not None  # the old plan is kept, no longer active


def test_a_poor_exam_in_one_area_moves_time_toward_it_and_the_past_keeps_its_record(world):
    exams, plans, now, _ = world
    view = plans.create(a5_request())
    first = view.sessions[0]
    assert first.kind == "exam"
    now.t = START + timedelta(days=2)  # Thursday: the second session is today
    plans.mark(view.sessions[1].id, "skipped")
    before = plans.active()
    today = now.t.date()
    # the diagnostic, taken late: right everywhere except area C
    take(exams, plans.start_form(first, 0, seed=7), right=lambda item: item.area != "C")
    after = plans.active()
    assert minutes_for(after.sessions, "C", today) > minutes_for(before.sessions, "C", today)
    assert minutes_for(after.sessions, "A", today) < minutes_for(before.sessions, "A", today)
    old = {s.day: s for s in before.sessions}
    new = {s.day: s for s in after.sessions}
    # past sessions keep their record; the diagnostic is done with its score
    assert new[first.day].status == "done" and new[first.day].score is not None and new[first.day].score < 80
    assert new[view.sessions[1].day].status == "skipped" and new[view.sessions[1].day].done_at == START + timedelta(days=2)
    assert new[view.sessions[1].day].focus == old[view.sessions[1].day].focus
    assert [s.uid for s in after.sessions] == [s.uid for s in before.sessions]  # same dates, same UIDs
    assert after.progress(today).behind == 1 and "Behind by 1 session" in after.progress(today).text


def test_missed_questions_enter_the_review_queue_and_come_due(world):
    exams, plans, now, _ = world
    view = plans.create(a5_request())
    study = next(s for s in view.sessions if s.kind == "study")
    now.t = datetime.combine(study.day, datetime.min.time()) + timedelta(hours=19)
    drill_index = next(i for i, a in enumerate(study.activities) if a.kind == "drill")
    start = plans.start_form(study, drill_index, seed=3)
    wrong = {i.question_id for i in start.form.items[:4]}
    take(exams, start, right=lambda item: item.question_id not in wrong)
    assert plans.queue_size() == 4  # right answers to questions not in the queue add nothing
    assert plans.due(study.day) == []  # rated Again: due the next day
    nxt = study.day + timedelta(days=1)
    assert {c.question_id for c in plans.due(nxt)} == wrong

    now.t += timedelta(days=2)
    later = plans.active().next_from(now.t.date())
    review_index = next(i for i, a in enumerate(later.activities) if a.kind == "review")
    review = plans.start_form(later, review_index, seed=1)
    assert {i.question_id for i in review.form.items} == wrong and review.form.mode.gives_feedback
    take(exams, review)  # all right now: rated Good, due again days later
    assert plans.due(now.t.date() + timedelta(days=1)) == []
    assert plans.queue_size() == 4


def test_a_session_is_done_when_its_drills_are_finished(world):
    exams, plans, now, _ = world
    view = plans.create(a5_request())
    study = next(s for s in view.sessions if s.kind == "study")
    now.t = datetime.combine(study.day, datetime.min.time()) + timedelta(hours=19)
    drills = [i for i, a in enumerate(study.activities) if a.kind == "drill"]
    assert len(drills) >= 2
    for n, i in enumerate(drills):
        start = plans.start_form(study, i, seed=n)
        act = study.activities[i]
        assert len(start.form.items) == act.questions and {x.area for x in start.form.items} == {act.area}
        assert start.form.time_limit_seconds == round(act.questions * act.seconds_per_question)
        take(exams, start, right=lambda item, first=(n == 0): first)
        rec = plans.active().on(study.day)
        assert rec.status == ("done" if n == len(drills) - 1 else "planned")
    assert plans.activity_scores(study.uid) == {drills[0]: 100.0, **{i: 0.0 for i in drills[1:]}}
    assert rec.score == pytest.approx(100.0 / len(drills))


def test_exam_evenings_start_the_real_tests_shape(world, blueprints):
    _, plans, _, _ = world
    view = plans.create(a5_request())
    exam = plans.start_form(view.sessions[0], 0, seed=2)
    assert exam.form.scored_count == 45 and exam.form.time_limit_seconds == 75 * 60
    recert = plans.create(PlanRequest(("A1",), ("tue", "thu", "sat"), date(2027, 1, 19), recert=True))
    form = plans.start_form(recert.sessions[0], 0, seed=2).form
    assert len(form.items) == 25 and form.time_limit_seconds == 30 * 60
    shares = {a.letter: a.scored_questions for a in blueprints.get("A1").areas}
    assert sum(1 for i in form.items if i.area == "A") == round(25 * shares["A"] / 45)
    with pytest.raises(ValueError, match="textbook"):
        plans.start_form(recert.sessions[2], 0)  # reading is not started in the app


def test_changing_the_evenings_keeps_the_past_and_cancels_dropped_sessions(world):
    _, plans, now, _ = world
    view = plans.create(a5_request())
    now.t = START + timedelta(days=7)
    plans.mark(view.sessions[0].id, "done", 70.0)
    changed = plans.change(view.id, a5_request(evenings=("mon", "wed", "fri", "sat")))
    today = now.t.date()
    assert changed.settings.start_date == START.date()
    past = [s for s in changed.sessions if s.day < today]
    assert [s.day for s in past] == [s.day for s in view.sessions if s.day < today]
    assert past[0].status == "done" and past[0].score == 70.0
    future = [s for s in changed.sessions if s.day >= today]
    assert {s.day.strftime("%a") for s in future} == {"Mon", "Wed", "Fri", "Sat"}
    dropped = {s.day for s in view.sessions if s.day >= today and s.day.weekday() in (1, 3)}
    assert {s.day for s in changed.cancelled} == dropped
    # a Saturday on both calendars keeps its UID
    sat = next(s for s in view.sessions if s.day >= today and s.day.weekday() == 5)
    assert changed.on(sat.day).uid == sat.uid
    with pytest.raises(PlanInputError):
        plans.change(view.id, a5_request(evenings=("mon",)))
    assert plans.active() == changed


def test_plan_command_saves_the_active_plan_and_prints_json(tmp_path, capsys):
    from main import main

    exam = date.today() + timedelta(weeks=7)
    args = ["--data-dir", str(tmp_path), "plan", "--test", "A5", "--test", "A4", "--exam-date", exam.isoformat(),
            "--evenings", "mon,wed,thu", "--minutes", "90", "--json", "--ics", str(tmp_path / "plan.ics")]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    s = out["sessions"][0]
    assert {"date", "start", "minutes", "focus", "activities"} <= set(s)
    assert s["start"] == "19:00" and s["activities"][0]["kind"] in ("reading", "drill", "review", "exam")
    assert {f["test"] for x in out["sessions"] for f in x["focus"]} == {"A4", "A5"}
    assert all(date.fromisoformat(x["date"]) < exam for x in out["sessions"])
    assert (tmp_path / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    # saved: the command without --test prints the same plan
    assert main(["--data-dir", str(tmp_path), "plan", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == out["sessions"]

    bad = ["--data-dir", str(tmp_path), "plan", "--test", "A5", "--exam-date", (date.today() + timedelta(days=10)).isoformat(),
           "--evenings", "mon,wed"]
    assert main(bad) == 2
    err = capsys.readouterr().err
    assert "leaves 10 days: too little for a plan" in err and "choose 3 or 4 (for example mon,wed,fri)" in err


def test_questions_missed_before_the_plan_are_queued_for_review(world):
    exams, plans, now, bank = world
    from questions.exam import ExamMode, build_custom

    ids = [q.id for q in bank.for_area("A5", "B")[:6]]
    form = build_custom("A5", ExamMode.DRILL, ids, {i: "B" for i in ids}, 1, None)
    exams.finished_listeners.clear()  # an exam from before there was a plan or a queue
    active = exams.start(form, "old drill")
    for i, item in enumerate(form.items):
        active.go(i)
        q = bank.get(item.question_id)
        active.answer(q.answer if i % 2 else next(c for c in "ABCD" if c != q.answer))
    active.finish()
    missed = {form.items[i].question_id for i in range(0, 6, 2)}
    assert plans.queue_size() == 0
    now.t = START + timedelta(days=1)
    plans.create(a5_request(exam_date=date(2027, 1, 20)))
    assert {c.question_id for c in plans.due(now.t.date())} == missed


# ----------------------------------------------------------------------------- weakest topics first


@pytest.fixture
def topic_world(db, blueprints, clock):
    """A5 with eight questions on every topic of every area, and a few on a topic the blueprint
    does not list (as an imported question might carry)."""
    questions = []
    for a in blueprints.get("A5").areas:
        for j, topic in enumerate(a.topics):
            questions += [make_question("A5", a.letter, 100 * j + n, "ABCD"[n % 4], topic) for n in range(8)]
        questions += [make_question("A5", a.letter, 900 + n, "A", "my own notes") for n in range(8)]
    bank = QuestionBank(tuple(questions))
    now = Now(START)
    exams = ExamService(db, bank, blueprints, clock=clock, now=now)
    plans = PlanService(db, blueprints, bank, Analytics(db, blueprints, now=now), exams.learner_id, now=now)
    exams.finished_listeners.append(plans.after_exam)
    return exams, plans, now, bank


def drill_on(exams, bank, area, topics, right, per_topic=8):
    """A drill on `per_topic` questions of each of `topics` in `area`, each answered right or wrong
    as `right(topic)` says."""
    from questions.exam import ExamMode, build_custom

    qs = [q for t in sorted(topics) for q in [q for q in bank.for_area("A5", area) if q.topic == t][:per_topic]]
    form = build_custom("A5", ExamMode.DRILL, [q.id for q in qs], {q.id: area for q in qs}, 1, None)
    active = exams.start(form, "drill")
    for i, item in enumerate(form.items):
        active.go(i)
        q = bank.get(item.question_id)
        active.answer(q.answer if right(q.topic) else next(c for c in "ABCD" if c != q.answer))
    return active.finish()


def first_topics(view, area):
    """The topics named by the first study session on an area still to come."""
    return next(f.topics for s in view.sessions if s.kind == "study" and s.status == "planned"
                for f in s.focus if f.area == area)


def test_a_learner_weak_in_one_topic_studies_it_first_in_that_area(topic_world, blueprints):
    exams, plans, now, bank = topic_world
    c = blueprints.get("A5").area("C").topics  # calipers and slides, pads and wear, rotor inspection, ...
    exams.finished_listeners.clear()  # answers from before the plan
    drill_on(exams, bank, "C", set(c) | {"my own notes"}, right=lambda t: t not in ("rotor inspection", "my own notes"))
    drill_on(exams, bank, "D", {"regenerative braking"}, right=lambda t: False, per_topic=4)  # too few to judge
    view = plans.create(a5_request())
    assert first_topics(view, "C")[0] == "rotor inspection"
    order = plans.topic_orders(("A5",))
    assert order[("A5", "C")] == ("rotor inspection", "calipers and slides", "pads and wear",
                                  "rotor refinishing and installation")
    assert "my own notes" not in order[("A5", "C")]  # not a blueprint topic: ignored, though missed
    assert order[("A5", "A")] == blueprints.get("A5").area("A").topics  # no answers there: blueprint order
    assert order[("A5", "D")] == blueprints.get("A5").area("D").topics  # 4 answers are not enough data
    # what the learner reads on the Study plan page and in the calendar
    from study.planning.export import focus_text

    first = next(s for s in view.sessions if s.kind == "study" and any(f.area == "C" for f in s.focus))
    assert "(rotor inspection, " in focus_text(first.focus, first.kind)
    assert any(a.area == "C" and "(rotor inspection, " in a.text for a in first.activities if a.kind == "reading")


def test_a_new_learner_gets_the_blueprints_topic_order(topic_world, blueprints):
    _, plans, _, _ = topic_world
    view = plans.create(a5_request())
    bp = blueprints.get("A5")
    for a in bp.areas:
        assert first_topics(view, a.letter) == a.topics[:2]
    # exactly the plan today's rotation gives
    settings = validate(a5_request(), blueprints, START.date())
    plain = build_plan(settings, blueprints, plans.stakes(("A5",)), seed=view.id)
    assert [s.planned.as_json() for s in view.sessions] == [s.as_json() for s in plain.sessions]


def test_a_topic_at_target_comes_after_weak_and_unseen_ones_and_replanning_follows_new_results(topic_world,
                                                                                             blueprints):
    exams, plans, now, bank = topic_world
    c = blueprints.get("A5").area("C").topics
    view = plans.create(a5_request())
    assert first_topics(view, "C") == c[:2]  # nothing answered yet
    now.t = START + timedelta(days=1)
    # after the plan is made: calipers and slides all right (at target), pads and wear all wrong
    drill_on(exams, bank, "C", {"calipers and slides", "pads and wear"}, right=lambda t: t == "calipers and slides")
    assert plans.topic_orders(("A5",))[("A5", "C")] == ("pads and wear", "rotor inspection",
                                                        "rotor refinishing and installation", "calipers and slides")
    after = plans.active()  # re-planned by the finished drill
    ahead = [f.topics for s in after.sessions if s.day >= now.t.date() and s.kind == "study"
             for f in s.focus if f.area == "C"]
    assert ahead[0] == ("pads and wear", "rotor inspection")
    assert ahead[1] == ("rotor refinishing and installation", "calipers and slides")
    past = [s for s in after.sessions if s.day < now.t.date()]
    assert [s.focus for s in past] == [s.focus for s in view.sessions if s.day < now.t.date()]
