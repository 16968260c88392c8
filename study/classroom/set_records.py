"""The practice sets this database keeps, built here (the instructor's own copy, against which the
results are scored) or opened here (a student's), and opening a set as a student: its questions
are known for the exams taken from it and drawn for no other (study.exams)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import insert, select

from questions.bank import QuestionBank
from questions.blueprints import Blueprints
from questions.exam import ExamForm
from questions.model import Question
from study.classroom.result_files import ResultAnswer, SetResult, build_result
from study.classroom.set_files import SOURCE_PREFIX, SetBuildError, SetFileError
from study.storage.database import Database
from study.storage.records import EXAM, PRACTICE_SET, RESPONSE
from study.storage.writes import record_opened_set

if TYPE_CHECKING:
    from study.classroom.sets import PracticeSet



def renamed_id(qid: str, set_hash: str) -> str:
    """The id a set's question takes when this bank has a different question under the same id."""
    return f"{qid[:31]}~{set_hash[:8]}"


def _same(a: Question, b: Question, *, exhibits: bool) -> bool:
    """The same question; with `exhibits` (a set whose format carries them), over the same exhibit."""
    from study.classroom.set_exhibits import same_exhibit

    return (a.stem == b.stem and tuple(a.choices) == tuple(b.choices) and a.answer == b.answer
            and (not exhibits or same_exhibit(a.exhibit, b.exhibit)))


def local_questions(ps: PracticeSet, bank: QuestionBank) -> list[Question]:
    """The set's questions under the ids this bank knows them by.

    A question the bank has word for word keeps the bank's id (so the learner's review queue
    and analytics join up); one the bank lacks keeps the set's id; one the bank has in another
    wording (a different app version) takes a renamed id, so the student sees the set's words.
    """
    out = []
    for q in ps.questions:
        mine = bank.find(q.id)
        if mine is None:
            out.append(q)
        elif _same(mine, q, exhibits=ps.version >= 3):
            out.append(mine)
        else:
            out.append(replace(q, id=renamed_id(q.id, ps.hash)))
    return out


@dataclass(frozen=True)
class OpenedSet:
    set: PracticeSet
    form: ExamForm
    title: str
    source: str


def check_against_blueprints(ps: PracticeSet, blueprints: Blueprints, name: str) -> None:
    if ps.test not in blueprints:
        raise SetFileError(f"{name}: is for test {ps.test}, which this version of ASE Prep does not know. "
                           "Update ASE Prep to take it.")
    letters = blueprints.get(ps.test).area_letters
    bad = sorted({q.area for q in ps.questions if q.area not in letters})
    if bad:
        raise SetFileError(f"{name}: has questions in content area {', '.join(bad)}, which {ps.test} does not have.")


class PracticeSetService:
    """Sets known to this database: built here (the instructor's) or opened (the student's)."""

    def __init__(self, db: Database, blueprints: Blueprints, *, now: Callable[[], datetime] | None = None) -> None:
        self.db = db
        self.blueprints = blueprints
        self.now = now or (lambda: datetime.now().replace(microsecond=0))

    def record(self, ps: PracticeSet, *, authored: bool) -> None:
        """Keep the set (idempotent; a set built here stays marked as built here). A set only
        opened here is kept as opened: on a class server a student's login may not do more."""
        values = dict(hash=ps.hash, title=ps.title[:300], test=ps.test, instructor=ps.instructor[:200],
                      body=ps.to_json(), added_at=self.now())
        with self.db.engine.begin() as conn:
            if not authored:
                record_opened_set(conn, values)
                return
            row = conn.execute(select(PRACTICE_SET.c.authored).where(PRACTICE_SET.c.hash == ps.hash)).first()
            if row is None:
                conn.execute(insert(PRACTICE_SET).values(**values, authored=True))
            elif not row[0]:
                conn.execute(PRACTICE_SET.update().where(PRACTICE_SET.c.hash == ps.hash).values(authored=True))

    def save(self, ps: PracticeSet, path: Path) -> Path:
        """Write the set file and remember the set, so its results can be imported later."""
        from study.classroom.sets import save_set

        written = save_set(ps, path)
        self.record(ps, authored=True)
        return written

    def get(self, set_hash: str, *, authored: bool | None = None) -> PracticeSet | None:
        """The set stored under this hash (with `authored`, only one built here, or only one opened)."""
        q = select(PRACTICE_SET.c.body).where(PRACTICE_SET.c.hash == set_hash)
        if authored is not None:
            q = q.where(PRACTICE_SET.c.authored == authored)
        with self.db.engine.connect() as conn:
            row = conn.execute(q).first()
        if row is None:
            return None
        from study.classroom.sets import parse_set

        try:
            return parse_set(str(row[0]).encode("utf-8"), "stored set")
        except SetFileError:
            return None

    def all(self, *, authored: bool | None = None) -> list[PracticeSet]:
        q = select(PRACTICE_SET.c.body).order_by(PRACTICE_SET.c.added_at.desc(), PRACTICE_SET.c.title)
        if authored is not None:
            q = q.where(PRACTICE_SET.c.authored == authored)
        from study.classroom.sets import parse_set

        out = []
        with self.db.engine.connect() as conn:
            bodies = [str(r[0]) for r in conn.execute(q)]
        for body in bodies:
            try:
                out.append(parse_set(body.encode("utf-8"), "stored set"))
            except SetFileError:
                continue
        return out

    def set_for_exam(self, exam_id: int) -> PracticeSet | None:
        with self.db.engine.connect() as conn:
            row = conn.execute(select(EXAM.c.source).where(EXAM.c.id == exam_id)).first()
        source = str(row[0]) if row is not None and row[0] else ""
        if not source.startswith(SOURCE_PREFIX):
            return None
        return self.get(source[len(SOURCE_PREFIX):])

    def result_for_exam(self, exam_id: int, student: str) -> SetResult:
        """The result file's content for a finished exam taken from a set."""
        ps = self.set_for_exam(exam_id)
        if ps is None:
            raise SetBuildError("This exam was not taken from a practice set.")
        with self.db.engine.connect() as conn:
            ex = conn.execute(select(EXAM).where(EXAM.c.id == exam_id)).one()
            rows = conn.execute(select(RESPONSE).where(RESPONSE.c.exam_id == exam_id)).all()
        if ex.state != "finished":
            raise SetBuildError("Finish the exam first; a result file is saved once it has ended.")
        set_id = {}
        for q in ps.questions:
            set_id[q.id] = q.id
            set_id[renamed_id(q.id, ps.hash)] = q.id
        by_set_id = {set_id.get(r.question_id, r.question_id): r for r in rows}
        answers = []
        for q in ps.questions:
            r = by_set_id.get(q.id)
            answers.append(ResultAnswer(q.id, r.choice if r is not None else None,
                                        float(r.seconds) if r is not None else 0.0,
                                        bool(r.flagged) if r is not None else False))
        return build_result(ps, student, answers, float(ex.time_used_seconds), started=ex.started_at,
                            finished=ex.finished_at)
