"""The class report: item analysis as Moodle computes it (hand-worked numbers), the heat map,
weak categories through the single-learner ranking, the gradebook and its exports."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from study.analytics.standings import AnalyticsSettings, AreaCounts, standing_from_counts
from study.classroom.report import Attempt, build_report, first_attempts, item_analysis
from study.classroom.sets import PracticeSetService, ResultAnswer, build_result, build_set, save_result
from study.classroom.spreadsheets import export_table
from study.services import open_services
from tests.conftest import make_question

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 11, 20, 18, 0)

# Five students, four questions, every key "A"; 1 = right. Totals 4, 3, 2, 1, 1.
MATRIX = {
    "Ana": [1, 1, 1, 1],
    "Ben": [1, 1, 1, 0],
    "Cy": [1, 1, 0, 0],
    "Dee": [1, 0, 0, 0],
    "Eli": [0, 0, 0, 1],
}
WRONG = {"Ben": "C", "Cy": "B", "Dee": "B", "Eli": None}  # what each picks when wrong (None: left blank)


@pytest.fixture
def quiz():
    qs = [make_question("A5", "A", 1), make_question("A5", "A", 2), make_question("A5", "C", 3),
          make_question("A5", "D", 4)]
    return build_set("Friday quiz", "A5", qs, due=date(2026, 11, 21), created=T0)


def attempt(ps, student, row, *, finished=T0, wrong=None):
    answers = tuple(ResultAnswer(q.id, "A" if ok else (wrong if wrong is not None else WRONG.get(student)), 30.0)
                    for q, ok in zip(ps.questions, row, strict=True))
    right = sum(row)
    return Attempt(student, ps.hash, answers, right, len(row), 120.0, finished, finished)


def class_attempts(ps):
    return [attempt(ps, s, row) for s, row in MATRIX.items()]


def test_item_analysis_matches_moodles_formulas_worked_by_hand(quiz):
    items = item_analysis(quiz, class_attempts(quiz))
    assert [i.facility for i in items] == [80.0, 60.0, 40.0, 40.0]
    # question 1: item [1,1,1,1,0], rest of test [3,2,1,0,1]: r = 0.4 / sqrt(0.8 x 5.2) = 0.1961
    assert items[0].discrimination == pytest.approx(19.61, abs=0.01)
    assert items[0].discrimination_band == "very weak" and items[0].flagged
    # question 4: item [1,0,0,0,1], rest [3,3,2,1,0]: r = -0.6 / sqrt(1.2 x 6.8) = -0.2100
    assert items[3].discrimination == pytest.approx(-21.00, abs=0.01)
    assert items[3].discrimination_band.startswith("negative") and items[3].flagged
    # question 2 separates the top three from the rest
    assert items[1].discrimination > 50 and items[1].discrimination_band == "very good" and not items[1].flagged
    # how often each choice was picked: A, B, C, D, unanswered
    assert items[0].choice_counts == (4, 0, 0, 0, 1)
    assert items[1].choice_counts == (3, 1, 0, 0, 1)
    assert items[3].choice_counts == (2, 2, 1, 0, 0)
    assert all(i.attempts == 5 for i in items)


def test_item_analysis_uses_first_attempts_and_says_when_it_cannot_tell(quiz):
    retake = attempt(quiz, "Eli", [1, 1, 1, 1], finished=T0 + timedelta(days=1))
    items = item_analysis(quiz, [*class_attempts(quiz), retake])
    assert [i.facility for i in items] == [80.0, 60.0, 40.0, 40.0]  # the retake is not counted
    everyone_right = item_analysis(quiz, [attempt(quiz, s, [1, 1, 1, 1]) for s in MATRIX])
    assert everyone_right[0].discrimination is None and everyone_right[0].facility == 100.0
    assert everyone_right[0].discrimination_band == "not enough spread to tell" and not everyone_right[0].flagged
    assert first_attempts([retake, *class_attempts(quiz)])[-1].correct == 1


def test_heat_map_weak_categories_and_gradebook(quiz, blueprints):
    late_retake = attempt(quiz, "Cy", [1, 1, 1, 0], finished=T0 + timedelta(days=2))
    report = build_report("A5", [quiz], [*class_attempts(quiz), late_retake], blueprints, AnalyticsSettings())
    assert report.students == ("Ana", "Ben", "Cy", "Dee", "Eli")
    assert report.areas == ("A", "C", "D")
    heat = dict(zip(report.students, report.heat, strict=True))
    assert heat["Ana"] == (100.0, 100.0, 100.0)
    assert heat["Cy"] == (100.0, 0.0, 0.0)  # first attempt, as the item analysis
    assert heat["Eli"] == (0.0, 0.0, 100.0)
    # weak categories: the class's answers through the same ranking a single learner gets
    counts = {"A": AreaCounts(10, 7, 10.0, 7.0), "C": AreaCounts(5, 2, 5.0, 2.0), "D": AreaCounts(5, 2, 5.0, 2.0)}
    assert report.standing == standing_from_counts(blueprints.get("A5"), counts, AnalyticsSettings())
    assert report.standing.areas[0].points_at_stake >= report.standing.areas[-1].points_at_stake
    # the gradebook: first and best attempt, late when the last came after the due date
    rows = {r.student: r for r in report.gradebook}
    assert (rows["Cy"].attempts, rows["Cy"].first_percent, rows["Cy"].best_percent) == (2, 50.0, 75.0)
    assert rows["Cy"].late and not rows["Ana"].late
    assert rows["Ana"].best_correct == 4 and rows["Ana"].total == 4


def test_exports_neutralise_formulas_from_student_names(tmp_path):
    rows = [["=HYPERLINK(\"http://x\")", 1], ["+1", 2], ["Dana", 3]]
    out = export_table(tmp_path / "g.csv", ["Student", "N"], rows)
    with out.open(encoding="utf-8-sig", newline="") as f:
        got = list(csv.reader(f))
    assert got == [["Student", "N"], ["'=HYPERLINK(\"http://x\")", "1"], ["'+1", "2"], ["Dana", "3"]]
    import openpyxl

    # a spreadsheet cell is text by its type: no apostrophe to see, and Excel keeps it text when edited
    when = datetime(2026, 11, 20, 18, 30)
    x = export_table(tmp_path / "g.xlsx", ["Student", "N", "Finished"], [[*r, when] for r in rows])
    ws = openpyxl.load_workbook(x).active
    assert ws["A2"].value == "=HYPERLINK(\"http://x\")" and ws["A2"].data_type == "s" and ws["A2"].quotePrefix
    assert ws["A3"].value == "+1" and ws["A3"].data_type == "s"
    assert ws["A4"].value == "Dana" and not ws["A4"].quotePrefix
    assert ws["B4"].value == 3
    assert ws["C2"].value == when and ws["C2"].is_date  # a date Excel sorts and filters as a date


def run_cli(data, *args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_results_commands_import_a_folder_report_and_export_the_gradebook(tmp_path, quiz):
    data = tmp_path / "data"
    s = open_services(data)
    PracticeSetService(s.db, s.blueprints).record(quiz, authored=True)
    s.close()
    inbox = tmp_path / "inbox"
    for name, row in MATRIX.items():
        answers = [ResultAnswer(q.id, "A" if ok else WRONG[name], 20.0) for q, ok in zip(quiz.questions, row, strict=True)]
        save_result(build_result(quiz, name, answers, 90.0, finished=T0), inbox / f"{name}.aseresult")
    (inbox / "broken.aseresult").write_text("{\"format\": \"ase-prep-result\"", encoding="utf-8")

    p = run_cli(data, "results", "import", str(inbox), "--json")
    assert p.returncode == 1  # one file refused
    status = {o["file"]: o["status"] for o in json.loads(p.stdout)}
    assert status == {**{f"{n}.aseresult": "added" for n in MATRIX}, "broken.aseresult": "rejected"}
    assert "5 results imported, 0 skipped, 1 rejected." in p.stderr
    again = run_cli(data, "results", "import", str(inbox / "Ana.aseresult"))
    assert again.returncode == 0 and "already imported" in again.stdout

    rep = run_cli(data, "results", "report", "--test", "A5", "--json")
    assert rep.returncode == 0, rep.stderr
    report = json.loads(rep.stdout)
    assert report["heat_map"]["Cy"] == {"A": 100.0, "C": 0.0, "D": 0.0}
    assert [i["facility_index"] for i in report["items"]] == [80.0, 60.0, 40.0, 40.0]
    assert report["items"][3]["flagged"] and report["items"][3]["discrimination_index"] == -21.0
    assert len(report["gradebook"]) == 5

    out = tmp_path / "grades.xlsx"
    g = run_cli(data, "results", "gradebook", str(out), "--test", "A5", "--set", quiz.hash[:8])
    assert g.returncode == 0, g.stderr
    import openpyxl

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Gradebook", "By area", "Item analysis"]
    book = wb["Gradebook"]
    assert [c.value for c in book[1]][:3] == ["Student", "Set", "Test"]
    assert sorted(r[0].value for r in book.iter_rows(min_row=2)) == sorted(MATRIX)
    text = run_cli(data, "results", "report", "--test", "A5")
    assert "<- check" in text.stdout and "Ana" in text.stdout
