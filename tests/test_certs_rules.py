"""Entry-Level certificates (two years, not renewed, two attempts a school year 30 days apart), the
ASE Renewal App (eight right in a subscription year extend a certification a year; A1-A9 only),
30 full days between attempts, 90 days from purchase to test, prerequisites (L1: A8; L3: A6, A8),
entry-level tests toward no Master status, and the advisor's next test."""

from __future__ import annotations

import json
from datetime import date

import pytest

from main import main
from questions.bank import QuestionBank
from study.certs import (
    DUE,
    EXPIRED,
    VALID,
    CertificationError,
    CertificationService,
    advise_first_test,
    master_progress,
    next_attempt_from,
    records_from_passes,
    school_year,
)
from study.exams import ExamService

TODAY = date(2026, 11, 25)


@pytest.fixture
def certs(db, blueprints):
    learner = ExamService(db, QuestionBank(()), blueprints).learner_id
    return CertificationService(db, blueprints, learner_id=learner, today=lambda: TODAY)


def records(blueprints, *passes, renewals=(), today=TODAY):
    return records_from_passes([(i, t, d) for i, (t, d) in enumerate(passes)], blueprints, today, renewals)


def one(recs, test):
    return next(r for r in recs if r.test == test)


# -- Entry-Level certificates --------------------------------------------------------------------------

def test_an_entry_level_certificate_lasts_two_years_and_is_never_due_for_renewal(blueprints):
    ea5 = one(records(blueprints, ("EA5", date(2025, 5, 1))), "EA5")
    assert ea5.entry_level and ea5.expires_on == date(2027, 5, 1) and ea5.status == VALID
    near_end = one(records(blueprints, ("EA5", date(2025, 5, 1)), today=date(2027, 4, 30)), "EA5")
    assert near_end.status == VALID  # not "due for recertification": it is not renewed
    gone = one(records(blueprints, ("EA5", date(2025, 5, 1)), today=date(2027, 5, 1)), "EA5")
    assert gone.status == EXPIRED and "not renewed" in gone.status_words
    a5 = one(records(blueprints, ("A5", date(2025, 5, 1))), "A5")
    assert not a5.entry_level and a5.expires_on == date(2030, 5, 1)


def test_entry_level_certificates_count_toward_no_master_status_nor_prerequisite(blueprints):
    recs = records(blueprints, *[(f"EA{i}", date(2026, 1, 10)) for i in range(1, 9)], ("L1", date(2026, 2, 1)))
    auto = next(m for m in master_progress(recs, blueprints) if m.credential == "Master Automobile Technician")
    assert auto.have == () and len(auto.missing) == 8
    l1 = next(m for m in master_progress(recs, blueprints) if m.credential.endswith("(L1)"))
    assert l1.prerequisites == (("A8", False),) and "A8 is not recorded" in l1.warnings[0]


def test_l3_needs_a6_and_a8(blueprints):
    def l3(*passes):
        return next(m for m in master_progress(records(blueprints, *passes), blueprints) if m.credential.endswith("(L3)"))

    only = l3(("L3", date(2026, 1, 5)))
    assert only.have == ("L3",) and only.prerequisites == (("A6", False), ("A8", False))
    assert len(only.warnings) == 2 and not only.complete
    expired_a6 = l3(("L3", date(2026, 1, 5)), ("A6", date(2020, 1, 1)), ("A8", date(2024, 1, 1)))
    assert [w for w in expired_a6.warnings if "A6 has expired" in w] and not [w for w in expired_a6.warnings if "A8" in w.split(":")[0]]
    both = l3(("L3", date(2026, 1, 5)), ("A6", date(2024, 1, 1)), ("A8", date(2024, 1, 1)))
    assert both.complete and both.prerequisites == (("A6", True), ("A8", True))


def test_entry_level_attempts_a_school_year_and_the_30_days_between(certs):
    certs.add_failed("EA5", date(2026, 8, 20))
    with pytest.raises(CertificationError, match="30 full days"):
        certs.add("EA5", date(2026, 9, 10))  # 21 days after
    certs.add("EA5", date(2026, 9, 20))  # 31 days after: allowed
    view = certs.view()
    ea5 = next(e for e in view.entry_level if e.test == "EA5")
    assert (ea5.year_starts, ea5.year_ends) == (date(2026, 7, 1), date(2027, 6, 30))
    assert ea5.attempts == (date(2026, 8, 20), date(2026, 9, 20)) and ea5.left == 0
    assert "another credit" in ea5.words(TODAY)
    certs.add_failed("EA5", date(2026, 10, 25))  # a third, with another credit (S44)
    with pytest.raises(CertificationError, match="already has 3 attempts in the school year"):
        certs.add_failed("EA5", date(2026, 11, 25))
    assert len(certs.view().failed) == 2  # the refused one changed nothing


