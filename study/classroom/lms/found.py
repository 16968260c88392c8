"""What reading a question file finds: questions ready to store, and what was skipped and why.

Only multiple-choice questions with one right answer and four choices (A-D, as on the ASE tests)
are imported. Everything else a file holds is listed as skipped with its `file:line` and the
reason, so the instructor can fix the file; a question imported with a change the instructor
should know about (partial credit dropped, a table shown as text) carries a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from questions.model import EXHIBIT_KINDS, LETTERS, Exhibit, Question
from study.classroom.lms import emphasis
from study.classroom.lms.emphasis import Span


@dataclass(frozen=True)
class ImportedQuestion:
    """A question read from a file, before it is stored: plain text, four choices, one key."""

    stem: str
    choices: tuple[str, str, str, str]
    answer: str
    source: str  # "file:line"
    explanation: str = ""
    tags: tuple[str, ...] = ()
    title: str = ""
    test: str | None = None
    area: str | None = None
    topic: str | None = None
    style: str = "direct"
    difficulty: int = 2
    exhibit: Exhibit | None = None
    notes: tuple[str, ...] = ()
    # the bold and italic of the stem and the explanation, as spans over their plain text
    emphasis: tuple[tuple[str, tuple[Span, ...]], ...] = ()

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"stem": self.stem, "choices": list(self.choices), "answer": self.answer,
                                  "source": self.source}
        if self.exhibit is not None:
            out["exhibit"] = exhibit_json(self.exhibit)
        if self.notes:
            out["notes"] = list(self.notes)
        return out


@dataclass(frozen=True)
class SkippedItem:
    source: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class ImportResult:
    imported: tuple[ImportedQuestion, ...] = ()
    skipped: tuple[SkippedItem, ...] = ()
    format: str = ""
    notes: tuple[str, ...] = ()  # about the whole file (its encoding, say)

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"imported": [q.as_json() for q in self.imported],
                                  "skipped": [s.as_json() for s in self.skipped]}
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    @property
    def question_notes(self) -> list[str]:
        """Every question's notes, each with its `file:line`."""
        return [f"{q.source}: {n}" for q in self.imported for n in q.notes]


@dataclass
class Collector:
    name: str
    imported: list[ImportedQuestion] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)

    def skip(self, line: int | str, reason: str) -> None:
        self.skipped.append(SkippedItem(f"{self.name}:{line}", reason))

    def result(self, fmt: str) -> ImportResult:
        return ImportResult(tuple(self.imported), tuple(self.skipped), fmt)


def clean(text: str) -> str:
    """Whitespace tidied line by line; blank lines dropped (a stem is a paragraph or a few lines)."""
    lines = (" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def choice_problem(choices: Sequence[str]) -> str | None:
    n = len(choices)
    if n != 4:
        return (f"has {n} choice{'s' if n != 1 else ''}; ASE Prep questions have exactly four (A-D), "
                "as on the ASE tests")
    if any(not c for c in choices):
        return "a choice is empty"
    if len({c.casefold() for c in choices}) != 4:
        return "two choices are the same"
    return None


def make(col: Collector, line: int | str, stem: str, choices: Sequence[str], answer_index: int | None,
         **extra: Any) -> None:
    """Add the question, or skip it with the reason it cannot be an ASE Prep question. The stem's and
    the explanation's bold and italic markers become its `emphasis`; a choice is plain text."""
    stem, stem_spans = emphasis.split(clean(stem))
    choices = [clean(emphasis.strip(c)) for c in choices]
    if not stem:
        col.skip(line, "the question text is empty")
        return
    problem = choice_problem(choices)
    if problem:
        col.skip(line, problem)
        return
    if answer_index is None or not 0 <= answer_index < 4:
        col.skip(line, "no right answer is marked")
        return
    four = (choices[0], choices[1], choices[2], choices[3])
    explanation, why_spans = emphasis.split(clean(str(extra.pop("explanation", "") or "")))
    marks = tuple((k, v) for k, v in (("stem", stem_spans), ("explanation", why_spans)) if v)
    col.imported.append(ImportedQuestion(stem, four, LETTERS[answer_index], f"{col.name}:{line}",
                                         explanation, emphasis=marks, **extra))


def explained(general: str, choices: Sequence[str], feedback: Sequence[str], key: int) -> str:
    """The explanation as Moodle shows it after an answer: the general feedback (else the right
    choice's), then each choice's own feedback named by the choice's words (ASE Prep holds one
    explanation a question, and may show the choices in another order than the file's letters)."""
    main = clean(general) or clean(feedback[key])
    extra = [f'"{clean(c)}": {clean(f)}' for i, (c, f) in enumerate(zip(choices, feedback, strict=False))
             if clean(f) and clean(f) != main and (i != key or clean(general))]
    return "\n".join([x for x in (main, *extra) if x])


def feedback_parts(q: Question) -> tuple[tuple[int, int], list[tuple[int, int] | None]]:
    """Where in the explanation the general feedback is, and each choice's own feedback (offsets,
    None for a choice without): the explanation taken apart as `explained` put it together, so an
    export gives each choice its feedback again. An explanation `explained` did not make is all
    general feedback."""
    text = q.explanation
    nothing: list[tuple[int, int] | None] = [None, None, None, None]
    whole = (0, len(text)), nothing
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    words = {f'"{clean(c)}": ': i for i, c in enumerate(q.choices)}
    own: list[tuple[int, int] | None] = [None, None, None, None]
    last = 4
    cut = len(starts)
    for n in range(len(starts) - 1, 0, -1):  # the first line is always the general feedback
        start, end = starts[n], (starts[n + 1] - 1 if n + 1 < len(starts) else len(text))
        line = text[start:end]
        i = next((i for w, i in words.items() if line.startswith(w) and len(line) > len(w)), None)
        if i is None or i >= last:
            break
        own[i] = (start + len(next(w for w, j in words.items() if j == i)), end)
        last, cut = i, n
    if cut == len(starts):
        return whole
    general = (0, starts[cut] - 1)
    feedback = ["" if p is None else text[p[0]:p[1]] for p in own]
    if explained(text[general[0]:general[1]], q.choices, feedback, q.answer_index) != text:
        return whole
    return general, own


def question_tags(q: Question) -> list[str]:
    """The tags an LMS export writes: the topic first, then the tags an instructor's question came with."""
    return [t for t in dict.fromkeys([q.topic, *getattr(q, "tags", ())]) if t]


# ----------------------------------------------------------------------------- exhibits as JSON


def exhibit_json(ex: Exhibit) -> dict[str, Any]:
    if ex.kind == "table":
        return {"kind": "table", "caption": ex.caption, "columns": list(ex.columns), "rows": [list(r) for r in ex.rows]}
    out: dict[str, Any] = {"kind": "figure", "caption": ex.caption, "alt": ex.alt}
    if ex.data:
        out["data"] = ex.data
    else:
        out["file"] = ex.file
    return out


def exhibit_from_json(raw: Any) -> Exhibit | None:
    """The exhibit a stored question carries; None for anything malformed (the question stays usable)."""
    if not isinstance(raw, dict) or raw.get("kind") not in EXHIBIT_KINDS:
        return None
    caption = str(raw.get("caption") or "")
    if raw["kind"] == "table":
        cols = raw.get("columns")
        rows = raw.get("rows")
        if not isinstance(cols, list) or not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            return None
        return Exhibit("table", caption, tuple(str(c) for c in cols), tuple(tuple(str(c) for c in r) for r in rows))
    return Exhibit("figure", caption, file=str(raw.get("file") or ""), alt=str(raw.get("alt") or ""),
                   data=str(raw.get("data") or ""))
