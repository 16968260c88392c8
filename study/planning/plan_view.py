"""A stored study plan as the screens and the exports read it: each session's record (done or
skipped, when, the score), how far the learner has got, and which activity Start begins.
study.planning.plans stores and re-plans them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from study.planning.planner import Activity, Focus, PlannedSession, PlanSettings


@dataclass(frozen=True)
class SessionRecord:
    id: int
    uid: str
    day: date
    start_time: str
    minutes: int
    focus: tuple[Focus, ...]
    activities: tuple[Activity, ...]
    status: str  # planned | done | skipped | cancelled
    done_at: datetime | None
    score: float | None
    exam_id: int | None
    sequence: int = 0  # the calendar event's revision (iCalendar SEQUENCE)
    modified_at: datetime | None = None  # when it last changed (iCalendar LAST-MODIFIED)

    @property
    def planned(self) -> PlannedSession:
        return PlannedSession(self.day, self.start_time, self.minutes, self.focus, self.activities)

    @property
    def kind(self) -> str:
        return self.planned.kind

    def as_json(self) -> dict[str, object]:
        d = self.planned.as_json()
        d.update(uid=self.uid, status=self.status, score=self.score,
                 done_at=self.done_at.isoformat(timespec="minutes") if self.done_at else None)
        return d


@dataclass(frozen=True)
class PlanProgress:
    total: int
    done: int
    skipped: int
    not_marked: int  # past sessions neither done nor skipped
    behind: int

    @property
    def on_track(self) -> bool:
        return self.behind == 0

    @property
    def text(self) -> str:
        head = "On track" if self.on_track else f"Behind by {self.behind} session{'s' if self.behind != 1 else ''}"
        return f"{head}: {self.done} of {self.total} sessions done" + (f", {self.skipped} skipped" if self.skipped else "")


def plan_progress(sessions: tuple[SessionRecord, ...], today: date) -> PlanProgress:
    """On track while every past session is done; a skipped or unmarked one puts you behind."""
    past = [s for s in sessions if s.day < today]
    done = sum(1 for s in sessions if s.status == "done")
    skipped = sum(1 for s in sessions if s.status == "skipped")
    not_marked = sum(1 for s in past if s.status == "planned")
    behind = sum(1 for s in sessions if s.status == "skipped" or (s.day < today and s.status != "done"))
    return PlanProgress(len(sessions), done, skipped, not_marked, behind)


@dataclass(frozen=True)
class StudyPlanView:
    id: int
    settings: PlanSettings
    sessions: tuple[SessionRecord, ...]  # cancelled ones left out
    notes: tuple[str, ...]
    cancelled: tuple[SessionRecord, ...] = ()
    # the still-ahead sessions of the plans this one replaced: exported as cancelled, so a calendar
    # that imported an older plan drops its events instead of showing both plans
    replaced: tuple[SessionRecord, ...] = ()

    def on(self, day: date) -> SessionRecord | None:
        return next((s for s in self.sessions if s.day == day), None)

    def next_from(self, day: date) -> SessionRecord | None:
        """The first session on or after `day` still to do."""
        return next((s for s in self.sessions if s.day >= day and s.status == "planned"), None)

    def progress(self, today: date) -> PlanProgress:
        return plan_progress(self.sessions, today)

    def as_json(self) -> dict[str, object]:
        s = self.settings
        return {"plan_id": self.id, "tests": list(s.tests), "recertification": s.recert, "renewal_app": s.renewal,
                "start_date": s.start_date.isoformat(), "exam_date": s.exam_date.isoformat(),
                "evenings": list(s.evenings), "minutes": s.minutes, "start": s.start_time, "notes": list(self.notes),
                "sessions": [x.as_json() for x in self.sessions]}


STARTABLE = ("exam", "drill", "review")


def next_activity(session: SessionRecord, taken: Mapping[int, float]) -> int | None:
    """The activity Start begins: the first drill or exam not yet taken, else the review block."""
    for i, a in enumerate(session.activities):
        if a.kind in ("exam", "drill") and i not in taken:
            return i
    return next((i for i, a in enumerate(session.activities) if a.kind == "review" and i not in taken), None)
