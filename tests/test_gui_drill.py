"""A Category drill started from Practice leans toward what the learner needs: questions they
missed weigh four times, and questions not seen yet twice, as much as those answered right
(README: "leaning toward the ones you missed or have not seen")."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt

from questions.exam import ExamMode, build_custom
from study.services import open_services
from tests.conftest import open_window, settled
from tests.dialogs import ScriptedDialogs

pytestmark = pytest.mark.gui


def history(services, missed: list[str], right: list[str]) -> None:  # type: ignore[no-untyped-def]
    """One finished exam: each of `missed` answered wrong, each of `right` answered right."""
    ids = missed + right
    active = services.exams.start(build_custom("A5", ExamMode.QUICK10, ids, {i: "A" for i in ids}, 1, None,
                                               shuffle=False))
    active.start()
    for i, qid in enumerate(ids):
        active.go(i)
        key = services.bank.get(qid).answer
        active.answer(next(c for c in "ABCD" if c != key) if qid in missed else key)
    active.finish(notify=False)


def test_a_category_drill_leans_toward_missed_and_unseen_questions(qtbot, tmp_path, monkeypatch):
    import app.starting

    services = open_services(tmp_path)
    pool = sorted(q.id for q in services.bank.for_area("A5", "A"))
    assert len(pool) >= 50
    missed, unseen = pool[:10], pool[-10:]
    right = pool[10:-10]
    history(services, missed, right)
    seeds = itertools.count(1)  # the drills' draws, fixed so the test is the same every run
    monkeypatch.setattr(app.starting, "_seed", lambda: next(seeds))
    window = open_window(qtbot, tmp_path, services, ScriptedDialogs(yes=True))
    drawn: list[str] = []
    try:
        window.show_page("practice")
        practice = window.page("practice")
        practice.select_test("A5")
        qtbot.waitUntil(lambda: practice.drill_btn.isEnabled() and practice.drill_area.count() > 0, timeout=10000)
        practice.drill_area.setCurrentIndex(practice.drill_area.findData("A"))
        for _ in range(6):
            window.show_page("practice")
            before = window.exam_page.active
            qtbot.mouseClick(practice.drill_btn, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda b=before: window.current_page() == "exam" and window.exam_page.active is not b,
                            timeout=10000)
            run = window.exam_page.active.run
            assert run.form.mode is ExamMode.DRILL and {i.area for i in run.form.items} == {"A"}
            drawn += [i.question_id for i in run.form.items]
            window.exam_page.pause_btn.click()  # leave it unfinished: the next drill replaces it
            settled(qtbot, window)
    finally:
        window.shutdown()

    def rate(group: list[str]) -> float:  # how often each question of the group was drawn, per drill
        return sum(q in group for q in drawn) / (len(group) * 6)

    # at random each would be drawn in a quarter of the drills (15 of 60)
    assert rate(missed) > 2 * rate(right), (rate(missed), rate(unseen), rate(right))
    assert rate(unseen) > 1.5 * rate(right), (rate(missed), rate(unseen), rate(right))
