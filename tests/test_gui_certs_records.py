"""The Certifications page beyond passes, with the real services: an attempt not passed and a test
bought recorded and taken back, Renewal App credit extending a certification's expiry, Entry-Level
certificates (two years, attempts left), prerequisites, and the advisor's next test."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QPushButton

from study.certs import add_years, school_year
from study.day_words import day_text
from tests.test_gui_certs import open_certs, service, table_rows, texts  # noqa: F401 - fixture

pytestmark = pytest.mark.gui


def add(qtbot, page, test: str, kind: str, when: date) -> None:
    page.test_box.setCurrentIndex(page.test_box.findData(test))
    page.kind_box.setCurrentIndex(page.kind_box.findData(kind))
    page.date_edit.setDate(QDate(when.year, when.month, when.day))
    page.add_btn.setFocus()
    qtbot.keyClick(page.add_btn, Qt.Key.Key_Space)


def settle(qtbot, page):
    qtbot.waitUntil(lambda: page.view is not None and not page.loading, timeout=10000)


def test_an_attempt_not_passed_and_a_purchase_are_shown_and_taken_back(qtbot, window):  # noqa: F811
    page = open_certs(qtbot, window)
    today = date.today()
    add(qtbot, page, "A5", "failed", today - timedelta(days=3))
    qtbot.waitUntil(lambda: page.view is not None and len(page.view.failed) == 1, timeout=5000)
    shown = texts(page.attempts_box)
    assert f"✗ A5 taken on {day_text(today - timedelta(days=3))}, not passed." in shown
    assert any(t.startswith(f"⏳ A5: the next attempt from {day_text(today + timedelta(days=28))}") for t in shown)
    # a pass ten days later is refused with the reason, and nothing changes
    add(qtbot, page, "A5", "passed", today)
    qtbot.waitUntil(lambda: "30 full days" in page.message.text(), timeout=5000)  # once the write is refused
    assert service(window).list() == ()
    add(qtbot, page, "A4", "purchased", today - timedelta(days=10))
    qtbot.waitUntil(lambda: page.view is not None and len(page.view.purchases) == 1, timeout=5000)
    assert any(t.startswith(f"Bought A4 on {day_text(today - timedelta(days=10))}: take it by "
                            f"{day_text(today + timedelta(days=80))} (80 days left)") for t in texts(page.attempts_box))
    remove = next(b for b in page.attempts_box.findChildren(QPushButton)
                  if b.isVisible() and b.accessibleName().startswith("Remove the A5 attempt"))
    remove.click()
    qtbot.waitUntil(lambda: page.view is not None and page.view.failed == (), timeout=5000)
    assert service(window).events("failed") == ()


def test_renewal_app_credit_extends_the_expiry_shown(qtbot, window):  # noqa: F811
    today = date.today()
    passed = add_years(today, -5) + timedelta(days=30)  # expires in about a month
    service(window).add("A5", passed)
    page = open_certs(qtbot, window)
    card = page.renewal
    assert card.test_box.findData("A5") >= 0 and card.save_btn.isEnabled()
    start = add_years(today, -1) + timedelta(days=20)  # a year under way for most of its months
    card.test_box.setCurrentIndex(card.test_box.findData("A5"))
    card.start_edit.setDate(QDate(start.year, start.month, start.day))
    card.credits.setValue(8)
    card.save_btn.setFocus()
    qtbot.keyClick(card.save_btn, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.view is not None and page.view.certifications[0].extended_years == 1, timeout=5000)
    settle(qtbot, page)
    row = table_rows(page)[0]
    assert row[3] == day_text(add_years(passed, 6), short=True) and "extended 1 year by the Renewal App" in row[4]
    assert any("one year's extension earned" in t for t in texts(page.renewal_box))
    assert f"expires {day_text(add_years(passed, 6))}, extended 1 year from {day_text(add_years(passed, 5))}." in \
        " ".join(texts(page.renewal_box))
    # more credits than months can have brought are refused, with the reason
    card.start_edit.setDate(QDate(today.year, today.month, 1))
    card.credits.setValue(9)
    card.save_btn.click()
    qtbot.waitUntil(lambda: "cannot have been earned" in page.message.text(), timeout=5000)


def test_entry_level_certificates_prerequisites_and_the_next_test(qtbot, window):  # noqa: F811
    today = date.today()
    service(window).add("EA5", today - timedelta(days=40))
    service(window).add("L1", today - timedelta(days=100))
    page = open_certs(qtbot, window)
    ea5 = next(r for r in table_rows(page) if r[0] == "EA5")
    assert ea5[3] == day_text(add_years(today - timedelta(days=40), 2), short=True) and ea5[4] == "✓ Valid"
    shown = texts(page.master_box)
    assert any("count toward no Master status" in t for t in shown)
    assert any(t.startswith("Master Automobile Technician: 0 of 8 current") for t in shown)
    assert "Pass first: A8 ✗ not held." in shown
    assert any("You hold L1, but your A8 is not recorded" in t for t in shown)
    this_year = (today - timedelta(days=40)) >= school_year(today, 7)[0]  # 1 July to 30 June
    assert any(t.startswith(f"EA5 (Entry-Level): {1 if this_year else 0} of 2 attempts this school year")
               for t in texts(page.attempts_box))
    # the advisor leaves out what is held
    service(window).add("A5", today - timedelta(days=200))
    page = open_certs(qtbot, window)
    page.bay_box.setCurrentIndex(page.bay_box.findData("car"))
    page.years_box.setValue(3)
    assert page.advice_title.text() == "Suggested next test: A4 Suspension and Steering"
    page.training_box.setCurrentIndex(page.training_box.findData("in_program"))
    page.years_box.setValue(0)
    assert page.advice_title.text() == "Suggested next test: EA4 Entry-Level Suspension and Steering"
