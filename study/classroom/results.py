"""The class: result files imported once each, and what they show an instructor.

- Heat map: each student's percent correct per content area (unanswered counts as wrong, as in
  a score).
- Weak categories: the class's answers per area through `standing_from_counts`, the same
  ranking by points at stake a single learner gets (no recency weighting: a set is one sitting).
- Item analysis as Moodle's quiz statistics report gives it, from each student's first attempt
  at a set (Moodle's default, since later attempts break the method's assumptions):
  facility index = percent of students who got the question right; discrimination index =
  Moodle's correlation-based index, 100 x the Pearson correlation between the question's score
  (0/1) and the score on the rest of the set (total minus this question), so a question does not
  correlate with itself. Moodle's bands: 50+ very good, 30-50 adequate, 20-29 weak, 0-19 very
  weak, negative: probably invalid (often a wrong key). Plus how often each choice was picked.
- Gradebook: one row per student and set, with the first and the best score (Moodle's default
  grade is the highest attempt) and whether the last attempt came after the due date.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert, select

from questions.blueprints import Blueprints
from study.analytics.standings import AnalyticsSettings, AreaCounts, TestStanding, standing_from_counts
from study.classroom.lms.textfile import FileRejected
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
from study.storage.files import write_text, write_with
from study.storage.records import ClassResult, ClassStudent, PracticeSetRecord

STUDENT: Table = ClassStudent.__table__  # type: ignore[assignment]
RESULT: Table = ClassResult.__table__  # type: ignore[assignment]
PRACTICE_SET: Table = PracticeSetRecord.__table__  # type: ignore[assignment]
MAX_FILES = 2000


def student_key(name: str) -> str:
    return " ".join(name.casefold().split())


# ----------------------------------------------------------------------------- importing result files


@dataclass(frozen=True)
class FileOutcome:
    file: str
    status: str  # "added" | "duplicate" | "rejected"
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
    def summary(self) -> str:
        n = len(self.added)
        parts = [f"{n} result{'s' if n != 1 else ''} imported"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already imported (counted once)")
        if self.rejected:
            parts.append(f"{len(self.rejected)} refused")
        return ", ".join(parts) + "."


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


# ----------------------------------------------------------------------------- the pure statistics


@dataclass(frozen=True)
class Attempt:
    student: str
    set_hash: str
    answers: tuple[ResultAnswer, ...]
    correct: int
    total: int
    time_used_seconds: float
    finished: datetime | None
    imported_at: datetime
    file_name: str = ""

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0


def first_attempts(attempts: Iterable[Attempt]) -> list[Attempt]:
    """Each student's first attempt at each set (by finish time, then import order)."""
    best: dict[tuple[str, str], Attempt] = {}
    for a in attempts:
        k = (student_key(a.student), a.set_hash)
        cur = best.get(k)
        if cur is None or (a.finished or datetime.max, a.imported_at) < (cur.finished or datetime.max, cur.imported_at):
            best[k] = a
    return sorted(best.values(), key=lambda a: (student_key(a.student), a.set_hash))


@dataclass(frozen=True)
class ItemStats:
    set_title: str
    position: int  # 1-based, in the set's order
    question_id: str
    area: str
    topic: str
    stem: str
    answer: str
    attempts: int
    facility: float | None  # percent right
    discrimination: float | None  # 100 x item-rest correlation; None when undefined
    choice_counts: tuple[int, int, int, int, int]  # A, B, C, D, unanswered

    @property
    def discrimination_band(self) -> str:
        d = self.discrimination
        if d is None:
            return "not enough spread to tell"
        if d < 0:
            return "negative: probably invalid (check the key)"
        if d < 20:
            return "very weak"
        if d < 30:
            return "weak"
        if d < 50:
            return "adequate"
        return "very good"

    @property
    def flagged(self) -> bool:
        """Low (under 20) or negative discrimination: a question to look at again."""
        return self.discrimination is not None and self.discrimination < 20

    def as_json(self) -> dict[str, object]:
        return {"set": self.set_title, "position": self.position, "question_id": self.question_id, "area": self.area,
                "topic": self.topic, "answer": self.answer, "attempts": self.attempts,
                "facility_index": None if self.facility is None else round(self.facility, 1),
                "discrimination_index": None if self.discrimination is None else round(self.discrimination, 1),
                "discrimination": self.discrimination_band, "flagged": self.flagged,
                "choices": dict(zip(("A", "B", "C", "D", "unanswered"), self.choice_counts, strict=True))}


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def item_analysis(ps: PracticeSet, attempts: Iterable[Attempt]) -> list[ItemStats]:
    """Moodle's facility and discrimination indices and the choice counts for one set."""
    mine = [a for a in first_attempts(attempts) if a.set_hash == ps.hash]
    key = [q.answer for q in ps.questions]
    scores: list[list[float]] = []  # per attempt: 0/1 per question, in set order
    choices: list[list[str | None]] = []
    for a in mine:
        by_id = {x.question_id: x.choice for x in a.answers}
        picked = [by_id.get(q.id) for q in ps.questions]
        choices.append(picked)
        scores.append([1.0 if c is not None and c == k else 0.0 for c, k in zip(picked, key, strict=True)])
    totals = [sum(s) for s in scores]
    out = []
    for i, q in enumerate(ps.questions):
        item = [s[i] for s in scores]
        rest = [t - x for t, x in zip(totals, item, strict=True)]
        r = _correlation(item, rest)
        counts = [0, 0, 0, 0, 0]
        for c in (row[i] for row in choices):
            counts["ABCD".index(c) if c in ("A", "B", "C", "D") else 4] += 1
        out.append(ItemStats(ps.title, i + 1, q.id, q.area, q.topic, q.stem, q.answer, len(mine),
                             100.0 * sum(item) / len(item) if item else None, None if r is None else 100.0 * r,
                             (counts[0], counts[1], counts[2], counts[3], counts[4])))
    return out


