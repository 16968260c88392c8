"""The class's statistics from its attempts at practice sets, pure (no storage): what the
instructor's Class tab and the live class show.

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

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from questions.blueprints import Blueprints
from study.analytics.standings import AnalyticsSettings, AreaCounts, TestStanding, standing_from_counts
from study.classroom.sets import PracticeSet, ResultAnswer


def student_key(name: str) -> str:
    return " ".join(name.casefold().split())


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
