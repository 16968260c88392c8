"""The real tests' blueprints: content areas, scored counts, time limits, with their sources.

Every figure keeps the `verified` flag of the reference it came from, so the app can show an
unverified figure as unverified instead of passing it off as fact. Where no source gave a figure
at all, the blueprint file states the app's own figure as an *assumption* with a sentence saying
why; such a figure is shown as "assumed (no published figure)", never as ASE's.

An ASE Entry-Level test (`entry_level: true`) `mirrors` a professional test: it draws the
questions of that test tagged `entry_level`, in its own length and time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from questions.model import Question

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
BLUEPRINTS_FILE = RESOURCES / "blueprints.yaml"

# How sure a figure is: seen in a source, from a source we could not confirm, or the app's own.
VERIFIED, UNVERIFIED, ASSUMED = "verified", "unverified", "assumed"
STATUS_WORDS = {VERIFIED: "", UNVERIFIED: "unverified", ASSUMED: "assumed (no published figure)"}
FIGURE_NAMES = {"scored_questions": "scored questions", "unscored_questions": "unscored questions",
                "time_minutes": "time limit", "content areas": "content areas"}
_AREA_LIST = re.compile(r"^areas?\s+([A-Z](?:\s*,\s*[A-Z])*)$")


def flag(status: str) -> str:
    """A figure's status as a suffix for a line of text: "" for a verified figure."""
    return f", {STATUS_WORDS[status]}" if STATUS_WORDS.get(status) else ""


@dataclass(frozen=True)
class Assumption:
    """A figure the app supplies where no source gave one (`figure` names it: time_minutes,
    content areas, "areas A, B, C, E"), with the sentence that says so."""

    figure: str
    says: str
    value: int | None = None

    @property
    def area_letters(self) -> tuple[str, ...]:
        """The areas an "areas A, B, C, E" assumption covers (none for other figures)."""
        m = _AREA_LIST.match(self.figure.strip())
        return tuple(x.strip() for x in m.group(1).split(",")) if m else ()

    @property
    def figure_words(self) -> str:
        return FIGURE_NAMES.get(self.figure, self.figure)


@dataclass(frozen=True)
class ContentArea:
    """One content area of a test's task list: its letter, title and scored question count."""

    letter: str
    title: str
    scored_questions: int
    verified: bool
    basis: str
    topics: tuple[str, ...] = ()
    assumed: bool = False  # the count is the app's own (an assumption of the blueprint file)

    @property
    def status(self) -> str:
        return VERIFIED if self.verified else ASSUMED if self.assumed else UNVERIFIED


@dataclass(frozen=True)
class Recertification:
    """The recertification test of a certification: its length and time."""

    questions: int
    time_minutes: int
    verified: bool
    code: str = ""


@dataclass(frozen=True)
class TestBlueprint:
    """One test as the blueprint file describes it: length, time, content areas and their sources."""

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
    assumptions: tuple[Assumption, ...] = ()
    mirrors: str | None = None  # an Entry-Level test: the professional test whose tagged questions it draws
    entry_level: bool = False
    valid_years: int | None = None  # how long a pass is valid when not the usual five years
    prerequisites: tuple[str, ...] = ()  # tests to pass first (L1: A8)
    prerequisite_note: str = ""
    reference: str | None = None  # the reference document the real test hands out (L1: PV-1)

    @property
    def title(self) -> str:
        return f"{self.code} {self.name}"

    def holds(self, q: Question) -> bool:
        """Whether an exam of this test may draw `q`: its own questions, or for an Entry-Level
        test the entry-level questions of the test it mirrors."""
        return q.test == self.code or (self.mirrors is not None and q.test == self.mirrors and q.entry_level)

    def assumption(self, figure: str) -> Assumption | None:
        return next((a for a in self.assumptions if a.figure == figure), None)

    def figure_status(self, name: str) -> str:
        """verified, unverified or assumed for scored_questions, unscored_questions or time_minutes."""
        if self.assumption(name) is not None:
            return ASSUMED
        return VERIFIED if self.figure_verified(name) else UNVERIFIED

    @property
    def figure_statuses(self) -> dict[str, str]:
        """Every figure of the test that is not verified, by name (areas as "area X")."""
        out = {n: st for n in ("scored_questions", "unscored_questions", "time_minutes")
               if (st := self.figure_status(n)) != VERIFIED and getattr(self, n) is not None}
        out.update({f"area {a.letter}": a.status for a in self.areas if a.status != VERIFIED})
        return out

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
    """Every test's blueprint, and the facts that hold for a whole series."""

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

    @property
    def mirrors(self) -> dict[str, str]:
        """Entry-Level test -> the professional test whose tagged questions it draws."""
        return {t.code: t.mirrors for t in self.tests if t.mirrors}


def _assumptions(d: dict[str, Any]) -> tuple[Assumption, ...]:
    out = []
    for a in d.get("assumptions") or ():
        value = a.get("value")
        out.append(Assumption(str(a["figure"]), " ".join(str(a.get("says") or "").split()),
                              int(value) if value is not None else None))
    return tuple(out)


def _area_assumed(a: dict[str, Any], assumptions: tuple[Assumption, ...]) -> bool:
    """An area's count is the app's own when its basis says so, when an assumption names it, or
    when it is scaled from another test's counts under a "content areas" assumption (the
    Entry-Level tests' areas)."""
    if a.get("verified"):
        return False
    basis = str(a.get("basis") or "")
    letter = str(a["letter"])
    if basis == "assumption" or any(letter in x.area_letters for x in assumptions):
        return True
    return basis == "derived_from_counts" and any(x.figure == "content areas" for x in assumptions)


def _test_from_dict(d: dict[str, Any]) -> TestBlueprint:
    assumptions = _assumptions(d)
    areas = tuple(
        ContentArea(
            letter=str(a["letter"]),
            title=str(a["title"]),
            scored_questions=int(a["scored_questions"]),
            verified=bool(a.get("verified", False)),
            basis=str(a.get("basis") or ""),
            topics=tuple(str(t) for t in a.get("topics") or ()),
            assumed=_area_assumed(a, assumptions),
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
        assumptions=assumptions,
        mirrors=str(d["mirrors"]) if d.get("mirrors") else None,
        entry_level=bool(d.get("entry_level", False)),
        valid_years=int(d["valid_years"]) if d.get("valid_years") else None,
        prerequisites=tuple(str(t) for t in d.get("prerequisites") or ()),
        prerequisite_note=" ".join(str(d.get("prerequisite_note") or "").split()),
        reference=str(d["reference"]) if d.get("reference") else None,
    )


def load_blueprints(path: Path = BLUEPRINTS_FILE) -> Blueprints:
    from questions.safe_yaml import safe_load  # YAML only when the file is parsed (not from the bank cache)

    return blueprints_from_data(safe_load(path.read_text(encoding="utf-8")))


def blueprints_from_data(data: dict[str, Any]) -> Blueprints:
    """The blueprints from the file's parsed data (as loaded, or as kept in the bank cache)."""
    default = (data.get("meta") or {}).get("unscored_default") or {}
    return Blueprints(
        tests=tuple(_test_from_dict(t) for t in data["tests"]),
        series_facts=data.get("series_facts") or {},
        unscored_default=int(default.get("questions", 10)),
    )
