"""Study plan: choose the tests, the exam date and three or four evenings; see the plan week by
week with today marked, start today's drill or practice exam, mark sessions done or skipped,
change the settings and re-plan, and export the plan to a calendar (.ics), CSV or a printable PDF."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.messages import confirm, plain_tip, warn
from app.pages.common import card, page_layout, plain_label, scrolling
from app.workers import run_in_background

DAYS = (("mon", "Mon", "Monday"), ("tue", "Tue", "Tuesday"), ("wed", "Wed", "Wednesday"),
        ("thu", "Thu", "Thursday"), ("fri", "Fri", "Friday"), ("sat", "Sat", "Saturday"), ("sun", "Sun", "Sunday"))
KIND_WORDS = {"study": "Study", "exam": "★ Practice exam", "light": "Light review"}


def start_plan_activity(parent: QWidget, ctx: AppContext, session, index: int) -> str | None:  # type: ignore[no-untyped-def]
    """Start one of a session's drills, exams or reviews; returns why it cannot start, if it cannot."""
    s = ctx.services
    if s is None:
        return "Still loading the question bank."
    from questions.exam import NotEnoughQuestions

    extra = getattr(s.settings, "extra_time", None)
    factor = float(extra()) if callable(extra) else 1.0
    try:
        start = s.plans().start_form(session, index, time_factor=factor)
    except (ValueError, NotEnoughQuestions) as e:
        return str(e)
    unfinished = s.exams.in_progress()
    if unfinished is not None:
        if not confirm(parent, "An exam is not finished",
                       f"{unfinished.title} is not finished ({unfinished.answered} of {unfinished.question_count} "
                       "answered). Starting this session closes it unfinished; its answers stay in your history. "
                       "Start the session?"):
            return None
        s.exams.abandon(unfinished.id)
    ctx.start_exam(s.exams.start(start.form, start.title, start.source))
    return None


def cell_text(session, today: date) -> str:  # type: ignore[no-untyped-def]
    """What a calendar cell says: marks in words and symbols, never colour alone."""
    lines = []
    if session.day == today:
        lines.append("▶ TODAY")
    status = {"done": "✓ Done", "skipped": "✗ Skipped"}.get(session.status, "")
    if session.status == "done" and session.score is not None:
        status += f" {session.score:.0f} %"
    if session.status == "planned" and session.day < today:
        status = "○ Not marked"
    if status:
        lines.append(status)
    lines.append(KIND_WORDS.get(session.kind, "Study"))
    tests = sorted({f.test for f in session.focus})
    if session.kind == "exam":
        lines.append(", ".join(tests))
    else:
        for t in tests:
            lines.append(f"{t} " + ", ".join(f.area for f in session.focus if f.test == t))
    lines.append(f"{session.minutes} min")
    return "\n".join(lines)


