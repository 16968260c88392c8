"""Every file the app writes is whole or not there: written beside its place and renamed in once
complete, so a failure (a full disk, a name the format cannot hold) never leaves a truncated file
or spoils the one that was there. Text cells are cleaned of what the format cannot hold."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from study.classroom.report import GradebookRow
from study.classroom.spreadsheets import GRADEBOOK_COLUMNS, export_sheets, gradebook_table
from study.storage.files import TEMP_MARK
from tests.fsfaults import small_disk  # noqa: F401 - a fixture


def book(names: list[str]) -> dict:  # type: ignore[type-arg]
    rows = [GradebookRow(n, "Week 3 quiz", "A5", "abc123", "2026-12-01", 1, 80.0, 80.0, 8, 10,
                         "2026-11-30 19:00", False) for n in names]
    return {"Gradebook": (GRADEBOOK_COLUMNS, gradebook_table(rows))}


def test_a_students_name_with_control_characters_makes_a_whole_workbook(tmp_path):
    out = export_sheets(tmp_path / "grades.xlsx", book(["Dana\x07 Smith", "Lee\x1b[31m Park", "Ana\x00Díaz"]))
    sheet = load_workbook(out).active
    names = [sheet.cell(row=r, column=1).value for r in range(2, 5)]
    assert names == ["Dana\ufffd Smith", "Lee\ufffd[31m Park", "Ana\ufffdDíaz"]
    assert sheet.cell(row=2, column=8).value == 80.0
    assert [p.name for p in tmp_path.iterdir()] == ["grades.xlsx"]  # nothing left beside it


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl, on the full disk
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_failed_export_leaves_the_earlier_file_as_it_was(small_disk, suffix):  # noqa: F811
    target = small_disk.folder / f"grades{suffix}"
    export_sheets(target, book(["Dana Smith"]))
    before = target.read_bytes()
    small_disk.fill()
    with pytest.raises(OSError):
        export_sheets(target, book([f"Student {i}" for i in range(5000)]))
    import gc

    gc.collect()  # openpyxl's half-written sheet is let go here, where its complaint is expected
    assert target.read_bytes() == before
    assert not [p for p in small_disk.folder.iterdir() if TEMP_MARK in p.name]
    small_disk.free()
    export_sheets(target, book(["Dana Smith", "Lee Park"]))
    assert target.read_bytes() != before


def test_plan_exports_and_set_files_are_written_whole(tmp_path, monkeypatch, db, blueprints, clock):
    """The .ics, .csv and .aseset writers go through the same temporary file and rename."""
    import os

    from questions.bank import QuestionBank
    from study.analytics.standings import Analytics
    from study.classroom.sets import build_set, save_set
    from study.exams import ExamService
    from study.planning.export import write_csv, write_ics
    from study.planning.planner import PlanRequest
    from study.planning.plans import PlanService
    from tests.conftest import make_question, synthetic_bank

    now = datetime(2026, 12, 1, 18, 0)
    bank = QuestionBank(tuple(synthetic_bank(blueprints.get("A5"))))
    exams = ExamService(db, bank, blueprints, clock=clock, now=lambda: now)
    plans = PlanService(db, blueprints, bank, Analytics(db, blueprints, now=lambda: now), exams.learner_id,
                        now=lambda: now)
    view = plans.create(PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 1, 19)))
    renames: list[tuple[str, str]] = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: renames.append((Path(a).name, Path(b).name)) or real(a, b))
    save_set(build_set("Quiz", "A5", [make_question("A5", "A", 1)], created=now), tmp_path / "quiz.aseset")
    write_ics(view, tmp_path / "plan.ics", now=now)
    write_csv(view, tmp_path / "plan.csv")
    assert [b for _, b in renames] == ["quiz.aseset", "plan.ics", "plan.csv"]
    assert all(a.startswith(f".{b}{TEMP_MARK}") for a, b in renames)
