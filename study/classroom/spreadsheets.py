"""The class's tables as files a spreadsheet opens: CSV (UTF-8 with BOM, which Excel reads) or
.xlsx (openpyxl), each written beside its place and renamed into it once whole. Text from result
files is kept text (a name starting with '=' is never a formula)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from study.classroom.lms.cells import formula_safe as _cell
from study.classroom.report import ClassReport, GradebookRow, ItemStats
from study.storage.files import write_text, write_with

GRADEBOOK_COLUMNS = ("Student", "Set", "Test", "Set hash", "Due", "Attempts", "First attempt %", "Best %",
                     "Best right", "Questions", "Last finished", "Late")
ITEM_COLUMNS = ("Set", "Question", "Id", "Area", "Topic", "Key", "Attempts", "Facility index %",
                "Discrimination index", "Discrimination", "Chose A", "Chose B", "Chose C", "Chose D", "Unanswered")


def gradebook_table(rows: Sequence[GradebookRow]) -> list[list[object]]:
    return [[r.student, r.set_title, r.test, r.set_hash, r.due, r.attempts, round(r.first_percent, 1),
             round(r.best_percent, 1), r.best_correct, r.total, r.last_finished, "late" if r.late else ""] for r in rows]


def item_table(items: Sequence[ItemStats]) -> list[list[object]]:
    return [[i.set_title, i.position, i.question_id, i.area, i.topic, i.answer, i.attempts,
             None if i.facility is None else round(i.facility, 1),
             None if i.discrimination is None else round(i.discrimination, 1), i.discrimination_band,
             *i.choice_counts] for i in items]


def export_table(path: Path, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    """A table to .csv (UTF-8 with BOM, which Excel reads) or .xlsx (openpyxl)."""
    return export_sheets(path, {"Sheet1": (columns, rows)})


# what an .xlsx cell cannot hold: the C0 control characters other than tab, newline and return
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_text(v: object, sheet: Any = None) -> object:
    """A value for an .xlsx cell: text a spreadsheet would take for a formula is a text cell with
    Excel's quote prefix (kept as text when edited, and no apostrophe to see)."""
    if not isinstance(v, str):
        return v
    v = _NOT_IN_XLSX.sub("\ufffd", v)
    if sheet is None or _cell(v) == v:
        return v
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, v)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def export_sheets(path: Path, sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[object]]]]) -> Path:
    """CSV takes the first sheet; XLSX gets every sheet. The file is written beside its place and
    renamed into it once whole, so a failure leaves any earlier file as it was."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for name, (cols, rows) in sheets.items():
            sheet = book.create_sheet(_NOT_IN_XLSX.sub("", name)[:31] or "Sheet")
            sheet.append([_xlsx_text(c, sheet) for c in cols])
            for row in rows:
                sheet.append([_xlsx_text(v, sheet) for v in row])
        return write_with(path, lambda tmp: book.save(str(tmp)))
    cols, rows = next(iter(sheets.values()))
    rows = [[_cell(v) for v in row] for row in rows]  # CSV has no cell types: the apostrophe keeps it text
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow(cols)
    w.writerows([[v.replace("\x00", "") if isinstance(v, str) else v for v in row] for row in rows])
    return write_text(path, out.getvalue(), encoding="utf-8-sig", newline="")


def export_gradebook(path: Path, report: ClassReport) -> Path:
    """The gradebook to .csv, or to .xlsx with the heat map by area and the item analysis beside it."""
    sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[object]]]] = {
        "Gradebook": (GRADEBOOK_COLUMNS, gradebook_table(report.gradebook))}
    if path.suffix.lower() == ".xlsx":
        sheets["By area"] = (("Student", *[f"{a} {t}" for a, t in zip(report.areas, report.area_titles,
                                                                      strict=True)]),
                             [[st, *[None if v is None else round(v, 1) for v in row]]
                              for st, row in zip(report.students, report.heat, strict=True)])
        sheets["Item analysis"] = (ITEM_COLUMNS, item_table(report.items))
    return export_sheets(path, sheets)
