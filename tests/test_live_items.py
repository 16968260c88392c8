"""The live class view's item analysis picks up practice-set exams taken today (any database)."""

from __future__ import annotations

from study.classroom.live import live_class
from study.classroom.sets import build_set, save_set
from study.services import open_services


def test_live_item_analysis_covers_todays_set_exams(tmp_path):
    s = open_services(tmp_path)
    qs = s.bank.for_test("A5")[:5]
    path = save_set(build_set("Friday quiz", "A5", qs, instructor="Ms. Rivera"), tmp_path / "quiz.aseset")
    opened = s.open_set(path, seed=3)
    active = s.exams.start(opened.form, opened.title, source=opened.source)
    active.start()
    for _ in range(len(active.run)):
        active.answer(active.question().answer)
        active.next()
    active.finish()
    snap = live_class(s.db, s.blueprints)
    assert len(snap.items) == 5
    assert {getattr(i, "question_id", None) for i in snap.items} == {q.id for q in qs}
    s.close()
