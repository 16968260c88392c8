"""The exam engine: assemble a practice exam from the bank and run its clock and answers.

Pure Python with an injected clock and seed, so timing, auto-submit and resume arithmetic are
tested without Qt and without sleeping.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from questions.blueprints import TestBlueprint
from questions.fresh import pick, weighted_sample
from questions.model import LETTERS, Question

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


# ----------------------------------------------------------------------------- running an exam


@dataclass
class ItemState:
    choice: str | None = None
    flagged: bool = False
    crossed_out: frozenset[str] = frozenset()
    seconds: float = 0.0


@dataclass
class ClockEvent:
    warnings: list[int] = field(default_factory=list)  # seconds-left thresholds just crossed
    expired: bool = False


class ExamRun:
    """The state of one sitting: position, answers, flags, cross-outs and the exam clock.

    Time counts only while the run is active: a crash or a closed app pauses the clock, as a
    test centre does after an interruption. `clock` is a monotonic seconds source.
    """

    def __init__(self, form: ExamForm, clock: Callable[[], float], *, time_used: float = 0.0,
                 states: Sequence[ItemState] | None = None, position: int = 0) -> None:
        self.form = form
        self._clock = clock
        self._used_before = float(time_used)
        self._started_at: float | None = None
        self._item_started_at: float | None = None
        self.states = list(states) if states is not None else [ItemState() for _ in form.items]
        if len(self.states) != len(form.items):
            raise ValueError("states do not match the exam's items")
        self.position = max(0, min(position, len(form.items) - 1))
        self.finished = False
        left = self.remaining()
        self._announced = {w for w in WARNINGS if left is not None and left <= w}

    # -- clock
    def start(self) -> None:
        if self._started_at is None and not self.finished:
            now = self._clock()
            self._started_at = now
            self._item_started_at = now

    def pause(self) -> None:
        if self._started_at is not None:
            self._charge_item()
            self._used_before += self._clock() - self._started_at
            self._started_at = None
            self._item_started_at = None

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def time_used(self) -> float:
        used = self._used_before
        if self._started_at is not None:
            used += self._clock() - self._started_at
        if self.form.time_limit_seconds is not None:
            used = min(used, float(self.form.time_limit_seconds))
        return used

    def remaining(self) -> float | None:
        if self.form.time_limit_seconds is None:
            return None
        return max(0.0, self.form.time_limit_seconds - self.time_used())

    def tick(self) -> ClockEvent:
        """Call often (the GUI does, every 200 ms); each warning is reported exactly once."""
        ev = ClockEvent()
        left = self.remaining()
        if left is None or self.finished:
            return ev
        for w in WARNINGS:
            if left <= w and w not in self._announced:
                self._announced.add(w)
                ev.warnings.append(w)
        # Only the most urgent warning matters if several were crossed at once (after a pause).
        ev.warnings = ev.warnings[-1:]
        ev.expired = left <= 0
        return ev

    # -- navigation and answers
    def __len__(self) -> int:
        return len(self.form.items)

    @property
    def current(self) -> ExamItem:
        return self.form.items[self.position]

    @property
    def state(self) -> ItemState:
        return self.states[self.position]

    def _charge_item(self) -> None:
        if self._item_started_at is not None:
            now = self._clock()
            self.states[self.position].seconds += now - self._item_started_at
            self._item_started_at = now

    def charge(self) -> None:
        """Count the time so far on the current question (before its record is stored)."""
        self._charge_item()

    def go(self, position: int) -> bool:
        if not 0 <= position < len(self.form.items) or position == self.position:
            return False
        self._charge_item()
        self.position = position
        return True

    def next(self) -> bool:
        return self.go(self.position + 1)

    def previous(self) -> bool:
        return self.go(self.position - 1)

    def answer(self, choice: str | None) -> ItemState:
        if choice is not None and choice not in LETTERS:
            raise ValueError(f"choice must be one of {LETTERS}")
        self._require_open()
        self._charge_item()
        st = self.state
        st.choice = choice
        if choice is not None and choice in st.crossed_out:
            st.crossed_out = st.crossed_out - {choice}
        return st

    def toggle_flag(self) -> ItemState:
        self._require_open()
        self.state.flagged = not self.state.flagged
        return self.state

    def toggle_cross_out(self, choice: str) -> ItemState:
        self._require_open()
        st = self.state
        st.crossed_out = st.crossed_out ^ {choice}
        return st

    def _require_open(self) -> None:
        if self.finished:
            raise RuntimeError("the exam has ended")

    def finish(self) -> None:
        self.pause()
        self.finished = True

    def snapshot(self) -> tuple[object, ...]:
        """Everything a change can alter, to put back with `restore` when the change could not be stored."""
        return (self.position, [replace(s) for s in self.states], self._used_before, self._started_at,
                self._item_started_at, self.finished)

    def restore(self, snap: tuple[object, ...]) -> None:
        position, states, used, started, item_started, finished = snap
        self.position = position  # type: ignore[assignment]
        self.states = states  # type: ignore[assignment]
        self._used_before = used  # type: ignore[assignment]
        self._started_at = started  # type: ignore[assignment]
        self._item_started_at = item_started  # type: ignore[assignment]
        self.finished = finished  # type: ignore[assignment]

    # -- review screen
    def answered_positions(self) -> list[int]:
        return [i for i, s in enumerate(self.states) if s.choice is not None]

    def unanswered_positions(self) -> list[int]:
        return [i for i, s in enumerate(self.states) if s.choice is None]

    def flagged_positions(self) -> list[int]:
        return [i for i, s in enumerate(self.states) if s.flagged]


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
