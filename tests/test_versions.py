"""Answers are tied to the version of the question they answered: when a question is reworked,
the answers to its old wording stay in the record but stop counting toward the standings."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlalchemy import text

from questions.bank import QuestionBank
from questions.exam import ExamMode, build_custom
from study.analytics.progress import ProgressService
from study.analytics.standings import Analytics
from study.exams import ExamService
from study.storage.versions import CHECKED_KEY, fingerprint, supersede_old_answers
from tests.conftest import FakeClock

NOW = datetime(2026, 11, 25, 19, 0, 0)


def _reworked(bank: QuestionBank, ids: set[str]) -> QuestionBank:
    """The same bank after the writers changed these questions (version 2)."""
    return QuestionBank(tuple(dataclasses.replace(q, version=2) if q.id in ids else q for q in bank.questions))


def _answer_all(service: ExamService, bank: QuestionBank, qids: list[str], *, right: bool = True) -> int:
    form = build_custom("A5", ExamMode.QUICK10, qids, {q: bank.get(q).area for q in qids}, 1, None, shuffle=False)
    active = service.start(form)
    active.start()
    for i, qid in enumerate(qids):
        active.go(i)
        key = bank.get(qid).answer
        active.answer(key if right else next(c for c in "ABCD" if c != key))
    active.finish(notify=False)
    return active.exam_id


def _versions(db) -> list[tuple]:  # type: ignore[type-arg]
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(
            "SELECT question_id, question_version, superseded FROM response ORDER BY question_id"))]


def test_answers_to_a_reworked_question_stop_counting_but_stay_in_the_record(db, a5_bank, blueprints):
    service = ExamService(db, a5_bank, blueprints, clock=FakeClock(), now=lambda: NOW)
    area_a = sorted(q.id for q in a5_bank.for_area("A5", "A"))[:10]
    exam_id = _answer_all(service, a5_bank, area_a[:6]) and _answer_all(service, a5_bank, area_a[6:], right=False)
    assert {v for _, v, _ in _versions(db)} == {1}  # the version each answer was given to
    analytics = Analytics(db, blueprints, now=lambda: NOW)
    a = lambda: next(x for x in analytics.standing(1, "A5").areas if x.area == "A")  # noqa: E731
    assert (a().answered, a().correct) == (10, 6)
    progress = ProgressService(analytics, a5_bank)
    assert len(progress.missed(1, "A5")) == 4

    # the writers rework the four questions missed and two answered right
    changed = set(area_a[6:]) | set(area_a[:2])
    new_bank = _reworked(a5_bank, changed)
    assert supersede_old_answers(db, 1, {q.id: q.version for q in new_bank.questions}) == 6
    assert sorted(qid for qid, _, sup in _versions(db) if sup) == sorted(changed)
    assert (a().answered, a().correct) == (4, 4)
    topics = analytics.topics(1, "A5")
    assert sum(t.answered for t in topics) == 4
    assert ProgressService(analytics, new_bank).missed(1, "A5") == []  # you have not missed them as they now read
    # history: the heat map and the exam's own result still show every answer
    assert sum(c.answered for c in progress.weeks(1, "A5")) == 10
    assert progress.reworked(1, "A5") == 6 and progress.report(1, "A5").reworked == 6
    assert len(ExamService(db, new_bank, blueprints, now=lambda: NOW).result(exam_id).items) == 4
    # the same bank again: nothing to do, one read
    assert supersede_old_answers(db, 1, {q.id: q.version for q in new_bank.questions}) == 0

    # answering the reworked questions counts again, at their new version
    again = ExamService(db, new_bank, blueprints, clock=FakeClock(), now=lambda: NOW)
    _answer_all(again, new_bank, sorted(changed))
    assert (a().answered, a().correct) == (10, 10)
    assert sum(1 for _, v, sup in _versions(db) if v == 2 and not sup) == 6


def test_an_exam_started_before_the_rework_counts_what_is_answered_after_it(db, a5_bank, blueprints):
    qids = sorted(q.id for q in a5_bank.for_area("A5", "C"))[:3]
    clock = FakeClock()
    service = ExamService(db, a5_bank, blueprints, clock=clock, now=lambda: NOW)
    form = build_custom("A5", ExamMode.HALF, qids, {q: "C" for q in qids}, 1, 600, shuffle=False)
    active = service.start(form)
    active.start()
    active.answer(a5_bank.get(qids[0]).answer)  # answered to version 1
    active.pause()
    # the app is upgraded: all three questions are reworked
    new_bank = _reworked(a5_bank, set(qids))
    supersede_old_answers(db, 1, {q.id: q.version for q in new_bank.questions})
    resumed = ExamService(db, new_bank, blueprints, clock=clock, now=lambda: NOW).resume(active.exam_id)
    resumed.start()
    for i in (1, 2):
        resumed.go(i)
        resumed.answer(new_bank.get(qids[i]).answer)
    resumed.finish(notify=False)
    assert _versions(db) == [(qids[0], 1, 1), (qids[1], 2, 0), (qids[2], 2, 0)]
    c = next(x for x in Analytics(db, blueprints, now=lambda: NOW).standing(1, "A5").areas if x.area == "C")
    assert (c.answered, c.correct) == (2, 2)


def test_the_app_checks_its_bank_against_the_stored_answers_at_start(tmp_path):
    from study.services import open_services

    s = open_services(tmp_path)
    try:
        assert s.settings.get(CHECKED_KEY) == fingerprint({q.id: q.version for q in s.bank.questions})
    finally:
        s.close()


def test_a_drill_treats_a_reworked_question_as_unseen(db, a5_bank, blueprints):
    service = ExamService(db, a5_bank, blueprints, clock=FakeClock(), now=lambda: NOW)
    qids = sorted(q.id for q in a5_bank.for_area("A5", "B"))[:2]
    _answer_all(service, a5_bank, qids[:1], right=False)
    _answer_all(service, a5_bank, qids[1:])
    progress = ProgressService(Analytics(db, blueprints, now=lambda: NOW), a5_bank)
    w = progress.drill_weights(1, "A5", "B")
    assert (w[qids[0]], w[qids[1]]) == (4.0, 1.0)
    supersede_old_answers(db, 1, {q.id: 2 if q.id in qids else 1 for q in a5_bank.questions})
    w = progress.drill_weights(1, "A5", "B")
    assert (w[qids[0]], w[qids[1]]) == (2.0, 2.0)
