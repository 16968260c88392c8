"""Practice: pick a test (grouped by series) and a mode, then start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import starting
from app.context import AppContext
from app.fit_combo import FitCombo
from app.messages import plain_tip
from app.ops import Change
from app.pages.common import card, fmt_minutes, plain_label, scrolling, scrolling_page
from app.wrap_button import WrapButton
from app.wrap_tree import WrapDelegate

SERIES_NAMES = {
    "A": "Automobile and Light Truck", "G": "Maintenance and Light Repair", "L": "Advanced Level",
    "C": "Service Consultant", "P": "Parts Specialist", "X": "Specialty", "B": "Collision Repair and Refinish",
    "T": "Medium/Heavy Truck", "S": "School Bus", "E": "Entry-Level (students)",
}


class PracticePage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.test: str | None = None
        self.extra_time = 1.0  # the learner's extra-time factor, read on a worker
        self.unseen: dict[str, int] = {}  # per test, the questions this learner has not been shown yet
        lay = scrolling_page(self, "Practice", "Choose a test, then how you want to practice.")
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)  # the list beside the details, or above them
        self.columns.setSpacing(16)
        lay.addLayout(self.columns, 1)
        self.stacked = False

        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Test", "Questions", "New"])  # New: the questions not seen yet
        self.tree.headerItem().setToolTip(2, "Questions you have not seen yet: new exams draw those first")
        self.tree.setAccessibleName("Tests by series")
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.currentItemChanged.connect(self._picked)
        self.tree.itemClicked.connect(lambda *_: self._show_details())
        self.tree.setMinimumWidth(400)
        WrapDelegate(self.tree)  # a long name wraps to a second line, never ends in "..."
        left = QVBoxLayout()
        left.addWidget(self.tree, 1)
        left.addWidget(plain_label("† some figures of this test are unverified or assumed. Greyed tests cannot be taken yet; "
                                   "point at one to see why.", "muted"))
        self.columns.addLayout(left, 1)

        self.details = right_host = QWidget()
        right = QVBoxLayout(right_host)
        right.setContentsMargins(0, 0, 6, 0)
        self.details_area = scrolling(right_host, "Test details and practice modes")
        self.columns.addWidget(self.details_area, 1)
        self.info_box, info = card()
        self.title = plain_label("Loading tests...", "h2")
        self.facts = plain_label("", "muted")
        self.areas = plain_label("")
        info.addWidget(self.title)
        info.addWidget(self.facts)
        # the app's own assumptions for a test ASE published no figures for (C1): one click away, so
        # the practice modes stay in view at 1024x700
        self.why_btn = WrapButton("Why some figures are assumed")  # wraps in a narrow column at 200 %
        self.why_btn.setCheckable(True)
        self.why_btn.setAccessibleName("Show why some of this test's figures are assumed")
        self.why_btn.toggled.connect(self._show_why)
        self.why = plain_label("", "muted")
        self.why.setAccessibleName("Why the figures are assumed")
        info.addWidget(self.why_btn, 0, Qt.AlignmentFlag.AlignLeft)
        info.addWidget(self.why)
        self.unseen_note = plain_label("")
        self.unseen_note.setAccessibleName("Questions not seen yet")
        info.addWidget(self.unseen_note)
        right.addWidget(self.info_box)

        self.mode_buttons: dict[str, QPushButton] = {}
        for key in ("full", "half", "quick10"):
            b = WrapButton("", "mode")
            b.clicked.connect(lambda _=False, k=key: self.start(k))
            self.mode_buttons[key] = b
            right.addWidget(b)
        self.timed_quick = QCheckBox("Time the Quick 10")
        self.timed_quick.setAccessibleName("Time the Quick 10 at 90 seconds a question")
        right.addWidget(self.timed_quick)
        self.timed_note = plain_label("", "muted")  # how long, wrapped under the box
        right.addWidget(self.timed_note)
        drill_row = QHBoxLayout()
        self.drill_btn = WrapButton("Category drill\n10-20 questions from one area, explanations as you go", "mode")
        self.drill_btn.setAccessibleName("Category drill: 10 to 20 questions from the chosen content area")
        self.drill_btn.clicked.connect(self.start_drill)
        self.drill_area = FitCombo("Content area for the category drill")
        right.addWidget(self.drill_btn)
        right.addWidget(plain_label("Area for the drill:", wrap=False))
        drill_row.addWidget(self.drill_area, 1)
        right.addLayout(drill_row)
        self.missed_btn = WrapButton("Missed questions\nThe questions whose latest answer was wrong", "mode")
        self.missed_btn.setAccessibleName("Missed questions: practice the questions whose latest answer was wrong")
        self.missed_btn.clicked.connect(self.start_missed)
        right.addWidget(self.missed_btn)
        self.open_set_btn = WrapButton("Open practice set...\nA set file from your instructor (.aseset)", "mode")
        self.open_set_btn.setAccessibleName("Open practice set: a set file from your instructor")
        self.open_set_btn.clicked.connect(self.open_set)
        right.addWidget(self.open_set_btn)
        self.reason = plain_label("", "muted")
        right.addWidget(self.reason)
        # the content areas under the modes: choosing how to practice comes first
        areas_box, areas = card()
        areas.addWidget(plain_label("Content areas", "strong"))
        areas.addWidget(self.areas)
        right.addWidget(areas_box)
        right.addStretch(1)
        ctx.ready.connect(self.fill)
        ctx.changed.connect(lambda what: self._read_extra_time() if what & Change.SETTINGS else None)
        ctx.changed.connect(lambda what: self._read_unseen() if what & Change.EXAMS else None)

    # -- the arrangement: side by side while both columns have room, the list above the details at large text
    def event(self, e: QEvent) -> bool:
        if e.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show):
            self._arrange()
        return super().event(e)

    def wants_stacking(self, width: int) -> bool:
        """Whether, at `width`, the list beside the details would leave test names under about 18
        characters a line (or the details under 30): then the list goes above the details."""
        ch = self.tree.fontMetrics().averageCharWidth()
        room = width - 2 * 28 - self.columns.spacing() - 20  # the page's margins and a scroll bar
        tree = max(self.tree.minimumWidth(), room // 2)
        counts = sum(max(self.tree.header().sectionSizeHint(c), self.tree.sizeHintForColumn(c)) for c in (1, 2))
        names = (tree - counts - 2 * self.tree.indentation()
                 - self.tree.verticalScrollBar().sizeHint().width())
        return names < 18 * ch or room - tree < 30 * ch

    def _arrange(self) -> None:
        stacked = self.wants_stacking(self.width())
        if stacked == self.stacked:
            return
        self.stacked = stacked
        rows = self.tree.fontMetrics().height() * 3 // 2
        if stacked:  # one page that scrolls: about eight tests in view, then every detail at its full height
            self.details_area.takeWidget()
            self.details_area.hide()
            self.columns.removeWidget(self.details_area)
            self.columns.setDirection(QBoxLayout.Direction.TopToBottom)
            self.columns.addWidget(self.details)
            self.details.show()
            self.tree.setMinimumHeight(self.tree.header().sizeHint().height() + 8 * rows)
        else:
            self.columns.removeWidget(self.details)
            self.columns.setDirection(QBoxLayout.Direction.LeftToRight)
            self.details_area.setWidget(self.details)
            self.columns.addWidget(self.details_area, 1)
            self.details_area.show()
            self.tree.setMinimumHeight(0)

    def _show_details(self) -> None:
        """With the list above the details, a test picked brings its details' heading into view."""
        page = next((a for a in self.findChildren(QScrollArea) if a.accessibleName() == "Practice page"), None)
        if self.stacked and page is not None:
            page.ensureWidgetVisible(self.title, 0, self.title.height() * 3)

    def on_show(self) -> None:
        if self.ctx.services is not None and self.tree.topLevelItemCount() == 0:
            self.fill()
        else:
            self._read_unseen()

    def _read_unseen(self) -> None:
        s = self.ctx.services
        if s is not None:
            codes = [bp.code for bp in s.blueprints.tests]
            self.ctx.ops.read(lambda: s.exams.unseen(codes), self._got_unseen, owner=self)

    def _got_unseen(self, unseen: dict[str, int]) -> None:
        self.unseen = unseen
        for i in range(self.tree.topLevelItemCount()):
            g = self.tree.topLevelItem(i)
            for j in range(g.childCount() if g is not None else 0):
                it = g.child(j) if g is not None else None
                code = it.data(0, Qt.ItemDataRole.UserRole) if it is not None else None
                n = it.data(1, Qt.ItemDataRole.UserRole) if it is not None else None
                if it is not None and code in unseen and n and not it.isDisabled():
                    it.setText(2, str(unseen[code]))
                    it.setToolTip(2, f"{unseen[code]} of {n} {code} questions you have not seen yet")
        self._say_unseen()

    def _say_unseen(self) -> None:
        s, code = self.ctx.services, self.test
        if s is None or code is None or code not in self.unseen:
            self.unseen_note.setText("")
            return
        n, new = len(s.bank.for_test(code)), self.unseen[code]
        self.unseen_note.setText(f"{new} of {n} {code} questions you have not seen yet: new exams draw those "
                                 "first, then the ones you saw longest ago." if new else
                                 f"You have seen all {n} {code} questions: new exams draw the ones you saw "
                                 "longest ago first.")

    def _read_extra_time(self) -> None:
        s = self.ctx.services
        if s is not None:
            self.ctx.ops.read(s.settings.extra_time, self._got_extra_time, owner=self)

    def _got_extra_time(self, factor: float) -> None:
        self.extra_time = factor
        self._picked(self.tree.currentItem())

    def fill(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        self._read_extra_time()
        from questions.exam import ExamMode, unavailable_reason

        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        first_enabled = None
        for bp in s.blueprints.tests:
            group = groups.get(bp.series)
            if group is None:
                group = QTreeWidgetItem([f"{bp.series} series: {SERIES_NAMES.get(bp.series, '')}", "", ""])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[bp.series] = group
                self.tree.addTopLevelItem(group)
                group.setFirstColumnSpanned(True)  # a series' name across the row, not cut at the counts
            n = sum(s.bank.count_by_area(bp.code).values())
            reason = unavailable_reason(bp, s.bank.count_by_area(bp.code), ExamMode.QUICK10)
            sure = not bp.figure_statuses  # every figure it shows is verified (a missing one is said as such)
            status = "ready" if sure else "ready; some figures unverified or assumed"
            count = str(n)
            if reason:
                status = ("no questions yet" if not n else "not enough questions") if bp.areas else "no area breakdown"
                count = "none yet" if not n else f"{n} (too few)"
            mark = "" if sure else " †"
            item = QTreeWidgetItem([f"{bp.code}  {bp.name}{mark}", count, ""])
            item.setData(0, Qt.ItemDataRole.UserRole, bp.code)
            item.setData(1, Qt.ItemDataRole.UserRole, n)
            tip = f"{bp.code} {bp.name}: {reason}" if reason else f"{bp.code} {bp.name}: {n} questions; {status}"
            for col in range(3):
                item.setToolTip(col, plain_tip(tip))
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{bp.code} {bp.name}, {n} questions, {reason or status}")
            if reason:
                item.setDisabled(True)
            elif first_enabled is None:
                first_enabled = item
            group.addChild(item)
        self.tree.expandAll()
        self._arrange()  # the counts' columns are as wide as their numbers now
        self._read_unseen()
        if self.test:
            self.select_test(self.test)
        elif first_enabled is not None:
            self.tree.setCurrentItem(first_enabled)

    def select_test(self, code: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            g = self.tree.topLevelItem(i)
            for j in range(g.childCount() if g is not None else 0):
                it = g.child(j) if g is not None else None
                if it is not None and it.data(0, Qt.ItemDataRole.UserRole) == code and not it.isDisabled():
                    self.tree.setCurrentItem(it)
                    return

    def _picked(self, item: QTreeWidgetItem | None, _prev: QTreeWidgetItem | None = None) -> None:
        s = self.ctx.services
        code = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if s is None or not code:
            return
        from questions.exam import ExamMode, mode_plan, unavailable_reason

        self.test = code
        bp = s.blueprints.get(code)
        counts = s.bank.count_by_area(code)
        from questions.blueprints import flag
        from questions.figures import assumption_notes

        def said(figure: str, words: str) -> str:
            return words + flag(bp.figure_status(figure))

        scored = (said("scored_questions", f"{bp.scored_questions} scored questions") if bp.scored_questions
                  else "scored count not known")
        if bp.unscored_questions:
            scored += " + " + said("unscored_questions", f"{bp.unscored_questions} unscored research questions")
        elif bp.scored_questions:
            scored += " + unscored research questions (number not published in our sources)"
        limit = said("time_minutes", f"{bp.time_minutes} minutes") if bp.time_minutes else "time limit not known"
        self.title.setText(f"{bp.code} {bp.name}")
        self._fill_drill_areas(bp)
        self.drill_btn.setEnabled(bool(counts))
        drawn = f" Drawn from {bp.mirrors}'s entry-level questions." if bp.mirrors else ""
        verified = "" if not bp.figure_statuses else " Figures marked unverified may differ from the current test."
        if bp.assumptions:
            verified += " Those marked assumed are ASE Prep's own, where ASE published none."
        notes = assumption_notes(bp)
        self.facts.setText(f"Real test: {scored}; {limit}.{drawn}{verified}")
        self.why.setText("\n".join(f"• {n}" for n in notes))
        self.why_btn.setVisible(bool(notes))
        self._show_why(self.why_btn.isChecked())
        self._say_unseen()
        lines = []
        for a in bp.areas:
            have = counts.get(a.letter, 0)
            lines.append(f"{a.letter}. {a.title}: {a.scored_questions} on the test{flag(a.status)}; {have} in the bank")
        self.areas.setText("\n".join(lines))
        texts = {}
        factor = self.extra_time
        for key, mode in (("full", ExamMode.FULL), ("half", ExamMode.HALF), ("quick10", ExamMode.QUICK10)):
            reason = unavailable_reason(bp, counts, mode)
            b = self.mode_buttons[key]
            if mode is ExamMode.QUICK10:
                text = "Quick 10\nTen questions, the explanation after each answer"
            else:
                try:
                    plan = mode_plan(bp, mode)
                    extra = f" + up to {plan.unscored} unscored" if plan.unscored else ""
                    seconds = plan.time_limit_seconds
                    minutes = fmt_minutes(seconds * factor if seconds is not None else None)
                    text = f"{mode.label}\n{plan.scored} questions{extra}, {minutes}, results at the end"
                    if factor != 1 and seconds is not None:
                        text += f"\nIncludes your extra time (x{factor:g}); without it: {fmt_minutes(seconds)}"
                except Exception as e:  # the blueprint lacks a figure: say which
                    text, reason = f"{mode.label}", str(e).split(": ", 1)[-1]
            b.setText(text + (f"\nNot available: {reason}" if reason else ""))
            b.setAccessibleName(text.replace("\n", ": ") + (f". Not available: {reason}" if reason else ""))
            b.setEnabled(reason is None)
            texts[key] = reason
        self.reason.setText("")
        from questions.exam import QUICK_SECONDS_PER_QUESTION

        per = f"{QUICK_SECONDS_PER_QUESTION * factor:g} seconds a question"
        self.timed_note.setText(f"A timed Quick 10 gives {per}{' with your extra time' if factor != 1 else ''}.")
        self.timed_quick.setAccessibleName(f"Time the Quick 10 at {per}")

    def _show_why(self, shown: bool) -> None:
        self.why.setVisible(shown and bool(self.why.text()))
        self.why_btn.setText("Hide why the figures are assumed" if shown else "Why some figures are assumed")

    def _fill_drill_areas(self, bp: Any) -> None:
        self.drill_area.clear()
        for a in bp.areas:
            self.drill_area.addItem(f"{a.letter}. {a.title}", a.letter)

    def open_set(self) -> None:
        starting.open_practice_set(self.ctx, self)

    def start_drill(self) -> None:
        area = self.drill_area.currentData()
        if self.ctx.services is not None and self.test is not None and area:
            starting.start_drill(self.ctx, self, self.test, area)

    def start_missed(self) -> None:
        if self.ctx.services is not None and self.test is not None:
            starting.start_missed(self.ctx, self, self.test)

    def start(self, key: str) -> None:
        if self.ctx.services is not None and self.test is not None:
            starting.start_mode(self.ctx, self, self.test, key, timed_quick=self.timed_quick.isChecked())