def test_a_professional_test_also_waits_30_full_days_between_attempts(certs):
    certs.add_failed("A5", date(2026, 11, 1))
    assert certs.view().retake_from == {"A5": date(2026, 12, 2)}
    with pytest.raises(CertificationError, match="30 full days"):
        certs.add("A5", date(2026, 11, 20))
    with pytest.raises(CertificationError, match="recorded as not passed on November 1, 2026"):
        certs.add("A5", date(2026, 11, 1))
    assert certs.view().certifications == ()
    assert next_attempt_from(date(2026, 3, 1), 30) == date(2026, 4, 1)  # 2-31 March: the 30 full days
    assert school_year(date(2027, 6, 30), 7) == (date(2026, 7, 1), date(2027, 6, 30))


def test_a_purchase_is_open_for_90_days_until_the_test_is_taken(certs):
    certs.add_purchase("A4", date(2026, 10, 1))
    assert certs.view().purchases == (("A4", date(2026, 10, 1), date(2026, 12, 30)),)
    certs.add("A4", date(2026, 11, 3))
    assert certs.view().purchases == ()  # taken: nothing left to warn about
    certs.add_purchase("A6", date(2026, 1, 1))
    assert certs.view().purchases == ()  # long run out


# -- the Renewal App ------------------------------------------------------------------------------------

def test_eight_right_in_a_subscription_year_extend_the_certification_a_year(blueprints):
    passes = (("A5", date(2021, 3, 1)),)
    seven = one(records(blueprints, *passes, renewals=[("A5", date(2025, 6, 1), 7)]), "A5")
    assert seven.expires_on == date(2026, 3, 1) and seven.status == EXPIRED and seven.extended_years == 0
    eight = one(records(blueprints, *passes, renewals=[("A5", date(2025, 6, 1), 8)]), "A5")
    assert eight.expires_on == date(2027, 3, 1) and eight.status == DUE and eight.extended_years == 1
    assert eight.base_expires_on == date(2026, 3, 1) and "extended 1 year by the Renewal App" in eight.status_words
    two = one(records(blueprints, *passes, renewals=[("A5", date(2024, 6, 1), 9), ("A5", date(2025, 6, 1), 8)]), "A5")
    assert two.expires_on == date(2028, 3, 1)
    # a year that began before the pass, or belongs to a later pass, does not extend this one
    early = one(records(blueprints, *passes, renewals=[("A5", date(2020, 6, 1), 12)]), "A5")
    assert early.extended_years == 0
    renewed = records(blueprints, ("A5", date(2021, 3, 1)), ("A5", date(2026, 2, 1)),
                      renewals=[("A5", date(2026, 6, 1), 8)])
    newest = next(r for r in renewed if r.passed_on == date(2026, 2, 1))
    assert newest.expires_on == date(2032, 2, 1)
    # an Entry-Level certificate is never extended
    ea = one(records(blueprints, ("EA5", date(2025, 1, 1)), renewals=[("EA5", date(2025, 6, 1), 12)]), "EA5")
    assert ea.expires_on == date(2027, 1, 1)


def test_renewal_app_credit_is_refused_where_the_app_does_not_reach(certs):
    with pytest.raises(CertificationError, match="no A5 pass before May 1, 2026 is recorded"):
        certs.set_renewal_credit("A5", date(2026, 5, 1), 3)
    certs.add("A5", date(2021, 12, 1))
    certs.add("L1", date(2022, 1, 1))
    with pytest.raises(CertificationError, match="covers A1, A2, A3, A4, A5, A6, A7, A8, A9 .* not L1"):
        certs.set_renewal_credit("L1", date(2026, 5, 1), 3)
    with pytest.raises(CertificationError, match="at most 2 by today"):
        certs.set_renewal_credit("A5", date(2026, 10, 1), 5)  # October and November only
    with pytest.raises(CertificationError, match="in the future"):
        certs.set_renewal_credit("A5", date(2026, 12, 1), 0)
    rec = certs.set_renewal_credit("A5", date(2025, 12, 1), 8)
    assert rec.expires_on == date(2027, 12, 1) and rec.status == VALID
    again = certs.set_renewal_credit("A5", date(2025, 12, 1), 7)  # a correction replaces the figure
    assert again.expires_on == date(2026, 12, 1) and again.status == DUE
    with pytest.raises(CertificationError, match="would overlap"):
        certs.set_renewal_credit("A5", date(2026, 6, 1), 2)
    assert [y.credits for y in certs.list()[-1].renewal] == [7]


