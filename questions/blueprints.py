"""The real tests' blueprints: content areas, scored counts, time limits, with their sources.

Every figure keeps the `verified` flag of the reference it came from, so the app can show an
unverified figure as unverified instead of passing it off as fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from questions.safe_yaml import safe_load

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
BLUEPRINTS_FILE = RESOURCES / "blueprints.yaml"


@dataclass(frozen=True)
class ContentArea:
    letter: str
    title: str
    scored_questions: int
    verified: bool
    basis: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Recertification:
    questions: int
    time_minutes: int
    verified: bool
    code: str = ""


@dataclass(frozen=True)
class TestBlueprint:
    code: str
    name: str
    series: str
    scored_questions: int | None
    unscored_questions: int | None
    time_minutes: int | None
    verified: bool
    source: tuple[str, ...]
    areas: tuple[ContentArea, ...]
    unverified_figures: frozenset[str] = frozenset()
    notes: str = ""
    recertification: Recertification | None = None

    @property
    def title(self) -> str:
        return f"{self.code} {self.name}"

    def area(self, letter: str) -> ContentArea:
        for a in self.areas:
            if a.letter == letter:
                return a
        raise KeyError(f"{self.code} has no content area {letter}")

    @property
    def area_letters(self) -> tuple[str, ...]:
        return tuple(a.letter for a in self.areas)

    @property
    def is_fully_verified(self) -> bool:
        return self.verified and not self.unverified_figures and all(a.verified for a in self.areas)

    def figure_verified(self, name: str) -> bool:
        return self.verified and name not in self.unverified_figures

    @property
    def pace_seconds(self) -> float | None:
        """Seconds per question at the real test's pace (time limit / all questions)."""
        if not self.time_minutes or not self.scored_questions:
            return None
        total = self.scored_questions + (self.unscored_questions or 0)
        return self.time_minutes * 60 / total


@dataclass(frozen=True)
class Blueprints:
    tests: tuple[TestBlueprint, ...]
    series_facts: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    unscored_default: int = 10

    def get(self, code: str) -> TestBlueprint:
        for t in self.tests:
            if t.code == code:
                return t
        raise KeyError(f"unknown test {code!r}")

    def __contains__(self, code: object) -> bool:
        return any(t.code == code for t in self.tests)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.tests)


def _test_from_dict(d: dict[str, Any]) -> TestBlueprint:
    areas = tuple(
        ContentArea(
            letter=str(a["letter"]),
            title=str(a["title"]),
            scored_questions=int(a["scored_questions"]),
            verified=bool(a.get("verified", False)),
            basis=str(a.get("basis") or ""),
            topics=tuple(str(t) for t in a.get("topics") or ()),
        )
        for a in d.get("content_areas") or ()
    )
    recert = d.get("recertification")
    return TestBlueprint(
        code=str(d["code"]),
        name=str(d["name"]),
        series=str(d.get("series") or ""),
        scored_questions=d.get("scored_questions"),
        unscored_questions=d.get("unscored_questions"),
        time_minutes=d.get("time_minutes"),
        verified=bool(d.get("verified", False)),
        source=tuple(str(s) for s in d.get("source") or ()),
        areas=areas,
        unverified_figures=frozenset(d.get("unverified_figures") or ()),
        notes=str(d.get("notes") or ""),
        recertification=(
            Recertification(
                questions=int(recert["questions"]),
                time_minutes=int(recert["time_minutes"]),
                verified=bool(recert.get("verified", False)),
                code=str(recert.get("code") or ""),
            )
            if recert
            else None
        ),
    )


def load_blueprints(path: Path = BLUEPRINTS_FILE) -> Blueprints:
    data = safe_load(path.read_text(encoding="utf-8"))
    default = (data.get("meta") or {}).get("unscored_default") or {}
    return Blueprints(
        tests=tuple(_test_from_dict(t) for t in data["tests"]),
        series_facts=data.get("series_facts") or {},
        unscored_default=int(default.get("questions", 10)),
    )
