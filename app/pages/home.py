"""Home: resume an interrupted exam, see recent exams and reopen their results."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import starting
from app.cells import Cell, cell
from app.context import AppContext
from app.fit_table import fit_to_rows, share_width
from app.home_figures import Figures, exam_figures, plan_figures, readiness_figures
from app.ops import Change
from app.pages.common import button_row, card, clear_layout, fmt_clock, plain_label, push_button, scrolling_page
from app.plain_table import PlainTable
from app.wrap_button import WrapButton
from questions.percent import percent_text
from study.day_words import moment_text


class HomePage(QWidget):
    filled = Signal()  # every part of the page shows what is stored (recent exams, readiness, today's session)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._pending: set[str] = set()  # the parts of a refresh still on their way
        self._in_progress: Figures | None = None
        self._recent: list[Figures] = []
        self._shown: dict[str, Any] = {}  # each part's figures as now on screen
        self._plan_waiting = False  # Start was pressed on the kept figures: it starts once the plan is read
        lay = scrolling_page(self, "Home", "Your practice at a glance.")

        self.status = plain_label("Loading the question bank...", "muted")
        lay.addWidget(self.status)

        # resume banner
        self.banner, b = card()
        self.banner.setObjectName("banner")
        row = QHBoxLayout()
        self.banner_text = plain_label("")
        row.addWidget(self.banner_text, 1)
        self.resume_btn = push_button("Resume", "primary")
        self.resume_btn.setAccessibleName("Resume the unfinished exam")
        self.resume_btn.clicked.connect(self._resume)
        self.discard_btn = QPushButton("Discard")
        self.discard_btn.setAccessibleName("Discard the unfinished exam")
        self.discard_btn.clicked.connect(self._discard)
        row.addWidget(self.resume_btn)
        row.addWidget(self.discard_btn)
        b.addLayout(row)
        self.banner.hide()
        lay.addWidget(self.banner)

        # readiness headline per test being studied, with the next thing to do
        self.ready_box, rb = card()
        rb.addWidget(plain_label("Where you stand", "h2"))
        self.ready_rows = QVBoxLayout()
        rb.addLayout(self.ready_rows)
        rb.addWidget(plain_label("Your long-run accuracy is the share of questions like these you get right over "
                                 "many questions; what you might score on the day adds the luck of one sitting of "
                                 "the real test's scored questions. Verdicts are measured against your own target; "
                                 "ASE pass marks are scaled and not published as a percentage.", "muted"))
        self.ready_box.hide()
        lay.addWidget(self.ready_box)

        # today's session of the study plan, with a Start button
        self.plan_box, pb = card()
        pb.addWidget(plain_label("Today's session", "h2"))
        self.plan_text = plain_label("")
        self.plan_text.setAccessibleName("Today's study-plan session")
        pb.addWidget(self.plan_text)
        prow = QHBoxLayout()
        self.plan_start_btn = WrapButton("Start", "primary")  # a long session name wraps
        self.plan_start_btn.clicked.connect(self._start_plan_session)
        self.plan_open_btn = QPushButton("Open the study plan")
        self.plan_open_btn.setAccessibleName("Open the study plan page")
        self.plan_open_btn.clicked.connect(lambda: self.ctx.navigate.emit("plan"))
        prow.addWidget(self.plan_start_btn)
        prow.addWidget(self.plan_open_btn)
        prow.addStretch(1)
        pb.addLayout(prow)
        self.plan_msg = plain_label("", "muted")
        self.plan_msg.hide()
        pb.addWidget(self.plan_msg)
        self._plan_session: Any = None
        self._plan_next: int | None = None
        self.plan_box.hide()
        lay.addWidget(self.plan_box)

        # empty state
        self.empty, e = card()
        e.addWidget(plain_label("No exams yet. A good first step: a Quick 10 on A5 Brakes, with the "
                                "explanation after each answer.", "h2"))
        self.first_btn = push_button("Start a Quick 10 on A5 Brakes", "primary")
        self.first_btn.clicked.connect(self._first_quick10)
        e.addWidget(button_row(self.first_btn))
        e.addWidget(plain_label("Not sure which test to take first? The first-test advisor on the Certifications "
                                "page suggests one and builds a study plan for it.", "muted"))
        self.advisor_btn = QPushButton("Open the first-test advisor")
        self.advisor_btn.clicked.connect(lambda: self.ctx.navigate.emit("certs"))
        e.addWidget(button_row(self.advisor_btn))
        self.empty.hide()
        lay.addWidget(self.empty)

        # recent exams
        self.recent_box, r = card()
        r.addWidget(plain_label("Recent exams", "h2"))
        self.table = PlainTable(["Date", "Test", "Mode", "Score", "Time used"],
                                "Recent exams; press Enter to open a result")
        # every column whole while they fit, the mode taking the room left; at a large text they wrap
        # ('Half-length practice test', never 'Half-length practic...'), every row in view: the page scrolls
        share_width(self.table, wrapping=(2, 0, 3, 4))
        fit_to_rows(self.table)
        self.table.activated.connect(lambda idx: self._open(idx.row()))
        self.table.doubleClicked.connect(lambda idx: self._open(idx.row()))
        r.addWidget(self.table)
        self.open_btn = QPushButton("Open result")
        self.open_btn.clicked.connect(lambda: self._open(self.table.currentRow()))
        r.addWidget(button_row(self.open_btn, right=True))
        self.recent_box.hide()
        lay.addWidget(self.recent_box)
        lay.addStretch(1)

        ctx.ready.connect(self.refresh)
        ctx.changed.connect(self._changed)

    def _changed(self, what: Change) -> None:
        if what & (Change.EXAMS | Change.SETTINGS):
            self.refresh()
        elif what & Change.PLAN:
            self._refresh_plan()

    def on_show(self) -> None:
        self.refresh()

    def show_error(self, message: str) -> None:
        self.status.setText(message)
        self.status.show()

    def refresh(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        self._pending |= {"exams", "readiness"}
        self.ctx.ops.read(lambda: exam_figures(s), self._fill, self._unread, owner=self)
        self.ctx.ops.read(lambda: readiness_figures(s), self._fill_readiness, self._unread, owner=self)
        self._refresh_plan()

    def _refresh_plan(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        self._pending.add("plan")
        self.ctx.ops.read(lambda: plan_figures(s), lambda read: self._fill_plan(*read), self._unread, owner=self)

    def show_kept(self, figures: Figures) -> None:
        """What the page showed when the app last closed, kept because the database has not changed
        since (study/storage/snapshot.py): shown while the services load, then read again."""
        self._pending |= {"exams", "readiness", "plan"}
        self._fill(figures["exams"])
        self._fill_readiness(figures["readiness"])
        self._fill_plan(figures["plan"], None, None)

    def _unread(self, e: BaseException, _tb: str) -> None:
        """A read that failed (a class server gone, say): said on the page, read again at the next change."""
        from study.storage.failures import explain_failure

        s = self.ctx.services
        self.show_error((explain_failure(e, s.db.url) if s is not None else None) or f"Could not read your record: {e}")

    def _fill_plan(self, plan: Figures | None, session: Any, nxt: int | None) -> None:
        self._part_filled("plan")
        self._plan_session, self._plan_next = session, nxt  # None while the figures are those kept
        self.plan_msg.hide()
        if plan != self._shown.get("plan", ()):
            self._shown["plan"] = plan
            self.plan_box.setVisible(plan is not None)
            if plan is not None:
                self.plan_text.setText(plan["text"])
                label = plan["start"]
                self.plan_start_btn.setVisible(label is not None)
                if label is not None:
                    self.plan_start_btn.setText(f"Start: {label}")
                    self.plan_start_btn.setAccessibleName(f"Start today's session: {label}")
        if self._plan_waiting and session is not None:
            self._plan_waiting = False
            self._start_plan_session()

    def _start_plan_session(self) -> None:
        if self._plan_session is None or self._plan_next is None:
            if self._shown.get("plan") and self.ctx.services is None:  # the kept figures: Start once read
                self._plan_waiting = True
                self.ctx.wait_visibly()
            return
        self.plan_msg.hide()
        starting.start_plan_activity(self.ctx, self, self._plan_session, self._plan_next, refused=self._cannot_start)

    def _cannot_start(self, why: starting.CannotStart) -> None:
        self.plan_msg.setText(why.text)
        self.plan_msg.setVisible(True)

    def _part_filled(self, part: str) -> None:
        """Emit `filled` once the last part of a refresh has arrived (after it has been laid out)."""
        self._pending.discard(part)
        if not self._pending:
            QTimer.singleShot(0, self.filled.emit)

    def _fill_readiness(self, standings: list[Figures]) -> None:
        self._part_filled("readiness")
        if standings == self._shown.get("readiness"):
            return  # read again after the kept figures: the same, nothing to redraw
        self._shown["readiness"] = standings
        clear_layout(self.ready_rows)
        self.ready_box.setVisible(bool(standings))
        for st in standings:
            test, top = st["test"], st["top"]
            row = QWidget()
            hl = QHBoxLayout(row)
            hl.setContentsMargins(0, 0, 0, 0)
            words = QVBoxLayout()
            words.setSpacing(2)
            head = plain_label(f"{test}: {st['verdict']}.")
            head.setObjectName("strong")
            words.addWidget(head)
            words.addWidget(plain_label(f"{st['long_run']}."))
            words.addWidget(plain_label(f"{st['day']}."))
            if top is not None:
                words.addWidget(plain_label(f"Next: area {top['area']}, {top['title']} "
                                            f"({top['points']:.1f} points at stake).", "muted"))
            row.setAccessibleName(f"{test} readiness: {st['verdict']}. {st['long_run']}. {st['day']}.")
            hl.addLayout(words, 1)
            if top is not None:
                b = QPushButton(f"Drill {test} area {top['area']}")
                b.setAccessibleName(f"Drill {test} area {top['area']}, {top['title']}")
                b.clicked.connect(lambda _=False, t=test, a=top["area"]: self.ctx.drill.emit(t, a))
                hl.addWidget(b)
            self.ready_rows.addWidget(row)

    def _fill(self, data: Figures) -> None:
        self._part_filled("exams")
        self.status.hide()
        if data == self._shown.get("exams"):
            return
        self._shown["exams"] = data
        in_progress, recent = data["in_progress"], data["recent"]
        self._in_progress = in_progress
        self._recent = recent
        if in_progress is not None:
            left = in_progress["left"]
            when = f", {fmt_clock(left)} left" if left is not None else ""
            self.banner_text.setText(
                f"{in_progress['title']} is not finished: question {in_progress['position'] + 1} of "
                f"{in_progress['questions']}, {in_progress['answered']} answered{when}.")
            self.banner.show()
        else:
            self.banner.hide()
        self.empty.setVisible(not recent and in_progress is None)
        self.recent_box.setVisible(bool(recent))
        rows = []
        for ex in recent:
            pct = ex["percent"]
            score = f"{percent_text(pct)} ({ex['correct']} of {ex['total']})" if pct is not None else "-"
            used = fmt_clock(ex["used"])
            if ex["limit"]:
                used += f" of {fmt_clock(ex['limit'])}"
            moment = datetime.fromisoformat(ex["started"])
            started = Cell(moment_text(moment, short=True), moment, ex["id"])  # sorts by the moment
            rows.append([started] + [cell(text, data=ex["id"]) for text in (ex["test"], ex["mode"], score, used)])
        self.table.set_rows(rows)
        if recent and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def _open(self, row: int) -> None:
        if not 0 <= row < len(self._recent) or not self.ctx.when_ready(f"home.open.{row}", lambda: self._open(row)):
            return
        assert self.ctx.services is not None
        exams = self.ctx.services.exams
        exam_id = self._recent[row]["id"]
        self.ctx.ops.read(lambda: exams.result(exam_id), self.ctx.open_result, owner=self)

    def _resume(self) -> None:
        if self._in_progress is None or not self.ctx.when_ready("home.resume", self._resume):
            return
        assert self.ctx.services is not None
        exams, exam_id = self.ctx.services.exams, self._in_progress["id"]
        self.banner.hide()  # once: the exam page opens when it is claimed for this window
        self._in_progress = None
        self._shown.pop("exams", None)  # drawn again at the next read, whatever it says
        self.ctx.ops.write(lambda: exams.resume(exam_id), self.ctx.start_exam, self._cannot_resume,
                           changes=Change.EXAMS)

    def _cannot_resume(self, e: BaseException, _tb: str) -> None:
        self.show_error(f"The exam cannot be resumed: {e}")
        self.refresh()

    def _discard(self) -> None:
        if self._in_progress is None or not self.ctx.when_ready("home.discard", self._discard):
            return
        assert self.ctx.services is not None
        exams, exam_id = self.ctx.services.exams, self._in_progress["id"]
        self.banner.hide()
        self._in_progress = None
        self._shown.pop("exams", None)
        self.ctx.ops.write(lambda: exams.abandon(exam_id), changes=Change.EXAMS)

    def _first_quick10(self) -> None:
        starting.start_mode(self.ctx, self, "A5", "quick10")