class PlanForm(QWidget):
    """The plan's inputs. Emits `submitted` with a PlanRequest; the page validates and saves."""

    submitted = Signal(object)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.heading = plain_label("Make your study plan", "h2")
        lay.addWidget(self.heading)
        lay.addWidget(plain_label("Which tests are you studying for?"))
        self.test_grid = QGridLayout()
        lay.addLayout(self.test_grid)
        self.test_boxes: dict[str, QCheckBox] = {}
        self.recert = QCheckBox("Aim at the shorter recertification test")
        self.recert.setAccessibleName("Aim at the shorter recertification test")
        lay.addWidget(self.recert)
        self.recert_note = plain_label("", "muted")
        lay.addWidget(self.recert_note)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.exam_date = QDateEdit(calendarPopup=True)
        self.exam_date.setDisplayFormat("ddd d MMM yyyy")
        self.exam_date.setAccessibleName("Exam date")
        self.start_date = QDateEdit(calendarPopup=True)
        self.start_date.setDisplayFormat("ddd d MMM yyyy")
        self.start_date.setAccessibleName("Start date")
        self.weeks_note = plain_label("", "muted")
        for w in (self.exam_date, self.start_date):
            w.setMinimumWidth(220)
            w.dateChanged.connect(self._weeks)
        form.addRow("Exam date", self.exam_date)
        form.addRow("Start on", self.start_date)
        form.addRow(self.weeks_note)
        days = QHBoxLayout()
        self.day_boxes: dict[str, QCheckBox] = {}
        for key, short, long in DAYS:
            b = QCheckBox(short)
            b.setAccessibleName(f"Study on {long} evenings")
            self.day_boxes[key] = b
            days.addWidget(b)
        days.addStretch(1)
        form.addRow("Evenings (3 or 4)", days)
        self.minutes = QSpinBox()
        self.minutes.setRange(45, 180)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(" minutes")
        self.minutes.setAccessibleName("Minutes an evening")
        self.start_time = QTimeEdit()
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setAccessibleName("Start time")
        form.addRow("Each evening", self.minutes)
        form.addRow("Starting at", self.start_time)
        lay.addLayout(form)

        self.problems = plain_label("", "bad")
        self.problems.setAccessibleName("Problems with the plan's settings")
        self.problems.hide()
        lay.addWidget(self.problems)
        row = QHBoxLayout()
        self.submit_btn = QPushButton("Create plan", objectName="primary")
        self.submit_btn.setAccessibleName("Create the study plan")
        self.submit_btn.clicked.connect(lambda: self.submitted.emit(self.request()))
        self.cancel_btn = QPushButton("Cancel")
        self.cancel_btn.setAccessibleName("Cancel, keep the plan as it is")
        self.cancel_btn.clicked.connect(self.cancelled.emit)
        row.addWidget(self.submit_btn)
        row.addWidget(self.cancel_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.reset(date.today())

    def set_tests(self, tests: list[tuple[str, str]], recert_tests: list[str]) -> None:
        """(code, title) of each test with questions; `recert_tests` have recertification figures."""
        checked = self.selected_tests()
        for b in self.test_boxes.values():
            b.deleteLater()
        self.test_boxes = {}
        for i, (code, title) in enumerate(tests):
            b = QCheckBox(title)
            b.setAccessibleName(f"Study for {title}")
            b.setChecked(code in checked)
            self.test_boxes[code] = b
            self.test_grid.addWidget(b, i // 3, i % 3)
        known = ", ".join(recert_tests) or "none yet"
        self.recert_note.setText(f"Recertification tests are shorter, with the same content areas. Our blueprint "
                                 f"file has their length and time for: {known}.")

    def selected_tests(self) -> list[str]:
        return [c for c, b in self.test_boxes.items() if b.isChecked()]

    def reset(self, today: date) -> None:
        self.start_date.setDate(QDate(today.year, today.month, today.day))
        exam = today + timedelta(weeks=7)
        self.exam_date.setDate(QDate(exam.year, exam.month, exam.day))
        for key, b in self.day_boxes.items():
            b.setChecked(key in ("mon", "wed", "thu"))
        self.minutes.setValue(90)
        self.start_time.setTime(QTime(19, 0))
        self.show_problems([])

    def fill(self, tests: list[str], recert: bool, settings=None) -> None:  # type: ignore[no-untyped-def]
        """Tick the given tests; with `settings` (a PlanSettings), show that plan's choices."""
        for code, b in self.test_boxes.items():
            b.setChecked(code in tests)
        self.recert.setChecked(recert)
        if settings is not None:
            for w, d in ((self.start_date, settings.start_date), (self.exam_date, settings.exam_date)):
                w.setDate(QDate(d.year, d.month, d.day))
            for key, b in self.day_boxes.items():
                b.setChecked(key in settings.evenings)
            self.minutes.setValue(settings.minutes)
            h, m = (int(x) for x in settings.start_time.split(":"))
            self.start_time.setTime(QTime(h, m))
        self.show_problems([])

    def request(self):  # type: ignore[no-untyped-def]
        from study.planning.planner import PlanRequest

        return PlanRequest(tuple(self.selected_tests()), tuple(k for k, b in self.day_boxes.items() if b.isChecked()),
                           self.exam_date.date().toPython(), self.start_date.date().toPython(), None,
                           self.minutes.value(), self.start_time.time().toString("HH:mm"), self.recert.isChecked())

    def show_problems(self, problems: list[str]) -> None:
        self.problems.setText(("Please check:\n" + "\n".join(f"• {p}" for p in problems)) if problems else "")
        self.problems.setVisible(bool(problems))

    def _weeks(self) -> None:
        days = self.start_date.date().daysTo(self.exam_date.date())
        w, d = divmod(max(0, days), 7)
        self.weeks_note.setText(f"{w} weeks{f' and {d} days' if d else ''} from the start to the exam "
                                "(a plan takes 6 to 8 weeks)")


class PlanPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.view = None  # StudyPlanView
        self.featured = None  # the session Start begins: today's, else the next one
        self.scores: dict[int, float] = {}
        self.due_count = 0
        self.loading = False
        self._form_mode: str | None = None  # "new" | "change" while the form is open
        self._pending: tuple[list[str], bool] | None = None
        self._selected_id: int | None = None
        inner = QWidget()
        lay = page_layout(inner, "Study plan", "Six to eight weeks of evening sessions aimed at your weak areas, "
                                               "each area's topics ordered by your results, weakest first. After "
                                               "every drill and practice exam the sessions ahead are re-planned.")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        area = scrolling(inner)
        area.setAccessibleName("Study plan page; Page Up and Page Down scroll")
        outer.addWidget(area)
        self.status = plain_label("", "muted")
        lay.addWidget(self.status)

        self.form_box, fb = card()
        self.form = PlanForm()
        self.form.submitted.connect(self.submit)
        self.form.cancelled.connect(self.close_form)
        fb.addWidget(self.form)
        self.form_box.hide()
        lay.addWidget(self.form_box)

        self.summary_box, sb = card()
        self.summary = plain_label("", "h2")
        self.progress_text = plain_label("")
        self.progress_text.setAccessibleName("Progress through the plan")
        self.notes = plain_label("", "muted")
        for w in (self.summary, self.progress_text, self.notes):
            sb.addWidget(w)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, name, slot in (
                ("change", "Change settings", "Change the plan's settings and re-plan", self.open_change),
                ("new", "New plan", "Make a new plan", self.open_new),
                ("ics", "Export calendar (.ics)", "Export the plan to a calendar file (.ics)", self.export_ics),
                ("csv", "Export CSV", "Export the plan as CSV", self.export_csv),
                ("pdf", "Print (PDF)", "Save a printable PDF of the plan", self.export_pdf)):
            b = QPushButton(text)
            b.setAccessibleName(name)
            b.clicked.connect(lambda _=False, f=slot: f())
            self.buttons[key] = b
            row.addWidget(b)
        row.addStretch(1)
        sb.addLayout(row)
        lay.addWidget(self.summary_box)

        self.today_box, tb = card()
        self.today_title = plain_label("", "h2")
        self.today_focus = plain_label("")
        tb.addWidget(self.today_title)
        tb.addWidget(self.today_focus)
        self.activity_rows = QVBoxLayout()
        tb.addLayout(self.activity_rows)
        trow = QHBoxLayout()
        self.start_btn = QPushButton("Start", objectName="primary")
        self.start_btn.clicked.connect(self.start_next)
        self.done_btn = QPushButton("Mark done")
        self.skip_btn = QPushButton("Skip")
        self.done_btn.clicked.connect(lambda: self._mark(self.featured, "done"))
        self.skip_btn.clicked.connect(lambda: self._mark(self.featured, "skipped"))
        for b in (self.start_btn, self.done_btn, self.skip_btn):
            trow.addWidget(b)
        trow.addStretch(1)
        tb.addLayout(trow)
        self.start_msg = plain_label("", "muted")
        tb.addWidget(self.start_msg)
        lay.addWidget(self.today_box)

        self.cal_box, cb = card()
        cb.addWidget(plain_label("Week by week", "h2"))
        cb.addWidget(plain_label("▶ today   ✓ done   ✗ skipped   ○ past, not marked   ★ practice exam   "
                                 "◆ exam day. Select a day to see its session.", "muted"))
        self.calendar = QTableWidget(0, 8)
        self.calendar.setHorizontalHeaderLabels(["Week"] + [d[1] for d in DAYS])
        self.calendar.setAccessibleName("Week-by-week calendar of the plan; the arrow keys move between days")
        self.calendar.verticalHeader().hide()
        self.calendar.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.calendar.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.calendar.setWordWrap(True)
        self.calendar.setTabKeyNavigation(False)  # Tab leaves the calendar; arrows move between days
        self.calendar.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.calendar.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.calendar.currentCellChanged.connect(lambda r, c, *_: self._select(r, c))
        self.calendar.horizontalHeader().sectionResized.connect(lambda *_: self._fit_calendar())
        cb.addWidget(self.calendar)
        lay.addWidget(self.cal_box)

        self.detail_box, db = card()
        self.detail_title = plain_label("", "h2")
        self.detail_text = plain_label("")
        db.addWidget(self.detail_title)
        db.addWidget(self.detail_text)
        drow = QHBoxLayout()
        self.detail_done = QPushButton("Mark done")
        self.detail_skip = QPushButton("Mark skipped")
        self.detail_undo = QPushButton("Not done yet")
        self.detail_done.clicked.connect(lambda: self._mark(self._selected(), "done"))
        self.detail_skip.clicked.connect(lambda: self._mark(self._selected(), "skipped"))
        self.detail_undo.clicked.connect(lambda: self._mark(self._selected(), "planned"))
        for b in (self.detail_done, self.detail_skip, self.detail_undo):
            drow.addWidget(b)
        drow.addStretch(1)
        db.addLayout(drow)
        lay.addWidget(self.detail_box)
        lay.addStretch(1)
        self.plan_widgets = [self.summary_box, self.today_box, self.cal_box, self.detail_box]
        for w in self.plan_widgets:
            w.hide()

        ctx.ready.connect(self._fill_tests)
        ctx.changed.connect(lambda what: self.load() if what in ("exams", "plan", "settings") else None)
        if ctx.services is not None:
            self._fill_tests()

    # -- loading
    def on_show(self) -> None:
        self.load()

    def _fill_tests(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        tests = [(t.code, t.title) for t in s.blueprints.tests if t.areas and s.bank.count_by_area(t.code)]
        codes = {c for c, _ in tests}
        self.form.set_tests(tests, [t.code for t in s.blueprints.tests if t.recertification and t.code in codes])
        if self._pending is not None:
            self.prefill(*self._pending)
        self.load()

    def load(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        plans = s.plans()
        today = date.today()

        def read():  # type: ignore[no-untyped-def]
            featured, scores = plans.featured(today)
            return plans.active(), featured, scores, len(plans.due(today))

        self.loading = True
        run_in_background(read, self._show, self._failed)

    def _failed(self, e: BaseException, _tb: str) -> None:
        self.loading = False
        self.status.setText(f"Could not read the study plan: {e}")

    def _show(self, data) -> None:  # type: ignore[no-untyped-def]
        self.loading = False
        self.view, self.featured, self.scores, self.due_count = data
        view = self.view
        has = view is not None
        for w in self.plan_widgets:
            w.setVisible(has)
        if not has:
            self.status.setText("No study plan yet. Choose your tests, your exam date and three or four evenings a "
                                "week: the plan aims the time at your weak areas and adjusts after every practice exam.")
            if self._form_mode is None:
                self._open_form("new")
            self.form.cancel_btn.hide()
            return
        self.status.setText("")
        self.form.cancel_btn.show()
        self.form_box.setVisible(self._form_mode is not None)
        self._fill_summary(view)
        self._fill_today()
        self._fill_calendar(view)

    def _fill_summary(self, view) -> None:  # type: ignore[no-untyped-def]
        st = view.settings
        s = self.ctx.services
        names = ", ".join(s.blueprints.get(t).title if s and t in s.blueprints else t for t in st.tests)
        recert = " (recertification test)" if st.recert else ""
        left = (st.exam_date - date.today()).days
        self.summary.setText(f"{names}{recert}: exam on {st.exam_date:%a %d %b %Y}, in {left} days")
        prog = view.progress(date.today())
        mark = "✓" if prog.on_track else "⚠"
        self.progress_text.setText(f"{mark} {prog.text}. Evenings: {', '.join(e.capitalize() for e in st.evenings)} "
                                   f"at {st.start_time}, {st.minutes} minutes.")
        self.notes.setText("\n".join(view.notes))
        self.notes.setVisible(bool(view.notes))

    def _fill_today(self) -> None:
        from study.planning.export import activity_short, focus_text
        from study.planning.plans import next_activity

        while self.activity_rows.count():
            item = self.activity_rows.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        f = self.featured
        self.start_msg.setText("")
        self.start_msg.hide()
        if f is None:
            self.today_title.setText("No sessions left before the exam. Rest well, and good luck.")
            self.today_focus.setText("")
            for b in (self.start_btn, self.done_btn, self.skip_btn):
                b.hide()
            return
        today = date.today()
        when = f"Today's session, {f.day:%a %d %b}" if f.day == today else \
            f"Next session: {f.day:%a %d %b} (you can start early)"
        state = {"done": ", done ✓", "skipped": ", skipped ✗"}.get(f.status, "")
        self.today_title.setText(f"{when}, {f.start_time}, {f.minutes} minutes{state}")
        self.today_focus.setText(f"Focus: {focus_text(f.focus, f.kind)}")
        for i, a in enumerate(f.activities):
            row = QWidget()
            hl = QHBoxLayout(row)
            hl.setContentsMargins(0, 0, 0, 0)
            text = f"{a.minutes} min {a.kind}: {a.text}"
            if a.kind == "review" and a.purpose != "exam":
                text += f" ({self.due_count} due now)"
            if i in self.scores:
                text = f"✓ Done, {self.scores[i]:.0f} %. " + text
            hl.addWidget(plain_label(text), 1)
            if a.kind in ("drill", "exam", "review"):
                b = QPushButton("Start" if i not in self.scores else "Again")
                b.setAccessibleName(f"Start {activity_short(a)}")
                b.clicked.connect(lambda _=False, k=i: self.start_activity(k))
                hl.addWidget(b)
            self.activity_rows.addWidget(row)
        nxt = next_activity(f, self.scores)
        self.start_btn.setVisible(nxt is not None)
        if nxt is not None:
            label = activity_short(f.activities[nxt])
            self.start_btn.setText(f"Start: {label}")
            self.start_btn.setAccessibleName(f"Start {label}")
        for b in (self.done_btn, self.skip_btn):
            b.setVisible(f.status == "planned")
            b.setAccessibleName(f"{b.text()}: the session of {f.day:%A %d %B}")

    def _fill_calendar(self, view) -> None:  # type: ignore[no-untyped-def]
        st = view.settings
        today = date.today()
        first = st.start_date - timedelta(days=st.start_date.weekday())
        last = st.exam_date
        weeks = (last - first).days // 7 + 1
        by_day = {s.day: s for s in view.sessions}
        self.calendar.blockSignals(True)
        self.calendar.clearContents()
        self.calendar.setRowCount(weeks)
        bold = QFont()
        bold.setBold(True)
        ids = {s.id for s in view.sessions}
        target = self._selected_id if self._selected_id in ids else (self.featured.id if self.featured else None)
        current = None
        for w in range(weeks):
            monday = first + timedelta(weeks=w)
            head = QTableWidgetItem(f"Week {w + 1}\n{monday:%d %b}")
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.calendar.setItem(w, 0, head)
            for d in range(7):
                day = monday + timedelta(days=d)
                s = by_day.get(day)
                if s is not None:
                    text = cell_text(s, today)
                elif day == st.exam_date:
                    text = "◆ EXAM DAY\n" + ", ".join(st.tests)
                elif day == today:
                    text = "▶ TODAY\nno session"
                else:
                    text = f"{day:%d %b}" if st.start_date <= day <= st.exam_date else ""
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id if s is not None else None)
                item.setToolTip(plain_tip(f"{day:%A %d %B %Y}"))
                if day == today or day == st.exam_date:
                    item.setFont(bold)
                    mark = QColor(self.palette().highlight().color())
                    mark.setAlpha(50)  # a tint that works on light and dark themes; the words carry the meaning
                    item.setBackground(mark)
                elif s is None:
                    item.setForeground(self.palette().placeholderText())
                self.calendar.setItem(w, d + 1, item)
                if s is not None and s.id == target:
                    current = (w, d + 1)
        self._fit_calendar()
        self.calendar.blockSignals(False)
        if current is not None:
            self.calendar.setCurrentCell(*current)
            self._select(*current)

    def _fit_calendar(self) -> None:
        """Rows as tall as their text at the current column widths, and no inner scrolling."""
        cal = self.calendar
        cal.resizeRowsToContents()
        cal.setFixedHeight(cal.horizontalHeader().height() + sum(cal.rowHeight(r) for r in range(cal.rowCount())) + 4)

    # -- the selected day
    def _selected(self):  # type: ignore[no-untyped-def]
        if self.view is None or self._selected_id is None:
            return None
        return next((s for s in self.view.sessions if s.id == self._selected_id), None)

    def _select(self, row: int, col: int) -> None:
        from study.planning.export import focus_text

        item = self.calendar.item(row, col)
        sid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        self._selected_id = sid
        s = self._selected()
        for b in (self.detail_done, self.detail_skip, self.detail_undo):
            b.setVisible(s is not None)
        if s is None:
            self.detail_title.setText("No session that day.")
            self.detail_text.setText("")
            return
        status = {"planned": "planned", "done": "done ✓", "skipped": "skipped ✗"}.get(s.status, s.status)
        if s.status == "done" and s.score is not None:
            status += f", score {s.score:.0f} %"
        self.detail_title.setText(f"{s.day:%A %d %B}, {s.start_time}, {s.minutes} minutes: {status}")
        lines = [f"Focus: {focus_text(s.focus, s.kind)}"] + [f"• {a.minutes} min {a.kind}: {a.text}"
                                                             for a in s.activities]
        self.detail_text.setText("\n".join(lines))
        self.detail_done.setEnabled(s.status != "done")
        self.detail_skip.setEnabled(s.status != "skipped")
        self.detail_undo.setEnabled(s.status != "planned")
        for b in (self.detail_done, self.detail_skip, self.detail_undo):
            b.setAccessibleName(f"{b.text()}: the session of {s.day:%A %d %B}")

    # -- actions
    def start_activity(self, index: int) -> None:
        if self.featured is None:
            return
        why = start_plan_activity(self, self.ctx, self.featured, index)
        self.start_msg.setText(why or "")
        self.start_msg.setVisible(bool(why))

    def start_next(self) -> None:
        from study.planning.plans import next_activity

        if self.featured is not None:
            i = next_activity(self.featured, self.scores)
            if i is not None:
                self.start_activity(i)

    def _mark(self, session, status: str) -> None:  # type: ignore[no-untyped-def]
        s = self.ctx.services
        if s is None or session is None:
            return
        plans = s.plans()
        self._selected_id = session.id
        self.loading = True
        run_in_background(lambda: plans.mark(session.id, status),
                          lambda _v: self.ctx.changed.emit("plan"), self._failed)

    def prefill(self, tests: list[str], recert: bool = False) -> None:
        """Open the form for a new plan with these tests ticked (the Certifications page calls this)."""
        if not self.form.test_boxes:
            self._pending = (list(tests), recert)
            return
        self._pending = None
        self._open_form("new")
        self.form.fill(list(tests), recert)

    def open_new(self) -> None:
        self._open_form("new")
        if self.view is not None:
            self.form.fill(list(self.view.settings.tests), self.view.settings.recert)

    def open_change(self) -> None:
        if self.view is None:
            return
        self._open_form("change")
        st = self.view.settings
        self.form.fill(list(st.tests), st.recert, st)

    def _open_form(self, mode: str) -> None:
        self._form_mode = mode
        self.form.heading.setText("Make your study plan" if mode == "new" else "Change the plan and re-plan")
        self.form.submit_btn.setText("Create plan" if mode == "new" else "Re-plan with these settings")
        self.form.submit_btn.setAccessibleName(self.form.submit_btn.text())
        self.form.start_date.setEnabled(mode == "new" or self.view is None
                                        or self.view.settings.start_date > date.today())
        self.form_box.show()
        self.form.submit_btn.setEnabled(True)

    def close_form(self) -> None:
        if self.view is None:
            return
        self._form_mode = None
        self.form_box.hide()

    def submit(self, request) -> None:  # type: ignore[no-untyped-def]
        s = self.ctx.services
        if s is None:
            return
        plans = s.plans()
        mode, view = self._form_mode, self.view
        job = (lambda: plans.change(view.id, request)) if mode == "change" and view is not None else \
            (lambda: plans.create(request))
        self.form.submit_btn.setEnabled(False)
        self.form.show_problems([])
        self.status.setText("Making your plan...")
        self.loading = True
        run_in_background(job, self._submitted, self._submit_failed)

    def _submitted(self, _view) -> None:  # type: ignore[no-untyped-def]
        self.loading = False
        self.form.submit_btn.setEnabled(True)
        self._form_mode = None
        self.form_box.hide()
        self.status.setText("")
        self._selected_id = None
        self.ctx.changed.emit("plan")

    def _submit_failed(self, e: BaseException, _tb: str) -> None:
        from study.planning.planner import PlanInputError

        self.loading = False
        self.form.submit_btn.setEnabled(True)
        self.status.setText("")
        if isinstance(e, PlanInputError):
            self.form.show_problems(list(e.problems))
        else:
            self.form.show_problems([f"The plan could not be saved: {e}"])

    # -- export
    def _export(self, title: str, suffix: str, filt: str, write, path: str | None) -> str | None:  # type: ignore[no-untyped-def]
        if self.view is None:
            return None
        if path is None:
            name = f"ase-study-plan-{'-'.join(self.view.settings.tests)}{suffix}"
            path, _ = QFileDialog.getSaveFileName(self, title, name, filt)
            if not path:
                return None
        try:
            write(self.view, path)
        except OSError as e:
            warn(self, "Could not save the plan",
                 f"Could not write {path}: {e.strerror or e}. Choose another folder or file name.")
            return None
        self.status.setText(f"Saved {path}")
        return path

    def export_ics(self, path: str | None = None) -> str | None:
        from datetime import datetime
        from pathlib import Path

        from study.planning.export import write_ics

        return self._export("Export the plan to a calendar", ".ics", "Calendar (*.ics)",
                            lambda v, p: write_ics(v, Path(p), now=datetime.now()), path)

    def export_csv(self, path: str | None = None) -> str | None:
        from pathlib import Path

        from study.planning.export import write_csv

        return self._export("Export the plan as CSV", ".csv", "CSV (*.csv)", lambda v, p: write_csv(v, Path(p)), path)

    def export_pdf(self, path: str | None = None) -> str | None:
        from app.plan_pdf import write_pdf

        return self._export("Save a printable plan", ".pdf", "PDF (*.pdf)", write_pdf, path)


if __name__ == "__main__":  # preview: python -m app.pages.plan [DATA_DIR]
    import sys
    from pathlib import Path

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from study.services import open_services

    qapp = QApplication(sys.argv)
    context = AppContext(QSettings())
    page = PlanPage(context)
    page.resize(1100, 800)
    page.show()
    context.set_services(open_services(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
    sys.exit(qapp.exec())
