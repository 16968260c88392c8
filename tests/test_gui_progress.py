"""The Progress page renders from a seeded database, updates after a new exam, and Drill this
starts a drill from that area only."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPushButton

from study.demo import seed_demo
from study.services import open_services
from tests.conftest import open_window

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path):
    services = open_services(tmp_path)
    seed_demo(services.db, services.bank, services.blueprints, learners=1, responses=600, seed=5)
    w = open_window(qtbot, tmp_path, services)
    yield w
    w.shutdown()


def test_progress_renders_updates_and_drills_one_area(qtbot, window, tmp_path):
    page = window.page("progress")
    window.show_page("progress")
    qtbot.waitUntil(lambda: page.report is not None, timeout=10000)
    test = page.report.test
    st = window.ctx.services.analytics().standing(window.ctx.services.exams.learner_id, test)
    assert page.report.standing.areas == st.areas
    r = st.readiness
    assert page.headline.text() == f"{test}: {r.verdict_text}."
    assert page.long_run.text().startswith(f"Your long-run accuracy: {r.predicted:.0%} (80% range {r.low:.0%} to ")
    assert page.day.text().startswith(f"What you might score on the day: {r.day_low} to {r.day_high} of "
                                      f"{r.scored_questions} scored questions")
    assert page.area_chart.canvas is not None and page.heat_chart.canvas is not None
    exams_before = len(page.report.exams)

    # the chart can be saved
    out = tmp_path / "areas.pdf"
    page.area_chart.save_to(str(out))
    assert out.stat().st_size > 1000 and out.read_bytes().startswith(b"%PDF")

    drills = [b for b in page.weak_box.findChildren(QPushButton) if b.text() == "Drill this"]
    assert drills
    area = drills[0].accessibleName().split()[2].rstrip(",")
    drills[0].click()
    qtbot.waitUntil(lambda: window.current_page() == "exam", timeout=10000)  # once the drill is stored
    run = window.exam_page.active.run
    assert 10 <= len(run) <= 20
    assert {i.area for i in run.form.items} == {area}
    exam = window.exam_page
    for _ in range(len(run)):
        exam.choose("A")
        exam.next()
    qtbot.waitUntil(lambda: window.current_page() == "results", timeout=10000)
    window.show_page("progress")
    qtbot.waitUntil(lambda: page.report is not None and len(page.report.exams) == exams_before + 1, timeout=10000)


def test_home_says_which_range_is_which_and_what_a_verdict_still_needs(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel

    from questions.exam import ExamMode, build_exam

    services = open_services(tmp_path)
    bp = services.blueprints.get("A5")
    active = services.exams.start(build_exam(bp, services.bank.for_test("A5"), ExamMode.QUICK10, seed=1))
    active.start()
    for i in range(len(active.run)):
        active.go(i)
        active.answer(active.question(i).answer)
    active.finish(notify=False)
    w = open_window(qtbot, tmp_path, services)
    try:
        home = w.page("home")
        texts = lambda: " | ".join(lab.text() for lab in home.ready_box.findChildren(QLabel))  # noqa: E731
        qtbot.waitUntil(lambda: "A5:" in texts(), timeout=10000)
        r = services.analytics().standing(services.exams.learner_id, "A5").readiness
        assert r.missing.startswith("2 more timed practice exams (full or half length) and ")
        assert f"A5: No verdict yet: it needs {r.missing}." in texts()
        assert f"{r.long_run_text}. | {r.day_text}." in texts()
        assert r.verdict == "not enough data" and r.answered == 10
    finally:
        w.shutdown()


def test_progress_says_how_many_answers_a_rework_took_out_of_the_count(qtbot, tmp_path):
    from questions.exam import ExamMode, build_exam
    from study.storage.versions import supersede_old_answers

    services = open_services(tmp_path)
    active = services.exams.start(build_exam(services.blueprints.get("A5"), services.bank.for_test("A5"),
                                             ExamMode.QUICK10, seed=3))
    active.start()
    for i in range(len(active.run)):
        active.go(i)
        active.answer(active.question(i).answer)
    active.finish(notify=False)
    answered = [item.question_id for item in active.run.form.items][:4]
    # the writers rework four of those questions: the next start finds their versions went up
    supersede_old_answers(services.db, services.exams.learner_id,
                          {q.id: q.version + (q.id in answered) for q in services.bank.questions})
    w = open_window(qtbot, tmp_path, services)
    try:
        page = w.page("progress")
        w.show_page("progress")
        qtbot.waitUntil(lambda: page.report is not None, timeout=10000)
        assert page.reworked.text().startswith("4 of your answers were to questions that have been reworked since")
        assert sum(a.answered for a in page.report.standing.areas) == 6
    finally:
        w.shutdown()
