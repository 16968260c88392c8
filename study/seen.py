"""Which questions a learner has been shown, and when last: new exams draw the questions not seen
yet first, then those seen longest ago (questions.fresh), and Practice says how many of each
test's questions are still new. A question counts as seen once it was in one of the learner's
exams, answered or not (an unanswered question was still read)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import func, select

from questions.bank import QuestionBank
from study.storage.database import Database
from study.storage.records import EXAM, RESPONSE


def last_seen(db: Database, learner_id: int, question_ids: Iterable[str]) -> dict[str, float]:
    """Question id -> when it was last shown (the start of the newest exam it was in, as a POSIX
    timestamp), for those of `question_ids` the learner has seen."""
    ids = sorted(set(question_ids))
    out: dict[str, float] = {}
    with db.engine.connect() as conn:
        for i in range(0, len(ids), 500):  # SQLite takes at most a few hundred parameters at once
            rows = conn.execute(
                select(RESPONSE.c.question_id, func.max(EXAM.c.started_at))
                .join(EXAM, EXAM.c.id == RESPONSE.c.exam_id)
                .where(RESPONSE.c.learner_id == learner_id, RESPONSE.c.question_id.in_(ids[i:i + 500]))
                .group_by(RESPONSE.c.question_id))
            out.update({qid: when.timestamp() for qid, when in rows if when is not None})
    return out


def unseen_counts(db: Database, bank: QuestionBank, learner_id: int, tests: Iterable[str]) -> dict[str, int]:
    """Per test, how many of its questions in the bank the learner has never been shown."""
    with db.engine.connect() as conn:
        seen = {r[0] for r in conn.execute(select(RESPONSE.c.question_id).distinct()
                                           .where(RESPONSE.c.learner_id == learner_id))}
    return {t: sum(1 for q in bank.for_test(t) if q.id not in seen) for t in tests}
