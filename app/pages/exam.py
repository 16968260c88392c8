"""The exam screen: a calm test-centre driver.

Keys: 1-4 or A-D choose, F flags, X (or a right-click, or the "Cross out" button beside it) crosses
out a choice, Left/Right or P/N move (in a review walk, through only its questions), R opens the
review screen, Enter confirms; the end confirmation's default returns to the exam. Every change is stored behind the screen (exam_writes)
and shown once it is stored: the next question paints at once while the answer is written, and a
choice that could not be stored is said in a banner and shown as not made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal

from app.context import AppContext
from app.exhibit_view import figure_renderer
from app.ops import Change
from app.pages.exam_keys import install_keys
from app.pages.exam_view import ExamView
from app.pages.exam_walk import Walk
from app.pages.exam_writes import ExamWrites

if TYPE_CHECKING:
    from study.sitting import ActiveExam, SaveFailed, Write

TICK_MS = 200
SAVE_EVERY_TICKS = 5  # the clock is stored at least once a second
PREPARE_AFTER_MS = 25  # the next question's figure is drawn this long after the current one shows
SAVING_NOTE_AFTER = 0.3  # seconds a change may take before the page says it is saving
WHAT = {"answer": "Your answer", "flag": "Your flag", "cross out": "Your cross-out", "place": "Your place",
        "clock": "Your time", "finish": "Ending the exam"}
TIMED_OUT = "Time ran out, so the exam was submitted automatically, as at a test center."


class ExamPage(ExamView):
    left = Signal()  # the learner paused and left the exam

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.reference.settings = ctx.settings  # the reference window's place is kept with the app's
        self.active: ActiveExam | None = None
        self.writes: ExamWrites | None = None
        self._leaving: list[ExamWrites] = []  # exams left, still storing their last changes
        self._asked: list[tuple[int, str]] = []  # answers asked for and not stored yet, in order
        self._ending = False
        self._timed_out = False
        self._ticks = 0
        self._walk: Walk | None = None
        for b, x in zip(self.choices, self.cross_buttons, strict=True):
            b.clicked.connect(lambda _=False, L=b.letter: self.choose(L))
            b.cross_asked.connect(lambda L=b.letter: self.cross_out(L) if self._in_question() else None)
            x.clicked.connect(lambda _=False, L=b.letter: self.cross_out(L) if self._in_question() else None)
        self.pause_btn.clicked.connect(self.pause_and_leave)
        self.prev_btn.clicked.connect(self.previous)
        self.flag_box.clicked.connect(lambda _=False: self.toggle_flag())
        self.review_btn.clicked.connect(self.show_review)
        self.next_btn.clicked.connect(self.next)
        self.review.unanswered.clicked.connect(lambda: self._walk_through("unanswered"))
        self.review.flagged.clicked.connect(lambda: self._walk_through("flagged"))
        self.review.back.clicked.connect(self.show_question)
        self.review.end.clicked.connect(self.ask_end)
        self.review.chosen.connect(self._go_from_grid)
        self.confirm.yes.clicked.connect(lambda: self.end_exam())
        self.confirm.no.clicked.connect(self.show_question)
        self.clock = QTimer(self)
        self.clock.setInterval(TICK_MS)
        self.clock.timeout.connect(self._tick)
        install_keys(self)

    def _in_question(self) -> bool:
        return self.active is not None and self.body.currentIndex() == self.QUESTION

    # -- starting, pausing, leaving
    def begin(self, active: ActiveExam) -> None:
        self.active = active
        self.writes = writes = ExamWrites(self.ctx, active, self)
        writes.settled.connect(lambda w, result: self._settled(writes, w, result))
        writes.refused.connect(lambda w, e: self._refused(writes, w, e))
        self._asked, self._ending, self._timed_out = [], False, False
        self.title.setText(active.title)
        self.test_reference = getattr(active.service.blueprint(active.form.test), "reference", None)
        timed = active.form.time_limit_seconds is not None
        self.timer.setVisible(timed)
        self.hide_timer.setVisible(timed)
        self.keep_banner_room(active.run.remaining())
        self._walk = None
        self.show_walk("")
        self.say_not_saved("")
        active.start()
        self.show_question()
        self._tick()
        self.clock.start()

    def suspend(self) -> None:
        """Stop the clock and store where the learner is (closing the app, pausing)."""
        a, writes = self.active, self.writes
        if a is None or writes is None or not a.run.running:
            return
        self.clock.stop()
        a.run.pause()
        writes.add("pause", a.plan_pause)

    def pause_and_leave(self) -> None:
        self.suspend()
        if self.writes is not None:
            self._leaving.append(self.writes)
        self.active, self.writes = None, None
        self.left.emit()

    def store_before_exit(self) -> None:
        """Closing the app: whatever waits to be stored is stored before the database closes."""
        for writes in [*self._leaving, *([self.writes] if self.writes is not None else [])]:
            writes.finish_now()

    # -- what was stored comes back
    def _settled(self, writes: ExamWrites, w: Write, result: Any) -> None:
        if writes is not self.writes:  # an exam left: its pause is stored, so Home shows it
            if w.kind == "pause":
                self.ctx.say_changed(Change.EXAMS)
            if writes in self._leaving and writes.idle:
                self._leaving.remove(writes)
            return
        a = self.active
        if a is None:
            return
        if a.problem is None:
            self.say_not_saved("")
        if w.kind == "answer":
            self._done_asking(w.position, w.values["choice"])
        if w.kind == "finish":
            self._finished(a, result)
        elif w.position == a.run.position and self.body.currentIndex() == self.QUESTION:
            self._paint_choices()
            self._show_flag()
            if w.kind == "answer":
                self._show_feedback()
        self._show_connection()

    def _refused(self, writes: ExamWrites, w: Write, e: SaveFailed) -> None:
        from study.sitting import ExamTakenOver

        if writes is not self.writes or self.active is None:
            return
        if isinstance(e, ExamTakenOver):
            self._taken_over()
            return
        if w.kind == "answer":
            self._done_asking(w.position, w.values["choice"])
        if w.kind == "finish":  # not stored: the exam goes on (a time-out is tried again each tick)
            self._ending = False
            self.clock.start()
            if self.body.currentIndex() == self.CONFIRM:
                self.ask_end()
        self.say_not_saved(f"⚠ {WHAT.get(w.kind, 'A change')} could not be saved: {e.reason}. ASE Prep keeps "
                            "trying; the screen shows what was saved, so make it again once this message goes.")
        if self.body.currentIndex() == self.QUESTION:
            self._paint_choices()
            self._show_flag()

    def _done_asking(self, position: int | None, choice: str | None) -> None:
        if position is not None and choice is not None and (position, choice) in self._asked:
            self._asked.remove((position, choice))

    def _taken_over(self) -> None:
        a, writes = self.active, self.writes
        self.clock.stop()
        self.active, self.writes = None, None
        if writes is not None:
            writes.clear()
        if a is not None:
            self.ctx.ops.write(a.close)
        self.ctx.dialogs.inform(self, "Exam opened elsewhere", "This exam was opened in another ASE Prep window, "
                                "or ended there. What that window saved is kept; this one stops here so as not to "
                                "overwrite it.")
        self.ctx.say_changed(Change.EXAMS)
        self.left.emit()

    # -- the question
    def show_question(self) -> None:
        a = self.active
        if a is None:
            return
        self.show_screen(self.QUESTION)
        self.paint_question(a.question(), a.run.position, len(a.run), a.feedback)
        walk = self._walk
        self.show_walk(walk.note(a.run.position) if walk is not None else "")
        if walk is not None and walk.is_last(a.run.position):
            self.next_btn.setText("Back to review")
            self.next_btn.setAccessibleName(f"Last {walk.which} question: back to the review screen")
        self._paint_choices()
        self._show_flag()
        self._show_feedback()
        focus = next((b for b in self.choices if b.isChecked()), self.choices[0])
        focus.setFocus()
        self._warm_next(a.run.position + 1)

    def _warm_next(self, position: int) -> None:
        """Load the next question's drawing now, so the key press that moves to it never waits."""
        a = self.active
        if a is not None and position < len(a.run):
            ex = a.question(position).exhibit
            if ex is not None and ex.kind == "figure":
                figure_renderer(ex)
                # drawn just after this paint, in the learner's reading time, not on the next key press
                # (the exhibit view as the timer's context: a window closed meanwhile cancels it)
                QTimer.singleShot(PREPARE_AFTER_MS, self.exhibit, lambda: self.exhibit.prepare(ex))

    def _locked(self, position: int) -> bool:
        """Study modes: a question answered (or being answered) shows its key and takes no other choice."""
        a = self.active
        return a is not None and a.feedback and (a.run.states[position].choice is not None
                                                 or any(p == position for p, _ in self._asked))

    def _paint_choices(self) -> None:
        if self.active is not None:
            self.paint_choices(self.active.run.state, self.active.question(), self.active.feedback)

    def _show_flag(self) -> None:
        if self.active is not None:
            self.show_flag(self.active.run.state.flagged)

    def _show_feedback(self) -> None:
        a = self.active
        shown = a is not None and a.feedback
        self.show_feedback(a.run.state if a is not None and shown else None, a.question() if a is not None and shown else None)

    # -- the learner's changes: asked for now, shown once stored
    def _open(self) -> ActiveExam | None:
        a = self.active
        return None if a is None or self._ending or a.run.finished or self.writes is None else a

    def choose(self, letter: str) -> None:
        a = self._open()
        if a is None or self.writes is None:
            return
        pos = a.run.position
        asked = [c for p, c in self._asked if p == pos]
        if self._locked(pos) or (asked[-1] if asked else a.run.states[pos].choice) == letter:
            return  # pressing the chosen letter again changes nothing
        self._asked.append((pos, letter))

        def plan() -> Write | None:
            if a.run.finished or a.run.states[pos].choice == letter:
                self._done_asking(pos, letter)
                return None
            return a.plan_answer(letter, pos)

        self.writes.add("answer", plan)

    def cross_out(self, letter: str) -> None:
        a = self._open()
        if a is None or self.writes is None or self._locked(a.run.position):
            return
        pos = a.run.position
        self.writes.add("cross out", lambda: None if a.run.finished else a.plan_cross_out(letter, pos))

    def toggle_flag(self) -> None:
        a = self._open()
        if a is None or self.writes is None:
            return
        pos = a.run.position
        self.writes.add("flag", lambda: None if a.run.finished else a.plan_flag(pos))
        self._show_flag()  # the box shows the flag as stored until the change is

    def go(self, position: int) -> None:
        a = self._open()
        if a is None or self.writes is None:
            return
        left = a.move(position)
        if left is not None:
            self.writes.add("place", lambda: a.plan_place(left))
        self.show_question()

    def next(self) -> None:
        a = self._open()
        if a is None:
            return
        if self._walk is not None:
            after = self._walk.after(a.run.position)
            self.show_review() if after is None else self.go(after)
            return
        if a.run.position == len(a.run) - 1:
            if a.feedback:
                self.end_exam()
            else:
                self.show_review()
            return
        self.go(a.run.position + 1)

    def previous(self) -> None:
        a = self._open()
        if a is None:
            return
        before = self._walk.before(a.run.position) if self._walk is not None else a.run.position - 1
        if before is not None and before >= 0:
            self.go(before)

    def _walk_through(self, which: str) -> None:
        """Review flagged / unanswered: walk only those questions (as they are now)."""
        a = self.active
        if a is None:
            return
        positions = a.run.unanswered_positions() if which == "unanswered" else a.run.flagged_positions()
        if positions:
            self._walk = Walk(which, tuple(positions))
            self.go(positions[0])

    def _go_from_grid(self, position: int) -> None:
        self._walk = None  # a number chosen on the grid: back to every question in order
        self.go(position)

    # -- review and ending
    def show_review(self) -> None:
        a = self.active
        if a is None:
            return
        self._walk = None
        answered, unanswered, flagged = a.counts()
        self.review.fill([(st.choice is not None, st.flagged) for st in a.run.states], answered, unanswered, flagged)
        self.show_screen(self.REVIEW)
        self.review_end.setFocus()

    def ask_end(self) -> None:
        a = self.active
        if a is None:
            return
        _, unanswered, flagged = a.counts()
        text = self.confirm.ask(unanswered, flagged)
        self.show_screen(self.CONFIRM)
        self.confirm_no.setFocus()  # the default: two Enters never end an exam
        self.announce(text)

    def end_exam(self, timed_out: bool = False) -> None:
        a = self._open()
        if a is None or self.writes is None:
            return
        self._ending, self._timed_out = True, timed_out
        self.clock.stop()
        if self.body.currentIndex() == self.CONFIRM:
            self.confirm.ending()
        self.writes.add("finish", a.plan_finish)

    def _finished(self, a: ActiveExam, result: Any) -> None:
        self.active, self.writes, self._ending = None, None, False
        self.ctx.say_changed(Change.EXAMS)
        if not a.offline:  # the review queue and the study plan catch up behind the result screen
            service, exam_id = a.service, a.exam_id
            self.ctx.ops.write(lambda: service.notify_finished(exam_id), changes=Change.PLAN)
        self.ctx.open_result(result, TIMED_OUT if self._timed_out else "")

    # -- the clock
    def _tick(self) -> None:
        a = self.active
        if a is None or self.writes is None:
            return
        ev = a.tick()
        self._show_connection()
        self.show_clock(a.run.remaining())
        for w in ev.warnings:
            left = f"⚠ {w // 60} minute{'s' if w >= 120 else ''} left."
            self.show_warning(left, f"{left} When time runs out, the exam ends and is scored as it stands.")
        self.show_saving(self.writes.waiting_for() > SAVING_NOTE_AFTER)
        if ev.expired:
            self.end_exam(timed_out=True)
            return
        self._ticks += 1
        if self._ticks % SAVE_EVERY_TICKS == 0 and not self.writes.has("clock"):
            self.writes.add("clock", a.plan_clock)

    def _show_connection(self) -> None:
        self.show_connection(bool(getattr(self.active, "offline", False)))
