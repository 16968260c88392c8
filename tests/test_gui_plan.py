"""The Study plan page with the real services: the form refuses a bad date with the nearest valid
choice and saves nothing, creates a plan and shows it week by week with today marked, Start
launches today's practice exam and then the next session's drill, Home offers today's session,
and the plan exports to .ics, CSV and PDF."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QHeaderView, QWidget

from questions.exam import ExamMode
from study.planning.planner import WEEKDAYS

pytestmark = pytest.mark.gui


def shows(qtbot, window, page: str) -> None:  # type: ignore[no-untyped-def]
    """The page a person sees once what they asked for is stored (an exam starts once it is stored)."""
    qtbot.waitUntil(lambda: window.current_page() == page, timeout=10000)



def open_plan_page(qtbot, window):
    page = window.page("plan")
    window.show_page("plan")
    qtbot.waitUntil(lambda: bool(page.form.test_boxes) and not page.loading, timeout=10000)
    return page


def tick(qtbot, box):
    """Click a check box on its box, as a person would (a wide one's middle can be empty space)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def fill_form(qtbot, page, tests, exam: date, evenings):
    for code, box in page.form.test_boxes.items():
        if box.isChecked() != (code in tests):
            tick(qtbot, box)
    for key, box in page.form.day_boxes.items():
        if box.isChecked() != (key in evenings):
            tick(qtbot, box)
    assert sorted(page.form.selected_tests()) == sorted(tests)
    page.form.exam_date.setDate(exam)


def cells(page):
    cal = page.calendar
    return [cal.item(r, c).text() for r in range(cal.rowCount()) for c in range(1, 8) if cal.item(r, c)]


def wait_plan(qtbot, page, check=lambda v: True):
    qtbot.waitUntil(lambda: page.view is not None and not page.loading and check(page.view), timeout=10000)


def test_create_a_plan_see_it_and_start_its_exam_then_its_drill(qtbot, window):
    services = window.ctx.services
    page = open_plan_page(qtbot, window)
    assert page.form_box.isVisible() and "No study plan yet" in page.status.text()
    today = date.today()
    evenings = [WEEKDAYS[(today.weekday() + k) % 7] for k in (0, 2, 4)]  # tonight is a study evening

    # an exam ten days away: the form says which dates work, and nothing is saved
    fill_form(qtbot, page, ["A5"], today + timedelta(days=10), evenings)
    qtbot.mouseClick(page.form.submit_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.form.problems.isVisible(), timeout=10000)
    first, last = today + timedelta(weeks=6), today + timedelta(weeks=8)
    assert "leaves 10 days: too little for a plan" in page.form.problems.text()
    assert f"{first} to {last} gives the 6 to 8 weeks we recommend" in page.form.problems.text()
    assert services.plans().active() is None

    page.form.exam_date.setDate(today + timedelta(weeks=7))
    qtbot.mouseClick(page.form.submit_btn, Qt.MouseButton.LeftButton)
    wait_plan(qtbot, page)
    assert not page.form_box.isVisible() and page.summary_box.isVisible()
    view = page.view
    assert view == services.plans().active() and view.settings.tests == ("A5",)
    texts = cells(page)
    assert sum("▶ TODAY" in t for t in texts) == 1 and sum("◆ EXAM DAY" in t for t in texts) == 1
    assert sum(" min" in t for t in texts) == len(view.sessions)
    assert page.calendar.rowCount() in (8, 9)
    assert "On track: 0 of" in page.progress_text.text()
    # every control on the page is named for a screen reader and reachable with Tab
    controls = [w for w in page.findChildren(QWidget) if w.isVisible()
                and isinstance(w, QAbstractButton | QAbstractSpinBox | QAbstractItemView) and not isinstance(w, QHeaderView)]
    assert page.calendar in controls and page.start_btn in controls
    for w in controls:
        assert w.accessibleName() or getattr(w, "text", lambda: "")(), w
        assert w.focusPolicy() & Qt.FocusPolicy.TabFocus, w
    assert not page.calendar.tabKeyNavigation()

    # Start: tonight's session is the diagnostic, the real test's length and time
    assert page.featured.day == today and page.featured.kind == "exam"
    qtbot.mouseClick(page.start_btn, Qt.MouseButton.LeftButton)
    shows(qtbot, window, "exam")
    exam = window.exam_page
    run = exam.active.run
    assert run.form.mode is ExamMode.FULL and run.form.scored_count == 45
    assert run.form.time_limit_seconds == 75 * 60
    for _ in range(len(run)):
        exam.choose("A")
        exam.next()
    exam_id = exam.active.exam_id
    exam.ask_end()
    qtbot.mouseClick(exam.confirm_yes, Qt.MouseButton.LeftButton)
    shows(qtbot, window, "results")

    # back on the plan: tonight is done with its score; Start now goes over the exam's wrong answers
    window.show_page("plan")
    wait_plan(qtbot, page, lambda v: v.on(today).status == "done")
    today_cell = next(t for t in cells(page) if "▶ TODAY" in t)
    assert "✓ Done" in today_cell and "%" in today_cell
    assert page.featured.day == today and "wrong answers" in page.start_btn.text()
    wrong = [i for i in window.ctx.services.exams.result(exam_id).items if not i.correct]
    qtbot.mouseClick(page.start_btn, Qt.MouseButton.LeftButton)
    shows(qtbot, window, "exam")
    run = window.exam_page.active.run
    assert run.form.mode is ExamMode.MISSED and {i.question_id for i in run.form.items} == {w.question_id for w in wrong}
    for _ in range(len(run)):
        window.exam_page.choose("A")
        window.exam_page.next()
    shows(qtbot, window, "results")

    # with tonight's work all done, Start begins the next session's first drill
    window.show_page("plan")
    wait_plan(qtbot, page, lambda v: page.featured is not None and page.featured.day > today)
    nxt = page.featured
    assert nxt.day > today and nxt.kind == "study"
    drill = next(a for a in nxt.activities if a.kind == "drill")
    assert drill.text.split(":")[0] in page.start_btn.text() or f"Drill A5-{drill.area}" in page.start_btn.text()
    qtbot.mouseClick(page.start_btn, Qt.MouseButton.LeftButton)
    shows(qtbot, window, "exam")
    run = window.exam_page.active.run
    assert run.form.mode is ExamMode.DRILL and {i.area for i in run.form.items} == {drill.area}
    assert len(run) == drill.questions


def test_home_offers_todays_session_and_marking_it_skipped_puts_you_behind(qtbot, window, tmp_path):
    page = open_plan_page(qtbot, window)
    today = date.today()
    fill_form(qtbot, page, ["A5"], today + timedelta(weeks=6, days=3),
              [WEEKDAYS[(today.weekday() + k) % 7] for k in (0, 1, 3, 5)])
    qtbot.mouseClick(page.form.submit_btn, Qt.MouseButton.LeftButton)
    wait_plan(qtbot, page)

    home = window.page("home")
    window.show_page("home")
    qtbot.waitUntil(lambda: home.plan_box.isVisible() and home.plan_start_btn.isVisible(), timeout=10000)
    assert "Tonight at 7:00 PM, 90 minutes" in home.plan_text.text()
    qtbot.mouseClick(home.plan_start_btn, Qt.MouseButton.LeftButton)
    shows(qtbot, window, "exam")
    assert window.exam_page.active.run.form.mode is ExamMode.FULL
    window.exam_page.pause_and_leave()

    window.show_page("plan")
    wait_plan(qtbot, page)
    qtbot.mouseClick(page.skip_btn, Qt.MouseButton.LeftButton)
    wait_plan(qtbot, page, lambda v: v.on(today).status == "skipped")
    assert "Behind by 1 session" in page.progress_text.text()
    assert "✗ Skipped" in next(t for t in cells(page) if "▶ TODAY" in t)

    # exports: a calendar that parses back, CSV and a printable PDF
    ics = page.export_ics(str(tmp_path / "plan.ics"))
    events = [c for c in Calendar.from_ical((tmp_path / "plan.ics").read_bytes()).walk() if c.name == "VEVENT"]
    assert ics and len(events) == len(page.view.sessions)
    page.export_csv(str(tmp_path / "plan.csv"))
    assert len((tmp_path / "plan.csv").read_text().splitlines()) == len(page.view.sessions) + 1
    page.export_pdf(str(tmp_path / "plan.pdf"))
    pdf = (tmp_path / "plan.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5000


def test_prefill_for_recertification_and_where_the_figures_are_missing(qtbot, window):
    page = open_plan_page(qtbot, window)
    today = date.today()
    page.prefill(["A5"], recert=True)
    assert page.form.test_boxes["A5"].isChecked() and page.form.recert.isChecked()
    page.form.exam_date.setDate(today + timedelta(weeks=7))
    qtbot.mouseClick(page.form.submit_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.form.problems.isVisible(), timeout=10000)
    assert "no length and time for the A5 recertification test" in page.form.problems.text()

    page.prefill(["A1"], recert=True)
    assert not page.form.test_boxes["A5"].isChecked() and page.form.test_boxes["A1"].isChecked()
    assert not page.form.problems.isVisible()
    qtbot.mouseClick(page.form.submit_btn, Qt.MouseButton.LeftButton)
    wait_plan(qtbot, page)
    assert page.view.settings.recert and "(recertification test)" in page.summary.text()
    assert any("25 questions in 30 minutes" in n for n in page.view.notes)
    exams = [a for s in page.view.sessions for a in s.activities if a.kind == "exam"]
    assert exams and all(a.mode == "recert" and a.minutes == 30 for a in exams)


@pytest.mark.parametrize("typed, says", [("2027-13-40", "not a day of the calendar"), ("soon", "is not a date")])
def test_nonsense_typed_into_the_exam_date_is_refused_with_a_message_not_turned_into_a_date(qtbot, window, typed, says):
    """A QDateEdit silently made another date of what was typed; the field keeps the text and says why."""
    services = window.ctx.services
    page = open_plan_page(qtbot, window)
    fill_form(qtbot, page, ["A5"], date.today() + timedelta(weeks=7), ["mon", "wed", "thu"])
    editor = getattr(page.form.exam_date, "edit", None) or page.form.exam_date.lineEdit()  # (old code: a QDateEdit)
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.mouseClick(page.form.submit_btn, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert editor.text() == typed
    assert page.form.problems.isVisible() and says in page.form.problems.text()
    assert services.plans().active() is None
