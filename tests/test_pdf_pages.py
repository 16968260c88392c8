"""Printouts that read like paper: a printed practice set never splits a question from its choices
across pages, and a printed study plan keeps each week's rows with their header on one page."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest

from questions.bank import QuestionBank
from study.analytics.standings import Analytics
from study.classroom.sets import build_set
from study.exams import ExamService
from study.planning.planner import PlanRequest
from study.planning.plans import PlanService
from tests.conftest import make_question, synthetic_bank

pytestmark = pytest.mark.gui


def long_set(n: int = 30):  # type: ignore[no-untyped-def]
    """Questions of every length, so question ends fall all over the page."""
    qs = []
    for i in range(n):
        q = make_question("A5", "ABCD"[i % 4], i + 1)
        stem = ("A car comes in with a low, spongy brake pedal after a caliper was replaced. " * (1 + i % 5)).strip()
        choices = tuple(f"Choice {c}: " + "the technician checks the part first. " * (1 + (i + k) % 3)
                        for k, c in enumerate("ABCD"))
        qs.append(type(q)(**{**q.__dict__, "stem": stem, "choices": choices}))
    return build_set("Brakes: long quiz", "A5", qs, instructor="Ms. Rivera", time_limit_seconds=1800)


def test_no_question_is_split_from_its_choices(qapp, tmp_path):
    from app.pdf_pages import crosses_page
    from app.set_pdf import set_layout, write_set_pdf

    ps = long_set()
    doc, questions, height = set_layout(ps, answer_key=True)
    assert len(questions) == 30 and doc.pageCount() >= 3
    assert not [i for i, q in enumerate(questions, 1) if crosses_page(doc, q, height)]
    out = write_set_pdf(ps, tmp_path / "quiz", answer_key=False)
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):  # what a reader sees: every page ends at a whole question
        for page in subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split("\f"):
            lines = [x.strip() for x in page.splitlines() if x.strip()]
            starts = [i for i, x in enumerate(lines) if re.match(r"\d+\.\s", x)]
            if starts:  # the page's last question has its choice D on the same page
                assert any(x.startswith("D.") for x in lines[starts[-1]:]), lines[starts[-1]:]


def plan_view(db, blueprints, clock, weeks: int):  # type: ignore[no-untyped-def]
    bank = QuestionBank(tuple(synthetic_bank(blueprints.get("A5")) + synthetic_bank(blueprints.get("A4"))))
    now = lambda: __import__("datetime").datetime(2026, 12, 1, 18, 0)  # noqa: E731
    exams = ExamService(db, bank, blueprints, clock=clock, now=now)
    plans = PlanService(db, blueprints, bank, Analytics(db, blueprints, now=now), exams.learner_id, now=now)
    return plans.create(PlanRequest(("A5", "A4"), ("mon", "tue", "thu", "sat"), date(2026, 12, 1) + timedelta(weeks=weeks),
                                    minutes=120))


def test_each_week_of_a_printed_plan_stays_on_one_page_with_its_header(qapp, db, blueprints, clock, tmp_path):
    from PySide6.QtGui import QTextTable

    from app.pdf_pages import crosses_page
    from app.plan_pdf import plan_document, write_pdf

    view = plan_view(db, blueprints, clock, weeks=12)
    doc = plan_document(view, date(2026, 12, 1))
    tables = [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]
    assert len(tables) >= 12 and doc.pageCount() >= 3
    height = doc.pageSize().height()
    assert not [i for i, t in enumerate(tables, 1) if crosses_page(doc, t, height)]
    assert all(t.format().headerRowCount() == 1 for t in tables)  # repeated on a new page if a week runs over
    write_pdf(view, tmp_path / "plan.pdf", date(2026, 12, 1))
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF")
