"""Load and validate the question bank: YAML files under resources/questions/<TEST>/.

Every problem is reported as ``file:line: message`` and loading carries on past it, so one
broken file names all its faults at once and never takes the rest of the bank down with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from questions.blueprints import RESOURCES, Blueprints
from questions.model import LETTERS, TECHNICIAN_AB_CHOICES, Exhibit, Question

BANK_DIR = RESOURCES / "questions"
ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{0,3}-[A-Z]-\d{4}$")
FIGURE_PATTERN = re.compile(r"^exhibits/[A-Z][A-Z0-9]{0,3}/[A-Za-z0-9][A-Za-z0-9_-]{0,60}\.svg$")

# Exhibit limits: what fits beside a stem at 200 % text without becoming a page of its own.
TABLE_COLUMNS = (2, 6)
TABLE_ROWS = (1, 16)
CELL_MAX = 60
CAPTION_MAX = 160
ALT_LENGTH = (80, 1500)


def _cell(value: Any) -> str:
    # A bare YAML number loses how it was written (0.50 becomes 0.5): cells are text.
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError(f"cell {value!r} is not text; put it in quotes so it shows as written")
    if not isinstance(value, str | int):
        raise ValueError(f"cell {value!r} is not text")
    return " ".join(str(value).split())


class ExhibitRecord(BaseModel):
    """A question's exhibit as written: a table of readings or an SVG figure with alt text."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Literal["table", "figure"]
    caption: str = Field(min_length=3, max_length=CAPTION_MAX)
    columns: list[str] | None = None
    rows: list[list[Any]] | None = None
    file: str | None = None
    alt: str | None = None

    @model_validator(mode="after")
    def _shape(self) -> ExhibitRecord:
        if self.kind == "table":
            if self.file is not None or self.alt is not None:
                raise ValueError("a table exhibit has caption, columns and rows (no file or alt)")
            cols = [_cell(c) for c in self.columns or []]
            lo, hi = TABLE_COLUMNS
            if not lo <= len(cols) <= hi:
                raise ValueError(f"a table needs {lo}-{hi} columns, has {len(cols)}")
            if any(not c or len(c) > CELL_MAX for c in cols):
                raise ValueError(f"a column heading is empty or longer than {CELL_MAX} characters")
            rows = self.rows or []
            lo, hi = TABLE_ROWS
            if not lo <= len(rows) <= hi:
                raise ValueError(f"a table needs {lo}-{hi} rows, has {len(rows)}")
            clean = []
            for i, row in enumerate(rows, 1):
                if not isinstance(row, list) or len(row) != len(cols):
                    n = len(row) if isinstance(row, list) else "not a list"
                    raise ValueError(f"row {i} has {n} cells; the table has {len(cols)} columns")
                cells = [_cell(c) for c in row]
                if any(len(c) > CELL_MAX for c in cells):
                    raise ValueError(f"row {i} has a cell longer than {CELL_MAX} characters")
                clean.append(cells)
            self.columns, self.rows = cols, clean
        else:
            if self.columns is not None or self.rows is not None:
                raise ValueError("a figure exhibit has file, caption and alt (no columns or rows)")
            if not self.file or not FIGURE_PATTERN.match(self.file):
                raise ValueError("a figure's file must look like exhibits/A6/A6-A-0004.svg (under resources/)")
            alt = " ".join((self.alt or "").split())
            lo, hi = ALT_LENGTH
            if not lo <= len(alt) <= hi:
                raise ValueError(
                    f"a figure's alt text is {len(alt)} characters; it needs {lo}-{hi}, enough to answer from"
                )
            self.alt = alt
        return self

    def to_exhibit(self) -> Exhibit:
        caption = " ".join(self.caption.split())
        if self.kind == "table":
            return Exhibit(
                "table", caption, tuple(self.columns or ()), tuple(tuple(r) for r in self.rows or ())
            )
        return Exhibit("figure", caption, file=self.file or "", alt=self.alt or "")


