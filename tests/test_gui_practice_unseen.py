"""Practice says how many questions of each test the learner has not seen yet (new exams draw
those first), read from what is stored, and counts down once an exam has shown some."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def test_practice_says_how_many_questions_are_still_unseen_per_test(qtbot, window):
    from questions.exam import ExamMode, build_exam

    s = window.ctx.services
    total = len(s.bank.for_test("A5"))
    window.show_page("practice")
    page = window.page("practice")
    page.select_test("A5")
    qtbot.waitUntil(lambda: page.unseen.get("A5") == total, timeout=10000)
    assert f"{total} of {total} A5 questions you have not seen yet" in page.unseen_note.text()
    item = page.tree.currentItem()
    assert item.text(2) == str(total) and "not seen yet" in item.toolTip(2)

    # ten questions shown in an exam, then Practice again: ten fewer
    s.exams.start(build_exam(s.blueprints.get("A5"), s.bank.for_test("A5"), ExamMode.QUICK10, seed=1))
    window.show_page("home")
    window.show_page("practice")
    qtbot.waitUntil(lambda: page.unseen.get("A5") == total - 10, timeout=10000)
    assert f"{total - 10} of {total} A5 questions you have not seen yet" in page.unseen_note.text()
