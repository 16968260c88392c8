"""The exam engine: assemble a practice exam from the bank, and score it (questions.exam_run runs it).

Pure Python with an injected clock and seed, so timing, auto-submit and resume arithmetic are
tested without Qt and without sleeping.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from questions.blueprints import TestBlueprint
from questions.fresh import pick, weighted_sample
from questions.model import Question

# One-time warnings, in seconds left, as a test-centre driver gives them.
WARNINGS = (15 * 60, 5 * 60, 60)
QUICK_SECONDS_PER_QUESTION = 90


class ExamMode(StrEnum):
    FULL = "full"
    HALF = "half"
    QUICK10 = "quick10"
    DRILL = "drill"
    MISSED = "missed"
    SET = "set"
    SET_STUDY = "set_study"  # a practice set its instructor gave study-mode feedback (kept across a resume)

    @property
    def label(self) -> str:
        return MODE_LABELS[self]

    @property
    def gives_feedback(self) -> bool:
        """Study modes show the key and explanation after each answer; exam modes wait to the end."""
        return self in (ExamMode.QUICK10, ExamMode.DRILL, ExamMode.MISSED, ExamMode.SET_STUDY)


MODE_LABELS = {
    ExamMode.FULL: "Full-length simulation",
    ExamMode.HALF: "Half-length practice test",
    ExamMode.QUICK10: "Quick 10",
    ExamMode.DRILL: "Category drill",
    ExamMode.MISSED: "Missed questions",
    ExamMode.SET: "Practice set",
    ExamMode.SET_STUDY: "Practice set",
}


@dataclass(frozen=True)
class ExamItem:
    question_id: str
    area: str
    scored: bool = True


@dataclass(frozen=True)
class ExamForm:
    """What an exam is made of: the question order, which items count, and the time allowed."""

    test: str
    mode: ExamMode
    items: tuple[ExamItem, ...]
    time_limit_seconds: int | None
    seed: int

    @property
    def scored_count(self) -> int:
        return sum(1 for i in self.items if i.scored)


@dataclass(frozen=True)
class ModePlan:
    """How many scored and unscored questions a mode draws, and its time limit."""

    scored_by_area: dict[str, int]
    unscored: int
    time_limit_seconds: int | None

    @property
    def scored(self) -> int:
        return sum(self.scored_by_area.values())


class NotEnoughQuestions(Exception):
    """The bank cannot supply the mode: the message says what is missing, for the Practice page."""


def apportion(total: int, weights: Mapping[str, int | float]) -> dict[str, int]:
    """Split `total` questions across areas in proportion to their weights (largest remainder)."""
    wsum = sum(weights.values())
    if total <= 0 or wsum <= 0:
        return {k: 0 for k in weights}
    raw = {k: total * w / wsum for k, w in weights.items()}
    out = {k: math.floor(v) for k, v in raw.items()}
    left = total - sum(out.values())
    for k in sorted(raw, key=lambda k: (-(raw[k] - out[k]), -weights[k], k))[:left]:
        out[k] += 1
    return out


def mode_plan(blueprint: TestBlueprint, mode: ExamMode, *, timed_quick: bool = False,
              drill_size: int = 15) -> ModePlan:
    """The real test's shape for a mode; raises NotEnoughQuestions if the blueprint lacks figures."""
    if not blueprint.areas:
        raise NotEnoughQuestions(f"{blueprint.code}: content areas are not known")
    weights = {a.letter: a.scored_questions for a in blueprint.areas}
    unscored = blueprint.unscored_questions or 0
    if mode is ExamMode.FULL:
        if not blueprint.time_minutes:
            raise NotEnoughQuestions(f"{blueprint.code}: the real time limit is not known")
        return ModePlan(dict(weights), unscored, blueprint.time_minutes * 60)
    if mode is ExamMode.HALF:
        if not blueprint.time_minutes:
            raise NotEnoughQuestions(f"{blueprint.code}: the real time limit is not known")
        total = math.ceil((blueprint.scored_questions or sum(weights.values())) / 2)
        return ModePlan(apportion(total, weights), unscored // 2, blueprint.time_minutes * 30)
    if mode is ExamMode.QUICK10:
        return ModePlan(apportion(10, weights), 0, 10 * QUICK_SECONDS_PER_QUESTION if timed_quick else None)
    raise ValueError(f"mode {mode} is not drawn from the blueprint")


def build_exam(blueprint: TestBlueprint, questions: Iterable[Question], mode: ExamMode, seed: int, *,
               timed_quick: bool = False, weights: Mapping[str, float] | None = None,
               time_factor: float = 1.0, seen: Mapping[str, float] | None = None) -> ExamForm:
    """Draw an exam in the blueprint's proportions per content area, unscored items mixed in;
    with `seen` (question id -> when last shown), unseen questions first (questions.fresh).

    Unscored (research) items are added only when the bank has spare questions, as ASE mixes
    unidentified pretest items into the real test; they never count in the score.
    """
    plan = mode_plan(blueprint, mode, timed_quick=timed_quick)
    rng = random.Random(seed)
    pool = sorted((q for q in questions if blueprint.holds(q)), key=lambda q: q.id)
    by_area: dict[str, list[Question]] = {}
    for q in pool:
        by_area.setdefault(q.area, []).append(q)
    short = [
        f"area {a} has {len(by_area.get(a, []))} of {n} needed"
        for a, n in plan.scored_by_area.items()
        if len(by_area.get(a, [])) < n
    ]
    if short:
        raise NotEnoughQuestions(f"{blueprint.code} {mode.label}: not enough questions ({'; '.join(short)})")
    chosen: list[ExamItem] = []
    used: set[str] = set()
    for area, n in plan.scored_by_area.items():
        for q in pick(rng, by_area.get(area, []), n, weights, seen):
            chosen.append(ExamItem(q.id, q.area, True))
            used.add(q.id)
    spare = [q for q in pool if q.id not in used]
    for q in pick(rng, spare, min(plan.unscored, len(spare)), None, seen):
        chosen.append(ExamItem(q.id, q.area, False))
    rng.shuffle(chosen)
    limit = plan.time_limit_seconds
    if limit is not None:
        limit = int(round(limit * time_factor))
    return ExamForm(blueprint.code, mode, tuple(chosen), limit, seed)


def build_custom(test: str, mode: ExamMode, question_ids: Sequence[str], areas: Mapping[str, str], seed: int,
                 time_limit_seconds: int | None, *, shuffle: bool = True) -> ExamForm:
    """An exam from a given list of questions (drills, missed-question review, practice sets)."""
    ids = list(question_ids)
    if shuffle:
        random.Random(seed).shuffle(ids)
    return ExamForm(test, mode, tuple(ExamItem(q, areas[q], True) for q in ids), time_limit_seconds, seed)


def drill_form(blueprint: TestBlueprint, questions: Iterable[Question], area: str, seed: int, *,
               size: int = 15, weights: Mapping[str, float] | None = None,
               seconds_per_question: float | None = None) -> ExamForm:
    """A category drill: `size` (10-20) questions from one content area, weighted by `weights`."""
    pool = sorted((q for q in questions if q.area == area and blueprint.holds(q)), key=lambda q: q.id)
    if len(pool) < 5:
        raise NotEnoughQuestions(f"{blueprint.code} area {area}: only {len(pool)} questions")
    n = max(1, min(size, len(pool)))
    rng = random.Random(seed)
    picked = weighted_sample(rng, pool, n, weights)
    limit = int(round(n * seconds_per_question)) if seconds_per_question else None
    return ExamForm(blueprint.code, ExamMode.DRILL, tuple(ExamItem(q.id, q.area) for q in picked), limit, seed)


# ----------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class AreaScore:
    area: str
    title: str
    answered: int
    correct: int
    total: int  # scored questions of this area in this exam
    real_test_share: float  # share of the real test's scored questions

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0


@dataclass(frozen=True)
class ExamScore:
    areas: tuple[AreaScore, ...]
    correct: int
    total: int
    unscored_items: int

    @property
    def percent(self) -> float:
        return 100.0 * self.correct / self.total if self.total else 0.0


def score_exam(blueprint: TestBlueprint | None, items: Sequence[ExamItem], choices: Sequence[str | None],
               correct: Sequence[bool]) -> ExamScore:
    """Percent correct per content area (the ASE score report's form); unscored items excluded.

    `correct` is what was recorded when each answer was given, so a later fix to a question's
    key never rewrites a past result.
    """
    per: dict[str, list[int]] = {}
    unscored = 0
    for item, choice, ok in zip(items, choices, correct, strict=True):
        if not item.scored:
            unscored += 1
            continue
        row = per.setdefault(item.area, [0, 0, 0])
        row[2] += 1
        if choice is not None:
            row[0] += 1
            if ok:
                row[1] += 1
    has_areas = blueprint is not None and bool(blueprint.areas)
    total_real = sum(a.scored_questions for a in blueprint.areas) if blueprint is not None else 0
    order = list(blueprint.area_letters) if blueprint is not None else []
    areas = []
    for letter in order + sorted(set(per) - set(order)):
        answered, right, total = per.get(letter, [0, 0, 0])
        title, share = letter, 0.0
        if has_areas and blueprint is not None and letter in blueprint.area_letters:
            a = blueprint.area(letter)
            title, share = a.title, (a.scored_questions / total_real if total_real else 0.0)
        if total or share:
            areas.append(AreaScore(letter, title, answered, right, total, share))
    return ExamScore(tuple(areas), sum(a.correct for a in areas), sum(a.total for a in areas), unscored)


def unavailable_reason(blueprint: TestBlueprint, counts_by_area: Mapping[str, int], mode: ExamMode) -> str | None:
    """Why a mode cannot be taken for this test with the bank as it is, or None if it can."""
    if not blueprint.areas:
        return "content areas not known (no published breakdown found)"
    if not counts_by_area:
        return "no questions in the bank yet"
    try:
        plan = mode_plan(blueprint, mode)
    except NotEnoughQuestions as e:
        return str(e).split(": ", 1)[-1]
    short = [f"area {a}: {counts_by_area.get(a, 0)} of {n}" for a, n in plan.scored_by_area.items()
             if counts_by_area.get(a, 0) < n]
    if short:
        return "not enough questions yet (" + ", ".join(short) + ")"
    return None
