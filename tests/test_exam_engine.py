"""The exam engine without Qt and without sleeping: drawing, the clock, warnings, scoring."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from questions.exam import (
    ExamMode,
    NotEnoughQuestions,
    apportion,
    build_exam,
    mode_plan,
    score_exam,
    unavailable_reason,
)
from questions.exam_run import ExamRun
from tests.conftest import FakeClock, synthetic_bank


def test_full_length_draws_the_blueprint_proportions_plus_unscored(blueprints):
    bp = blueprints.get("A5")
    form = build_exam(bp, synthetic_bank(bp), ExamMode.FULL, seed=7)
    scored = Counter(i.area for i in form.items if i.scored)
    assert dict(scored) == {a.letter: a.scored_questions for a in bp.areas}
    assert sum(1 for i in form.items if not i.scored) == bp.unscored_questions == 10
    assert form.time_limit_seconds == 75 * 60
    assert len({i.question_id for i in form.items}) == len(form.items), "a question repeated"


def test_unscored_items_only_when_the_bank_has_spares(blueprints):
    bp = blueprints.get("A5")
    exact = synthetic_bank(bp, factor=1.0)[: 0]
    # exactly the scored counts: no spare questions, so no unscored items
    for a in bp.areas:
        exact += [q for q in synthetic_bank(bp, factor=1.0) if q.area == a.letter][: a.scored_questions]
    form = build_exam(bp, exact, ExamMode.FULL, seed=1)
    assert form.scored_count == 45 and len(form.items) == 45


def test_half_length_is_half_the_questions_and_time(blueprints):
    bp = blueprints.get("A5")
    form = build_exam(bp, synthetic_bank(bp), ExamMode.HALF, seed=3)
    assert form.scored_count == 23
    assert form.time_limit_seconds == 75 * 30
    assert sum(1 for i in form.items if not i.scored) == 5


def test_quick10_is_untimed_unless_asked(blueprints):
    bp = blueprints.get("A5")
    qs = synthetic_bank(bp)
    assert build_exam(bp, qs, ExamMode.QUICK10, seed=3).time_limit_seconds is None
    timed = build_exam(bp, qs, ExamMode.QUICK10, seed=3, timed_quick=True)
    assert timed.time_limit_seconds == 900 and len(timed.items) == 10
    assert all(i.scored for i in timed.items)


def test_same_seed_same_exam_other_seed_other_order(blueprints):
    bp = blueprints.get("A5")
    qs = synthetic_bank(bp)
    a = build_exam(bp, qs, ExamMode.FULL, seed=11)
    assert a == build_exam(bp, qs, ExamMode.FULL, seed=11)
    assert a.items != build_exam(bp, qs, ExamMode.FULL, seed=12).items


def test_too_few_questions_is_refused_with_the_reason(blueprints):
    bp = blueprints.get("A5")
    few = [q for q in synthetic_bank(bp) if q.area != "B"]
    with pytest.raises(NotEnoughQuestions, match="area B has 0 of 5"):
        build_exam(bp, few, ExamMode.FULL, seed=1)
    counts = Counter(q.area for q in few)
    assert "area B: 0 of 5" in unavailable_reason(bp, counts, ExamMode.FULL)
    assert unavailable_reason(bp, {}, ExamMode.QUICK10) == "no questions in the bank yet"
    untimed = replace(blueprints.get("A9"), time_minutes=None)  # a test whose time limit no source gives
    assert "time limit" in unavailable_reason(untimed, {"A": 30}, ExamMode.FULL)


def test_apportion_keeps_the_total_and_the_order_of_weights():
    parts = apportion(23, {"A": 19, "B": 5, "C": 11, "D": 10})
    assert sum(parts.values()) == 23
    assert parts["A"] >= parts["C"] >= parts["D"] >= parts["B"]


def test_mode_plan_rejects_tests_without_a_time_limit(blueprints):
    with pytest.raises(NotEnoughQuestions):
        mode_plan(replace(blueprints.get("A9"), time_minutes=None), ExamMode.FULL)


def _run(blueprints, clock, mode=ExamMode.FULL, **kw):
    bp = blueprints.get("A5")
    form = build_exam(bp, synthetic_bank(bp), mode, seed=5)
    run = ExamRun(form, clock, **kw)
    run.start()
    return run


def test_warnings_are_announced_once_each_and_time_runs_out(blueprints):
    clock = FakeClock()
    run = _run(blueprints, clock)
    seen = []
    for _ in range(75 * 60 * 5 + 10):  # 200 ms ticks over the whole 75 minutes
        clock.advance(0.2)
        ev = run.tick()
        seen += ev.warnings
        if ev.expired:
            break
    assert seen == [900, 300, 60]
    assert ev.expired and run.remaining() == 0
    assert run.time_used() == 75 * 60


def test_the_clock_stops_while_paused_and_resumes_from_the_saved_time(blueprints):
    clock = FakeClock()
    run = _run(blueprints, clock)
    clock.advance(600)
    run.pause()
    clock.advance(10_000)  # the app was closed: this time does not count
    assert run.time_used() == pytest.approx(600)
    resumed = ExamRun(run.form, clock, time_used=run.time_used(), states=run.states, position=run.position)
    resumed.start()
    clock.advance(30)
    assert resumed.remaining() == pytest.approx(75 * 60 - 630)


def test_resume_inside_the_warning_zone_does_not_repeat_passed_warnings(blueprints):
    clock = FakeClock()
    bp = blueprints.get("A5")
    form = build_exam(bp, synthetic_bank(bp), ExamMode.FULL, seed=5)
    run = ExamRun(form, clock, time_used=75 * 60 - 200)  # 3:20 left: 15 and 5 minute marks are past
    run.start()
    clock.advance(150)
    assert run.tick().warnings == [60]


def test_answers_flags_crossouts_and_time_per_question(blueprints):
    clock = FakeClock()
    run = _run(blueprints, clock)
    clock.advance(12)
    run.toggle_cross_out("B")
    run.answer("B")  # choosing a crossed-out choice un-crosses it
    assert run.state.crossed_out == frozenset()
    run.toggle_flag()
    run.next()
    clock.advance(5)
    run.previous()
    assert run.states[0].seconds == pytest.approx(12) and run.states[1].seconds == pytest.approx(5)
    assert run.flagged_positions() == [0] and run.answered_positions() == [0]
    run.finish()
    with pytest.raises(RuntimeError):
        run.answer("A")


def test_scoring_per_area_excludes_unscored_items(blueprints):
    bp = blueprints.get("A5")
    form = build_exam(bp, synthetic_bank(bp), ExamMode.FULL, seed=9)
    choices = ["A"] * len(form.items)
    # every scored item right, every unscored item wrong: still 100 %
    correct = [item.scored for item in form.items]
    score = score_exam(bp, form.items, choices, correct)
    assert score.total == 45 and score.correct == 45 and score.unscored_items == 10
    assert [a.area for a in score.areas] == ["A", "B", "C", "D"]
    assert score.areas[0].total == 19 and score.areas[0].real_test_share == pytest.approx(19 / 45)
    none = score_exam(bp, form.items, [None] * len(form.items), [False] * len(form.items))
    assert none.correct == 0 and none.areas[1].answered == 0
