"""A study plan out of the app: an iCalendar file (RFC 5545) for any calendar, and CSV.

Each session is one VEVENT at local (floating) time with a UID that stays the same for the
session's date, so importing a re-exported file updates the events instead of adding copies;
every event carries SEQUENCE (its revision, raised on every change) and LAST-MODIFIED, which
calendar clients use to apply an update instead of ignoring it. Sessions a change of settings took
off the calendar, and the sessions still ahead of a plan that a new plan replaced (its events
have other UIDs), are exported as cancelled, which removes them from calendars that honour
STATUS:CANCELLED.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from questions.percent import percent_text
from study.planning.planner import Activity, Focus
from study.planning.plans import SessionRecord, StudyPlanView
from study.storage.files import write_bytes, write_text

PRODID = "-//ASE Prep//Study plan//EN"
STATUS_WORDS = {"planned": "", "done": "Done", "skipped": "Skipped", "cancelled": "Cancelled"}


def focus_text(focus: Iterable[Focus], kind: str = "study") -> str:
    focus = list(focus)
    if not focus:
        return ""
    if kind == "exam":
        return f"{focus[0].test}: every content area"
    return "; ".join(f"{f.test} {f.area}. {f.title}" + (f" ({', '.join(f.topics)})" if f.topics else "")
                     for f in focus)


def activity_line(a: Activity) -> str:
    return f"{a.minutes} min {a.kind}: {a.text}" if a.text else f"{a.minutes} min {a.kind}"


def activity_short(a: Activity) -> str:
    """A few words per activity, for the calendar page and the printed plan."""
    if a.kind == "reading":
        return f"Read {a.test}-{a.area} ({a.minutes} min)"
    if a.kind == "drill":
        return f"Drill {a.test}-{a.area}: {a.questions} questions ({a.minutes} min)"
    if a.kind == "exam":
        what = {"diagnostic": "Diagnostic", "mid-plan": "Mid-plan", "final": "Final"}.get(a.purpose, "Practice")
        kind = "recertification practice exam" if a.mode.startswith("recert") else "practice exam"
        half = "half-length " if a.mode.endswith("half") else ""
        return f"{what} {a.test} {half}{kind}: {a.questions} questions ({a.minutes} min)"
    if a.purpose == "exam":
        return f"Go over the exam's wrong answers ({a.minutes} min)"
    if a.purpose == "light":
        return f"Light review of due questions ({a.minutes} min)"
    return f"Review due missed questions ({a.minutes} min)"


def session_title(s: SessionRecord) -> str:
    """A short calendar title: what the evening is about."""
    tests = sorted({f.test for f in s.focus})
    if s.kind == "exam":
        ex = next(a for a in s.activities if a.kind == "exam")
        what = {"diagnostic": "diagnostic practice exam", "mid-plan": "mid-plan practice exam",
                "final": "final practice exam"}.get(ex.purpose, "practice exam")
        title = f"ASE {ex.test} {what}"
    elif s.kind == "light":
        title = "ASE light review before the exam"
    else:
        by_test = {t: ", ".join(f.area for f in s.focus if f.test == t) for t in tests}
        title = "ASE study: " + "; ".join(f"{t} {areas}" for t, areas in by_test.items())
    status = STATUS_WORDS.get(s.status, "")
    return f"{title} ({status.lower()})" if status else title


def session_description(s: SessionRecord) -> str:
    lines = [f"Focus: {focus_text(s.focus, s.kind)}", ""]
    lines += [activity_line(a) for a in s.activities]
    if s.status in ("done", "skipped"):
        score = f", score {percent_text(s.score)}" if s.score is not None else ""
        lines += ["", f"{STATUS_WORDS[s.status]}{score}"]
    return "\n".join(lines)


def _start(s: SessionRecord) -> datetime:
    h, m = (int(x) for x in s.start_time.split(":"))
    return datetime(s.day.year, s.day.month, s.day.day, h, m)


def to_ics(plan: StudyPlanView, *, now: datetime) -> bytes:
    """The plan as an iCalendar file: one event per session, cancelled ones marked so."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"ASE Prep study plan: {', '.join(plan.settings.tests)}")
    stamp = now.replace(microsecond=0)
    for s in sorted(plan.sessions + plan.cancelled + plan.replaced, key=lambda x: x.day):
        ev = Event()
        ev.add("uid", s.uid)
        ev.add("dtstamp", stamp)
        ev.add("sequence", s.sequence)
        ev.add("last-modified", _as_utc(s.modified_at or stamp))
        start = _start(s)
        ev.add("dtstart", start)  # naive: floating local time, the learner's evening wherever they are
        ev.add("dtend", start + timedelta(minutes=s.minutes))
        ev.add("summary", session_title(s))
        ev.add("description", session_description(s))
        ev.add("status", "CANCELLED" if s.status == "cancelled" else "CONFIRMED")
        ev.add("categories", ["ASE Prep"])
        cal.add_component(ev)
    return cal.to_ical()


def _as_utc(dt: datetime) -> datetime:
    """LAST-MODIFIED is UTC (RFC 5545); the app stores the local clock's naive reading."""
    return (dt if dt.tzinfo else dt.astimezone()).astimezone(UTC).replace(microsecond=0)


def write_ics(plan: StudyPlanView, path: Path, *, now: datetime) -> None:
    write_bytes(Path(path), to_ics(plan, now=now))


CSV_COLUMNS = ["date", "start", "minutes", "focus", "activities", "status", "score"]


def to_csv(plan: StudyPlanView) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for s in plan.sessions:
        w.writerow([s.day.isoformat(), s.start_time, s.minutes, focus_text(s.focus, s.kind),
                    " | ".join(activity_line(a) for a in s.activities), s.status,
                    "" if s.score is None else f"{s.score:.0f}"])
    return out.getvalue()


def write_csv(plan: StudyPlanView, path: Path) -> None:
    write_text(Path(path), to_csv(plan), encoding="utf-8", newline="")
