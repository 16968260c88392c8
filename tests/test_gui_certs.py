"""The Certifications page with the real services: add a pass with the keyboard, delete and undo,
recertification and first-test planning handed to the Study plan page; and the comfort settings
(theme, extra time) saved and applied."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from app import theme
from study.certs import CertificationService, add_years
from study.services import open_services
from tests.conftest import settled

pytestmark = pytest.mark.gui


def plan_form_asks(qtbot, window) -> tuple[list[str], bool]:
    """The real Study plan page, shown: the tests its new-plan form has ticked, and whether it aims at
    the recertification test."""
    qtbot.waitUntil(lambda: window.current_page() == "plan", timeout=5000)
    plan = window.page("plan")
    qtbot.waitUntil(lambda: plan.form_box.isVisible() and bool(plan.form.test_boxes), timeout=10000)
    return plan.form.selected_tests(), plan.form.recert.isChecked()


def open_certs(qtbot, window):
    window.show_page("certs")
    page = window.page("certs")
    qtbot.waitUntil(lambda: page.view is not None and not page.loading, timeout=10000)
    QApplication.processEvents()  # new rows are shown by their layout on the next pass
    return page


def service(window) -> CertificationService:
    s = window.ctx.services
    return CertificationService(s.db, s.blueprints, s.exams.learner_id)


def texts(box) -> list[str]:
    """The text of every label a learner can see in a box, top to bottom."""
    QApplication.processEvents()  # new rows are shown by their layout on the next pass
    labels = [w for w in box.findChildren(QLabel) if w.isVisible()]
    return [w.text() for w in sorted(labels, key=lambda w: w.mapTo(box, w.rect().topLeft()).y())]


def table_rows(page):
    t = page.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_add_a_pass_with_the_keyboard_then_delete_and_undo(qtbot, window):
    page = open_certs(qtbot, window)
    assert page.empty.isVisible() and not page.table.isVisible()
    # first-timer: the advisor sits right after the empty list
    assert page.lay.indexOf(page.advisor_box) == page.lay.indexOf(page.certs_box) + 1

    page.test_box.setFocus()
    page.test_box.setCurrentIndex(page.test_box.findData("A5"))
    page.date_edit.setDate(QDate(2024, 3, 1))
    page.add_btn.setFocus()
    qtbot.keyClick(page.add_btn, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    assert table_rows(page)[0][:4] == ["A5", "Brakes", "Mar 1, 2024", "Mar 1, 2029"]
    assert table_rows(page)[0][4] in ("✓ Valid", "⚠ Due for recertification", "✗ Expired")
    assert "recorded: expires on March 1, 2029" in page.message.text()
    assert page.lay.indexOf(page.advisor_box) > page.lay.indexOf(page.master_box)
    auto = [t for t in texts(page.master_box) if t.startswith("Master Automobile Technician")]
    assert auto == ["Master Automobile Technician: 1 of 8 current"]

    # the same pass again is stored once
    qtbot.keyClick(page.add_btn, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "already recorded" in page.message.text(), timeout=5000)
    assert len(service(window).list()) == 1

    # Delete key on the table removes the selected pass; Undo puts it back
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.view is not None and not page.view.certifications, timeout=5000)
    assert service(window).list() == ()
    assert page.undo_btn.isEnabled()
    page.undo_btn.setFocus()
    qtbot.keyClick(page.undo_btn, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    assert [(r.test, r.passed_on) for r in service(window).list()] == [("A5", date(2024, 3, 1))]
    assert not page.undo_btn.isEnabled()


def type_date(qtbot, field, text):
    """Type into the date as a person does (select what is there, type over it, Tab away)."""
    editor = getattr(field, "edit", None) or field.lineEdit()  # (a QDateEdit's own editor, on old code)
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def test_a_typed_certification_date_is_recorded_as_typed(qtbot, window):
    """A QDateEdit took a typed 2024-03-01 as 2026-03-01 (only the arrow keys worked)."""
    page = open_certs(qtbot, window)
    page.test_box.setCurrentIndex(page.test_box.findData("A5"))
    type_date(qtbot, page.date_edit, "2024-03-01")
    qtbot.keyClick(page.add_btn, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=5000)
    assert [(r.test, r.passed_on) for r in service(window).list()] == [("A5", date(2024, 3, 1))]


@pytest.mark.parametrize("typed", ["2024-02-30", "next week", "FUTURE"])
def test_a_future_or_nonsense_date_is_refused_with_a_message_and_nothing_stored(qtbot, window, typed):
    page = open_certs(qtbot, window)
    page.test_box.setCurrentIndex(page.test_box.findData("A5"))
    if typed == "FUTURE":
        typed = (date.today() + timedelta(days=30)).isoformat()
    type_date(qtbot, page.date_edit, typed)
    qtbot.keyClick(page.add_btn, Qt.Key.Key_Space)
    settled(qtbot, window)
    assert page.date_edit.message.isVisible() and page.date_edit.text() == typed
    assert service(window).list() == ()


def test_due_certification_offers_recertification_planning(qtbot, window):
    today = date.today()
    due_pass = add_years(today, -5) + timedelta(days=90)  # expires in 90 days
    service(window).add("A4", due_pass)
    service(window).add("A5", today - timedelta(days=30))
    page = open_certs(qtbot, window)
    buttons = [b for b in page.due_box.findChildren(QPushButton)
               if b.text() == "Plan recertification study" and b.isVisible()]
    assert [b.accessibleName() for b in buttons] == ["Plan recertification study for A4 Suspension and Steering"]
    buttons[0].setFocus()
    qtbot.keyClick(buttons[0], Qt.Key.Key_Space)
    # the Study plan page opens its new-plan form for A4 alone, aimed at the recertification test
    assert plan_form_asks(qtbot, window) == (["A4"], True)


def test_advisor_suggests_and_plans_the_first_test(qtbot, window):
    page = open_certs(qtbot, window)
    page.bay_box.setCurrentIndex(page.bay_box.findData("car"))
    page.years_box.setValue(3)
    assert page.advice_title.text() == "Suggested first test: A5 Brakes"
    assert "two years of hands-on experience" in page.advice_experience.text()
    assert "S2" in page.advice_sources.text()
    assert page.plan_btn.text() == "Plan my study for A5" and page.plan_btn.isEnabled()
    page.plan_btn.setFocus()
    qtbot.keyClick(page.plan_btn, Qt.Key.Key_Space)
    assert plan_form_asks(qtbot, window) == (["A5"], False)

    window.show_page("certs")
    page.years_box.setValue(0)
    assert page.advice_title.text().startswith("Suggested first test: G1")
    page.bay_box.setCurrentIndex(page.bay_box.findData("parts"))
    assert page.advice_title.text().startswith("Suggested first test: P2")
    n = sum(window.ctx.services.bank.count_by_area("P2").values())  # the P2 bank was written since
    assert page.advice_bank.text() == f"The question bank has {n} practice questions for P2."
    assert page.plan_btn.isEnabled() == (n > 0)
    # the B series has no questions in the bank: the advice says so and offers no plan
    page.bay_box.setCurrentIndex(page.bay_box.findData("collision"))
    assert page.advice_title.text().startswith("Suggested first test: B2")
    assert "B2 is not yet in the question bank" in page.advice_bank.text()
    assert not page.plan_btn.isEnabled()


def test_unverified_master_facts_are_marked_in_plain_words_and_sources_are_behind_a_link(qtbot, window):
    """Research notes ("From memory...", "(source S22, weak)") are not the page's words: facts are
    said plainly, an unconfirmed one marked with a symbol explained in a sentence, and the sources
    are one click away under "Where these rules come from"."""
    import re

    page = open_certs(qtbot, window)
    shown = texts(page.master_box)
    collision = next(i for i, t in enumerate(shown) if t.startswith("Master Collision"))
    assert shown[collision + 2].startswith("◇ ") and "B6 is the separate Collision Damage Estimator" in shown[collision + 2]
    assert any("◇ marks a rule" in t for t in shown)
    auto = next(i for i, t in enumerate(shown) if t.startswith("Master Automobile"))
    assert "A9 (Light Vehicle Diesel) is NOT required" in shown[auto + 2] and "◇" not in shown[auto + 2]
    research = re.compile(r"\bS\d+ (says|lists)|\((S\d|official)|\bper S\d|[Ff]rom memory|\bweak\b|unverified|"
                          r"source memory|Confirm on ase")
    assert not [t for t in shown if research.search(t)]
    assert not [t for t in texts(page.advisor_box) if research.search(t) and page.advice_sources.text() != t]
    assert not page.facts_text.isVisible() and not page.advice_sources.isVisible()
    qtbot.mouseClick(page.sources_btn, Qt.MouseButton.LeftButton)
    assert page.facts_text.isVisible() and "source memory, S6" in page.facts_text.text()


# -- comfort and access ------------------------------------------------------------------------------

@pytest.fixture
def restore_theme():
    app = QApplication.instance()
    palette, font, sheet = app.palette(), app.font(), app.styleSheet()
    yield
    theme.apply_theme(app, 1.0, theme="system")
    app.setPalette(palette)
    app.setFont(font)
    app.setStyleSheet(sheet)


def test_theme_and_extra_time_are_saved_and_applied(qtbot, window, tmp_path, restore_theme):
    window.show_page("settings")
    settings = window.page("settings")
    settings.theme.setCurrentIndex(settings.theme.findData("dark"))
    settings.extra_time.setCurrentIndex(settings.extra_time.findData(1.5))
    qtbot.keyClick(settings.save_btn, Qt.Key.Key_Space)
    app = QApplication.instance()
    assert app.palette().color(QPalette.ColorRole.Window).name() == theme.DARK["window"]
    # a text-size change keeps the chosen theme
    settings.scale.setValue(130)
    settings.save_btn.click()
    assert app.palette().color(QPalette.ColorRole.Window).name() == theme.DARK["window"]
    assert app.font().pointSizeF() == pytest.approx(theme.BASE_POINT_SIZE * 1.3)

    # a class-server address (password included) leaves the settings file readable by its owner only
    settings.server.setText("postgresql+psycopg://s_ana:s3cret@lab-pc/aseprep")
    settings.save_btn.click()
    assert (tmp_path / "settings.ini").stat().st_mode & 0o777 == 0o600
    settings.server.setText("")
    settings.save_btn.click()
    qtbot.waitUntil(lambda: settings.saved.text() == "Saved.", timeout=5000)  # stored on the write worker

    # saved across runs: the window settings file and the learner's record
    again = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert again.value("theme") == "dark" and float(again.value("text_scale")) == pytest.approx(1.3)
    reopened = open_services(tmp_path)
    try:
        assert reopened.settings.extra_time() == 1.5
    finally:
        reopened.close()

    # Practice shows the longer time, and a full-length exam gets it
    window.show_page("practice")
    practice = window.page("practice")
    practice.select_test("A5")
    qtbot.waitUntil(lambda: "Includes your extra time" in practice.mode_buttons["full"].text(), timeout=5000)
    full = practice.mode_buttons["full"].text()
    assert ", 1 h 52 min, results at the end" in full and "Includes your extra time (x1.5); without it: 1 h 15 min" in full
    assert "135 seconds a question" in practice.timed_note.text()
    practice.start("full")
    qtbot.waitUntil(lambda: window.current_page() == "exam", timeout=10000)
    assert window.exam_page.active.form.time_limit_seconds == 75 * 60 * 1.5
    window.exam_page.pause_and_leave()


def test_light_theme_and_system_choice(qtbot, restore_theme):
    app = QApplication.instance()
    theme.apply_theme(app, 1.0, theme="light")
    assert app.palette().color(QPalette.ColorRole.Window).name() == theme.LIGHT["window"]
    assert theme.current_theme() == "light"
    theme.apply_theme(app, 1.0, theme="system")
    expected = theme.DARK if theme.system_is_dark() else theme.LIGHT
    assert app.palette().color(QPalette.ColorRole.Window).name() == expected["window"]
    theme.apply_theme(app, 1.0, theme="nonsense")
    assert theme.current_theme() == "system"


def test_planning_the_first_test_hands_it_to_a_plan_page_with_a_plan_already(qtbot, window):
    """With a plan already made, the advisor's test opens the new-plan form over it, that test ticked."""
    from study.planning.planner import PlanRequest

    today = date.today()
    window.ctx.services.plans().create(PlanRequest(("A4",), ("mon", "wed", "thu"), today + timedelta(weeks=7), today,
                                                   None, 90, "19:00", False))
    window.show_page("plan")
    plan = window.page("plan")
    qtbot.waitUntil(lambda: plan.view is not None and not plan.loading, timeout=10000)
    assert not plan.form_box.isVisible()
    page = open_certs(qtbot, window)
    page.bay_box.setCurrentIndex(page.bay_box.findData("car"))
    page.years_box.setValue(3)
    page.plan_btn.click()
    assert plan_form_asks(qtbot, window) == (["A5"], False)
    assert plan.form.submit_btn.text() == "Create plan"


def test_a_saved_class_server_address_is_used_at_the_next_start(qtbot, tmp_path):
    """Settings > Class server: the address is tested, saved, and opens instead of local SQLite."""
    import argparse

    from PySide6.QtCore import QSettings

    from app.application import load_services
    from study.storage.database import check_connection

    other = tmp_path / "server-stand-in"
    url = f"sqlite:///{other / 'class.sqlite3'}"
    assert check_connection("postgresql+psycopg://nobody:x@127.0.0.1:1/none").startswith("Could not connect")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("db_url", url)
    other.mkdir()
    services = load_services(argparse.Namespace(data_dir=tmp_path, db=None), settings)
    assert services.db.url == url
    services.close()
    assert check_connection(url).startswith("Connected (schema")
    services = load_services(argparse.Namespace(data_dir=tmp_path, db=f"sqlite:///{tmp_path / 'x.sqlite3'}"), settings)
    assert services.db.url.endswith("x.sqlite3")  # --db wins
    services.close()
