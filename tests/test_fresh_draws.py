"""New exams draw the questions a learner has not seen first, then those seen longest ago, so a
learner with about 90 questions a test meets no repeat until the bank runs out; Practice's counts
of unseen questions come from the same record."""

from __future__ import annotations

from datetime import datetime, timedelta

from questions.bank import QuestionBank
from questions.exam import ExamMode, build_exam
from study.exams import ExamService
from tests.conftest import synthetic_bank


class Now:
    def __init__(self) -> None:
        self.t = datetime(2026, 11, 1, 19, 0)

    def __call__(self) -> datetime:
        return self.t


def sit(service: ExamService, now: Now, form) -> list[str]:  # type: ignore[no-untyped-def]
    active = service.start(form)
    active.start()
    for i in range(len(form.items)):
        active.go(i)
        active.answer("A")
    active.finish()
    now.t += timedelta(days=1)
    return [item.question_id for item in form.items]


def test_quick_tens_repeat_nothing_until_an_area_runs_out_then_the_longest_ago_come_back(db, blueprints, clock):
    bp = blueprints.get("A5")
    bank = QuestionBank(tuple(synthetic_bank(bp)))  # 29, 8, 17 and 16 questions in areas A to D
    now = Now()
    service = ExamService(db, bank, blueprints, clock=clock, now=now)
    total = len(bank.for_test("A5"))
    assert service.unseen(["A5"]) == {"A5": total}
    shown: list[list[str]] = []
    for n in range(5):
        shown.append(sit(service, now, service.draw(bp, ExamMode.QUICK10, seed=n)))
        assert service.unseen(["A5"]) == {"A5": total - 10 * (n + 1)}
    flat = [q for exam in shown for q in exam]
    assert len(set(flat)) == len(flat) == 50  # five Quick 10s, fifty different questions
    # area C (17 questions, 3 a Quick 10) has 2 left unseen: the sixth takes both and one from the first exam
    sixth = sit(service, now, service.draw(bp, ExamMode.QUICK10, seed=9))
    again = [q for q in sixth if q in flat]
    assert len(again) == 1 and again[0] in shown[0] and bank.get(again[0]).area == "C"


def test_the_draw_takes_unseen_first_then_the_oldest_seen():
    from questions.blueprints import load_blueprints

    bp = load_blueprints().get("A5")
    pool = synthetic_bank(bp)
    b_area = sorted(q.id for q in pool if q.area == "B")  # 8 questions; a full exam needs 5
    seen = {qid: float(i) for i, qid in enumerate(b_area)}  # all seen, the first longest ago
    del seen[b_area[7]]
    del seen[b_area[6]]  # two never seen
    form = build_exam(bp, pool, ExamMode.FULL, seed=4, seen=seen)
    drawn_b = {i.question_id for i in form.items if i.area == "B" and i.scored}
    assert drawn_b == {b_area[7], b_area[6], b_area[0], b_area[1], b_area[2]}


def test_without_a_record_the_draw_is_the_same_seeded_draw_as_before(blueprints):
    pool = synthetic_bank(blueprints.get("A5"))
    a = build_exam(blueprints.get("A5"), pool, ExamMode.HALF, seed=11)
    b = build_exam(blueprints.get("A5"), pool, ExamMode.HALF, seed=11)
    assert a == b
