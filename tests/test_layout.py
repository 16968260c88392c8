"""Every page fits, from 1024x700 at 100% text to 1366x768 at 200%, light and dark: the test walks
every page (each Instructor tab, Live class, Practice on C1, the exam with its feedback, review
screen, end confirmation and time warning, the results) at several window sizes and text scales
over a learner's history, and fails on anything tests/layout_checks.py finds: a label, button,
combo box or field smaller than its own size hint, a check box's box that does not grow with its
text, anything cut off at the window's edge, a page that scrolls sideways, a table cell cut
without its full text in a tooltip, a list row cut at all. A page that needs more room than the
window has must scroll, not squash. The dialogs: tests/test_layout_dialogs.py."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.layout_checks import LOOK_IDS, LOOKS, PAGES, close_window, open_window, problems, report, settle
from tests.layout_checks import world as world  # noqa: F401 - the module's fixture

pytestmark = [pytest.mark.gui, pytest.mark.slow]


@pytest.mark.parametrize("w, h, scale, dark", LOOKS, ids=LOOK_IDS)
def test_every_page_fits_at_every_size_and_text_scale(qtbot, world, w, h, scale, dark):
    from questions.exam import ExamMode, build_exam

    app = QApplication.instance()
    data, services = world
    win = open_window(app, data, services, w, h, scale, dark)
    look = f"{w}x{h}@{scale:.0%}{' dark' if dark else ''}"
    found: list[str] = []

    def check(label: str) -> None:
        settle(app)
        found.extend(problems(win, f"{label} {look}"))

    try:
        for page in (*PAGES, "live"):
            win.show_page(page)
            check(page)
            if page == "practice":  # C1: figures ASE never published, the app's assumptions said and opened
                practice = win.page("practice")
                practice.select_test("C1")
                practice.why_btn.setChecked(True)
                check("practice C1 with its assumptions")
                practice.why_btn.setChecked(False)
            if page == "instructor":  # its other tabs: My questions, Class results (the roster, the heat map)
                tabs = win.page("instructor").tabs
                for i in range(1, tabs.count()):
                    tabs.setCurrentIndex(i)
                    check(f"instructor {tabs.tabText(i)}")
                tabs.setCurrentIndex(0)
        # an exam with an exhibit in study mode, answered (the feedback shows), then its results
        bp = services.blueprints.get("A5")
        active = services.exams.start(build_exam(bp, services.bank.for_test("A5"), ExamMode.QUICK10, seed=3))
        win.ctx.start_exam(active)
        check("exam")
        page = win.exam_page
        qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_A)
        check("exam feedback")
        page.end_exam()
        qtbot.waitUntil(lambda: win.current_page() == "results", timeout=10000)
        check("results")
        # a timed full-length exam: the header holds the clock, its buttons and the time-warning strip
        full = services.exams.start(build_exam(bp, services.bank.for_test("A5"), ExamMode.FULL, seed=4))
        win.ctx.start_exam(full)
        check("full exam")
        run = page.active.run
        run._used_before += run.form.time_limit_seconds - 4 * 60  # the 5-minute warning
        page._tick()
        check("full exam with a time warning")
        run._used_before += 3 * 60 + 10  # the 1-minute warning
        page._tick()
        check("full exam with the 1-minute warning")
        for letter in "ABCD":  # a few answered, one flagged: the review grid shows every kind of cell
            qtbot.keyClick(page.focusWidget() or page, getattr(Qt.Key, f"Key_{letter}"))
            page.next()
        page.toggle_flag()
        settle(app)
        page.show_review()
        check("exam review screen")
        page.ask_end()
        check("end-exam confirmation")
        page.end_exam()
        qtbot.waitUntil(lambda: win.current_page() == "results", timeout=10000)
        check("full exam results")
    finally:
        close_window(app, win)
    report(found)