def area_cells(sets: Sequence[PracticeSet], attempts: Iterable[Attempt]) -> dict[str, dict[str, tuple[int, int]]]:
    """student -> area -> (right, questions) over the students' first attempts at these sets."""
    by_hash = {ps.hash: ps for ps in sets}
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for a in first_attempts(attempts):
        ps = by_hash.get(a.set_hash)
        if ps is None:
            continue
        picked = {x.question_id: x.choice for x in a.answers}
        row = out.setdefault(a.student, {})
        for q in ps.questions:
            right, n = row.get(q.area, (0, 0))
            row[q.area] = (right + (1 if picked.get(q.id) == q.answer else 0), n + 1)
    return out


def class_counts(cells: dict[str, dict[str, tuple[int, int]]]) -> dict[str, AreaCounts]:
    """The whole class's answers per area, each counted at full weight (a set is one sitting)."""
    total: dict[str, list[int]] = {}
    for row in cells.values():
        for area, (right, n) in row.items():
            t = total.setdefault(area, [0, 0])
            t[0] += right
            t[1] += n
    return {area: AreaCounts(n, right, float(n), float(right)) for area, (right, n) in total.items()}


@dataclass(frozen=True)
class GradebookRow:
    student: str
    set_title: str
    test: str
    set_hash: str
    due: str
    attempts: int
    first_percent: float
    best_percent: float
    best_correct: int
    total: int
    last_finished: str
    late: bool

    def as_json(self) -> dict[str, object]:
        return {"student": self.student, "set": self.set_title, "test": self.test, "set_hash": self.set_hash,
                "due": self.due, "attempts": self.attempts, "first_percent": round(self.first_percent, 1),
                "best_percent": round(self.best_percent, 1), "best_correct": self.best_correct, "questions": self.total,
                "last_finished": self.last_finished, "late": self.late}


def gradebook_rows(sets: Sequence[PracticeSet], attempts: Iterable[Attempt]) -> list[GradebookRow]:
    by_hash = {ps.hash: ps for ps in sets}
    groups: dict[tuple[str, str], list[Attempt]] = {}
    for a in attempts:
        if a.set_hash in by_hash:
            groups.setdefault((student_key(a.student), a.set_hash), []).append(a)
    rows = []
    for (_, h), group in groups.items():
        ps = by_hash[h]
        first = first_attempts(group)[0]
        best = max(group, key=lambda a: (a.percent, a.correct))
        finished = [a.finished for a in group if a.finished is not None]
        last = max(finished) if finished else None
        late = bool(ps.due and last and last.date() > ps.due)
        rows.append(GradebookRow(first.student, ps.title, ps.test, ps.short_hash, ps.due.isoformat() if ps.due else "",
                                 len(group), first.percent, best.percent, best.correct, best.total,
                                 f"{last:%Y-%m-%d %H:%M}" if last else "", late))
    rows.sort(key=lambda r: (student_key(r.student), r.set_title))
    return rows


# ----------------------------------------------------------------------------- the class report


@dataclass(frozen=True)
class ClassReport:
    test: str
    sets: tuple[PracticeSet, ...]
    students: tuple[str, ...]
    areas: tuple[str, ...]
    area_titles: tuple[str, ...]
    heat: tuple[tuple[float | None, ...], ...]  # students x areas, percent right (None: no questions there)
    heat_counts: tuple[tuple[tuple[int, int], ...], ...]
    standing: TestStanding | None
    items: tuple[ItemStats, ...]
    gradebook: tuple[GradebookRow, ...]

    @property
    def empty(self) -> bool:
        return not self.students

    def as_json(self) -> dict[str, object]:
        return {
            "test": self.test, "sets": [{"title": s.title, "hash": s.hash} for s in self.sets],
            "students": list(self.students), "areas": list(self.areas),
            "heat_map": {st: {a: (None if v is None else round(v, 1)) for a, v in zip(self.areas, row, strict=True)}
                         for st, row in zip(self.students, self.heat, strict=True)},
            "weak_categories": [a.as_json() for a in self.standing.areas] if self.standing else [],
            "items": [i.as_json() for i in self.items],
            "gradebook": [g.as_json() for g in self.gradebook],
        }


