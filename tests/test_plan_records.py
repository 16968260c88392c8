"""Plans that know the learner's real tests: a warning for an exam date past the 90 days from a
recorded purchase or inside the 30 days after an attempt, plans that keep a certification alive
through the ASE Renewal App, and plans for an Entry-Level test."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest

from main import main
from questions.bank import QuestionBank
from questions.exam import ExamMode
from study.analytics.standings import Analytics
from study.certs import CertificationService
from study.exams import ExamService
from study.planning.planner import PlanInputError, PlanRequest, validate
from study.planning.plans import PlanService
from tests.conftest import synthetic_bank

START = datetime(2026, 12, 1, 18, 0)  # a Tuesday evening
EXAM = date(2027, 1, 19)


@pytest.fixture
def world(db, blueprints, clock):
    a5 = [replace(q, entry_level=i % 2 == 0) for i, q in enumerate(synthetic_bank(blueprints.get("A5"), factor=3.0))]
    bank = QuestionBank(tuple(a5 + synthetic_bank(blueprints.get("A4")))).with_mirrors(blueprints)
    exams = ExamService(db, bank, blueprints, clock=clock, now=lambda: START)
    plans = PlanService(db, blueprints, bank, Analytics(db, blueprints, now=lambda: START), exams.learner_id,
                        now=lambda: START)
    certs = CertificationService(db, blueprints, exams.learner_id, today=lambda: START.date())
    return plans, certs, bank


def request(test="A5", **kw):
    return PlanRequest(**{"tests": (test,), "evenings": ("tue", "thu", "sat"), "exam_date": EXAM, **kw})


def test_an_exam_date_past_90_days_from_the_purchase_gets_a_warning(world):
    plans, certs, _ = world
    certs.add_purchase("A5", date(2026, 10, 1))  # take it by 2026-12-30
    notes = plans.create(request()).notes
    assert any(n.startswith("Warning: your A5 purchase on October 1, 2026 runs out on December 30, 2026") and "January 19, 2027" in n
               for n in notes)
    certs.add_purchase("A4", date(2026, 11, 30))  # by 2027-02-28: fine
    notes = plans.create(request("A4")).notes
    assert not [n for n in notes if n.startswith("Warning")]
    assert any("You bought A4 on November 30, 2026: the exam date is within its 90 days" in n for n in notes)
    assert any("runs out on December 30, 2026" in n for n in plans.preview(request()).notes)


def test_the_30_days_after_an_attempt_inform_the_plan(world):
    plans, certs, _ = world
    certs.add_failed("A5", date(2026, 11, 30))
    notes = plans.create(request()).notes
    assert any("Your last A5 attempt, on November 30, 2026, is recorded as not passed; ASE allows the next from December 31, 2026"
               in n for n in notes)
    assert not [n for n in notes if n.startswith("Warning")]
    # a plan under way whose exam date is moved inside the wait is warned, with the first day allowed
    from study.planning.record_notes import plan_record_notes

    settings = validate(request(), plans.blueprints, START.date())
    late = replace(certs.view(), retake_from={"A5": date(2027, 1, 20)})
    assert any(n.startswith("Warning: ASE asks for 30 full days") and "from January 20, 2027, after the exam date January 19, 2027"
               in n for n in plan_record_notes(settings, late))


def test_a_plan_keeps_a_certification_alive_through_the_renewal_app(world, db):
    plans, certs, bank = world
    with pytest.raises(PlanInputError, match="no A5 pass is recorded"):
        plans.create(request(renewal=True))
    certs.add("A5", date(2021, 12, 20))
    certs.set_renewal_credit("A5", date(2026, 6, 1), 4)
    view = plans.create(request(renewal=True))
    assert view.settings.renewal and plans.active().settings.renewal  # stored
    notes = " ".join(view.notes)
    assert "A5 expires December 20, 2026" in notes and "extend it to December 20, 2027" in notes
    assert "4 of 8 credits" in notes and "through the ASE Renewal App" in notes
    checks = [(s, i) for s in view.sessions for i, a in enumerate(s.activities) if a.kind == "exam"]
    assert checks and all(s.activities[i].mode == "renewal" and s.activities[i].questions == 10 for s, i in checks)
    session, index = checks[0]
    start = plans.start_form(session, index, seed=3)
    assert start.form.mode is ExamMode.QUICK10 and len(start.form.items) == 10
    assert start.form.time_limit_seconds is None and "Renewal App check" in start.title
    assert view.as_json()["renewal_app"] is True


def test_a_renewal_plan_is_refused_where_the_renewal_app_does_not_reach(world, blueprints):
    with pytest.raises(PlanInputError, match="covers A1, A2, .* not L1"):
        validate(request("L1", renewal=True), blueprints, START.date())
    with pytest.raises(PlanInputError, match="Choose one way"):
        validate(request(renewal=True, recert=True), blueprints, START.date())


def test_a_plan_for_an_entry_level_test_drills_its_tagged_questions(world):
    plans, _, bank = world
    view = plans.create(request("EA5"))
    drills = [(s, i) for s in view.sessions for i, a in enumerate(s.activities) if a.kind == "drill"]
    exam = next((s, i) for s in view.sessions for i, a in enumerate(s.activities) if a.kind == "exam")
    assert view.sessions[0].activities[0].mode == "full" and view.sessions[0].activities[0].minutes == 60
    for s, i in (*drills[:3], exam):
        form = plans.start_form(s, i, seed=5).form
        assert form.test == "EA5" and all(bank.get(it.question_id).entry_level for it in form.items)


def test_cli_plan_for_the_renewal_app(capsys, tmp_path):
    assert main(["--data-dir", str(tmp_path), "certs", "add", "A5", "2022-01-10"]) == 0
    today = date.today()
    rc = main(["--data-dir", str(tmp_path), "plan", "--test", "A5", "--renewal", "--start-date", today.isoformat(),
               "--weeks", "6", "--evenings", "mon,wed,thu", "--json", "--no-save"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["renewal_app"] is True
    assert any("eight right answers in a Renewal App subscription year" in n for n in data["notes"])
    assert main(["--data-dir", str(tmp_path), "plan", "--test", "A9", "--renewal", "--start-date", today.isoformat(),
                 "--weeks", "6", "--evenings", "mon,wed,thu"]) == 2
    assert "no A9 pass is recorded" in capsys.readouterr().err
