"""The exhibit each question of a practice set carries inside the file (format 3): a table as its
cells, a figure as its SVG, so a set's figures travel with it to a student whose ASE Prep has a
different bank (or none of the instructor's own questions).

A figure read from a file is shown only if its SVG passes questions.exhibits.svg_problems (no
script, no outside reference, no DTD, small); a set whose figure does not is refused, naming the
question and the problem.

Format 5 also carries an instructor's question's bold and italic, as spans over its stem and
explanation (`read_emphasis` checks them against the texts).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from questions.exhibits import SVG_MAX_BYTES, figure_path, svg_problems
from questions.model import Exhibit, Question
from study.classroom.lms.emphasis import Span, spans_from_json
from study.classroom.set_files import Fields, SetBuildError

MAX_COLUMNS = 12
MAX_ROWS = 80
MAX_CELL = 500


def carried(q: Question) -> Question:
    """The question with its figure's SVG inside it (read from the bank's file), ready to be written
    into a set; tables and questions without an exhibit are unchanged."""
    ex = q.exhibit
    if ex is None or ex.kind != "figure" or ex.data:
        return q
    try:
        data = figure_path(ex.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise SetBuildError(f"{q.id}: its figure {ex.file} cannot be read ({e}), so the set cannot carry it.") from None
    problems = svg_problems(data.encode("utf-8"))
    if problems:
        raise SetBuildError(f"{q.id}: its figure {ex.file} cannot go into a set: {problems[0]}.")
    return replace(q, exhibit=replace(ex, file="", data=data))


def exhibit_json(ex: Exhibit) -> dict[str, Any]:
    """The exhibit as a set file writes it (a figure always with its SVG: see `carried`)."""
    if ex.kind == "table":
        return {"kind": "table", "caption": ex.caption, "columns": list(ex.columns), "rows": [list(r) for r in ex.rows]}
    return {"kind": "figure", "caption": ex.caption, "alt": ex.alt, "svg": ex.data}


def read_exhibit(raw: Any, f: Fields) -> Exhibit | None:
    """A question's exhibit from a set file, checked; raises SetFileError naming the question."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise f.fail("its exhibit is not a JSON object")
    e = Fields(raw, f.name, f"{f.where}exhibit: ")
    kind = raw.get("kind")
    caption = e.text("caption", required=False, max_len=300)
    if kind == "table":
        cols, rows = raw.get("columns"), raw.get("rows")
        if (not isinstance(cols, list) or not 1 <= len(cols) <= MAX_COLUMNS
                or not all(isinstance(c, str) and len(c) <= MAX_CELL for c in cols)):
            raise e.fail(f"a table needs 1 to {MAX_COLUMNS} column headings, each text")
        if (not isinstance(rows, list) or not 1 <= len(rows) <= MAX_ROWS
                or not all(isinstance(r, list) and len(r) == len(cols)
                           and all(isinstance(c, str) and len(c) <= MAX_CELL for c in r) for r in rows)):
            raise e.fail(f"a table needs 1 to {MAX_ROWS} rows, each with one text cell per column")
        return Exhibit("table", caption, tuple(cols), tuple(tuple(r) for r in rows))
    if kind == "figure":
        alt = e.text("alt", max_len=4000)
        svg = e.text("svg", max_len=SVG_MAX_BYTES)
        problems = svg_problems(svg.encode("utf-8"))
        if problems:
            raise e.fail(f"its figure cannot be shown: {problems[0]}")
        return Exhibit("figure", caption, alt=alt, data=svg)
    raise e.fail(f"kind must be \"table\" or \"figure\", not {str(kind)[:20]!r}")


def same_exhibit(a: Exhibit | None, b: Exhibit | None) -> bool:
    """Whether two questions show the same exhibit (a bank figure's file against a set's SVG)."""
    if a is None or b is None:
        return a is b
    if a.kind != b.kind or a.caption != b.caption:
        return False
    if a.kind == "table":
        return a.columns == b.columns and a.rows == b.rows
    return a.alt == b.alt and _svg(a) == _svg(b)


def _svg(ex: Exhibit) -> str:
    if ex.data:
        return ex.data
    try:
        return figure_path(ex.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def read_emphasis(raw: Any, f: Fields, stem: str, explanation: str) -> tuple[tuple[str, tuple[Span, ...]], ...]:
    """Format 5: a question's bold and italic, every span checked against its text; raises
    SetFileError naming the question for anything ASE Prep does not write."""
    if raw is None:
        return ()
    texts = {"stem": stem, "explanation": explanation}
    spans = spans_from_json(raw, texts)
    given = (sum(len(v) for v in raw.values())
             if isinstance(raw, dict) and all(isinstance(v, list) for v in raw.values()) else -1)
    if not isinstance(raw, dict) or set(raw) - set(texts) or given != sum(len(v) for v in spans.values()):
        raise f.fail("its bold and italic are not what ASE Prep writes (spans over the stem and the explanation)")
    return tuple(sorted(spans.items()))
