"""A study plan's pieces as the planner makes them and the plan store keeps them: an area to
focus on, a timed activity, a session, a plan. Plain frozen dataclasses with their JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from study.planning.plan_input import PlanSettings

Key = tuple[str, str]  # (test, area letter)


@dataclass(frozen=True)
class Focus:
    test: str
    area: str
    title: str = ""
    topics: tuple[str, ...] = ()

    @property
    def key(self) -> Key:
        return (self.test, self.area)

    def as_json(self) -> dict[str, Any]:
        return {"test": self.test, "area": self.area, "title": self.title, "topics": list(self.topics)}

    @staticmethod
    def from_json(d: Mapping[str, Any]) -> Focus:
        return Focus(str(d["test"]), str(d["area"]), str(d.get("title") or ""),
                     tuple(str(t) for t in d.get("topics") or ()))


@dataclass(frozen=True)
class Activity:
    """One timed block of a session. `kind` is reading, drill, review or exam."""

    kind: str
    minutes: int
    test: str = ""
    area: str = ""
    questions: int = 0
    seconds_per_question: float | None = None
    mode: str = ""  # exams: full | half | recert | recert-half
    purpose: str = ""  # exams: diagnostic | mid-plan | final; reviews: due | exam | light
    text: str = ""  # what to do, in words

    def as_json(self) -> dict[str, Any]:
        d: dict[str, Any] = {"kind": self.kind, "minutes": self.minutes}
        for name in ("test", "area", "mode", "purpose"):
            if getattr(self, name):
                d[name] = getattr(self, name)
        if self.questions:
            d["questions"] = self.questions
        if self.seconds_per_question is not None:
            d["seconds_per_question"] = round(self.seconds_per_question, 1)
        d["text"] = self.text
        return d

    @staticmethod
    def from_json(d: Mapping[str, Any]) -> Activity:
        spq = d.get("seconds_per_question")
        return Activity(str(d["kind"]), int(d["minutes"]), str(d.get("test") or ""), str(d.get("area") or ""),
                        int(d.get("questions") or 0), None if spq is None else float(spq),
                        str(d.get("mode") or ""), str(d.get("purpose") or ""), str(d.get("text") or ""))


@dataclass(frozen=True)
class PlannedSession:
    day: date
    start_time: str
    minutes: int
    focus: tuple[Focus, ...]
    activities: tuple[Activity, ...]

    @property
    def kind(self) -> str:
        """study | exam | light"""
        if any(a.kind == "exam" for a in self.activities):
            return "exam"
        if any(a.purpose == "light" for a in self.activities):
            return "light"
        return "study"

    @property
    def touches(self) -> set[Key]:
        return {f.key for f in self.focus}

    def area_minutes(self) -> dict[Key, int]:
        """Reading and drill minutes per area (exams and reviews are not one area's time)."""
        out: dict[Key, int] = {}
        for a in self.activities:
            if a.kind in ("reading", "drill"):
                out[(a.test, a.area)] = out.get((a.test, a.area), 0) + a.minutes
        return out

    def as_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "start": self.start_time, "minutes": self.minutes, "kind": self.kind,
                "focus": [f.as_json() for f in self.focus], "activities": [a.as_json() for a in self.activities]}


@dataclass(frozen=True)
class KeptSession:
    """A session re-planning leaves alone; `happened` says whether its areas were really studied."""

    session: PlannedSession
    happened: bool


@dataclass(frozen=True)
class Plan:
    settings: PlanSettings
    sessions: tuple[PlannedSession, ...]
    notes: tuple[str, ...] = ()
    weights: Mapping[Key, float] = field(default_factory=dict, compare=False)

    def as_json(self) -> dict[str, Any]:
        s = self.settings
        return {"tests": list(s.tests), "recertification": s.recert, "renewal_app": s.renewal,
                "start_date": s.start_date.isoformat(),
                "exam_date": s.exam_date.isoformat(), "evenings": list(s.evenings), "minutes": s.minutes,
                "start": s.start_time, "notes": list(self.notes), "sessions": [x.as_json() for x in self.sessions]}


def session_uid(plan_id: int, day: date) -> str:
    """Stable per plan and date, so a re-exported calendar updates its events instead of adding more."""
    return f"ase-prep-plan-{plan_id}-{day:%Y%m%d}@ase-prep.local"
