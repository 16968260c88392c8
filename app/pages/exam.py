"""The exam screen: a calm test-centre driver.

Keys: 1-4 or A-D choose, F flags, X crosses out the focused choice, Left/Right or P/N move,
R opens the review screen, Enter confirms. Every change is stored before the screen updates.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.exhibit_view import ExhibitView, figure_renderer
from app.pages.common import fmt_clock, plain_label, scrolling
from app.pages.exam_choice import ChoiceButton
from app.workers import run_in_background

LETTERS = ("A", "B", "C", "D")
TICK_MS = 200
SAVE_EVERY_TICKS = 5  # the clock is stored at least once a second
PREPARE_AFTER_MS = 25  # the next question's figure is drawn this long after the current one shows


class ExamPage(QWidget):
    left = Signal()  # the learner paused and left the exam

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.setObjectName("page")
        self.ctx = ctx
        self.active = None
        self._ticks = 0
        self._locked = False  # study modes: the answer is locked once the key is shown
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        # header
        header = QFrame(objectName="examHeader")
        h = QHBoxLayout(header)
        h.setContentsMargins(20, 10, 20, 10)
        self.title = plain_label("", "h2", wrap=False)
        self.counter = plain_label("", wrap=False)
        self.counter.setAccessibleName("Question number")
        self.flag_mark = plain_label("", wrap=False)
        self.timer = QLabel(objectName="timer")
        self.timer.setAccessibleName("Time left")
        self.hide_timer = QPushButton("Hide time")
        self.hide_timer.setAccessibleName("Hide or show the time left")
        self.hide_timer.clicked.connect(self._toggle_timer)
        self.pause_btn = QPushButton("Pause and leave")
        self.pause_btn.setAccessibleName("Pause the exam and go back to Home; resume it later")
        self.pause_btn.clicked.connect(self.pause_and_leave)
        h.addWidget(self.title)
        h.addStretch(1)
        h.addWidget(self.counter)
        h.addSpacing(16)
        h.addWidget(self.flag_mark)
        h.addSpacing(16)
        h.addWidget(self.timer)
        h.addWidget(self.hide_timer)
        h.addWidget(self.pause_btn)
        outer.addWidget(header)
        self.notice = plain_label("", "muted")
        self.notice.setContentsMargins(20, 4, 20, 0)
        self.notice.setAccessibleName("Time warning")
        outer.addWidget(self.notice)
        # on a class server: said while answers wait on this computer for the server (study.storage.sync)
        self.connection_note = plain_label("")
        self.connection_note.setStyleSheet("font-weight: 600;")
        self.connection_note.setContentsMargins(20, 4, 20, 0)
        self.connection_note.setAccessibleName("Connection to the class server")
        self.connection_note.hide()
        outer.addWidget(self.connection_note)
        # said while changes cannot be stored (a full disk, say): the screen shows only what was stored
        self.save_note = plain_label("", "bad")
        self.save_note.setContentsMargins(20, 4, 20, 0)
        self.save_note.setAccessibleName("Saving problem")
        self.save_note.hide()
        outer.addWidget(self.save_note)

        self.body = QStackedWidget()
        outer.addWidget(self.body, 1)

        # question view
        qview = QWidget()
        col = QVBoxLayout(qview)
        col.setContentsMargins(0, 16, 0, 16)
        column = QWidget()
        column.setMaximumWidth(820)
        cl = QVBoxLayout(column)
        cl.setSpacing(10)
        self.stem = plain_label("", "stem")
        self.stem.setAccessibleName("Question")
        self.stem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cl.addWidget(self.stem)
        self.exhibit = ExhibitView()
        cl.addWidget(self.exhibit)
        cl.addSpacing(8)
        self.choices: list[ChoiceButton] = []
        for letter in LETTERS:
            b = ChoiceButton(letter)
            b.clicked.connect(lambda _=False, L=letter: self.choose(L))
            self.choices.append(b)
            cl.addWidget(b)
        self.feedback = QFrame(objectName="card")
        fb = QVBoxLayout(self.feedback)
        self.feedback_verdict = plain_label("")
        self.feedback_text = plain_label("")
        self.feedback_text.setAccessibleName("Explanation")
        fb.addWidget(self.feedback_verdict)
        fb.addWidget(self.feedback_text)
        self.feedback.hide()
        cl.addWidget(self.feedback)
        cl.addStretch(1)
        wrap = QHBoxLayout()
        wrap.addStretch(1)
        wrap.addWidget(column, 100)
        wrap.addStretch(1)
        col.addLayout(wrap)
        self.body.addWidget(scrolling(qview))

        # review view
        self.review = QWidget()
        rv = QVBoxLayout(self.review)
        rv.setContentsMargins(28, 16, 28, 16)
        rv.addWidget(plain_label("Review", "h1"))
        self.review_counts = plain_label("")
        rv.addWidget(self.review_counts)
        rv.addWidget(plain_label("✓ answered    ○ unanswered    ⚑ flagged for review. Choose a number to go to "
                                 "that question.", "muted"))
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(6)
        rv.addWidget(scrolling(self.grid_host), 1)
        rrow = QHBoxLayout()
        self.review_unanswered = QPushButton("Review unanswered")
        self.review_unanswered.clicked.connect(lambda: self._jump_first(self.active.run.unanswered_positions()))
        self.review_flagged = QPushButton("Review flagged")
        self.review_flagged.clicked.connect(lambda: self._jump_first(self.active.run.flagged_positions()))
        self.review_back = QPushButton("Return to the question")
        self.review_back.clicked.connect(self.show_question)
        self.review_end = QPushButton("End exam", objectName="primary")
        self.review_end.clicked.connect(self.ask_end)
        for b in (self.review_unanswered, self.review_flagged, self.review_back):
            rrow.addWidget(b)
        rrow.addStretch(1)
        rrow.addWidget(self.review_end)
        rv.addLayout(rrow)
        self.body.addWidget(self.review)

        # end confirmation (in the page, so it is read and answered with the keyboard)
        self.confirm = QWidget()
        cv = QVBoxLayout(self.confirm)
        cv.setContentsMargins(28, 40, 28, 16)
        self.confirm_text = plain_label("", "h2")
        self.confirm_text.setAccessibleName("End the exam?")
        cv.addWidget(self.confirm_text)
        crow = QHBoxLayout()
        self.confirm_yes = QPushButton("End exam and see results", objectName="primary")
        self.confirm_yes.clicked.connect(self.end_exam)
        self.confirm_no = QPushButton("Keep working")
        self.confirm_no.clicked.connect(self.show_question)
        crow.addWidget(self.confirm_yes)
        crow.addWidget(self.confirm_no)
        crow.addStretch(1)
        cv.addLayout(crow)
        cv.addStretch(1)
        self.body.addWidget(self.confirm)

        # footer
        footer = QFrame(objectName="examFooter")
        f = QHBoxLayout(footer)
        f.setContentsMargins(20, 10, 20, 10)
        self.prev_btn = QPushButton("< Previous")
        self.prev_btn.setAccessibleName("Previous question")
        self.prev_btn.clicked.connect(self.previous)
        self.flag_box = QCheckBox("Flag for review")
        self.flag_box.setAccessibleName("Flag this question for review")
        self.flag_box.clicked.connect(lambda _=False: self.toggle_flag())
        self.review_btn = QPushButton("Review (R)")
        self.review_btn.setAccessibleName("Open the review screen")
        self.review_btn.clicked.connect(self.show_review)
        self.next_btn = QPushButton("Next >", objectName="primary")
        self.next_btn.setAccessibleName("Next question")
        self.next_btn.clicked.connect(self.next)
        f.addWidget(self.prev_btn)
        f.addSpacing(16)
        f.addWidget(self.flag_box)
        f.addStretch(1)
        f.addWidget(self.review_btn)
        f.addStretch(1)
        f.addWidget(self.next_btn)
        outer.addWidget(footer)
        self.footer = footer

        self.clock = QTimer(self)
        self.clock.setInterval(TICK_MS)
        self.clock.timeout.connect(self._tick)
        self._shortcuts()

    # -- keyboard
    def _shortcuts(self) -> None:
        def sc(keys: list[str], fn) -> None:  # type: ignore[no-untyped-def]
            for k in keys:
                s = QShortcut(QKeySequence(k), self)
                s.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                s.activated.connect(fn)

        for i, letter in enumerate(LETTERS):
            sc([str(i + 1), letter], lambda L=letter: self._key_choose(L))
        sc(["F"], lambda: self._in_question() and self.toggle_flag())
        sc(["X"], self._cross_focused)
        sc(["Right", "N"], lambda: self._in_question() and self.next())
        sc(["Left", "P"], lambda: self._in_question() and self.previous())
        sc(["R"], lambda: self.active is not None and self.show_review())
        sc(["Return", "Enter"], self._enter)
        sc(["Escape"], lambda: self.body.currentWidget() is not self.body.widget(0) and self.show_question())

    def _in_question(self) -> bool:
        return self.active is not None and self.body.currentIndex() == 0

    def _key_choose(self, letter: str) -> None:
        if self._in_question():
            self.choose(letter)
            self.choices[LETTERS.index(letter)].setFocus()

    def _cross_focused(self) -> None:
        if not self._in_question():
            return
        w = self.focusWidget()
        if isinstance(w, ChoiceButton):
            self.cross_out(w.letter)

    def _enter(self) -> None:
        if self.active is None:
            return
        idx = self.body.currentIndex()
        w = self.focusWidget()
        if idx == 2:
            (w if isinstance(w, QPushButton) and w in (self.confirm_yes, self.confirm_no) else self.confirm_yes).click()
        elif idx == 1:
            if isinstance(w, QPushButton):
                w.click()
        elif isinstance(w, ChoiceButton) and not self._locked:
            self.choose(w.letter)
        elif isinstance(w, QPushButton | QCheckBox) and not isinstance(w, ChoiceButton) and w is not self.next_btn:
            w.click()
        else:
            self.next()

    # -- starting, pausing
    def begin(self, active) -> None:  # type: ignore[no-untyped-def]
        self.active = active
        self.title.setText(active.title)
        self.timer.setVisible(active.form.time_limit_seconds is not None)
        self.hide_timer.setVisible(active.form.time_limit_seconds is not None)
        self.notice.setText("")
        self._locked = False
        active.start()
        self.show_question()
        self._tick()
        self.clock.start()

    def suspend(self) -> None:
        """Stop the clock and store where the learner is (closing the app, pausing)."""
        if self.active is not None:
            self.clock.stop()
            self.active.pause()

    def pause_and_leave(self) -> None:
        self.suspend()
        self.active = None
        self.ctx.changed.emit("exams")
        self.left.emit()

    # -- the question
    def show_question(self) -> None:
        a = self.active
        if a is None:
            return
        self.body.setCurrentIndex(0)
        self.footer.setVisible(True)
        run = a.run
        q = a.question()
        st = run.state
        n = len(run)
        self.counter.setText(f"Question {run.position + 1} of {n}")
        self.stem.setText(q.stem)
        self.exhibit.set_exhibit(q.exhibit)
        self._locked = a.feedback and st.choice is not None
        for b, text in zip(self.choices, q.choices, strict=True):
            b.set_choice(text)
        self._paint_choices()
        self.flag_box.setChecked(st.flagged)
        self.flag_mark.setText("⚑ Flagged" if st.flagged else "")
        self.prev_btn.setEnabled(run.position > 0)
        last = run.position == n - 1
        self.next_btn.setText("Finish" if last and a.feedback else ("End exam" if last else "Next >"))
        self.next_btn.setAccessibleName("Finish and see results" if last else "Next question")
        self._show_feedback()
        focus = next((b for b in self.choices if b.isChecked()), self.choices[0])
        focus.setFocus()
        self._warm_next(run.position + 1)

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

    def _paint_choices(self) -> None:
        a = self.active
        st = a.run.state
        q = a.question()
        for b in self.choices:
            mark = ""
            if self._locked:
                if b.letter == q.answer:
                    mark = "key"
                elif b.letter == st.choice:
                    mark = "wrong"
            b.set_state(b.letter == st.choice, b.letter in st.crossed_out, mark)

    def _show_feedback(self) -> None:
        a = self.active
        st = a.run.state
        if not (a.feedback and st.choice is not None):
            self.feedback.hide()
            return
        q = a.question()
        if st.choice == q.answer:
            self.feedback_verdict.setObjectName("good")
            self.feedback_verdict.setText(f"✓ Correct: {q.answer}.")
        else:
            self.feedback_verdict.setObjectName("bad")
            self.feedback_verdict.setText(f"✗ Not quite. You chose {st.choice}; the answer is {q.answer}.")
        self.feedback_verdict.style().unpolish(self.feedback_verdict)
        self.feedback_verdict.style().polish(self.feedback_verdict)
        self.feedback_text.setText(q.explanation)
        self.feedback.show()
        self._announce(self.feedback_verdict.text())

    def choose(self, letter: str) -> None:
        a = self.active
        if a is None or self._locked or a.run.finished:
            return
        if a.run.state.choice != letter:  # pressing the chosen letter again changes nothing
            if not self._stored(lambda: a.answer(letter), "Your answer")[0]:
                return
            self._show_connection()
        if a.feedback:
            self._locked = True
        self._paint_choices()
        self._show_feedback()

    def cross_out(self, letter: str) -> None:
        a = self.active
        if a is None or self._locked:
            return
        self._stored(lambda: a.toggle_cross_out(letter), "Your cross-out")
        self._paint_choices()

    def toggle_flag(self) -> None:
        a = self.active
        if a is None:
            return
        self._stored(a.toggle_flag, "Your flag")
        flagged = a.run.state.flagged
        self.flag_box.setChecked(flagged)
        self.flag_mark.setText("⚑ Flagged" if flagged else "")

    def _stored(self, change, what: str) -> tuple[bool, object]:  # type: ignore[no-untyped-def]
        """Run a change that is stored before it counts; if it could not be, say why and show what
        was stored (the change can simply be made again). (True, its result), or (False, None)."""
        from study.exams import ExamTakenOver, SaveFailed

        try:
            result = change()
        except ExamTakenOver:
            self._taken_over()
            return False, None
        except SaveFailed as e:
            self._say_not_saved(f"⚠ {what} could not be saved: {e.reason}. ASE Prep keeps trying; the screen "
                                "shows what was saved, so make it again once this message goes.")
            if self.active is not None and self.body.currentIndex() == 0:
                self._paint_choices()
            return False, None
        if self.active is not None and self.active.problem is None:
            self._say_not_saved("")
        return True, result

    def _say_not_saved(self, text: str) -> None:
        if text == self.save_note.text():
            return
        self.save_note.setText(text)
        self.save_note.setVisible(bool(text))
        if text:
            self._announce(text)

    def _taken_over(self) -> None:
        from app.messages import inform

        self.clock.stop()
        self.active.close()
        self.active = None
        inform(self, "Exam opened elsewhere", "This exam was opened in another ASE Prep window, or ended there. "
               "What that window saved is kept; this one stops here so as not to overwrite it.")
        self.ctx.changed.emit("exams")
        self.left.emit()

    def next(self) -> None:
        a = self.active
        if a is None:
            return
        if a.run.position == len(a.run) - 1:
            if a.feedback:
                self.end_exam()
            else:
                self.show_review()
            return
        if self._stored(a.next, "Your place")[0] and self.active is not None:
            self.show_question()

    def previous(self) -> None:
        a = self.active
        if a is None:
            return
        if self._stored(a.previous, "Your place")[0] and self.active is not None:
            self.show_question()

    def go(self, position: int) -> None:
        a = self.active
        if a is None:
            return
        if self._stored(lambda: a.go(position), "Your place")[0] and self.active is not None:
            self.show_question()

    def _jump_first(self, positions: list[int]) -> None:
        if positions:
            self.go(positions[0])

    # -- review and ending
    def show_review(self) -> None:
        a = self.active
        if a is None:
            return
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        run = a.run
        cols = 10
        for i, st in enumerate(run.states):
            sym = ("✓" if st.choice else "○") + (" ⚑" if st.flagged else "")
            b = QPushButton(f"{i + 1} {sym}", objectName="cell")
            b.setProperty("answered", "true" if st.choice else "false")
            b.setProperty("flagged", "true" if st.flagged else "false")
            state = ("answered" if st.choice else "unanswered") + (", flagged" if st.flagged else "")
            b.setAccessibleName(f"Question {i + 1}, {state}")
            b.clicked.connect(lambda _=False, p=i: self.go(p))
            self.grid.addWidget(b, i // cols, i % cols)
        rows = (len(run.states) + cols - 1) // cols
        for r in range(rows + 1):
            self.grid.setRowStretch(r, 1 if r == rows else 0)
        answered, unanswered, flagged = a.counts()
        self.review_counts.setText(f"{answered} answered, {unanswered} unanswered, {flagged} flagged.")
        self.review_unanswered.setEnabled(unanswered > 0)
        self.review_flagged.setEnabled(flagged > 0)
        self.body.setCurrentIndex(1)
        self.footer.setVisible(False)
        self.review_end.setFocus()

    def ask_end(self) -> None:
        a = self.active
        if a is None:
            return
        _, unanswered, flagged = a.counts()
        parts = []
        if unanswered:
            parts.append(f"{unanswered} unanswered")
        if flagged:
            parts.append(f"{flagged} flagged")
        lead = (", ".join(parts) + ". ") if parts else "Every question is answered. "
        self.confirm_text.setText(lead + "End the exam?")
        self.body.setCurrentIndex(2)
        self.footer.setVisible(False)
        self.confirm_yes.setFocus()
        self._announce(self.confirm_text.text())

    def end_exam(self, timed_out: bool = False) -> None:
        a = self.active
        if a is None:
            return
        self.clock.stop()
        ended, result = self._stored(lambda: a.finish(notify=False), "Ending the exam")
        if not ended:
            if self.active is not None:  # not stored: the exam goes on (time-out is tried again each tick)
                self.clock.start()
            return
        self.active = None
        self.ctx.changed.emit("exams")
        # the review queue and the study plan catch up on a worker, off the GUI thread
        service, exam_id = a.service, a.exam_id
        if not a.offline:
            run_in_background(lambda: service.notify_finished(exam_id), lambda _: self.ctx.changed.emit("plan"),
                              lambda e, tb: None)
        self.ctx.open_result(result)
        if timed_out:
            results = getattr(self.window(), "results_page", None)
            if results is not None:
                results.set_notice("Time ran out, so the exam was submitted automatically, as at a test centre.")

    # -- the clock
    def _tick(self) -> None:
        a = self.active
        if a is None:
            return
        ev = a.tick()
        self._show_connection()
        left = a.run.remaining()
        if left is not None:
            self.timer.setText(fmt_clock(left))
            warn = left <= 5 * 60
            if self.timer.property("warn") != ("true" if warn else "false"):
                self.timer.setProperty("warn", "true" if warn else "false")
                self.timer.style().unpolish(self.timer)
                self.timer.style().polish(self.timer)
            self.timer.setAccessibleDescription(f"{fmt_clock(left)} left")
        for w in ev.warnings:
            text = f"{w // 60} minute{'s' if w >= 120 else ''} left."
            self.notice.setText(text)
            self._announce(text)
        if ev.expired:
            self.end_exam(timed_out=True)
            return
        self._ticks += 1
        if self._ticks % SAVE_EVERY_TICKS == 0:
            self._stored(a.save_clock, "Your time")

    def _show_connection(self) -> None:
        offline = bool(getattr(self.active, "offline", False))
        if offline != self.connection_note.isHidden():
            return
        self.connection_note.setText("offline - answers are saved on this computer" if offline else "")
        self.connection_note.setVisible(offline)
        if offline:
            self._announce("Offline. Your answers are saved on this computer and sent when the server is back.")

    def _toggle_timer(self) -> None:
        visible = not self.timer.isVisible()
        self.timer.setVisible(visible)
        self.hide_timer.setText("Hide time" if visible else "Show time")

    def _announce(self, text: str) -> None:
        """Tell a screen reader once (not every second, so it stays usable)."""
        ev = QAccessibleAnnouncementEvent(self.notice, text)
        QAccessible.updateAccessibility(ev)
