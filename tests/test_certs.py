"""Certifications: expiry and due dates around leap years and the five-year boundary, Master
status from current certifications only, the first-test advisor, and `certs --json`."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from main import main
from questions.bank import QuestionBank
from study.certs import (
    DUE,
    EXPIRED,
    VALID,
    CertificationError,
    CertificationRecord,
    CertificationService,
    advise_first_test,
    certification_status,
    expiry_date,
    master_progress,
)
from study.exams import ExamService

TODAY = date(2026, 11, 25)


@pytest.fixture
def certs(db, blueprints):
    learner = ExamService(db, QuestionBank(()), blueprints).learner_id
    return CertificationService(db, blueprints, learner_id=learner, today=lambda: TODAY)


def rec(test: str, passed: date, today: date = TODAY) -> CertificationRecord:
    return CertificationRecord(0, test, "", passed, expiry_date(passed), certification_status(passed, today))


# -- dates -------------------------------------------------------------------------------------------

def test_expiry_is_five_years_later_and_a_leap_day_pass_expires_on_28_february():
    assert expiry_date(date(2024, 3, 1)) == date(2029, 3, 1)
    assert expiry_date(date(2020, 2, 29)) == date(2025, 2, 28)
    assert expiry_date(date(2019, 2, 28)) == date(2024, 2, 28)  # into a leap year: the same day, not the 29th
    assert expiry_date(date(2023, 12, 31)) == date(2028, 12, 31)


def test_status_at_the_five_year_boundary():
    passed = date(2021, 6, 15)
    assert certification_status(passed, date(2026, 6, 14)) == DUE  # the day before expiry: still current
    assert certification_status(passed, date(2026, 6, 15)) == EXPIRED  # on the expiry date
    assert certification_status(passed, date(2030, 1, 1)) == EXPIRED
    assert certification_status(passed, passed) == VALID


def test_leap_day_pass_is_current_until_28_february_five_years_on():
    passed = date(2020, 2, 29)
    assert certification_status(passed, date(2025, 2, 27)) == DUE
    assert certification_status(passed, date(2025, 2, 28)) == EXPIRED


def test_due_window_starts_exactly_twelve_months_before_expiry():
    passed = date(2024, 3, 1)  # expires 2029-03-01
    assert certification_status(passed, date(2028, 2, 29)) == VALID  # twelve months and a day before
    assert certification_status(passed, date(2028, 3, 1)) == DUE  # exactly twelve months before
    assert certification_status(passed, date(2029, 2, 28)) == DUE


# -- Master status -------------------------------------------------------------------------------------

def master(records, blueprints, credential):
    return next(m for m in master_progress(records, blueprints) if m.credential == credential)


def test_master_automobile_needs_a1_to_a8_current_and_not_a9(blueprints):
    recent = date(2024, 1, 10)
    records = [rec(t, recent) for t in ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8")]
    m = master(records, blueprints, "Master Automobile Technician")
    assert m.have == ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8") and m.missing == () and m.complete
    assert "A9" not in m.required
    with_a9 = master([*records, rec("A9", recent)], blueprints, "Master Automobile Technician")
    assert with_a9.have == m.have


def test_an_expired_certification_does_not_count_toward_master(blueprints):
    records = [rec(t, date(2024, 1, 10)) for t in ("A1", "A2", "A3", "A4", "A5", "A6", "A7")]
    records.append(rec("A8", date(2021, 11, 25)))  # expired on 2026-11-25, today
    m = master(records, blueprints, "Master Automobile Technician")
    assert m.missing == ("A8",) and "A8" not in m.have and not m.complete
    # one day earlier the same A8 was still current (due), and counted
    earlier = [rec(r.test, r.passed_on, TODAY - timedelta(days=1)) for r in records]
    assert master(earlier, blueprints, "Master Automobile Technician").missing == ()


def test_l1_held_without_a_current_a8_is_reported(blueprints):
    l1 = "Advanced Engine Performance Specialist (L1)"
    expired_a8 = master([rec("L1", date(2024, 5, 5)), rec("A8", date(2020, 2, 29))], blueprints, l1)
    assert expired_a8.have == ("L1",)
    assert len(expired_a8.warnings) == 1 and "A8 has expired" in expired_a8.warnings[0]
    assert not expired_a8.complete
    no_a8 = master([rec("L1", date(2024, 5, 5))], blueprints, l1)
    assert "A8 is not recorded" in no_a8.warnings[0]
    fine = master([rec("L1", date(2024, 5, 5)), rec("A8", date(2023, 1, 1))], blueprints, l1)
    assert fine.warnings == () and fine.complete


def test_master_facts_carry_source_and_verified_flag(blueprints):
    by_name = {m.credential: m for m in master_progress([], blueprints)}
    auto = by_name["Master Automobile Technician"]
    assert auto.fact.verified and "S2" in auto.fact.source and "A9" in auto.fact.text
    collision = by_name["Master Collision Repair/Refinish Technician"]
    assert not collision.fact.verified and collision.fact.source_words.startswith("unverified")


# -- storage -------------------------------------------------------------------------------------------

def test_record_list_and_delete_with_undo(certs):
    added = certs.add("a5", date(2024, 3, 1))
    assert not added.already_recorded
    assert added.record.test == "A5" and added.record.name == "Brakes"
    assert added.record.expires_on == date(2029, 3, 1) and added.record.status == VALID
    certs.add("A8", date(2020, 2, 29))
    assert [(r.test, r.status) for r in certs.list()] == [("A5", VALID), ("A8", EXPIRED)]
    removed = certs.remove("A5", date(2024, 3, 1))
    assert removed is not None and [r.test for r in certs.list()] == ["A8"]
    assert certs.remove("A5", date(2024, 3, 1)) is None
    certs.restore(removed)
    assert [r.test for r in certs.list()] == ["A5", "A8"]


def test_the_same_pass_twice_is_stored_once(certs):
    certs.add("A5", date(2024, 3, 1))
    again = certs.add("A5", date(2024, 3, 1))
    assert again.already_recorded
    assert len(certs.list()) == 1


def test_a_future_date_and_an_unknown_test_are_refused_with_a_clear_message(certs):
    with pytest.raises(CertificationError, match="November 26, 2026 is in the future"):
        certs.add("A5", TODAY + timedelta(days=1))
    with pytest.raises(CertificationError, match="'Q7' is not an ASE test"):
        certs.add("Q7", date(2024, 1, 1))
    assert certs.list() == ()
    assert certs.add("A5", TODAY).record.passed_on == TODAY  # today itself is fine


def test_due_list_uses_the_latest_pass_of_each_test(certs):
    certs.add("A1", date(2022, 1, 10))  # due (expires 2027-01-10)
    certs.add("A4", date(2021, 12, 20))  # due, expires first
    certs.add("A5", date(2021, 12, 1))  # was due, but renewed below
    certs.add("A5", date(2026, 6, 1))
    view = certs.view()
    assert [c.test for c in view.due] == ["A4", "A1"]
    old_a5 = next(c for c in view.certifications if c.test == "A5" and c.passed_on.year == 2021)
    assert old_a5.renewed_on == date(2026, 6, 1) and "Renewed" in old_a5.status_words


def test_status_words_use_a_symbol_and_a_word():
    assert rec("A5", date(2024, 3, 1)).status_words == "✓ Valid"
    assert rec("A5", date(2022, 1, 1)).status_words.startswith("⚠ Due")
    assert rec("A5", date(2020, 1, 1)).status_words == "✗ Expired"


# -- the first-test advisor ----------------------------------------------------------------------------

BANK = {"A5": 60, "A4": 40, "G1": 110, "EA5": 70}


@pytest.mark.parametrize(("bay", "years", "training", "test", "in_bank"), [
    ("car", 3, "none", "A5", True),
    ("car", 1, "finished", "A5", True),
    ("car", 0, "in_program", "EA5", True),  # a student: the Entry-Level tests schools give
    ("car", 2, "in_program", "A5", True),  # two years in: the professional tests
    ("car", 0, "none", "G1", True),  # under a year, no program
    ("parts", 4, "none", "P2", False),
    ("collision", 2, "none", "B2", False),
    ("truck", 1, "none", "T8", False),
    ("truck", 6, "finished", "T4", False),
    ("school_bus", 3, "none", "S4", False),
])
def test_advisor_suggests_a_first_test(blueprints, bay, years, training, test, in_bank):
    a = advise_first_test(bay, years, training, BANK, blueprints)
    assert a.test == test and a.in_bank is in_bank
    assert a.test_name == blueprints.get(test).name
    if in_bank:
        assert a.bank_note == ""
    else:
        assert "not yet in the question bank" in a.bank_note
    # the experience rule, always, with where it comes from
    assert "two years of hands-on experience, or one year plus a two-year training program" in a.experience_note
    assert a.facts and all(f.source for f in a.facts)


def test_advisor_prefers_a4_for_a_car_technician_when_the_bank_has_no_a5(blueprints):
    a = advise_first_test("car", 3, "none", {"A4": 40}, blueprints)
    assert a.test == "A4" and a.alternatives == ("A5",)
    assert advise_first_test("car", 3, "none", BANK, blueprints).alternatives == ("A4",)


@pytest.mark.parametrize(("years", "training", "meets"), [
    (0, "none", False), (1, "none", False), (1, "in_program", False), (1, "finished", True), (2, "none", True),
])
def test_advisor_applies_the_experience_rule(blueprints, years, training, meets):
    a = advise_first_test("car", years, training, BANK, blueprints)
    assert a.meets_experience is meets
    assert ("that meets the rule" in a.experience_note) is meets


def test_advisor_cites_the_g1_fact_for_a_newcomer(blueprints):
    a = advise_first_test("car", 0, "none", BANK, blueprints)
    assert any(f.text.startswith("G1") and "S11" in f.source for f in a.facts)


# -- the command line ----------------------------------------------------------------------------------

def run_cli(capsys, tmp_path, *args):
    rc = main(["--data-dir", str(tmp_path), "certs", *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_add_then_json(capsys, tmp_path):
    today = date.today()
    valid, due, expired = today - timedelta(days=365), today - timedelta(days=4 * 365 + 180), today - timedelta(days=6 * 365)
    assert run_cli(capsys, tmp_path, "add", "A5", "2024-03-01")[0] == 0
    for test, when in (("A4", valid), ("A6", due), ("A8", expired)):
        assert run_cli(capsys, tmp_path, "add", test, when.isoformat())[0] == 0
    rc, out, _ = run_cli(capsys, tmp_path, "add", "A5", "2024-03-01")
    assert rc == 0  # the same pass again: fine, stored once
    rc, out, _ = run_cli(capsys, tmp_path, "--json")
    assert rc == 0
    data = json.loads(out)
    assert set(data) == {"certifications", "master", "failed", "purchases", "retake_from"}
    by_test = {c["test"]: c for c in data["certifications"]}
    assert len(data["certifications"]) == 4
    assert by_test["A5"] == {"test": "A5", "passed": "2024-03-01", "expires": "2029-03-01",
                             "status": certification_status(date(2024, 3, 1), today), "entry_level": False,
                             "renewal_app_years": 0, "renewal_app": []}
    assert by_test["A4"]["status"] == "valid" and by_test["A6"]["status"] == "due"
    assert by_test["A8"]["status"] == "expired"
    auto = next(m for m in data["master"] if m["credential"] == "Master Automobile Technician")
    assert set(auto) == {"credential", "have", "missing", "prerequisites"}
    assert set(auto["have"]) == {"A4", "A5", "A6"} and "A8" in auto["missing"] and "A9" not in auto["missing"]


def test_cli_refuses_a_future_date_unknown_test_and_bad_date(capsys, tmp_path):
    future = (date.today() + timedelta(days=3)).isoformat()
    rc, _, err = run_cli(capsys, tmp_path, "add", "A5", future)
    assert rc != 0 and "in the future" in err
    rc, _, err = run_cli(capsys, tmp_path, "add", "Q9", "2024-01-01")
    assert rc != 0 and "not an ASE test" in err
    with pytest.raises(SystemExit) as e:
        run_cli(capsys, tmp_path, "add", "A5", "2024-02-30")
    assert "YYYY-MM-DD" in str(e.value.code)
    rc, out, _ = run_cli(capsys, tmp_path, "--json")
    assert json.loads(out)["certifications"] == []


def test_cli_remove(capsys, tmp_path):
    run_cli(capsys, tmp_path, "add", "A5", "2024-03-01")
    rc, _, err = run_cli(capsys, tmp_path, "remove", "A4", "2024-03-01")
    assert rc != 0 and "no pass of A4" in err
    assert run_cli(capsys, tmp_path, "remove", "a5", "2024-03-01")[0] == 0
    rc, out, _ = run_cli(capsys, tmp_path)
    assert rc == 0 and "No certifications recorded" in out
