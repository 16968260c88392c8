"""The instructor's own questions: stored once each, mapped to a test and content area, and
mixed with the bundled bank once mapped.

An imported question's id is "U-" and a hash of its text, choices and key, so importing the
same file twice stores each question once. Questions not yet mapped to a test and area are
kept but stay out of exams until they are.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, update

from questions.bank import QuestionBank
from questions.blueprints import Blueprints
from questions.model import Exhibit, Question
from study.classroom.lms.emphasis import MarkedQuestion, Span, spans_from_json, spans_json
from study.classroom.lms.found import exhibit_from_json, exhibit_json
from study.storage.database import Database
from study.storage.records import IMPORTED

if TYPE_CHECKING:  # the file readers load when an instructor imports, not at every start
    from study.classroom.importers import ImportedQuestion, ImportResult, SkippedItem

IMPORTED_PREFIX = "U-"
DEFAULT_TOPIC = "Imported questions"


class ImportFailed(Exception):
    """Nothing was stored; the message says why."""


def imported_id(stem: str, choices: Sequence[str], answer: str, exhibit: Exhibit | None = None) -> str:
    what: list[object] = [stem, list(choices), answer]
    if exhibit is not None:  # the same words over another table are another question
        what.append(exhibit_json(exhibit))
    digest = hashlib.sha256(json.dumps(what, ensure_ascii=False).encode("utf-8"))
    return IMPORTED_PREFIX + digest.hexdigest()[:12].upper()


@dataclass(frozen=True)
class OwnQuestion(MarkedQuestion):
    """An instructor's question as exams and exports see it, with the tags it came with (an LMS
    export writes them back) and its bold and italic (`emphasis`, which an export gives back)."""

    tags: tuple[str, ...] = ()
    title: str = ""  # the name it had in the LMS, which an export gives it back


@dataclass(frozen=True)
class StoredQuestion:
    id: str
    test: str
    area: str
    topic: str
    style: str
    difficulty: int
    stem: str
    choices: tuple[str, str, str, str]
    answer: str
    explanation: str
    tags: tuple[str, ...]
    source: str
    imported_at: datetime
    exhibit: Exhibit | None = None
    title: str = ""  # the name it had in the LMS
    emphasis: tuple[tuple[str, tuple[Span, ...]], ...] = ()

    @property
    def mapped(self) -> bool:
        return bool(self.test and self.area)

    def as_question(self) -> Question:
        return OwnQuestion(id=self.id, test=self.test, area=self.area, topic=self.topic, style=self.style,
                           difficulty=self.difficulty, stem=self.stem, choices=self.choices, answer=self.answer,
                           explanation=self.explanation, source=self.source, origin="imported", exhibit=self.exhibit,
                           tags=self.tags, title=self.title, emphasis=self.emphasis)


@dataclass(frozen=True)
class StoreOutcome:
    added: tuple[str, ...]  # ids of the questions stored now
    already: tuple[SkippedItem, ...]  # stored by an earlier import (or twice in this file): kept once
    skipped: tuple[SkippedItem, ...]  # the parser's skips and questions with an unknown test or area

    @property
    def summary(self) -> str:
        parts = [f"{len(self.added)} question{'s' if len(self.added) != 1 else ''} imported"]
        if self.already:
            parts.append(f"{len(self.already)} already in your questions")
        if self.skipped:
            parts.append(f"{len(self.skipped)} skipped")
        return ", ".join(parts) + "."


def check_mapping(result: ImportResult, blueprints: Blueprints) -> ImportResult:
    from study.classroom.importers import SkippedItem
    """Questions mapped to an unknown test or area move to `skipped`, saying which."""
    good: list[ImportedQuestion] = []
    skipped = list(result.skipped)
    for q in result.imported:
        if q.area and not q.test:
            skipped.append(SkippedItem(q.source, f"content area {q.area} is given without a test"))
            continue
        if q.test:
            if q.test not in blueprints:
                skipped.append(SkippedItem(q.source, f"test {q.test!r} is not one of the tests ASE Prep knows"))
                continue
            bp = blueprints.get(q.test)
            if q.area and q.area not in bp.area_letters:
                have = ", ".join(bp.area_letters) or "none known"
                skipped.append(SkippedItem(q.source, f"{q.test} has no content area {q.area!r} (its areas: {have})"))
                continue
        good.append(q)
    return replace(result, imported=tuple(good), skipped=tuple(skipped))


def _row(r: Any) -> StoredQuestion:
    choices = json.loads(r.choices)
    return StoredQuestion(r.id, r.test, r.area, r.topic, r.style, int(r.difficulty), r.stem,
                          (choices[0], choices[1], choices[2], choices[3]), r.answer, r.explanation,
                          tuple(json.loads(r.tags)), r.source, r.imported_at, _exhibit(r.exhibit), r.title or "",
                          _emphasis(r.emphasis, r.stem, r.explanation))


def _emphasis(raw: str | None, stem: str, explanation: str) -> tuple[tuple[str, tuple[Span, ...]], ...]:
    """The stored bold and italic, each span checked against its text (a bad one is left out)."""
    if not raw:
        return ()
    try:
        found = spans_from_json(json.loads(raw), {"stem": stem, "explanation": explanation})
    except ValueError:
        return ()
    return tuple(found.items())


def _exhibit(raw: str | None) -> Exhibit | None:
    if not raw:
        return None
    try:
        return exhibit_from_json(json.loads(raw))
    except ValueError:
        return None


class ImportedQuestions:
    """Store, list, map and remove the instructor's questions. Each change is one transaction."""

    def __init__(self, db: Database, blueprints: Blueprints, *, backups: Any = None,
                 now: Callable[[], datetime] | None = None) -> None:
        self.db = db
        self.blueprints = blueprints
        self.backups = backups  # study.storage.backup.Backups or None: a copy is taken before each import
        self.now = now or (lambda: datetime.now().replace(microsecond=0))

    def all(self) -> list[StoredQuestion]:
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(IMPORTED).order_by(IMPORTED.c.test, IMPORTED.c.area, IMPORTED.c.imported_at,
                                                          IMPORTED.c.id)).all()
        return [_row(r) for r in rows]

    def questions(self) -> list[Question]:
        """The mapped questions, ready to mix with the bank."""
        return [s.as_question() for s in self.all() if s.mapped]

    def store(self, result: ImportResult) -> StoreOutcome:
        from study.classroom.importers import SkippedItem
        """Store what a parse found (after `check_mapping`); all or nothing, one transaction."""
        checked = check_mapping(result, self.blueprints)
        fresh: dict[str, ImportedQuestion] = {}
        already: list[SkippedItem] = []
        for q in checked.imported:
            qid = imported_id(q.stem, q.choices, q.answer, q.exhibit)
            if qid in fresh:
                already.append(SkippedItem(q.source, f"the same question as {fresh[qid].source}; imported once"))
            else:
                fresh[qid] = q
        with self.db.engine.connect() as conn:
            known = {r[0] for r in conn.execute(select(IMPORTED.c.id).where(IMPORTED.c.id.in_(list(fresh))))}
        for qid in sorted(known):
            already.append(SkippedItem(fresh.pop(qid).source, "already in your questions; kept once"))
        if fresh:
            self._backup()
            now = self.now()
            rows = [dict(id=qid, test=q.test or "", area=q.area or "",
                         topic=(q.topic or (q.tags[0] if q.tags else DEFAULT_TOPIC))[:200], style=q.style,
                         difficulty=q.difficulty, stem=q.stem, choices=json.dumps(list(q.choices), ensure_ascii=False),
                         answer=q.answer, explanation=q.explanation, tags=json.dumps(list(q.tags), ensure_ascii=False),
                         source=q.source, imported_at=now, title=(q.title or "")[:255],
                         exhibit=json.dumps(exhibit_json(q.exhibit), ensure_ascii=False) if q.exhibit else None,
                         emphasis=json.dumps(spans_json(dict(q.emphasis))) if q.emphasis else None)
                    for qid, q in fresh.items()]
            with self.db.engine.begin() as conn:
                conn.execute(insert(IMPORTED), rows)
        return StoreOutcome(tuple(fresh), tuple(already), checked.skipped)

    def _backup(self) -> None:
        from study.storage.backup import copy_before_import

        problem = copy_before_import(self.backups)
        if problem is not None:
            raise ImportFailed(problem)

    def map(self, ids: Iterable[str], test: str, area: str) -> int:
        """Map questions to a test and content area; returns how many changed."""
        if test not in self.blueprints:
            raise ValueError(f"unknown test {test!r}")
        if area not in self.blueprints.get(test).area_letters:
            raise ValueError(f"{test} has no content area {area!r}")
        with self.db.engine.begin() as conn:
            res = conn.execute(update(IMPORTED).where(IMPORTED.c.id.in_(list(ids))).values(test=test, area=area))
            return int(res.rowcount or 0)

    def remove(self, ids: Iterable[str]) -> int:
        with self.db.engine.begin() as conn:
            res = conn.execute(delete(IMPORTED).where(IMPORTED.c.id.in_(list(ids))))
            return int(res.rowcount or 0)


def stored_questions(db: Database, bank: QuestionBank, blueprints: Blueprints) -> list[Question]:
    """The instructor's mapped imports, to mix into the bundled bank at start: each joins the test
    and area it was mapped to, and only those."""
    return ImportedQuestions(db, blueprints).questions()


def stored_set_questions(db: Database, bank: QuestionBank, blueprints: Blueprints) -> list[Question]:
    """The questions of the sets opened here that the bank lacks, so an exam taken from a set resumes
    and reviews after a restart. They are known by id only: no other exam draws them."""
    from study.classroom.sets import PracticeSetService, local_questions

    out: list[Question] = []
    for ps in PracticeSetService(db, blueprints).all():
        out.extend(q for q in local_questions(ps, bank) if bank.find(q.id) is None)
    return out
