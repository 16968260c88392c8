"""What the Settings page's target and half-life do, as a learner sees it on Progress: a higher
target turns an area that was fine into a weak one with points at stake, and a longer half-life
lets old wrong answers count for longer (the area's accuracy drops)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import insert

from study.services import open_services
from study.storage.records import Exam, Response
from tests.conftest import open_window, settled

pytestmark = pytest.mark.gui


def history(services) -> None:  # type: ignore[no-untyped-def]
    """Area A: 12 wrong answers 60 days ago, 30 right today; areas B-D: 17 of 20 right today."""
    now = datetime.now()
    rows = [("A", False, 60)] * 12 + [("A", True, 0)] * 30 + [(a, i < 17, 0) for a in "BCD" for i in range(20)]
    with services.db.engine.begin() as conn:
        exam_id = conn.execute(insert(Exam.__table__).values(
            learner_id=services.learner_id, test="A5", mode="quick10", title="t", seed=1, question_count=len(rows),
            time_limit_seconds=None, time_used_seconds=0, position=0, state="finished", started_at=now,
            updated_at=now, source="")).inserted_primary_key[0]
        conn.execute(insert(Response.__table__), [
            dict(exam_id=exam_id, learner_id=services.learner_id, position=i, question_id=f"A5-{a}-H{i:03d}",
                 test="A5", area=a, topic="t", scored=True, choice="A", correct=ok, flagged=False, crossed_out="",
                 seconds=40.0, changes=1, answered_at=now - timedelta(days=d))
            for i, (a, ok, d) in enumerate(rows)])


def area_line(page, letter: str) -> str:  # type: ignore[no-untyped-def]
    return next(lab.text() for lab in shown_labels(page) if lab.text().startswith(f"{letter}. "))


def shown_labels(page):  # type: ignore[no-untyped-def]
    """The weak-area lines on screen (rows replaced by a refresh are hidden until they are deleted)."""
    return [lab for lab in page.weak_box.findChildren(QLabel) if lab.isVisible()]


def percent(line: str) -> int:
    return int(line.split(": ", 1)[1].split("%", 1)[0])


def save_settings(qtbot, window, **values: int) -> None:  # type: ignore[no-untyped-def]
    window.show_page("settings")
    page = window.page("settings")
    qtbot.waitUntil(lambda: page.save_btn.isEnabled(), timeout=10000)
    for name, value in values.items():
        box = getattr(page, name)
        box.selectAll()
        qtbot.keyClicks(box.lineEdit(), str(value))
        assert box.value() == value
    qtbot.mouseClick(page.save_btn, Qt.MouseButton.LeftButton)
    settled(qtbot, window)


def progress_shown(qtbot, window, check):  # type: ignore[no-untyped-def]
    window.show_page("progress")
    page = window.page("progress")

    def shows() -> bool:
        try:  # (new rows are shown on the event loop's next pass)
            return (page.report is not None and page.report.test == "A5" and check(page)
                    and any("points at stake" in lab.text() for lab in shown_labels(page)))
        except StopIteration:
            return False

    qtbot.waitUntil(shows, timeout=10000)
    return page


def test_the_target_and_half_life_settings_change_what_progress_shows(qtbot, tmp_path):
    services = open_services(tmp_path)
    history(services)
    window = open_window(qtbot, tmp_path, services)
    try:
        page = progress_shown(qtbot, window, lambda p: "your 75% target" in p.day.text())
        before = {a.area: a for a in page.report.standing.areas}
        assert all(a.status != "weak" for a in before.values())  # all at or above 75 %
        at_21 = percent(area_line(page, "A"))
        assert "0.0 points at stake" in area_line(page, "A")

        save_settings(qtbot, window, half_life=120)  # old answers fade slowly: the 12 misses still count
        page = progress_shown(qtbot, window, lambda p: percent(area_line(p, "A")) < at_21)
        assert percent(area_line(page, "A")) <= at_21 - 5

        save_settings(qtbot, window, target=95, half_life=21)
        page = progress_shown(qtbot, window, lambda p: "your 95% target" in p.day.text())
        after = {a.area: a for a in page.report.standing.areas}
        assert after["A"].estimate == pytest.approx(before["A"].estimate)  # the half-life is back at 21 days
        assert all(a.status == "weak" for a in after.values())
        # the weak areas are listed, each with the points it puts at stake against 95 % and Drill this
        lines = [lab.text() for lab in shown_labels(page) if "points at stake" in lab.text()]
        assert len(lines) == 3 and not any("; 0.0 points" in t for t in lines)
        top = page.report.standing.areas[0]
        assert lines[0].startswith(f"{top.area}. ") and f"{top.points_at_stake:.1f} points at stake" in lines[0]
        assert top.points_at_stake == pytest.approx(top.scored_on_test * (0.95 - top.estimate))
    finally:
        window.shutdown()
