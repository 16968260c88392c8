"""Results: the ASE score-report form (percent per content area), then every question reviewed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.charts import ChartPanel, share_labels, style_axes
from app.context import AppContext
from app.exhibit_view import ExhibitView
from app.fit_table import fit_to_rows
from app.pages.common import (
    card,
    fmt_clock,
    page_layout,
    plain_label,
    push_button,
    scrolling,
    show_marked,
    wrapping_list,
)
from app.reference_view import ReferenceLink
from questions.percent import fraction_text, percent_text
from study.classroom.lms import emphasis
from study.day_words import moment_text


class ResultsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.result: Any = None
        self.practice_set: Any = None  # the practice set this result came from, once read
        inner = QWidget()
        inner.setObjectName("page")
        lay = page_layout(inner, "Results")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(inner))

        self.notice = plain_label("", "muted")
        lay.addWidget(self.notice)
        top, t = card()
        self.headline = plain_label("", "h2")
        self.headline.setAccessibleName("Overall score")
        self.subline = plain_label("", "muted")
        t.addWidget(self.headline)
        t.addWidget(self.subline)
        lay.addWidget(top)

        areas_box, a = card()
        a.addWidget(plain_label("By content area", "h2"))
        row = QVBoxLayout()  # the table the card's whole width (long area names), the chart under it
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Area", "Content area", "Correct", "Percent", "Real-test share"])
        self.table.setAccessibleName("Score by content area")
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between rows
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.table.horizontalHeader()
        for col in (0, 2, 3, 4):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        # rows grow as a narrow window wraps a long area name, instead of cutting it off
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        fit_to_rows(self.table)  # every row shown, as the rows grow when a narrow window wraps an area name
        row.addWidget(self.table)
        self.chart = ChartPanel("Percent correct by content area", height=220)
        row.addWidget(self.chart)
        a.addLayout(row)
        self.weakest = plain_label("")
        a.addWidget(self.weakest)
        lay.addWidget(areas_box)

        review_box, r = card()
        r.addWidget(plain_label("Every question", "h2"))
        filt = QHBoxLayout()
        self.filter_group = QButtonGroup(self)
        self.filters = {}
        for key, label in (("all", "All"), ("wrong", "Wrong or unanswered only"), ("flagged", "Flagged")):
            rb = QRadioButton(label)
            rb.setAccessibleName(f"Show {label.lower()}")
            self.filter_group.addButton(rb)
            rb.toggled.connect(lambda on, k=key: self._fill_list(k) if on else None)
            self.filters[key] = rb
            filt.addWidget(rb)
        filt.addStretch(1)
        r.addLayout(filt)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.list = wrapping_list("Questions of this exam")
        self.list.currentItemChanged.connect(self._show_item)
        self.list.setMinimumHeight(280)
        split.addWidget(self.list)
        detail = QWidget()
        d = QVBoxLayout(detail)
        self.d_stem = plain_label("")
        self.d_exhibit = ExhibitView(max_scale=1.0)
        self.d_ref = QPushButton()  # the test's reference (L1: the practice vehicle) at the question's section
        self.d_reference = ReferenceLink(self.d_ref, ctx.settings)
        self.d_choices = plain_label("")
        self.d_verdict = plain_label("")
        self.d_expl = plain_label("")
        self.d_expl.setAccessibleName("Explanation")
        for w in (self.d_stem, self.d_exhibit, self.d_choices, self.d_verdict, self.d_expl):
            d.addWidget(w)
            if w is self.d_exhibit:
                d.addWidget(self.d_ref, 0, Qt.AlignmentFlag.AlignLeft)
        d.addStretch(1)
        split.addWidget(scrolling(detail))
        split.setSizes([320, 640])
        r.addWidget(split)
        lay.addWidget(review_box)
        buttons = QHBoxLayout()
        self.home_btn = QPushButton("Back to Home")
        self.home_btn.clicked.connect(lambda: ctx.navigate.emit("home"))
        self.practice_btn = push_button("Practice again", "primary")
        self.practice_btn.clicked.connect(lambda: ctx.navigate.emit("practice"))
        self.save_result_btn = QPushButton("Save result file...")
        self.save_result_btn.setAccessibleName("Save a result file to hand to your instructor")
        self.save_result_btn.clicked.connect(self._save_result_file)
        self.save_result_btn.hide()
        buttons.addWidget(self.home_btn)
        buttons.addStretch(1)
        self.saved_note = plain_label("", "muted")  # where the result file went, beside its button
        self.saved_note.setAccessibleName("Result file message")
        buttons.addWidget(self.saved_note, 3)
        buttons.addWidget(self.save_result_btn)
        buttons.addWidget(self.practice_btn)
        lay.addLayout(buttons)

    def set_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _save_result_file(self) -> None:
        from app.pages.instructor_student import save_result_file

        save_result_file(self, self.ctx, self.result, self.practice_set,
                         saved=lambda out: self.saved_note.setText(f"Saved {out.name}: hand this file to your "
                                                                   "instructor."))

    def show_result(self, result: Any, notice: str = "") -> None:
        self.result = result
        self.practice_set = None
        self.set_notice(notice)
        self.saved_note.setText("")
        self.save_result_btn.hide()
        services = self.ctx.services
        if services is not None and str(result.summary.mode) in ("set", "set_study"):
            # a practice set's result goes back to the instructor: read which set it came from
            exam_id = result.summary.id
            self.ctx.ops.read(lambda: services.practice_sets().set_for_exam(exam_id),
                              lambda ps: self._from_set(result, ps, notice), owner=self)
        s, score = result.summary, result.score
        self.headline.setText(f"{s.title}: {percent_text(score.percent)} ({score.correct} of {score.total} scored questions right)")
        used = fmt_clock(s.time_used_seconds)
        allowed = f" of {fmt_clock(s.time_limit_seconds)} allowed" if s.time_limit_seconds else " (untimed)"
        extra = (f" {score.unscored_items} unscored research question{'s' if score.unscored_items != 1 else ''} "
                 "did not count, as on the real test.") if score.unscored_items else ""
        self.subline.setText(f"Time used {used}{allowed}. Finished {moment_text(s.finished_at)}.{extra} "
                             "ASE reports pass or fail on a scaled standard, not a fixed percentage.")
        self.table.setRowCount(len(score.areas))
        bp = getattr(result, "blueprint", None)
        status = {a.letter: a.status for a in bp.areas} if bp is not None else {}
        for i, ar in enumerate(score.areas):
            sure = status.get(ar.area, "verified")  # a share from an assumed or unverified count says so
            cells = [ar.area, ar.title, f"{ar.correct} of {ar.total}" if ar.total else "-",
                     percent_text(ar.percent) if ar.total else "not in this exam",
                     fraction_text(ar.real_test_share) + ("" if sure == "verified" else f" ({sure})")]
            for j, text in enumerate(cells):
                it = QTableWidgetItem(text)
                it.setToolTip(text)
                if j != 1:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(i, j, it)
        self.table.resizeRowsToContents()
        tested = [ar for ar in score.areas if ar.total]
        if tested:
            worst = min(tested, key=lambda ar: (ar.percent, -ar.real_test_share))
            self.weakest.setText(f"Weakest area this time: {worst.area}. {worst.title} ({percent_text(worst.percent)}).")
        else:
            self.weakest.setText("")
        self.chart.redraw(lambda fig, c: self._draw_chart(fig, c, score))
        self.filters["all"].setChecked(True)
        self._fill_list("all")

    def _from_set(self, result: Any, ps: Any, notice: str) -> None:
        if result is not self.result or ps is None:
            return
        self.practice_set = ps
        self.save_result_btn.show()
        self.set_notice((notice + "\n" if notice else "") + "This exam came from a practice set: use Save result "
                        "file... below to hand your result to your instructor.")

    @staticmethod
    def _draw_chart(fig: Any, c: dict[str, str], score: Any) -> None:
        """Percent correct per area; each area's share of the real test in words under its letter."""
        ax = fig.add_subplot()
        style_axes(ax, c)
        letters = [a.area for a in score.areas]
        xs = range(len(letters))
        pct = [a.percent if a.total else 0 for a in score.areas]
        ax.bar(list(xs), pct, width=0.6, color=c["accent"], label="Your percent correct")
        # each area's share of the real test is said under its letter, not drawn on the percent-correct scale
        ax.set_xticks(list(xs), share_labels(letters, [a.real_test_share for a in score.areas]))
        ax.set_ylim(0, 100)
        ax.set_ylabel("%")
        ax.legend(loc="upper right", fontsize=7, frameon=False, labelcolor=c["text"])

    def _fill_list(self, key: str) -> None:
        if self.result is None:
            return
        self.list.clear()
        for it in self.result.items:
            if key == "wrong" and it.correct:
                continue
            if key == "flagged" and not it.flagged:
                continue
            mark = "✓" if it.correct else ("○" if it.choice is None else "✗")
            flag = " ⚑" if it.flagged else ""
            extra = " (unscored)" if not it.scored else ""
            topic = it.question.topic if it.question else it.question_id
            li = QListWidgetItem(f"{mark} {it.position + 1}. Area {it.area}: {topic}{flag}{extra}")
            li.setData(Qt.ItemDataRole.UserRole, it.position)
            verdict = "right" if it.correct else ("unanswered" if it.choice is None else "wrong")
            li.setData(Qt.ItemDataRole.AccessibleTextRole, f"Question {it.position + 1}, {verdict}{flag and ', flagged'}")
            self.list.addItem(li)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self._show_item(None)

    def _show_item(self, li: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        if li is None or self.result is None:
            for w in (self.d_stem, self.d_choices, self.d_verdict, self.d_expl):
                w.setText("")
            self.d_exhibit.set_exhibit(None)
            self.d_reference.show_for(None, None)
            return
        it = self.result.items[li.data(Qt.ItemDataRole.UserRole)]
        q = it.question
        self.d_reference.show_for(q.reference if q is not None else None,
                                  getattr(getattr(self.result, "blueprint", None), "reference", None) if q else None)
        if q is None:
            show_marked(self.d_stem, f"Question {it.question_id} is no longer in the bank.")
            self.d_exhibit.set_exhibit(None)
            self.d_choices.setText("")
            self.d_verdict.setText("")
            show_marked(self.d_expl, "")
            return
        marks = emphasis.of(q)  # an instructor's imported question keeps its bold and italic here too
        show_marked(self.d_stem, q.stem, marks.get("stem", ()), f"{it.position + 1}. ")
        self.d_exhibit.set_exhibit(q.exhibit)
        lines = []
        for letter, text in zip("ABCD", q.choices, strict=True):
            tags = []
            if letter == q.answer:
                tags.append("correct answer")
            if letter == it.choice:
                tags.append("your answer")
            lines.append(f"{letter}. {text}" + (f"   [{', '.join(tags)}]" if tags else ""))
        self.d_choices.setText("\n".join(lines))
        if it.choice is None:
            self.d_verdict.setText(f"Not answered. The answer is {q.answer}.")
        elif it.correct:
            self.d_verdict.setText(f"✓ Right: {it.choice}.")
        else:
            self.d_verdict.setText(f"✗ You chose {it.choice}; the answer is {q.answer}.")
        show_marked(self.d_expl, q.explanation, marks.get("explanation", ()))
