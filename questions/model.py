"""A question as the exam engine sees it: frozen, plain data."""

from __future__ import annotations

from dataclasses import dataclass

LETTERS = ("A", "B", "C", "D")
STYLES = ("direct", "technician_ab", "most_likely", "except", "least_likely")
TECHNICIAN_AB_CHOICES = ("A only", "B only", "Both A and B", "Neither A nor B")


@dataclass(frozen=True)
class Question:
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

    @property
    def answer_index(self) -> int:
        return LETTERS.index(self.answer)

    def is_correct(self, choice: str | None) -> bool:
        return choice == self.answer
