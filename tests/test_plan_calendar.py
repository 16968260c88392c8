"""The plan's calendar: every day's cell says in words what it holds, and its tooltip names the day and
carries the cell's whole text, so a column too narrow for it (large text, a small window) never hides
what a day is (today without a session was cut to '▶ TOD' with only the date to hover)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from app.pages.plan_calendar import PlanCalendar
from tests.layout_checks import full_tip

pytestmark = pytest.mark.gui

TODAY = date(2026, 12, 4)  # a Friday


def session(day: date, n: int, **kw: object) -> SimpleNamespace:
    focus = [SimpleNamespace(test="A5", area="B"), SimpleNamespace(test="A5", area="D")]
    return SimpleNamespace(**{"id": n, "day": day, "status": "planned", "score": None, "kind": "study",
                              "focus": focus, "minutes": 45, **kw})


def view() -> SimpleNamespace:
    start = TODAY - timedelta(days=3)  # Tuesday
    sessions = [session(start, 1, status="done", score=80.0), session(start + timedelta(days=1), 2),
                session(TODAY + timedelta(days=3), 3, kind="exam")]
    return SimpleNamespace(settings=SimpleNamespace(start_date=start, exam_date=TODAY + timedelta(days=10),
                                                    tests=("A5",)), sessions=sessions)


def cells(cal: PlanCalendar) -> dict[date, tuple[str, str]]:
    """{day: (the cell's text, its tooltip as read)} for every day of the weeks shown."""
    first = view().settings.start_date - timedelta(days=view().settings.start_date.weekday())
    out = {}
    for row in range(cal.rowCount()):
        for col in range(1, 8):
            item = cal.item(row, col)
            out[first + timedelta(weeks=row, days=col - 1)] = (item.text(), full_tip(item.toolTip()))
    return out


def test_every_day_s_tooltip_names_it_and_holds_the_cell_s_whole_text(qtbot) -> None:
    cal = PlanCalendar()
    qtbot.addWidget(cal)
    cal.fill(view(), TODAY, None)
    shown = cells(cal)
    assert shown[TODAY][0] == "▶ TODAY\nno session"
    for day, (text, tip) in shown.items():
        assert tip.startswith(day.strftime("%A")), (day, tip)
        assert " ".join(text.split()) in tip, (day, text, tip)
    assert "✓ Done 80% Study A5 B, D 45 min" in shown[TODAY - timedelta(days=3)][1]
    assert "◆ EXAM DAY A5" in shown[TODAY + timedelta(days=10)][1]


def test_a_day_s_session_is_what_selecting_it_reports(qtbot) -> None:
    cal = PlanCalendar()
    qtbot.addWidget(cal)
    chosen: list[object] = []
    cal.day_chosen.connect(chosen.append)
    cal.fill(view(), TODAY, 2)
    assert chosen == [2]  # the session asked for is the current day, said once
    assert cal.currentItem().data(Qt.ItemDataRole.UserRole) == 2
    cal.fill(view(), TODAY, 2)  # filled again (a re-plan) with the same day current: said again, once
    assert chosen == [2, 2]
    cal.fill(view(), TODAY, 1)
    assert chosen == [2, 2, 1]
