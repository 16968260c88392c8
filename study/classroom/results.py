"""The class: result files imported once each (one transaction after a backup, a refused file
changing nothing), and the class report built from what is stored (study.classroom.report has the
statistics, study.classroom.spreadsheets writes them out)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from questions.blueprints import Blueprints
from study.analytics.standings import AnalyticsSettings
from study.classroom.lms.textfile import FileRejected
from study.classroom.report import Attempt, ClassReport, build_report, student_key
from study.classroom.sets import (
    RESULT_SUFFIX,
    PracticeSet,
    PracticeSetService,
    ResultAnswer,
    SetFileError,
    check_result_for_set,
    load_result,
)
from study.storage.database import Database
from study.storage.records import PRACTICE_SET, RESULT, STUDENT

MAX_FILES = 2000


# ----------------------------------------------------------------------------- importing result files


@dataclass(frozen=True)
class FileOutcome:
    file: str
    status: str  # "added" | "duplicate" | "skipped" (not a result file) | "rejected"
    message: str
    student: str = ""
    set_title: str = ""


@dataclass(frozen=True)
class ResultImport:
    outcomes: tuple[FileOutcome, ...]

    def _with(self, status: str) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def added(self) -> list[FileOutcome]:
        return self._with("added")

    @property
    def duplicates(self) -> list[FileOutcome]:
        return self._with("duplicate")

    @property
    def rejected(self) -> list[FileOutcome]:
        return self._with("rejected")

    @property
    def skipped(self) -> list[FileOutcome]:
        """Files in a folder that are not result files (a note, a PDF): left alone and named."""
        return self._with("skipped")

    @property
    def summary(self) -> str:
        """Imported, skipped and rejected, every count said (0 included)."""
        n, dup, other = len(self.added), len(self.duplicates), len(self.skipped)
        why = [w for w in (f"{dup} already imported, counted once" if dup else "",
                           f"{other} not a result file" if other == 1 else f"{other} not result files" if other else "")
               if w]
        skipped = f"{dup + other} skipped" + (f" ({'; '.join(why)})" if why else "")
        return f"{n} result{'s' if n != 1 else ''} imported, {skipped}, {len(self.rejected)} rejected."


def other_files(paths: Iterable[Path]) -> list[Path]:
    """The files in a folder given that are not result files (skipped, and said so)."""
    return [x for p in paths if p.is_dir() for x in sorted(p.rglob("*"))
            if x.is_file() and x.suffix.lower() != RESULT_SUFFIX and not x.name.startswith(".")][:MAX_FILES]


def result_files(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every .aseresult file in a folder given (its subfolders too)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(x for x in p.rglob(f"*{RESULT_SUFFIX}") if x.is_file()))
        else:
            out.append(p)
        if len(out) > MAX_FILES:
            raise FileRejected(f"{p.name}: more than {MAX_FILES} result files at once; import a smaller folder.")
    return out


# ----------------------------------------------------------------------------- the service


class ClassroomService:
    """Result files in, class report out. Each import is one transaction after a backup."""

    def __init__(self, db: Database, blueprints: Blueprints, *, settings: AnalyticsSettings | None = None,
                 backups: Any = None, now: Callable[[], datetime] | None = None) -> None:
        self.db = db
        self.blueprints = blueprints
        self.settings = settings or AnalyticsSettings()
        self.backups = backups
        self.now = now or (lambda: datetime.now().replace(microsecond=0))
        self.sets = PracticeSetService(db, blueprints, now=self.now)

    def import_results(self, paths: Iterable[Path], *, set_hash: str | None = None) -> ResultImport:
        """Check every file, then store the good ones together; a refused file changes nothing."""
        paths = list(paths)
        try:
            files = result_files(paths)
        except FileRejected as e:
            return ResultImport((FileOutcome("", "rejected", str(e)),))
        outcomes: list[FileOutcome] = [FileOutcome(x.name, "skipped", f"{x.name}: not an ASE Prep result file "
                                                   f"(a result file ends in {RESULT_SUFFIX}); left alone.")
                                       for x in other_files(paths)]
        pending: list[tuple[Path, Any, PracticeSet]] = []
        seen: set[tuple[str, str, str]] = set()
        with self.db.engine.connect() as conn:
            stored = {(r.set_hash, r.name_key, r.result_hash) for r in conn.execute(
                select(RESULT.c.set_hash, RESULT.c.result_hash, STUDENT.c.name_key)
                .join(STUDENT, STUDENT.c.id == RESULT.c.student_id))}
        sets: dict[str, PracticeSet | None] = {}
        for path in files:
            try:
                result = load_result(path)
                if result.set_hash not in sets:
                    sets[result.set_hash] = self.sets.get(result.set_hash)
                ps = sets[result.set_hash]
                if ps is None:
                    raise SetFileError(f"{path.name}: is a result for a set this app does not have "
                                       f"({result.set_title or 'untitled'}, {result.set_hash[:10]}). "
                                       "Import results on the computer where the set was built, or open the set here first.")
                if set_hash is not None and ps.hash != set_hash:
                    chosen = sets.get(set_hash) or self.sets.get(set_hash)
                    if chosen is not None:
                        check_result_for_set(result, chosen, path.name)
                    raise SetFileError(f"{path.name}: is a result for another set ({ps.title}).")
                check_result_for_set(result, ps, path.name)
            except FileRejected as e:
                outcomes.append(FileOutcome(path.name, "rejected", str(e)))
                continue
            k = (ps.hash, student_key(result.student), result.hash)
            if k in stored or k in seen:
                outcomes.append(FileOutcome(path.name, "duplicate",
                                            f"{path.name}: {result.student}'s result for {ps.title} is already "
                                            "imported; it counts once.", result.student, ps.title))
                continue
            seen.add(k)
            pending.append((path, result, ps))
            outcomes.append(FileOutcome(path.name, "added", f"{path.name}: {result.student}, {ps.title}",
                                        result.student, ps.title))
        if pending:
            self._backup()
            self._store(pending)
            from study.classroom.roster import RosterService  # each new result to the roster student it names
            RosterService(self.db, self.blueprints).match_results()
        return ResultImport(tuple(outcomes))

    def _backup(self) -> None:
        from study.storage.backup import copy_before_import

        problem = copy_before_import(self.backups)
        if problem is not None:
            raise FileRejected(problem)

    def _store(self, pending: list[tuple[Path, Any, PracticeSet]]) -> None:
        now = self.now()
        with self.db.engine.begin() as conn:
            ids = {r.name_key: r.id for r in conn.execute(select(STUDENT.c.id, STUDENT.c.name_key))}
            for path, result, ps in pending:
                key = student_key(result.student)
                if key not in ids:
                    res = conn.execute(insert(STUDENT).values(name=result.student, name_key=key))
                    ids[key] = int(res.inserted_primary_key[0])  # type: ignore[index]
                right, total = result.score(ps)
                conn.execute(insert(RESULT).values(
                    set_hash=ps.hash, student_id=ids[key], result_hash=result.hash, file_name=path.name[:300],
                    started_at=_when(result.started), finished_at=_when(result.finished),
                    time_used_seconds=result.time_used_seconds, correct=right, total=total,
                    answers=json.dumps([{"question_id": a.question_id, "choice": a.choice, "seconds": a.seconds,
                                         "flagged": a.flagged} for a in result.answers]),
                    imported_at=now))

    def attempts(self) -> list[Attempt]:
        q = (select(RESULT, STUDENT.c.name).join(STUDENT, STUDENT.c.id == RESULT.c.student_id)
             .order_by(RESULT.c.id))
        with self.db.engine.connect() as conn:
            rows = conn.execute(q).all()
        return [Attempt(r.name, r.set_hash, tuple(ResultAnswer(a["question_id"], a["choice"], float(a["seconds"]),
                                                               bool(a["flagged"])) for a in json.loads(r.answers)),
                        int(r.correct), int(r.total), float(r.time_used_seconds), r.finished_at, r.imported_at,
                        r.file_name) for r in rows]

    def tests_with_results(self) -> list[str]:
        with self.db.engine.connect() as conn:
            return sorted({r[0] for r in conn.execute(
                select(PRACTICE_SET.c.test).join(RESULT, RESULT.c.set_hash == PRACTICE_SET.c.hash))})

    def report(self, test: str, set_hash: str | None = None) -> ClassReport:
        sets = [s for s in self.sets.all() if s.test == test and (set_hash is None or s.hash == set_hash)]
        return build_report(test, sets, self.attempts(), self.blueprints, self.settings)


def _when(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