def build_report(test: str, sets: Sequence[PracticeSet], attempts: Sequence[Attempt], blueprints: Blueprints,
                 settings: AnalyticsSettings) -> ClassReport:
    sets = [s for s in sets if s.test == test]
    hashes = {s.hash for s in sets}
    attempts = [a for a in attempts if a.set_hash in hashes]
    cells = area_cells(sets, attempts)
    bp = blueprints.get(test) if test in blueprints else None
    order = list(bp.area_letters) if bp is not None else []
    used = sorted({a for row in cells.values() for a in row} - set(order))
    areas = [a for a in order if any(a in row for row in cells.values())] + used
    titles = [bp.area(a).title if bp is not None and a in bp.area_letters else a for a in areas]
    students = sorted(cells, key=student_key)
    heat, counts = [], []
    for st in students:
        row = cells[st]
        heat.append(tuple(100.0 * row[a][0] / row[a][1] if a in row and row[a][1] else None for a in areas))
        counts.append(tuple(row.get(a, (0, 0)) for a in areas))
    standing = standing_from_counts(bp, class_counts(cells), settings) if bp is not None and bp.areas else None
    items = [it for ps in sets for it in item_analysis(ps, attempts)]
    return ClassReport(test, tuple(sets), tuple(students), tuple(areas), tuple(titles), tuple(heat), tuple(counts),
                       standing, tuple(items), tuple(gradebook_rows(sets, attempts)))


# ----------------------------------------------------------------------------- exports


def _cell(v: object) -> object:
    """Neutralise spreadsheet formulas in text from files (CSV injection): '=1+1' stays text."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


GRADEBOOK_COLUMNS = ("Student", "Set", "Test", "Set hash", "Due", "Attempts", "First attempt %", "Best %",
                     "Best right", "Questions", "Last finished", "Late")
ITEM_COLUMNS = ("Set", "Question", "Id", "Area", "Topic", "Key", "Attempts", "Facility index %",
                "Discrimination index", "Discrimination", "Chose A", "Chose B", "Chose C", "Chose D", "Unanswered")


def gradebook_table(rows: Sequence[GradebookRow]) -> list[list[object]]:
    return [[r.student, r.set_title, r.test, r.set_hash, r.due, r.attempts, round(r.first_percent, 1),
             round(r.best_percent, 1), r.best_correct, r.total, r.last_finished, "late" if r.late else ""] for r in rows]


def item_table(items: Sequence[ItemStats]) -> list[list[object]]:
    return [[i.set_title, i.position, i.question_id, i.area, i.topic, i.answer, i.attempts,
             None if i.facility is None else round(i.facility, 1),
             None if i.discrimination is None else round(i.discrimination, 1), i.discrimination_band,
             *i.choice_counts] for i in items]


def export_table(path: Path, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    """A table to .csv (UTF-8 with BOM, which Excel reads) or .xlsx (openpyxl)."""
    return export_sheets(path, {"Sheet1": (columns, rows)})


# what an .xlsx cell cannot hold: the C0 control characters other than tab, newline and return
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_text(v: object) -> object:
    return _NOT_IN_XLSX.sub("\ufffd", v) if isinstance(v, str) else v


def export_sheets(path: Path, sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[object]]]]) -> Path:
    """CSV takes the first sheet; XLSX gets every sheet. The file is written beside its place and
    renamed into it once whole, so a failure leaves any earlier file as it was."""
    safe = {name: (cols, [[_cell(v) for v in row] for row in rows]) for name, (cols, rows) in sheets.items()}
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for name, (cols, rows) in safe.items():
            sheet = book.create_sheet(_NOT_IN_XLSX.sub("", name)[:31] or "Sheet")
            sheet.append([_xlsx_text(c) for c in cols])
            for row in rows:
                sheet.append([_xlsx_text(v) for v in row])
        return write_with(path, lambda tmp: book.save(str(tmp)))
    cols, rows = next(iter(safe.values()))
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow(cols)
    w.writerows([[v.replace("\x00", "") if isinstance(v, str) else v for v in row] for row in rows])
    return write_text(path, out.getvalue(), encoding="utf-8-sig", newline="")


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
        try:
            files = result_files(paths)
        except FileRejected as e:
            return ResultImport((FileOutcome("", "rejected", str(e)),))
        outcomes: list[FileOutcome] = []
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

    def export_gradebook(self, path: Path, report: ClassReport) -> Path:
        sheets: dict[str, tuple[Sequence[str], Sequence[Sequence[object]]]] = {
            "Gradebook": (GRADEBOOK_COLUMNS, gradebook_table(report.gradebook))}
        if path.suffix.lower() == ".xlsx":
            sheets["By area"] = (("Student", *[f"{a} {t}" for a, t in zip(report.areas, report.area_titles,
                                                                          strict=True)]),
                                 [[st, *[None if v is None else round(v, 1) for v in row]]
                                  for st, row in zip(report.students, report.heat, strict=True)])
            sheets["Item analysis"] = (ITEM_COLUMNS, item_table(report.items))
        return export_sheets(path, sheets)


def _when(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None
