"""The exam screen's widgets and how they paint a question, a choice, a flag and the notes; what
happens when the learner acts is the exam page's (app.pages.exam).

    +--------------------------------------------------------------------+
    | A5 Brakes - Full-length simulation (the title, wrapping if need be)  |
    | Question 12 of 55  [F]                1:02:14  Hide time  Pause      |
    | Time warnings appear here at 15, 5 ... / ⚠ 5 minutes left. (one strip) |
    | (reviewing flagged 2 of 5) (offline) (not saved) (saving...)         |
    |   stem, exhibit, four choices, the explanation in study modes        |
    | < Previous   [ ] Flag   (PV-1 reference (V))   Review (R)    Next > |
    +--------------------------------------------------------------------+
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.exhibit_view import ExhibitView
from app.pages.common import fmt_clock, plain_label, push_button, scrolling, show_marked
from app.pages.exam_choice import ChoiceButton, CrossButton
from app.pages.exam_review import EndConfirmation, ReviewScreen
from app.reference_view import SHORTCUT, ReferenceLink, ReferenceWindow
from questions.exam import WARNINGS
from study.classroom.lms import emphasis

if TYPE_CHECKING:
    from questions.exam_run import ItemState
    from questions.model import Question

LETTERS = ("A", "B", "C", "D")


def warnings_ahead(left: float | None) -> str:
    """What the time strip says before a warning: 'Time warnings appear here at 15, 5 and 1 minutes left.'"""
    if left is None:
        return ""
    ahead = [w // 60 for w in WARNINGS if w < left]
    if not ahead:
        return "No more time warnings: the exam ends when the time runs out."
    said = f"{', '.join(map(str, ahead[:-1]))} and {ahead[-1]}" if len(ahead) > 1 else str(ahead[0])
    return f"Time warnings appear here at {said} minute{'s' if ahead != [1] else ''} left."


class ExamView(QWidget):
    QUESTION, REVIEW, CONFIRM = 0, 1, 2  # the body's screens

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self._header())
        # time warnings: a banner whose room is kept from the start of a timed exam, so it never
        # moves the question; `notice` is what a screen reader is told things through
        self.banner = self.notice = self._note(outer, "timeBanner", "Time warning")
        self.banner.setWordWrap(False)
        self.banner.setContentsMargins(0, 0, 0, 0)
        self.banner.setProperty("warn", "false")
        self._ahead = ""
        # "Review flagged" and "Review unanswered" walk only their questions, and say so
        self.walk_note = self._note(outer, "walkNote", "Reviewing")
        # on a class server: said while answers wait on this computer for the server (study.storage.sync)
        self.connection_note = self._note(outer, "", "Connection to the class server")
        self.connection_note.setStyleSheet("font-weight: 600;")
        # said while changes cannot be stored (a full disk, say): the screen shows only what was stored
        self.save_note = self._note(outer, "bad", "Saving problem")
        self.saving_note = self._note(outer, "muted", "Saving")
        self.body = QStackedWidget()
        # the question on the left, the test's reference (L1: the practice vehicle) beside it when opened
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.body)
        outer.addWidget(self.split, 1)
        self.body.addWidget(scrolling(self._question_view()))
        self.review = ReviewScreen()
        self.body.addWidget(self.review)
        self.confirm = EndConfirmation()
        self.body.addWidget(self.confirm)
        # short names for the parts a person (and a test) works with
        self.review_counts, self.review_end = self.review.counts, self.review.end
        self.review_unanswered, self.review_flagged = self.review.unanswered, self.review.flagged
        self.confirm_text, self.confirm_yes, self.confirm_no = self.confirm.text, self.confirm.yes, self.confirm.no
        outer.addWidget(self._footer())
        # the test's reference document (L1: the practice vehicle), at any time during the exam
        self.test_reference: str | None = None
        self.reference = ReferenceLink(self.ref_btn, panel=self._reference_panel)
        key = QShortcut(QKeySequence(SHORTCUT), self)
        key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        key.activated.connect(self.reference.open)

    def _reference_panel(self, name: str) -> ReferenceWindow:
        panel = ReferenceWindow(name, self.split, self.reference.settings, panel=True)
        panel.setMinimumWidth(320)
        self.split.addWidget(panel)
        panel.hide()
        panel.closed.connect(self._back_from_reference)
        self.split.splitterMoved.connect(lambda *_: panel.keep_place())  # the divider dragged
        return panel

    def _back_from_reference(self) -> None:
        """The reference closed: the keyboard goes back to the question (its chosen answer, else A)."""
        if self.body.currentIndex() == self.QUESTION:
            next((b for b in self.choices if b.isChecked()), self.choices[0]).setFocus()

    def _header(self) -> QFrame:
        header = QFrame()
        header.setObjectName("examHeader")
        col = QVBoxLayout(header)
        col.setContentsMargins(20, 10, 20, 10)
        col.setSpacing(4)
        # the title on a line of its own, above the counter and the clock: whole at any text size (it wraps)
        self.title = plain_label("", "h2")
        self.title.setAccessibleName("Exam")
        col.addWidget(self.title)
        h = QHBoxLayout()
        col.addLayout(h)
        self.counter = plain_label("", wrap=False)
        self.counter.setAccessibleName("Question number")
        self.flag_mark = plain_label("", wrap=False)
        self.timer = QLabel()
        self.timer.setObjectName("timer")
        self.timer.setAccessibleName("Time left")
        self.hide_timer = QPushButton("Hide time")
        self.hide_timer.setAccessibleName("Hide or show the time left")
        self.hide_timer.clicked.connect(self.toggle_timer)
        self.pause_btn = QPushButton("Pause and leave")
        self.pause_btn.setAccessibleName("Pause the exam and go back to Home; resume it later")
        for w, gap in ((self.counter, 16), (self.flag_mark, 16), (self.timer, 0), (self.hide_timer, 0),
                       (self.pause_btn, 0)):
            h.addWidget(w)
            if gap:
                h.addSpacing(gap)
            if w is self.flag_mark:
                h.addStretch(1)  # the clock and its buttons to the right
        return header

    @staticmethod
    def _note(outer: QVBoxLayout, style: str, name: str) -> QLabel:
        note = plain_label("", style)
        note.setContentsMargins(20, 4, 20, 0)
        note.setAccessibleName(name)
        note.hide()
        outer.addWidget(note)
        return note

    def _question_view(self) -> QWidget:
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
        self.choices = [ChoiceButton(letter) for letter in LETTERS]
        self.cross_buttons = [CrossButton(letter) for letter in LETTERS]
        for b, x in zip(self.choices, self.cross_buttons, strict=True):
            row = QHBoxLayout()
            row.setSpacing(8)
            row.addWidget(b, 1)
            row.addWidget(x, 0, Qt.AlignmentFlag.AlignVCenter)
            cl.addLayout(row)
        self.feedback = QFrame()
        self.feedback.setObjectName("card")
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
        return qview

    def _footer(self) -> QFrame:
        footer = QFrame()
        footer.setObjectName("examFooter")
        f = QHBoxLayout(footer)
        f.setContentsMargins(20, 10, 20, 10)
        self.prev_btn = QPushButton("< Previous")
        self.prev_btn.setAccessibleName("Previous question")
        self.flag_box = QCheckBox("Flag for review")
        self.flag_box.setAccessibleName("Flag this question for review")
        self.ref_btn = QPushButton()
        self.ref_btn.setMaximumWidth(380)
        self.review_btn = QPushButton("Review (R)")
        self.review_btn.setAccessibleName("Open the review screen")
        self.next_btn = push_button("Next >", "primary")
        self.next_btn.setAccessibleName("Next question")
        f.addWidget(self.prev_btn)
        f.addSpacing(16)
        f.addWidget(self.flag_box)
        f.addStretch(1)
        f.addWidget(self.ref_btn)
        f.addSpacing(8)
        f.addWidget(self.review_btn)
        f.addStretch(1)
        f.addWidget(self.next_btn)
        self.footer = footer
        return footer

    # -- painting
    def show_screen(self, which: int) -> None:
        self.body.setCurrentIndex(which)
        self.footer.setVisible(which == self.QUESTION)

    def paint_question(self, q: Question, position: int, count: int, feedback: bool) -> None:
        self.counter.setText(f"Question {position + 1} of {count}")
        show_marked(self.stem, q.stem, emphasis.of(q).get("stem", ()))
        self.exhibit.set_exhibit(q.exhibit)
        self.reference.show_for(q.reference, self.test_reference)
        for b, text in zip(self.choices, q.choices, strict=True):
            b.set_choice(text)
        self.prev_btn.setEnabled(position > 0)
        last = position == count - 1
        self.next_btn.setText("Finish" if last and feedback else ("End exam" if last else "Next >"))
        self.next_btn.setAccessibleName("Finish and see results" if last else "Next question")

    def paint_choices(self, st: ItemState, q: Question, feedback: bool) -> None:
        """The stored choice filled, crossed-out choices struck; in study modes, the key and a wrong choice marked."""
        shown = feedback and st.choice is not None
        for b in self.choices:
            mark = ""
            if shown:
                if b.letter == q.answer:
                    mark = "key"
                elif b.letter == st.choice:
                    mark = "wrong"
            b.set_state(b.letter == st.choice, b.letter in st.crossed_out, mark)
        for x in self.cross_buttons:
            x.show_crossed(x.letter in st.crossed_out)
            x.setEnabled(not shown)  # a study question answered takes no more changes

    def show_flag(self, flagged: bool) -> None:
        self.flag_box.setChecked(flagged)
        self.flag_mark.setText("⚑ Flagged" if flagged else "")

    def show_feedback(self, st: ItemState | None, q: Question | None) -> None:
        """Study modes: right or wrong, the key and the explanation (None hides it)."""
        if st is None or q is None or st.choice is None:
            self.feedback.hide()
            return
        if st.choice == q.answer:
            self.feedback_verdict.setObjectName("good")
            self.feedback_verdict.setText(f"✓ Correct: {q.answer}.")
        else:
            self.feedback_verdict.setObjectName("bad")
            self.feedback_verdict.setText(f"✗ Not quite. You chose {st.choice}; the answer is {q.answer}.")
        self.feedback_verdict.style().unpolish(self.feedback_verdict)
        self.feedback_verdict.style().polish(self.feedback_verdict)
        show_marked(self.feedback_text, q.explanation, emphasis.of(q).get("explanation", ()))
        self.feedback.show()
        self.announce(self.feedback_verdict.text())

    def say_not_saved(self, text: str) -> None:
        if text == self.save_note.text():
            return
        self.save_note.setText(text)
        self.save_note.setVisible(bool(text))
        if text:
            self.announce(text)

    def show_saving(self, saving: bool) -> None:
        if saving != self.saving_note.isVisible():
            self.saving_note.setText("Saving..." if saving else "")
            self.saving_note.setVisible(saving)

    def show_connection(self, offline: bool) -> None:
        if offline != self.connection_note.isHidden():
            return
        self.connection_note.setText("offline - answers are saved on this computer" if offline else "")
        self.connection_note.setVisible(offline)
        if offline:
            self.announce("Offline. Your answers are saved on this computer and sent when the server is back.")

    def show_clock(self, left: float | None) -> None:
        if left is None:
            return
        self.timer.setText(fmt_clock(left))
        warn = left <= 5 * 60  # the warning style only under 5 minutes
        if self.timer.property("warn") != ("true" if warn else "false"):
            self.timer.setProperty("warn", "true" if warn else "false")
            self.timer.style().unpolish(self.timer)
            self.timer.style().polish(self.timer)
        self.timer.setAccessibleDescription(f"{fmt_clock(left)} left")

    def keep_banner_room(self, left: float | None) -> None:
        """A timed exam keeps the banner's strip from its start (at the text size of the day), so a
        warning never moves the question; until the first warning the strip says when they come."""
        self.banner.setText("0")
        self.banner.ensurePolished()
        self.banner.setMinimumHeight(self.banner.sizeHint().height())
        self._ahead = warnings_ahead(left)
        self.banner.setVisible(left is not None)
        self.show_warning("")

    def show_warning(self, text: str, said: str = "") -> None:
        """The banner (one line, so it stays in its room) and, once, the whole sentence for a screen
        reader. Without a warning it says, quietly and unannounced, which warnings are still to come."""
        self.banner.setText(text or self._ahead)
        warn = "true" if text else "false"
        if self.banner.property("warn") != warn:
            self.banner.setProperty("warn", warn)
            self.banner.style().unpolish(self.banner)
            self.banner.style().polish(self.banner)
        if text:
            self.announce(said or text)

    def show_walk(self, text: str) -> None:
        self.walk_note.setText(text)
        self.walk_note.setVisible(bool(text))

    def toggle_timer(self) -> None:
        visible = not self.timer.isVisible()
        self.timer.setVisible(visible)
        self.hide_timer.setText("Hide time" if visible else "Show time")

    def hideEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        """Leaving the exam (paused, ended) closes its reference; minimising the app does not."""
        if not e.spontaneous():
            self.reference.close_window()
        super().hideEvent(e)

    def announce(self, text: str) -> None:
        """Tell a screen reader once (not every second, so it stays usable)."""
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.notice, text))
