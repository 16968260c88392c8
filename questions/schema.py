"""The bank's file schema: a question, its exhibit and a file header, as a writer types them.

Pydantic models that reject what the app cannot run (a fifth choice, a table row with a cell
missing, a figure without alt text); the quality gate (questions.quality) judges the rest.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from questions.model import TECHNICIAN_AB_CHOICES, Exhibit
from questions.references import REFERENCE_FORM

ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{0,3}-[A-Z]-\d{4}$")
REFERENCE_PATTERN = REFERENCE_FORM
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
    # the reference document the question is answered with, and the section: "PV-1#sensor-data"
    reference: str | None = None
    version: int = Field(default=1, ge=1, le=99)
    entry_level: bool = False

    @field_validator("id")
    @classmethod
    def _id_form(cls, v: str) -> str:
        if not ID_PATTERN.match(v):
            raise ValueError("id must look like A5-C-0001 (test, area letter, four digits)")
        return v

    @field_validator("reference")
    @classmethod
    def _reference_form(cls, v: str | None) -> str | None:
        if v is not None and not REFERENCE_PATTERN.match(v):
            raise ValueError("reference must look like PV-1#sensor-data (document, then a section's anchor)")
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
