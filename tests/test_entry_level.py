"""ASE Entry-Level tests: each draws the entry-level-tagged questions of the test it mirrors, in its
own length and time, in every mode; its answers count for it (results, standing, missed questions,
drills, the review queue); an instructor can build a set for it; the bank gate and `bank stats`
know it. And the blueprint file's new figures: assumptions told apart from unverified figures."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import datetime

import pytest

from main import main
from questions.bank import QuestionBank, load_bank
from questions.blueprints import ASSUMED, UNVERIFIED, VERIFIED, flag
from questions.entry_level import entry_level_problems
from questions.exam import ExamMode, build_custom, build_exam, drill_form, unavailable_reason
from study.analytics.progress import ProgressService
from study.analytics.standings import Analytics
from study.classroom.sets import SetBuildError, build_set, load_set, save_set
from study.exams import ExamService
from tests.conftest import synthetic_bank

ENTRY_TESTS = ("EA1", "EA2", "EA3", "EA4", "EA5", "EA6", "EA7", "EA8", "EG1")


def tagged_a5(blueprints, factor=3.0):
    """A synthetic A5 bank in which every other question is tagged entry_level."""
    qs = synthetic_bank(blueprints.get("A5"), factor=factor)
    return [replace(q, entry_level=i % 2 == 0) for i, q in enumerate(qs)]


@pytest.fixture(scope="module")
def real_bank():
    from questions.blueprints import load_blueprints

    bp = load_blueprints()
    return bp, load_bank(blueprints=bp)


# -- the blueprint file ------------------------------------------------------------------------------

def test_entry_level_tests_mirror_a_professional_test_for_two_years(blueprints):
    for code, mirrored in zip(ENTRY_TESTS, ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "G1"), strict=True):
        bp = blueprints.get(code)
        assert bp.mirrors == mirrored and bp.entry_level and bp.valid_years == 2
        assert bp.area_letters == blueprints.get(mirrored).area_letters
        assert (bp.scored_questions, bp.time_minutes) == (40, 60)
    assert not blueprints.get("A5").entry_level and blueprints.get("A5").mirrors is None
    assert blueprints.mirrors["EA5"] == "A5" and "A5" not in blueprints.mirrors


def test_prerequisites_and_the_reference_document(blueprints):
    assert blueprints.get("L1").prerequisites == ("A8",)
    assert blueprints.get("L1").reference == "PV-1"
    assert blueprints.get("L3").prerequisites == ("A6", "A8")
    assert "not confirmed" in blueprints.get("L3").prerequisite_note
    assert blueprints.get("A5").prerequisites == () and blueprints.get("A5").reference is None


def test_an_assumed_figure_is_told_apart_from_an_unverified_one(blueprints):
    a9 = blueprints.get("A9")
    assert a9.figure_status("time_minutes") == ASSUMED and a9.figure_status("scored_questions") == VERIFIED
    assert "75 minutes" in a9.assumption("time_minutes").says
    p2 = blueprints.get("P2")
    assert p2.figure_status("scored_questions") == ASSUMED
    assert p2.figure_status("unscored_questions") == UNVERIFIED  # in the file, but with no assumption stated
    assert p2.area("B").status == ASSUMED and p2.area("A").status == UNVERIFIED  # A: derived from the 57 %
    l3 = blueprints.get("L3")
    assert [a.status for a in l3.areas] == [ASSUMED, ASSUMED, ASSUMED, UNVERIFIED, ASSUMED]
    assert all(a.status == ASSUMED for a in blueprints.get("C1").areas)
    ea6 = blueprints.get("EA6")  # a state tip sheet gives 40 for this one: unverified, not the app's own
    assert ea6.figure_status("scored_questions") == UNVERIFIED and ea6.figure_status("time_minutes") == ASSUMED
    assert blueprints.get("EA5").figure_status("scored_questions") == ASSUMED
    l1 = blueprints.get("L1")
    assert l1.figure_status("time_minutes") == VERIFIED and l1.area("B").status == VERIFIED
    assert l1.area("A").status == UNVERIFIED
    assert flag(ASSUMED) == ", assumed (no published figure)" and flag(UNVERIFIED) == ", unverified" and flag(VERIFIED) == ""
    assert blueprints.get("A5").figure_statuses == {}


# -- drawing -------------------------------------------------------------------------------------------

def test_every_mode_of_an_entry_level_test_draws_only_its_mirrors_tagged_questions(blueprints):
    qs = tagged_a5(blueprints)
    tagged = {q.id for q in qs if q.entry_level}
    ea5 = blueprints.get("EA5")
    full = build_exam(ea5, qs, ExamMode.FULL, seed=4)
    assert Counter(i.area for i in full.items if i.scored) == {a.letter: a.scored_questions for a in ea5.areas}
    assert full.scored_count == 40 and len(full.items) == 50 and full.time_limit_seconds == 60 * 60
    assert full.test == "EA5" and {i.question_id for i in full.items} <= tagged
    half = build_exam(ea5, qs, ExamMode.HALF, seed=4)
    assert half.scored_count == 20 and half.time_limit_seconds == 30 * 60 and {i.question_id for i in half.items} <= tagged
    quick = build_exam(ea5, qs, ExamMode.QUICK10, seed=4)
    assert len(quick.items) == 10 and {i.question_id for i in quick.items} <= tagged
    drill = drill_form(ea5, qs, "C", seed=4, size=12)
    assert {i.question_id for i in drill.items} <= tagged and {i.area for i in drill.items} == {"C"}
    # the professional test still draws from all of its questions
    a5_full = build_exam(blueprints.get("A5"), qs, ExamMode.FULL, seed=4)
    assert {i.question_id for i in a5_full.items} - tagged


def test_the_bank_lists_and_counts_an_entry_level_test_through_its_mirror(blueprints):
    qs = tagged_a5(blueprints)
    bank = QuestionBank(tuple(qs)).with_mirrors(blueprints)
    ea5 = bank.for_test("EA5")
    assert ea5 and all(q.test == "A5" and q.entry_level for q in ea5)
    assert sum(bank.count_by_area("EA5").values()) == len(ea5) == sum(q.entry_level for q in qs)
    assert all(q.area == "B" for q in bank.for_area("EA5", "B"))
    assert len(bank.for_test("A5")) == len(qs)
    # an instructor's question mapped to EA5 itself belongs to it too, and mixing in keeps the mirrors
    own = replace(qs[1], id="imported-1", test="EA5", entry_level=False)
    mixed = bank.with_questions([own])
    assert own in mixed.for_test("EA5") and mixed.mirrors == bank.mirrors
    # a bank that was not told the mirrors has nothing for EA5 (load_bank and the cache tell it)
    assert QuestionBank(tuple(qs)).for_test("EA5") == []


def test_the_real_bank_gives_every_entry_level_test_in_every_mode(real_bank):
    blueprints, bank = real_bank
    for code in ENTRY_TESTS:
        bp = blueprints.get(code)
        counts = bank.count_by_area(code)
        for mode in (ExamMode.FULL, ExamMode.HALF, ExamMode.QUICK10):
            assert unavailable_reason(bp, counts, mode) is None, (code, mode)
            form = build_exam(bp, bank.for_test(code), mode, seed=11)
            assert all(bank.get(i.question_id).entry_level for i in form.items), code
            assert all(bank.get(i.question_id).test == bp.mirrors for i in form.items), code
        for a in bp.areas:
            drill_form(bp, bank.for_area(code, a.letter), a.letter, seed=2, size=10)


# -- answers, results and analytics ----------------------------------------------------------------

def test_an_entry_level_exam_is_stored_scored_and_counted_for_the_entry_level_test(db, blueprints, clock):
    qs = tagged_a5(blueprints)
    bank = QuestionBank(tuple(qs)).with_mirrors(blueprints)
    service = ExamService(db, bank, blueprints, clock=clock, now=lambda: datetime(2026, 11, 25, 19, 0))
    form = build_exam(blueprints.get("EA5"), bank.for_test("EA5"), ExamMode.QUICK10, seed=5)
    active = service.start(form)
    active.start()
    for i in range(len(form.items)):
        active.go(i)
        q = active.question()
        active.answer(q.answer if i % 3 else ("B" if q.answer == "A" else "A"))  # every third one wrong
    result = active.finish()
    assert result.summary.test == "EA5" and result.blueprint.code == "EA5"
    assert result.score.total == 10 and result.score.correct == 6
    assert {a.area for a in result.score.areas} <= set("ABCD")
    analytics = Analytics(db, blueprints)
    ea5 = analytics.standing(service.learner_id, "EA5")
    assert sum(a.answered for a in ea5.areas) == 10 and sum(a.correct for a in ea5.areas) == 6
    a5 = analytics.standing(service.learner_id, "A5")
    assert sum(a.answered for a in a5.areas) == 0, "an Entry-Level exam's answers counted for A5"
    progress = ProgressService(analytics, bank)
    missed = progress.missed(service.learner_id, "EA5")
    assert len(missed) == 4 and all(bank.get(m.question_id).entry_level for m in missed)
    assert progress.missed(service.learner_id, "A5") == []
    report = progress.report(service.learner_id, "EA5")
    assert [p.percent for p in report.exams] == [60.0]
    drill = progress.drill(service.learner_id, blueprints.get("EA5"), "A", seed=3)
    assert all(bank.get(i.question_id).entry_level for i in drill.items)
    # the missed-questions mode starts from them, as an EA5 exam
    again = build_custom("EA5", ExamMode.MISSED, [m.question_id for m in missed],
                         {m.question_id: m.area for m in missed}, 1, None)
    assert service.start(again).form.test == "EA5"


# -- practice sets -----------------------------------------------------------------------------------

def test_an_instructor_builds_a_set_for_an_entry_level_test(blueprints, tmp_path):
    from study.classroom.sets import draw_questions

    qs = tagged_a5(blueprints)
    picked = draw_questions(qs, "EA5", per_area={"A": 3, "C": 2}, seed=1, mirrors="A5")
    assert len(picked) == 5 and all(q.entry_level for q in picked)
    ps = build_set("Entry-Level brakes", "EA5", picked, mirrors="A5")
    assert ps.test == "EA5" and all(q.test == "EA5" for q in ps.questions)
    back = load_set(save_set(ps, tmp_path / "ea5.aseset"))
    assert back.test == "EA5" and [q.id for q in back.questions] == [q.id for q in picked]
    untagged = next(q for q in qs if not q.entry_level)
    with pytest.raises(SetBuildError, match="Every question must be for EA5"):
        build_set("Mixed", "EA5", [*picked, untagged], mirrors="A5")
    with pytest.raises(SetBuildError, match="Every question must be for EA5"):
        build_set("No mirror given", "EA5", picked)
    assert draw_questions(qs, "EA5", per_area={}, seed=1) == []


# -- the bank gate and stats --------------------------------------------------------------------------

def test_the_gate_asks_for_enough_tagged_questions_in_each_area(blueprints):
    qs = tagged_a5(blueprints, factor=1.6)
    thin = [q if q.area != "B" else replace(q, entry_level=False) for q in qs]
    problems = [p.message for p in entry_level_problems(QuestionBank(tuple(thin)), blueprints)]
    assert any(m.startswith("EA5 (Entry-Level, mirrors A5) area B: 0 questions tagged entry_level; needs at least 6")
               for m in problems)
    many = [replace(q, entry_level=True) for q in qs]
    assert not [m for m in (p.message for p in entry_level_problems(QuestionBank(tuple(many)), blueprints))
                if m.startswith("EA5")]


def test_bank_stats_lists_the_entry_level_tests_and_the_new_tests(capsys):
    assert main(["bank", "stats", "--json"]) == 0
    tests = json.loads(capsys.readouterr().out)["tests"]
    for code in ENTRY_TESTS:
        assert tests[code]["mirrors"] == code.replace("EA", "A").replace("EG", "G")
        assert all(n >= tests[code]["area_minimum"][a] for a, n in tests[code]["areas"].items()), code
    for code in ("P2", "C1"):
        assert tests[code]["questions"] >= 80
