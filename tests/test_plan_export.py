"""A plan out of the app: the .ics parses back with icalendar, one event per session with stable
UIDs across exports and re-plans, and the CSV holds every session."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar

from questions.bank import QuestionBank
from study.analytics.standings import Analytics
from study.exams import ExamService
from study.planning.export import to_csv, to_ics, write_ics
from study.planning.planner import PlanRequest
from study.planning.plans import PlanService
from tests.conftest import synthetic_bank

NOW = datetime(2026, 12, 1, 18, 0)


@pytest.fixture
def plans(db, blueprints, clock):
    bank = QuestionBank(tuple(synthetic_bank(blueprints.get("A5"))))
    now = [NOW]
    exams = ExamService(db, bank, blueprints, clock=clock, now=lambda: now[0])
    service = PlanService(db, blueprints, bank, Analytics(db, blueprints, now=lambda: now[0]), exams.learner_id,
                          now=lambda: now[0])
    service.clock_cell = now  # type: ignore[attr-defined]
    return service


def events(data: bytes):
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_ics_has_one_event_per_session_at_local_time_with_focus_and_activities(plans, tmp_path):
    view = plans.create(PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 1, 19), minutes=75, start_time="18:30"))
    path = tmp_path / "plan.ics"
    write_ics(view, path, now=NOW)
    cal = Calendar.from_ical(path.read_bytes())
    assert str(cal["VERSION"]) == "2.0" and "ASE Prep" in str(cal["PRODID"])
    evs = events(path.read_bytes())
    assert len(evs) == len(view.sessions)
    for ev, s in zip(sorted(evs, key=lambda e: e.decoded("DTSTART")), view.sessions, strict=True):
        start = ev.decoded("DTSTART")
        assert start == datetime(s.day.year, s.day.month, s.day.day, 18, 30) and start.tzinfo is None
        assert ev.decoded("DTEND") - start == timedelta(minutes=s.minutes)
        assert str(ev["UID"]) == s.uid
        text = str(ev["DESCRIPTION"])
        assert all(a.text in text for a in s.activities)
        if s.kind == "study":
            assert all(f.title in text for f in s.focus)
            # the title names the evening's areas, each once, in the plan's order
            assert str(ev["SUMMARY"]) == "ASE study: A5 " + ", ".join(f.area for f in s.focus)
        elif s.kind == "exam":
            assert str(ev["SUMMARY"]).startswith("ASE A5 ") and str(ev["SUMMARY"]).endswith("practice exam")
    assert "diagnostic" in str(evs[0]["SUMMARY"]) and "light review" in str(evs[-1]["SUMMARY"])


def test_a_second_export_and_a_replan_keep_the_uids(plans):
    view = plans.create(PlanRequest(("A5",), ("tue", "thu", "sat"), date(2027, 1, 19)))
    first = {str(e["UID"]): e.decoded("DTSTART") for e in events(to_ics(view, now=NOW))}
    again = {str(e["UID"]): e.decoded("DTSTART") for e in events(to_ics(plans.active(), now=NOW + timedelta(hours=1)))}
    assert first == again
    plans.clock_cell[0] = NOW + timedelta(days=3)
    plans.mark(view.sessions[0].id, "done", 64.0)
    replanned = plans.active()
    after = {str(e["UID"]): e for e in events(to_ics(replanned, now=NOW))}
    assert set(after) == set(first)
    assert "Done, score 64%" in str(after[view.sessions[0].uid]["DESCRIPTION"])


def test_sessions_dropped_by_a_change_are_exported_as_cancelled(plans):
    view = plans.create(PlanRequest(("A5",), ("tue", "thu", "sat"), date(2027, 1, 19)))
    changed = plans.change(view.id, PlanRequest(("A5",), ("mon", "wed", "sat"), date(2027, 1, 19)))
    evs = {str(e["UID"]): str(e["STATUS"]) for e in events(to_ics(changed, now=NOW))}
    dropped = [s.uid for s in view.sessions if s.day.weekday() in (1, 3) and s.day > NOW.date()]
    assert dropped and all(evs[u] == "CANCELLED" for u in dropped)
    assert sum(1 for v in evs.values() if v == "CONFIRMED") == len(changed.sessions)


def test_csv_lists_every_session_with_its_focus_and_activities(plans):
    view = plans.create(PlanRequest(("A5",), ("mon", "wed", "thu"), date(2027, 1, 19)))
    rows = list(csv.DictReader(io.StringIO(to_csv(view))))
    assert len(rows) == len(view.sessions)
    assert list(rows[0]) == ["date", "start", "minutes", "focus", "activities", "status", "score"]
    study = next(i for i, s in enumerate(view.sessions) if s.kind == "study")
    row, s = rows[study], view.sessions[study]
    assert row["date"] == s.day.isoformat() and row["start"] == "19:00" and int(row["minutes"]) == s.minutes
    assert all(f.title in row["focus"] for f in s.focus)
    assert row["activities"].count("min drill") == sum(1 for a in s.activities if a.kind == "drill")


def test_every_event_carries_sequence_and_last_modified_and_a_change_raises_them(plans):
    view = plans.create(PlanRequest(("A5",), ("tue", "thu", "sat"), date(2027, 1, 19)))
    before = {str(e["UID"]): e for e in events(to_ics(view, now=NOW))}
    assert all(int(e["SEQUENCE"]) == 0 for e in before.values())
    assert all(e.decoded("LAST-MODIFIED").tzinfo is not None for e in before.values())  # UTC, as RFC 5545 wants
    plans.clock_cell[0] = NOW + timedelta(days=3)
    plans.mark(view.sessions[0].id, "done", 64.0)
    after = {str(e["UID"]): e for e in events(to_ics(plans.active(), now=NOW + timedelta(days=3)))}
    first = view.sessions[0].uid
    assert int(after[first]["SEQUENCE"]) > int(before[first]["SEQUENCE"])
    assert after[first].decoded("LAST-MODIFIED") > before[first].decoded("LAST-MODIFIED")


def test_a_replaced_plans_events_are_cancelled_in_the_new_plans_file(plans):
    old = plans.create(PlanRequest(("A5",), ("tue", "thu", "sat"), date(2027, 1, 19)))
    plans.clock_cell[0] = NOW + timedelta(days=1)
    new = plans.create(PlanRequest(("A5",), ("mon", "wed", "fri"), date(2027, 1, 26)))
    evs = {str(e["UID"]): e for e in events(to_ics(new, now=NOW + timedelta(days=1)))}
    old_uids = {s.uid for s in old.sessions if s.day >= new.settings.start_date}
    assert old_uids and old_uids.isdisjoint({s.uid for s in new.sessions})  # re-running `plan` makes new UIDs
    for uid in old_uids:
        assert str(evs[uid]["STATUS"]) == "CANCELLED" and int(evs[uid]["SEQUENCE"]) >= 1
    assert sum(1 for e in evs.values() if str(e["STATUS"]) == "CONFIRMED") == len(new.sessions)