def test_a_renewal_years_words_say_what_is_still_possible(certs):
    certs.add("A5", date(2021, 12, 1))
    year = certs.set_renewal_credit("A5", date(2026, 6, 1), 1).renewal[0]
    assert year.ends_on == date(2027, 5, 31)
    assert year.words(TODAY).endswith("7 more needed but only 6 monthly questions are left")
    year = certs.set_renewal_credit("A5", date(2026, 6, 1), 5).renewal[0]
    assert year.words(TODAY).endswith("3 more right of the 6 monthly questions left")


# -- the advisor ----------------------------------------------------------------------------------------

BANK = {"A5": 60, "A4": 40, "A6": 40, "A8": 40, "L1": 40, "EA5": 40, "EA4": 40}


def test_the_advisor_suggests_the_next_test_not_one_already_passed(certs, blueprints):
    assert advise_first_test("car", 3, "none", BANK, blueprints, career=certs.view()).test == "A5"
    certs.add("A5", date(2025, 1, 5))
    after_a5 = advise_first_test("car", 3, "none", BANK, blueprints, career=certs.view())
    assert after_a5.test == "A4" and "A5" in after_a5.skipped
    for t in ("A4", "A6", "A1", "A7", "A3", "A2", "A9"):
        certs.add(t, date(2025, 2, 5))
    assert advise_first_test("car", 3, "none", BANK, blueprints, career=certs.view()).test == "A8"
    certs.add("A8", date(2025, 3, 5))
    nxt = advise_first_test("car", 3, "none", BANK, blueprints, career=certs.view())
    assert nxt.test == "L1" and "A8" in nxt.reason  # L1 once A8 is held
    student = advise_first_test("car", 0, "in_program", BANK, blueprints, career=certs.view())
    assert student.test == "EA5" and student.alternatives == ("A5",)
    assert "no work experience" in student.experience_note


def test_the_advisor_applies_the_wait_and_the_purchase_window(certs, blueprints):
    certs.add_failed("A5", date(2026, 11, 10))
    a = advise_first_test("car", 3, "none", BANK, blueprints, career=certs.view(), today=TODAY)
    assert a.test == "A5" and "earliest you can take it again is December 11, 2026" in a.timing_note
    certs.add_purchase("A5", date(2026, 11, 20))
    a = advise_first_test("car", 3, "none", BANK, blueprints, career=certs.view(), today=TODAY)
    assert "take it by February 18, 2027 (85 days left)" in a.timing_note


# -- the command line ---------------------------------------------------------------------------------

def run_cli(capsys, tmp_path, *args):
    rc = main(["--data-dir", str(tmp_path), "certs", *args])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_cli_records_renewal_credit_attempts_and_purchases(capsys, tmp_path):
    assert run_cli(capsys, tmp_path, "add", "A5", "2021-01-10")[0] == 0
    rc, _, err = run_cli(capsys, tmp_path, "renewal", "A5", "2024-06-01", "8")
    assert rc == 0 and "one year's extension earned" in err and "expires 2027-01-10 (extended)" in err
    rc, _, err = run_cli(capsys, tmp_path, "renewal", "A6", "2024-06-01", "8")
    assert rc == 2 and "no A6 pass before June 1, 2024 is recorded" in err
    assert run_cli(capsys, tmp_path, "add", "A4", "2024-03-01", "--failed")[0] == 0
    assert run_cli(capsys, tmp_path, "bought", "A4", date.today().isoformat())[0] == 0
    rc, out, _ = run_cli(capsys, tmp_path, "--json")
    data = json.loads(out)
    a5 = data["certifications"][0]
    assert a5["expires"] == "2027-01-10" and a5["renewal_app_years"] == 1 and a5["renewal_app"][0]["earned"]
    assert data["failed"] == [{"test": "A4", "taken": "2024-03-01"}] and data["purchases"][0]["test"] == "A4"
    rc, out, _ = run_cli(capsys, tmp_path, "next", "--bay", "car", "--years", "3", "--json")
    advice = json.loads(out)
    assert advice["test"] == "A4" and "You bought A4" in advice["timing"]
    assert run_cli(capsys, tmp_path, "remove", "A4", "2024-03-01", "--failed")[0] == 0
    rc, out, _ = run_cli(capsys, tmp_path)
    assert "Renewal App: 8 of 8 credits" in out and "attempt on 2024-03-01" not in out
