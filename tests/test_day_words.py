"""Dates read as a US reader writes them ("December 2, 2026"), never "December 02" or 2026-12-02:
the one helper, the plan's printout, the chart axes, and a scan of every string the app, the
command line and the domain can show for a zero-padded day or an ISO date put into a sentence."""

from __future__ import annotations

import ast
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from questions.bank import QuestionBank
from study.analytics.standings import Analytics
from study.day_words import clock_text, day_text, moment_text
from study.exams import ExamService
from study.planning.plans import PlanService
from tests.conftest import synthetic_bank

ROOT = Path(__file__).resolve().parent.parent
DAY_DIRECTIVE = re.compile(r"%[de]")  # a zero- or space-padded day of the month
FILE_STAMP = re.compile(r"^%Y-?%m-?%d")  # a file name's or a log's stamp, read by programs
# where an ISO date in a sentence is what the user typed (it is the format they type in)
TYPED_ISO = {"app/date_field.py", "cli/certs.py", "study/certs/service.py"}


@pytest.fixture
def plans_service(db, blueprints, clock):
    bank = QuestionBank(tuple(synthetic_bank(blueprints.get("A5"))))
    now = datetime(2026, 12, 1, 18, 0)
    exams = ExamService(db, bank, blueprints, clock=clock, now=lambda: now)
    return PlanService(db, blueprints, bank, Analytics(db, blueprints, now=lambda: now), exams.learner_id,
                       now=lambda: now)


def test_the_helper_writes_days_without_a_leading_zero():
    d = date(2026, 12, 2)
    assert day_text(d) == "December 2, 2026"
    assert day_text(d, weekday=True) == "Wednesday, December 2, 2026"
    assert day_text(d, short=True, year=False) == "Dec 2"
    assert day_text(d, weekday=True, short=True) == "Wed, Dec 2, 2026"
    assert clock_text(datetime(2026, 12, 2, 0, 5)) == "12:05 AM"
    assert clock_text(datetime(2026, 12, 2, 21, 5, 9), seconds=True) == "9:05:09 PM"
    assert moment_text(datetime(2026, 12, 2, 12, 0), short=True) == "Dec 2, 2026, 12:00 PM"


def _formats(path: Path) -> list[tuple[int, str, str]]:
    """Every strftime pattern (an f-string's format spec or a strftime argument) and every
    `.isoformat()` put straight into an f-string, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):
            if node.format_spec is not None:
                spec = "".join(v.value for v in ast.walk(node.format_spec)
                               if isinstance(v, ast.Constant) and isinstance(v.value, str))
                out.append((node.lineno, "format", spec))
            v = node.value
            if isinstance(v, ast.Call) and isinstance(v.func, ast.Attribute) and v.func.attr == "isoformat":
                out.append((node.lineno, "iso", ast.unparse(v)))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "strftime":
            for a in node.args:
                if isinstance(a, ast.Constant) and isinstance(a.value, str):
                    out.append((node.lineno, "format", a.value))
    return out


def test_no_shown_date_pads_its_day_or_reads_as_iso():
    found = []
    for folder in ("app", "cli", "study", "questions"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if "migrations" in path.parts or rel == "study/day_words.py":
                continue
            for line, kind, text in _formats(path):
                if kind == "format" and DAY_DIRECTIVE.search(text) and not FILE_STAMP.match(text):
                    found.append(f"{rel}:{line}: {text!r} pads the day: use study.day_words.day_text")
                if kind == "iso" and rel not in TYPED_ISO:
                    found.append(f"{rel}:{line}: {text} in a sentence reads 2026-12-02: use day_text")
    assert not found, "\n".join(found)


def test_the_printed_plan_says_its_days_in_words(plans_service):
    from app.plan_pdf import plan_html
    from study.planning.planner import PlanRequest

    exam = date(2027, 2, 2)  # a Tuesday: the exam day, and early-month sessions, have one-digit days
    view = plans_service.create(PlanRequest(("A5",), ("mon", "wed", "thu"), exam))
    html = plan_html(view, date(2026, 12, 1))
    assert "Tuesday, February 2, 2027</b>" in html and "Tuesday, February 2, 2027: exam day" in html
    assert not re.search(r"\b(Jan|Feb|Dec|January|February|December) 0\d", html), "a zero-padded day in the plan"
    first = view.sessions[0].day
    assert day_text(first, weekday=True, year=False, short=True) in html


def test_chart_axes_say_dec_2_and_9_05_pm(qapp):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from app.charts import date_axis
    from app.theme import colours

    days = [datetime(2026, 12, 1) + timedelta(days=i) for i in range(9)]
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot(days, range(9))
    date_axis(ax, days, colours())
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and not any(re.search(r"(?<![\d:])0\d", t) for t in labels), labels
    same_day = [datetime(2026, 12, 2, 21, 5) + timedelta(minutes=20 * i) for i in range(4)]
    ax.clear()
    ax.plot(same_day, range(4))
    date_axis(ax, same_day, colours())
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert any(t.endswith("PM") for t in labels) and not any(t.startswith("0") for t in labels), labels
    assert ax.get_xlabel() == "Wednesday, December 2, 2026"
