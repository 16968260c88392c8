"""The spaced-review queue of missed questions (fsrs): wrong answers enter it rated Again, right
answers to queued questions are rated Good, and a review block takes the questions that are due.
Mixed into PlanService."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, update

from study.storage.records import CARD, EXAM, RESPONSE

if TYPE_CHECKING:
    from questions.bank import QuestionBank
    from study.analytics.standings import Analytics
    from study.storage.database import Database




@cache
def scheduler() -> Any:
    """fsrs's scheduler, loaded when a review is first recorded (not at every start).
    Evening study is planned in days, so no same-evening learning steps; no fuzz keeps tests exact."""
    from fsrs import Scheduler

    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


@dataclass(frozen=True)
class DueCard:
    question_id: str
    test: str
    area: str
    due: datetime


def _utc(dt: datetime) -> datetime:
    # Stored times are naive local times; fsrs wants UTC. Only differences in days matter to it,
    # so the local clock reading is passed as if it were UTC and read back the same way.
    return dt.replace(tzinfo=UTC)



class ReviewQueue:
    db: Database
    bank: QuestionBank
    analytics: Analytics
    learner_id: int
    now: Callable[[], datetime]

    def record_reviews(self, exam_id: int) -> None:
        """Wrong answers enter the queue rated Again; right answers to queued questions are rated Good."""
        from fsrs import Card, Rating

        with self.db.engine.begin() as conn:
            ex = conn.execute(select(EXAM.c.learner_id, EXAM.c.finished_at, EXAM.c.updated_at)
                              .where(EXAM.c.id == exam_id)).first()
            if ex is None:
                return
            when = ex.finished_at or ex.updated_at or self.now()
            rows = conn.execute(select(RESPONSE.c.question_id, RESPONSE.c.test, RESPONSE.c.area, RESPONSE.c.correct)
                                .where(RESPONSE.c.exam_id == exam_id, RESPONSE.c.choice.is_not(None))).all()
            ids = [r.question_id for r in rows]
            cards = {r.question_id: r.card for r in conn.execute(
                select(CARD.c.question_id, CARD.c.card).where(CARD.c.learner_id == ex.learner_id,
                                                              CARD.c.question_id.in_(ids)))} if ids else {}
            for r in rows:
                if r.correct is None or (r.correct and r.question_id not in cards):
                    continue
                old = cards.get(r.question_id)
                card = Card.from_json(old) if old else Card(card_id=zlib.crc32(r.question_id.encode()), due=_utc(when))
                card, _ = scheduler().review_card(card, Rating.Good if r.correct else Rating.Again, _utc(when))
                values = dict(card=card.to_json(), due=card.due.replace(tzinfo=None), updated_at=when)
                if old is None:
                    conn.execute(insert(CARD).values(learner_id=ex.learner_id, question_id=r.question_id,
                                                     test=r.test, area=r.area, **values))
                else:
                    conn.execute(update(CARD).where(CARD.c.learner_id == ex.learner_id,
                                                    CARD.c.question_id == r.question_id).values(**values))

    def queue_missed(self, tests: tuple[str, ...]) -> int:
        """Put questions whose latest answer was wrong, from before the queue existed, into it
        (rated Again when they were missed), so the first review blocks have something to review."""
        from fsrs import Card, Rating

        from study.analytics.progress import ProgressService

        progress = ProgressService(self.analytics, self.bank)
        added = 0
        with self.db.engine.begin() as conn:
            queued = {r[0] for r in conn.execute(select(CARD.c.question_id).where(CARD.c.learner_id == self.learner_id))}
            for test in tests:
                for m in progress.missed(self.learner_id, test):
                    if m.question_id in queued:
                        continue
                    when = m.last_missed or self.now()
                    card = Card(card_id=zlib.crc32(m.question_id.encode()), due=_utc(when))
                    card, _ = scheduler().review_card(card, Rating.Again, _utc(when))
                    conn.execute(insert(CARD).values(learner_id=self.learner_id, question_id=m.question_id, test=test,
                                                     area=m.area, card=card.to_json(),
                                                     due=card.due.replace(tzinfo=None), updated_at=when))
                    queued.add(m.question_id)
                    added += 1
        return added

    def due(self, on: date, test: str | None = None) -> list[DueCard]:
        """Queued questions due by the end of `on`, most overdue first."""
        end = datetime.combine(on + timedelta(days=1), datetime.min.time())
        q = (select(CARD.c.question_id, CARD.c.test, CARD.c.area, CARD.c.due)
             .where(CARD.c.learner_id == self.learner_id, CARD.c.due < end).order_by(CARD.c.due))
        if test is not None:
            q = q.where(CARD.c.test == test)
        with self.db.engine.connect() as conn:
            return [DueCard(*r) for r in conn.execute(q) if self.bank.find(r[0]) is not None]

    def queue_size(self) -> int:
        with self.db.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(CARD)
                                    .where(CARD.c.learner_id == self.learner_id)).scalar_one())
