"""A question as the exam engine sees it: frozen, plain data."""

from __future__ import annotations

from dataclasses import dataclass

LETTERS = ("A", "B", "C", "D")
STYLES = ("direct", "technician_ab", "most_likely", "except", "least_likely")
TECHNICIAN_AB_CHOICES = ("A only", "B only", "Both A and B", "Neither A nor B")
EXHIBIT_KINDS = ("table", "figure")


@dataclass(frozen=True)
class Exhibit:
    """The data or drawing a question is built on, shown beside its stem on every screen.

    A table carries its cells as text; a figure names an SVG under resources/ (``file``) and
    carries ``alt``, a complete description a screen-reader user can answer the question from.
    """

    kind: str  # "table" | "figure"
    caption: str
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    file: str = ""
    alt: str = ""
    data: str = ""  # a figure's SVG carried inside a file (a practice set); bank figures use `file`

    def as_text(self) -> str:
        """The exhibit as plain text: for screen readers, plain-text exports and search."""
        if self.kind == "table":
            lines = [" | ".join(self.columns), *(" | ".join(r) for r in self.rows)]
            return f"{self.caption}\n" + "\n".join(lines)
        return f"{self.caption}\n{self.alt}"


@dataclass(frozen=True)
class Question:
    """One question of the bank or of an instructor's file."""

    id: str
    test: str
    area: str
    topic: str
    style: str
    difficulty: int
    stem: str
    choices: tuple[str, str, str, str]
    answer: str
    explanation: str
    source: str = ""  # "file:line" it was loaded from, for error messages and reviewers
    origin: str = "bank"  # "bank" for the bundled bank, "imported" for an instructor's questions
    exhibit: Exhibit | None = None
    reference: str | None = None  # "PV-1#sensor-data": the reference document and section it is answered with
    # Bumped when a question's meaning changes (stem, choices or key): answers to an older
    # version are history, not evidence about the question as it now reads.
    version: int = 1
    entry_level: bool = False  # also fits the ASE Entry-Level test that mirrors this test

    @property
    def answer_index(self) -> int:
        return LETTERS.index(self.answer)

    def is_correct(self, choice: str | None) -> bool:
        return choice == self.answer
