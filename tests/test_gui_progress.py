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
    assert f"predicted score {st.readiness.predicted:.0%}" in page.headline.text()
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
    assert window.current_page() == "exam"
    run = window.exam_page.active.run
    assert 10 <= len(run) <= 20
    assert {i.area for i in run.form.items} == {area}
    exam = window.exam_page
    for _ in range(len(run)):
        exam.choose("A")
        exam.next()
    assert window.current_page() == "results"
    window.show_page("progress")
    qtbot.waitUntil(lambda: page.report is not None and len(page.report.exams) == exams_before + 1, timeout=10000)
