"""Running an exam: its clock (paused, resumed, the one-time warnings, time up), where the learner
is, and each question's choice, flag and crossed-out choices. Pure Python with an injected clock,
so timing, auto-submit and resume arithmetic are tested without Qt and without sleeping; the form
it runs comes from questions.exam.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from questions.exam import WARNINGS, ExamForm, ExamItem
from questions.model import LETTERS


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
