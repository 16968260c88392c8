"""Questions from a spreadsheet saved as CSV (Excel, Google Sheets, LibreOffice).

A header row is required; column names are case-insensitive and in any order:

    stem, A, B, C, D, answer            required; answer is the letter A-D
    explanation, test, area, topic      optional; test and area map the question (e.g. A5, C)
    tags                                optional; several tags separated by ";" or "|"
    style, difficulty                   optional; direct|technician_ab|most_likely|except|
                                        least_likely and 1-3 ("2.0" is 2)

Commas, semicolons or tabs separate the columns (taken from the header line, or from Excel's
`sep=;` first line). A quote opened in a cell and never closed would swallow the rows after it:
that row is skipped saying so and reading goes on with the next line.
"""

from __future__ import annotations

import csv
import io
import re

from questions.model import LETTERS, STYLES
from study.classroom.lms.found import Collector, ImportResult, make
from study.classroom.lms.textfile import FileRejected

_COLUMNS = {
    "stem": ("stem", "question", "question text"),
    "A": ("a", "choice a", "option a"), "B": ("b", "choice b", "option b"),
    "C": ("c", "choice c", "option c"), "D": ("d", "choice d", "option d"),
    "answer": ("answer", "key", "correct"),
    "explanation": ("explanation", "feedback"), "test": ("test",), "area": ("area", "content area"),
    "topic": ("topic",), "tags": ("tags", "tag"), "style": ("style",), "difficulty": ("difficulty",),
}
CSV_REQUIRED = ("stem", "A", "B", "C", "D", "answer")
CSV_HEADER = ("stem", "A", "B", "C", "D", "answer", "explanation", "test", "area", "topic", "tags")
_SEP = re.compile(r"^\ufeff?sep=(.)\s*$", re.IGNORECASE)


def parse_csv(text: str, name: str = "questions.csv") -> ImportResult:
    """The documented column layout (module docstring); a bad header rejects the whole file."""
    col = Collector(name)
    lines = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    offset = 0
    m = _SEP.match(lines[0]) if lines else None
    if m:
        delim, offset = m.group(1), 1
    else:
        first = lines[0] if lines else ""
        delim = max((",", ";", "\t"), key=lambda d: first.count(d))
    if not any(line.strip() for line in lines[offset:]):
        raise FileRejected(f"{name}: the file is empty; it needs a header row: {', '.join(CSV_HEADER)}")
    try:
        header = next(csv.reader([lines[offset]], delimiter=delim))
    except csv.Error as e:
        raise FileRejected(f"{name}:{offset + 1}: not readable as CSV ({e}).") from None
    where: dict[str, int] = {}
    for i, h in enumerate(header):
        key = " ".join(h.strip().lstrip("\ufeff").casefold().split())
        for canon, names in _COLUMNS.items():
            if key in names and canon not in where:
                where[canon] = i
    missing = [c for c in CSV_REQUIRED if c not in where]
    if missing:
        raise FileRejected(
            f"{name}:{offset + 1}: the header row lacks the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. The first row must name the columns: {', '.join(CSV_HEADER)} "
            "(the last five are optional).")
    _rows(col, lines, offset + 1, delim, where, len(header))
    return col.result("csv")


def _rows(col: Collector, lines: list[str], first: int, delim: str, where: dict[str, int], width: int) -> None:
    """Every row from line index `first`; a row that swallowed later rows into one cell is
    skipped and reading restarts on the line after it."""
    at = first
    while at < len(lines):
        reader = csv.reader(io.StringIO("\n".join(lines[at:]), newline=""), delimiter=delim)
        restart = None
        start = at
        try:
            for row in reader:
                end = at + reader.line_num  # index of the line after this row
                if end - start > 1 and _swallowed(row, delim, width):
                    until = ("is never closed (the file ends inside it)" if end >= len(lines) - 1
                             else f"is not closed until line {end}")
                    col.skip(start + 1, f"a quote (\") opened in this row {until}, so the rows after it were "
                                        "read as one cell; close the quote or remove it. The rows after it "
                                        "were read on their own")
                    restart = start + 1
                    break
                if any(cell.strip() for cell in row):
                    _row(col, start + 1, row, where)
                start = end
        except csv.Error as e:
            col.skip(start + 1, f"not readable as CSV ({e})")
            restart = start + 1
        if restart is None:
            return
        at = restart


def _swallowed(row: list[str], delim: str, width: int) -> bool:
    need = max(2, min(width, len(CSV_REQUIRED)) - 1)
    return any(line.count(delim) >= need for cell in row for line in cell.split("\n")[1:])


def _row(col: Collector, line: int, row: list[str], where: dict[str, int]) -> None:
    def cell(key: str) -> str:
        i = where.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    answer = cell("answer").upper()
    if answer not in LETTERS:
        col.skip(line, f"the answer {cell('answer')!r} is not a letter A-D" if answer else "the answer column is empty")
        return
    style = cell("style").casefold() or "direct"
    if style not in STYLES:
        col.skip(line, f"style {cell('style')!r} is not one of {', '.join(STYLES)}")
        return
    diff = cell("difficulty") or "2"
    try:
        level = float(diff.replace(",", "."))
    except ValueError:
        level = 0.0
    if level not in (1.0, 2.0, 3.0):
        col.skip(line, f"difficulty {diff!r} is not 1, 2 or 3")
        return
    tags = tuple(t.strip() for t in re.split(r"[;|]", cell("tags")) if t.strip())
    make(col, line, cell("stem"), [cell(k) for k in "ABCD"], LETTERS.index(answer),
         explanation=cell("explanation"), tags=tags, test=cell("test").upper() or None,
         area=cell("area").upper() or None, topic=cell("topic") or None, style=style, difficulty=int(level))