class QuestionRecord(BaseModel):
    """One question as written in a bank file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str
    area: str
    topic: str = Field(min_length=1)
    style: Literal["direct", "technician_ab", "most_likely", "except", "least_likely"]
    difficulty: int = Field(ge=1, le=3)
    stem: str = Field(min_length=1)
    choices: list[str]
    answer: Literal["A", "B", "C", "D"]
    explanation: str = Field(min_length=1)
    exhibit: ExhibitRecord | None = None
    version: int = Field(default=1, ge=1, le=99)
    entry_level: bool = False

    @field_validator("id")
    @classmethod
    def _id_form(cls, v: str) -> str:
        if not ID_PATTERN.match(v):
            raise ValueError("id must look like A5-C-0001 (test, area letter, four digits)")
        return v

    @field_validator("choices")
    @classmethod
    def _four_choices(cls, v: list[str]) -> list[str]:
        v = [str(c).strip() for c in v]
        if len(v) != 4:
            raise ValueError(f"needs exactly 4 choices, has {len(v)}")
        if any(not c for c in v):
            raise ValueError("a choice is empty")
        if len({c.casefold() for c in v}) != 4:
            raise ValueError("two choices are the same")
        return v

    @model_validator(mode="after")
    def _technician_choices(self) -> QuestionRecord:
        if self.style == "technician_ab" and tuple(self.choices) != TECHNICIAN_AB_CHOICES:
            raise ValueError(
                "technician_ab questions use the choices "
                "[A only, B only, Both A and B, Neither A nor B]"
            )
        return self


class BankFileHeader(BaseModel):
    model_config = ConfigDict(extra="forbid")

    test: str
    area: str
    written: Any = None
    reworked: Any = None
    reviewed: Any = None
    reviewer_notes: str | None = None
    # 2 = reworked to the standard of ../shared/QUESTIONS.md "As hard as the real test" (harder,
    # not guessable, with exhibits); a test whose files are all at 2 is held to that standard.
    standard: int = Field(default=1, ge=1, le=2)
    probes: list[Any] | None = None  # blind probes run on the file: date, kind, seed, sample, result
    questions: list[Any]


@dataclass(frozen=True)
class BankProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        # line 0 means the problem concerns a whole file or folder, not one place in it
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


@dataclass(frozen=True)
class BankFile:
    path: str
    test: str
    area: str
    reviewed: str | None
    questions: tuple[Question, ...]
    standard: int = 1


@dataclass
class QuestionBank:
    """All loaded questions, indexed by id and by test and area."""

    questions: tuple[Question, ...] = ()
    files: tuple[BankFile, ...] = ()
    problems: tuple[BankProblem, ...] = ()
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {q.id: q for q in self.questions}

    def __len__(self) -> int:
        return len(self.questions)

    def get(self, qid: str) -> Question:
        return self._by_id[qid]

    def find(self, qid: str) -> Question | None:
        return self._by_id.get(qid)

    def for_test(self, test: str) -> list[Question]:
        return [q for q in self.questions if q.test == test]

    def for_area(self, test: str, area: str) -> list[Question]:
        return [q for q in self.questions if q.test == test and q.area == area]

    def count_by_area(self, test: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for q in self.questions:
            if q.test == test:
                counts[q.area] = counts.get(q.area, 0) + 1
        return counts

    def with_questions(self, extra: Iterable[Question]) -> QuestionBank:
        """A bank with more questions mixed in (an instructor's imports); bank ids win."""
        extra = [q for q in extra if q.id not in self._by_id]
        return QuestionBank(self.questions + tuple(extra), self.files, self.problems)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _question_lines(text: str) -> list[int]:
    """1-based line of each item of the file's `questions:` list (used only to report errors)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if getattr(key, "value", None) == "questions" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def _pydantic_messages(err: ValidationError) -> list[str]:
    out = []
    for e in err.errors():
        where = ".".join(str(p) for p in e["loc"])
        msg = e["msg"].removeprefix("Value error, ")
        out.append(f"{where}: {msg}" if where else msg)
    return out


def _safe_load(text: str) -> Any:
    # The C implementation of the safe loader when PyYAML has it: same rules as yaml.safe_load
    # (no Python objects), several times faster on a bank of hundreds of questions.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader, never the full loader


def load_file(
    path: Path, blueprints: Blueprints | None = None
) -> tuple[BankFile | None, list[BankProblem]]:
    """Parse and validate one bank file; returns the good questions and every problem found."""
    name = _display(path)
    problems: list[BankProblem] = []
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, [BankProblem(name, 0, f"cannot read the file: {e.strerror or e}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [BankProblem(name, line, "not UTF-8 text; save the file as UTF-8")]
    try:
        data = _safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        return None, [BankProblem(name, line, f"YAML syntax error: {problem}")]
    if not isinstance(data, dict):
        return None, [BankProblem(name, 1, "expected a mapping with test, area and questions")]
    try:
        header = BankFileHeader.model_validate(data)
    except ValidationError as e:
        return None, [BankProblem(name, 1, m) for m in _pydantic_messages(e)]

    test, area = str(header.test), str(header.area)
    if blueprints is not None:
        if test not in blueprints:
            return None, [BankProblem(name, 1, f"unknown test {test!r} (not in blueprints.yaml)")]
        bp = blueprints.get(test)
        if area not in bp.area_letters:
            return None, [BankProblem(name, 1, f"{test} has no content area {area!r}")]
    lines = _question_lines(text)
    good: list[Question] = []
    for i, item in enumerate(header.questions):
        line = lines[i] if i < len(lines) else 1
        if not isinstance(item, dict):
            problems.append(BankProblem(name, line, f"question {i + 1} is not a mapping"))
            continue
        label = str(item.get("id") or f"question {i + 1}")
        try:
            rec = QuestionRecord.model_validate(item)
        except ValidationError as e:
            problems.extend(BankProblem(name, line, f"{label}: {m}") for m in _pydantic_messages(e))
            continue
        if rec.area != area:
            problems.append(BankProblem(name, line, f"{rec.id}: area {rec.area} but the file is area {area}"))
            continue
        if not rec.id.startswith(f"{test}-{area}-"):
            problems.append(BankProblem(name, line, f"{rec.id}: id must start with {test}-{area}-"))
            continue
        if blueprints is not None:
            topics = blueprints.get(test).area(area).topics
            if topics and rec.topic not in topics:
                problems.append(
                    BankProblem(name, line, f"{rec.id}: topic {rec.topic!r} is not one of {test} area {area}'s topics")
                )
                continue
        good.append(
            Question(
                id=rec.id,
                test=test,
                area=area,
                topic=rec.topic,
                style=rec.style,
                difficulty=rec.difficulty,
                stem=" ".join(rec.stem.split()),
                choices=(rec.choices[0], rec.choices[1], rec.choices[2], rec.choices[3]),
                answer=rec.answer,
                explanation=" ".join(rec.explanation.split()),
                source=f"{name}:{line}",
                exhibit=rec.exhibit.to_exhibit() if rec.exhibit else None,
                version=rec.version,
                entry_level=rec.entry_level,
            )
        )
    reviewed = str(header.reviewed) if header.reviewed else None
    return BankFile(name, test, area, reviewed, tuple(good), header.standard), problems


def bank_files(root: Path = BANK_DIR) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def load_bank(
    paths: Sequence[Path] | None = None, blueprints: Blueprints | None = None
) -> QuestionBank:
    """Load the given files (default: the whole bundled bank). Duplicate ids are problems."""
    files: list[BankFile] = []
    problems: list[BankProblem] = []
    seen: dict[str, str] = {}
    questions: list[Question] = []
    for path in paths if paths is not None else bank_files():
        bf, probs = load_file(Path(path), blueprints)
        problems.extend(probs)
        if bf is None:
            continue
        kept = []
        for q in bf.questions:
            if q.id in seen:
                file, line = q.source.rsplit(":", 1)
                problems.append(BankProblem(file, int(line), f"{q.id}: id already used at {seen[q.id]}"))
                continue
            seen[q.id] = q.source
            kept.append(q)
        files.append(BankFile(bf.path, bf.test, bf.area, bf.reviewed, tuple(kept), bf.standard))
        questions.extend(kept)
    return QuestionBank(tuple(questions), tuple(files), tuple(problems))


__all__ = ["LETTERS", "BankFile", "BankProblem", "QuestionBank", "bank_files", "load_bank", "load_file"]
