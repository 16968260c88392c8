"""A running exam whose every change is stored before it counts.

A choice, a flag or a cross-out becomes part of the exam in memory only once it is stored: if the
write fails (a full disk, a read-only folder, a file held locked) the exam stays as stored, the
caller gets SaveFailed with the reason in words, and the screen shows what was stored, so the
learner can make the choice again. The clock, the position and the time per question are
bookkeeping: moving to another question happens at once, and a failed save of them keeps the exam
going; they are sent with the next save that works (the exam page saves the clock every second,
which is also the retry).

Each change goes through three steps, so the GUI can store it behind the screen:
`plan_...` (on the thread that owns the exam: it reads the exam and builds a Write),
`store` (on any one thread: only the database, study.sitting_writes), then `settle` or
`settle_failed` (back on the owner's thread: the exam in memory takes what was stored). The plain
methods (`answer`, `go`, `finish`, ...) run the three in a row, for the command line and tests.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from questions.exam import ExamForm, ExamItem, ExamScore, score_exam
from questions.exam_run import ClockEvent, ExamRun
from questions.model import LETTERS, Question
from study.sitting_writes import RESPONSE, ExamTakenOver, SaveFailed, SittingWriter, Write
from study.storage.records import day_number

if TYPE_CHECKING:
    from study.exams import ExamResult, ExamService


class ActiveExam:
    """A running exam whose every change is written through to the database before it counts."""

    def __init__(self, service: ExamService, exam_id: int, run: ExamRun, title: str, *, writer: str,
                 rows: list[dict[str, Any]] | None = None, started_at: datetime | None = None) -> None:
        self.service = service
        self.exam_id = exam_id
        self.run = run
        self.title = title
        self.started_at = started_at
        self.writer = writer
        self.problem: str | None = None  # why the latest save failed; None once a save works again
        self._db_writer = SittingWriter(service, exam_id, writer, run.form)
        if rows is None:
            with service.db.engine.connect() as conn:
                rows = [dict(r._asdict()) for r in conn.execute(
                    select(RESPONSE).where(RESPONSE.c.exam_id == exam_id).order_by(RESPONSE.c.position))]
        # each answer row's whole state, as last stored: every write to a server sends the full row
        self._rows = [dict(r) for r in rows]
        self._unsent: set[int] = set()  # positions whose time was not stored by a failed save

    def close(self) -> None:
        """Give the connection back (pausing, finishing, closing the app)."""
        self._db_writer.close()

    @property
    def form(self) -> ExamForm:
        return self.run.form

    @property
    def feedback(self) -> bool:
        return self.run.form.mode.gives_feedback

    def question(self, position: int | None = None) -> Question:
        item = self.run.form.items[self.run.position if position is None else position]
        return self.service.get_question(item.question_id)

    def start(self) -> None:
        self.run.start()

    def tick(self) -> ClockEvent:
        return self.run.tick()

    @property
    def offline(self) -> bool:
        """True while changes wait on this computer for the class server."""
        box = self.service.outbox
        return box is not None and box.offline

    # -- planning a change (on the thread that owns the exam)
    def _plan(self, kind: str, position: int | None, values: dict[str, Any], *, clock: bool = True,
              finish: dict[str, Any] | None = None) -> Write:
        """The response row's change, and (unless `clock` is False) the exam's time used and position;
        with `finish`, the end of the exam (its score is counted from the stored answers)."""
        row = None
        if position is not None:
            if "answered_at" in values:
                values = dict(values, answered_day=day_number(values["answered_at"]))
            row = dict(self._rows[position]) | values
        exam = (dict(time_used_seconds=self.run.time_used(), position=self.run.position,
                     updated_at=self.service.now()) if clock or finish is not None else None)
        unsent = ({p: self._rows[p] | {"seconds": self.run.states[p].seconds} for p in self._unsent if p != position}
                  if exam is not None else {})
        return Write(kind, position, values, row, exam, unsent, finish)

    def plan_answer(self, choice: str | None, position: int | None = None) -> Write:
        """The choice for a question (the current one by default), to store before it counts."""
        if choice is not None and choice not in LETTERS:
            raise ValueError(f"choice must be one of {LETTERS}")
        self._require_open()
        pos = self.run.position if position is None else position
        if pos == self.run.position:
            self.run.charge()  # the time so far on this question is part of its record
        q = self.question(pos)
        st = self.run.states[pos]
        values: dict[str, Any] = dict(choice=choice, correct=None if choice is None else q.is_correct(choice),
                                      crossed_out="".join(sorted(st.crossed_out - {choice})), seconds=st.seconds,
                                      changes=int(self._rows[pos]["changes"]) + 1,
                                      answered_at=self.service.now() if choice else None)
        if self._rows[pos].get("question_version", q.version) != q.version:
            # an exam started before the question changed: this answer is to the question as it now reads
            values.update(question_version=q.version, superseded=False)
        w = self._plan("answer", pos, values, clock=False)
        w.correct = values["correct"]
        return w

    def plan_flag(self, position: int | None = None) -> Write:
        self._require_open()
        pos = self.run.position if position is None else position
        return self._plan("flag", pos, dict(flagged=not self.run.states[pos].flagged), clock=False)

    def plan_cross_out(self, choice: str, position: int | None = None) -> Write:
        self._require_open()
        pos = self.run.position if position is None else position
        crossed = self.run.states[pos].crossed_out ^ {choice}
        return self._plan("cross out", pos, dict(crossed_out="".join(sorted(crossed))), clock=False)

    def move(self, position: int) -> int | None:
        """Go to a question at once (in memory: moving is bookkeeping); the question left, or None
        if that was no move. `plan_place` then stores the time charged to the question left."""
        before = self.run.position
        return before if self.run.go(position) else None

    def plan_place(self, left: int) -> Write:
        return self._plan("place", left, dict(seconds=self.run.states[left].seconds))

    def plan_go(self, position: int) -> Write | None:
        left = self.move(position)
        return None if left is None else self.plan_place(left)

    def plan_clock(self) -> Write:
        return self._plan("clock", None, {})

    def plan_pause(self) -> Write:
        """Stop the clock (at once, if the caller did not already) and store where the learner is."""
        self.run.pause()
        return self._plan("pause", self.run.position, dict(seconds=self.run.state.seconds))

    def plan_finish(self) -> Write:
        """End the exam in memory (the clock stops); `settle_failed` puts it back if it is not stored."""
        pos = self.run.position
        snap = self.run.snapshot()
        self.run.finish()
        w = self._plan("finish", pos, dict(seconds=self.run.states[pos].seconds),
                       finish=dict(state="finished", finished_at=self.service.now(), **self._client_score()))
        w.snapshot = snap
        return w

    def _require_open(self) -> None:
        if self.run.finished:
            raise RuntimeError("the exam has ended")

    # -- storing it (on any one thread), then settling it (back on the owner's thread)
    def store(self, w: Write) -> None:
        """Raises SaveFailed (nothing stored) or ExamTakenOver."""
        self._db_writer.store(w)

    def settle(self, w: Write) -> None:
        """The change was stored: the exam in memory takes it."""
        self.problem = None
        if w.position is not None and w.row is not None:
            self._rows[w.position] = w.row
            st = self.run.states[w.position]
            if "choice" in w.values:
                st.choice = w.values["choice"]
            if "flagged" in w.values:
                st.flagged = bool(w.values["flagged"])
            if "crossed_out" in w.values:
                st.crossed_out = frozenset(w.values["crossed_out"])
        if w.exam is not None:
            self._unsent.difference_update(w.unsent)
            if w.position is not None:
                self._unsent.discard(w.position)

    def settle_failed(self, w: Write, exc: SaveFailed) -> None:
        """The change was not stored: the exam stays as stored (an ended exam goes on); the time of
        a question left goes with the next save that works."""
        self.problem = exc.reason
        if w.kind == "place" and not isinstance(exc, ExamTakenOver) and w.position is not None:
            self._unsent.add(w.position)
        if w.kind == "finish" and w.snapshot is not None:
            self.run.restore(w.snapshot)

    def result_of(self, w: Write) -> ExamResult:
        """The result of an exam `w` ended (read from the database; built here while a class server
        has not received it yet)."""
        if self.offline:
            return self.service.result_in_memory(self, w.score or self._memory_score(),
                                                 w.finish["finished_at"] if w.finish else self.service.now())
        return self.service.result(self.exam_id)

    def _store_now(self, w: Write | None) -> Write | None:
        """Store and settle `w` at once (the plain methods); raises SaveFailed as `store` does."""
        if w is None:
            return None
        try:
            self.store(w)
        except SaveFailed as e:
            self.settle_failed(w, e)
            raise
        self.settle(w)
        return w

    # -- the plain methods: each change stored before it returns
    def answer(self, choice: str | None) -> bool | None:
        """Record the choice for the current question; returns whether it is right (None if cleared).
        Raises SaveFailed when it could not be stored: then it is not the answer."""
        w = self._store_now(self.plan_answer(choice))
        return w.correct if w is not None else None

    def toggle_flag(self) -> bool:
        self._store_now(self.plan_flag())
        return bool(self.run.state.flagged)

    def toggle_cross_out(self, choice: str) -> frozenset[str]:
        self._store_now(self.plan_cross_out(choice))
        return frozenset(self.run.state.crossed_out)

    def save_clock(self) -> None:
        """Persist the time used and the position (the GUI does this every second). Raises
        SaveFailed while saving fails; the next call is the retry."""
        self._store_now(self.plan_clock())

    def go(self, position: int) -> bool:
        w = self.plan_go(position)
        try:
            self._store_now(w)
        except ExamTakenOver:
            raise
        except SaveFailed:
            pass  # the move stands; the time of the question left goes with the next save
        return w is not None

    def next(self) -> bool:
        return self.go(self.run.position + 1)

    def previous(self) -> bool:
        return self.go(self.run.position - 1)

    def pause(self) -> None:
        try:
            self._store_now(self.plan_pause())
        except SaveFailed:
            pass  # the answers are stored (or another window has the exam); at most the last second is lost

    def finish(self, *, notify: bool = True) -> ExamResult:
        """End the exam (the learner confirmed, or time ran out) and store its score, counted from
        the stored answers. Raises SaveFailed (the exam goes on) or ExamTakenOver.

        With notify=False the caller runs service.notify_finished later (the GUI does, on a worker,
        so re-planning never holds up the result screen)."""
        w = self.plan_finish()
        self._store_now(w)
        result = self.result_of(w)
        if notify and not self.offline:
            self.service.notify_finished(self.exam_id)
        return result

    # -- scores and counts
    def _memory_score(self) -> ExamScore:
        states = self.run.states
        correct = [s.choice is not None and self.service.get_question(i.question_id).is_correct(s.choice)
                   for i, s in zip(self.form.items, states, strict=True)]
        return score_exam(self.service.blueprint(self.form.test), self.form.items, [s.choice for s in states],
                          correct)

    def _client_score(self) -> dict[str, int]:
        """The score as this sitting counts it: a local file counts it again from what it stored, in
        the transaction that ends the exam; a class server counts its own from its stored answers."""
        s = self._memory_score()
        return dict(score_correct=s.correct, score_total=s.total)

    def counts(self) -> tuple[int, int, int]:
        """(answered, unanswered, flagged) for the review screen and the end confirmation."""
        r = self.run
        return len(r.answered_positions()), len(r.unanswered_positions()), len(r.flagged_positions())


__all__ = ["ActiveExam", "ExamItem", "ExamTakenOver", "SaveFailed", "Write"]
