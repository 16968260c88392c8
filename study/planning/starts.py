"""Starting a study-plan session's activity: the exam form for its drill, its practice exam (the
real test, its recertification test or a Renewal App check), going over that exam's wrong answers,
or the spaced-review block of due questions. Mixed into PlanService."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from questions.exam import ExamForm, ExamMode, NotEnoughQuestions, apportion, build_custom, build_exam, drill_form
from questions.fresh import fresh_first
from study.planning.planner import Activity
from study.seen import last_seen
from study.storage.records import EXAM, RESPONSE

if TYPE_CHECKING:
    from questions.bank import QuestionBank
    from questions.blueprints import Blueprints
    from study.analytics.standings import Analytics
    from study.planning.plans import DueCard, SessionRecord
    from study.storage.database import Database



@dataclass(frozen=True)
class PlanStart:
    """An exam form ready for ExamService.start, with its title and the plan tag in `source`."""

    form: ExamForm
    title: str
    source: str


def source_tag(uid: str, index: int) -> str:
    return f"plan:{uid}:{index}"


class SessionStarts:
    """The exam forms a plan's sessions start (PlanService's part that draws questions)."""

    db: Database
    blueprints: Blueprints
    bank: QuestionBank
    analytics: Analytics
    learner_id: int

    def today(self) -> date:
        raise NotImplementedError

    def due(self, on: date, test: str | None = None) -> list[DueCard]:
        raise NotImplementedError

    def start_form(self, session: SessionRecord, index: int, seed: int | None = None, *,
                   time_factor: float = 1.0) -> PlanStart:
        """The exam form for one of a session's activities; raises ValueError or NotEnoughQuestions
        with a message for the learner when it cannot start. `time_factor` is the learner's extra
        time (an accommodation) on timed drills and exams."""
        seed = seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
        act = session.activities[index]
        tag = source_tag(session.uid, index)
        if act.kind == "drill":
            from study.analytics.progress import ProgressService

            bp = self.blueprints.get(act.test)
            weights = ProgressService(self.analytics, self.bank).drill_weights(self.learner_id, act.test, act.area)
            pace = act.seconds_per_question * time_factor if act.seconds_per_question else None
            form = drill_form(bp, self.bank.for_area(act.test, act.area), act.area, seed, size=act.questions,
                              weights=weights, seconds_per_question=pace)
            return PlanStart(form, f"{act.test} area {act.area} drill (study plan)", tag)
        if act.kind == "exam":
            return PlanStart(self._exam_form(act, seed, time_factor), f"{act.test} {_exam_title(act)} (study plan)", tag)
        if act.kind == "review" and act.purpose == "exam":
            return self._exam_review(session, act, seed, tag)
        if act.kind == "review":
            return self._due_review(session.day, act, seed, tag)
        raise ValueError("Reading is done from your textbook: mark the session done when you have finished.")

    def _exam_form(self, act: Activity, seed: int, time_factor: float = 1.0) -> ExamForm:
        bp = self.blueprints.get(act.test)
        questions = self.bank.for_test(act.test)
        seen = last_seen(self.db, self.learner_id, (q.id for q in questions))  # unseen questions first
        if act.mode == "full":
            return build_exam(bp, questions, ExamMode.FULL, seed, time_factor=time_factor, seen=seen)
        if act.mode == "half":
            return build_exam(bp, questions, ExamMode.HALF, seed, time_factor=time_factor, seen=seen)
        if act.mode == "renewal":  # ten from every area, the explanation after each, untimed
            return build_exam(bp, questions, ExamMode.QUICK10, seed, seen=seen)
        # a recertification test: its own length and time, the full test's area shares
        weights = {a.letter: a.scored_questions for a in bp.areas}
        per_area = apportion(act.questions, weights)
        rng = random.Random(seed)
        ids: list[str] = []
        areas: dict[str, str] = {}
        for letter, n in per_area.items():
            pool = sorted(self.bank.for_area(act.test, letter), key=lambda q: q.id)
            if len(pool) < n:
                raise NotEnoughQuestions(f"{act.test} area {letter} has {len(pool)} of the {n} questions needed")
            for q in fresh_first(rng, pool, n, seen):
                ids.append(q.id)
                areas[q.id] = letter
        return build_custom(act.test, ExamMode.SET, ids, areas, seed, round(act.minutes * 60 * time_factor))

    def _exam_review(self, session: SessionRecord, act: Activity, seed: int, tag: str) -> PlanStart:
        exam_index = next((i for i, a in enumerate(session.activities) if a.kind == "exam"), None)
        with self.db.engine.connect() as conn:
            row = conn.execute(select(EXAM.c.id).where(
                EXAM.c.learner_id == self.learner_id, EXAM.c.state == "finished",
                EXAM.c.source == source_tag(session.uid, exam_index if exam_index is not None else -1))
                .order_by(EXAM.c.id.desc()).limit(1)).first()
            wrong = conn.execute(select(RESPONSE.c.question_id, RESPONSE.c.area).where(
                RESPONSE.c.exam_id == row[0], RESPONSE.c.correct.is_not(True))).all() if row else []
        if row is None:
            raise ValueError("Take this evening's practice exam first; then go over its wrong answers here.")
        if not wrong:
            raise ValueError("Nothing to go over: every question of the exam was right.")
        form = build_custom(act.test, ExamMode.MISSED, [w[0] for w in wrong], {w[0]: w[1] for w in wrong}, seed, None)
        return PlanStart(form, f"{act.test} practice exam: wrong answers (study plan)", tag)

    def _due_review(self, day: date, act: Activity, seed: int, tag: str) -> PlanStart:
        due = self.due(max(day, self.today()))
        if not due:
            raise ValueError("No missed questions are due for review yet; they appear here after a drill or exam.")
        by_test: dict[str, list[DueCard]] = {}
        for c in due:
            by_test.setdefault(c.test, []).append(c)
        test, cards = max(by_test.items(), key=lambda kv: (len(kv[1]), kv[0]))
        cards = cards[:max(5, min(30, act.minutes))]  # about a minute a question, with its explanation
        form = build_custom(test, ExamMode.MISSED, [c.question_id for c in cards],
                            {c.question_id: c.area for c in cards}, seed, None)
        return PlanStart(form, f"{test} spaced review: {len(cards)} due question{'s' if len(cards) != 1 else ''}", tag)


def _exam_title(act: Activity) -> str:
    return {"full": "full-length practice exam", "half": "half-length practice exam",
            "recert": "recertification practice exam",
            "recert-half": "half-length recertification practice exam",
            "renewal": "Renewal App check"}.get(act.mode, "practice exam")
