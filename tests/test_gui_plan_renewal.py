"""A plan that keeps a certification alive through the ASE Renewal App, from the GUI: the
Certifications page's "Plan to keep it" opens the plan form aimed at the Renewal App, the plan is
made as such (its checks are Renewal App checks, its notes say how the subscription year stands),
the form offers the choice by itself and never with the recertification test, and an exam date past
ASE's 90 days from a recorded purchase is warned about in the plan."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from study.certs import add_years
from study.day_words import day_text
from tests.test_gui_certs import open_certs, service  # noqa: F401 - fixture
from tests.test_gui_plan import open_plan_page, tick, wait_plan

pytestmark = pytest.mark.gui


def test_plan_to_keep_it_makes_a_renewal_app_plan(qtbot, window):  # noqa: F811
    today = date.today()
    service(window).add("A4", add_years(today, -5) + timedelta(days=120))  # expires in about four months
    page = open_certs(qtbot, window)
    keep = next(b for b in page.renewal_box.findChildren(QPushButton)
                if b.isVisible() and b.accessibleName() == "Plan study to keep A4 through the Renewal App")
    keep.click()
    qtbot.waitUntil(lambda: window.current_page() == "plan", timeout=5000)
    plan = window.page("plan")
    qtbot.waitUntil(lambda: plan.form_box.isVisible() and bool(plan.form.test_boxes), timeout=10000)
    assert plan.form.selected_tests() == ["A4"]
    assert plan.form.renewal.isChecked() and not plan.form.recert.isChecked()
    assert plan.form.exam_label.text() == "Plan until"
    plan.form.exam_date.setDate(today + timedelta(weeks=7))
    qtbot.mouseClick(plan.form.submit_btn, Qt.MouseButton.LeftButton)
    wait_plan(qtbot, plan, lambda v: v.settings.renewal)
    assert "kept through the ASE Renewal App" in plan.summary.text()
    assert any("eight right answers in a Renewal App subscription year" in n for n in plan.view.notes)
    assert "Renewal App subscription year" in plan.notes.text()
    checks = [a for s in plan.view.sessions for a in s.activities if a.kind == "exam"]
    assert checks and all(a.mode == "renewal" for a in checks)
    # Change settings shows it as it is
    plan.open_change()
    assert plan.form.renewal.isChecked() and plan.form.selected_tests() == ["A4"]


def test_the_form_aims_at_one_of_the_real_test_its_recertification_or_the_renewal_app(qtbot, window):  # noqa: F811
    page = open_plan_page(qtbot, window)
    form = page.form
    tick(qtbot, form.recert)
    assert form.recert.isChecked()
    tick(qtbot, form.renewal)
    assert form.renewal.isChecked() and not form.recert.isChecked()
    tick(qtbot, form.recert)
    assert form.recert.isChecked() and not form.renewal.isChecked()
    assert form.exam_label.text() == "Exam date"
    # a Renewal App plan needs a certification held: said in the form, nothing made
    tick(qtbot, form.renewal)
    for code, box in form.test_boxes.items():
        if box.isChecked() != (code == "A5"):
            tick(qtbot, box)
    form.exam_date.setDate(date.today() + timedelta(weeks=7))
    qtbot.mouseClick(form.submit_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.problems.isVisible(), timeout=10000)
    assert "no A5 pass is recorded" in form.problems.text() and page.view is None


def test_an_exam_date_past_the_purchases_90_days_is_warned_about_in_the_plan(qtbot, window):  # noqa: F811
    today = date.today()
    service(window).add_purchase("A5", today - timedelta(days=60))
    page = open_plan_page(qtbot, window)
    form = page.form
    for code, box in form.test_boxes.items():
        if box.isChecked() != (code == "A5"):
            tick(qtbot, box)
    form.exam_date.setDate(today + timedelta(weeks=7))
    qtbot.mouseClick(form.submit_btn, Qt.MouseButton.LeftButton)
    wait_plan(qtbot, page)
    ends = day_text(today - timedelta(days=60) + timedelta(days=90))
    assert f"Warning: your A5 purchase on {day_text(today - timedelta(days=60))} runs out on {ends}" \
        in page.notes.text() and page.notes.isVisible()
