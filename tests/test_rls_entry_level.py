"""On a class server a student keeps a record of real tests (passes, failed attempts, purchases,
Renewal App credit) and takes Entry-Level exams scored by the server, through a login that may
not delete anything and sees no classmate's record."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import text

from questions.bank import load_bank
from questions.exam import ExamMode, build_exam
from study.certs import CertificationService
from study.exams import ExamService
from study.storage.database import open_database
from tests.test_rls import engine_for, lab  # noqa: F401 - the class lab fixture

NOW = datetime(2026, 11, 25, 19, 0, 0)


def test_a_student_records_attempts_and_renewal_credit_on_the_class_server(lab, blueprints):  # noqa: F811
    _, people = lab
    ana, ben = people["Ana Díaz"], people["Ben Ng"]
    db = open_database(ana["url"])
    try:
        certs = CertificationService(db, blueprints, ana["learner_id"], today=lambda: NOW.date())
        certs.add("A5", date(2021, 3, 1))
        certs.add_failed("EA5", date(2026, 9, 1))
        certs.add_purchase("A4", date(2026, 11, 1))
        assert certs.set_renewal_credit("A5", date(2025, 6, 1), 8).expires_on == date(2027, 3, 1)
        assert certs.remove_event("EA5", "failed", date(2026, 9, 1))  # taken back without a DELETE
        assert certs.remove_renewal_year("A5", date(2025, 6, 1))
        view = certs.view()
        assert view.failed == () and view.certifications[0].expires_on == date(2026, 3, 1)
        assert certs.add_failed("EA5", date(2026, 9, 1))  # recorded again
        assert certs.view().failed == (("EA5", date(2026, 9, 1)),)
    finally:
        db.dispose()
    e = engine_for(ben)
    with e.connect() as c:
        assert c.execute(text("SELECT count(*) FROM test_event")).scalar() == 0
        assert c.execute(text("SELECT count(*) FROM renewal_credit")).scalar() == 0
    e.dispose()


def test_an_entry_level_exam_is_scored_on_the_server(lab, blueprints):  # noqa: F811
    _, people = lab
    bank = load_bank(blueprints=blueprints)
    db = open_database(people["Ben Ng"]["url"])
    try:
        service = ExamService(db, bank, blueprints, now=lambda: NOW)
        active = service.start(build_exam(blueprints.get("EA5"), bank.for_test("EA5"), ExamMode.QUICK10, seed=8))
        active.start()
        for i in range(10):
            q = active.question()
            assert q.entry_level and q.test == "A5"
            active.answer(q.answer if i < 7 else next(c for c in "ABCD" if c != q.answer))
            active.next()
        result = active.finish()
        assert (result.summary.test, result.summary.score_correct, result.summary.score_total) == ("EA5", 7, 10)
    finally:
        db.dispose()
