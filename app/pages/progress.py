"""Progress: where you stand per content area, your exam scores over time, a heat map of area by
week, the weak areas to drill next, and the questions you missed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import starting
from app.charts import ChartPanel, date_axis, readable_on, share_labels, style_axes
from app.context import AppContext
from app.fit_combo import FitCombo
from app.ops import Change
from app.pages.common import card, clear_layout, page_layout, plain_label, scrolling, wrapping_list
from app.table_model import RowsTable, cell, number
from questions.blueprints import flag
from questions.percent import fraction_text
from study.day_words import day_text


class ProgressPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.report: Any = None
        self._loading = False
        inner = QWidget()
        lay = page_layout(inner, "Progress")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(inner))

        row = QHBoxLayout()
        row.addWidget(plain_label("Test:", wrap=False))
        self.test_box = FitCombo("Test to show progress for")
        self.test_box.currentIndexChanged.connect(lambda _: self.load())
        row.addWidget(self.test_box)
        row.addStretch(1)
        lay.addLayout(row)
        self.status = plain_label("", "muted", notice=True)
        lay.addWidget(self.status)

        self.head_box, h = card()
        self.headline = plain_label("", "h2")
        self.headline.setAccessibleName("Readiness")
        self.long_run = plain_label("")
        self.long_run.setAccessibleName("Your long-run accuracy")
        self.day = plain_label("")
        self.day.setAccessibleName("What you might score on the day")
        self.note = plain_label("Your long-run accuracy is what you would get right over many questions like these. "
                                "On the day, one sitting of the real test's scored questions adds its own luck, so "
                                "that range is wider; the verdict reads it. ASE pass marks are scaled and not "
                                "published as a percentage: the verdict is measured against your own target "
                                "(Settings).", "muted")
        self.reworked = plain_label("", "muted")
        self.reworked.hide()
        for label in (self.headline, self.long_run, self.day, self.note, self.reworked):
            h.addWidget(label)
        lay.addWidget(self.head_box)

        self.weak_box, w = card()
        w.addWidget(plain_label("Work on these next", "h2"))
        self.weak_rows = QVBoxLayout()
        w.addLayout(self.weak_rows)
        lay.addWidget(self.weak_box)

        topics_box, tb = card()
        tb.addWidget(plain_label("By topic", "h2"))
        tb.addWidget(plain_label("Each topic's estimate leans on its area's until it has a few answers of its own.",
                                 "muted"))
        self.topic_table = RowsTable(["Area", "Topic", "Right", "Estimate", "80% interval"], "Accuracy by topic")
        th = self.topic_table.horizontalHeader()
        for col in (0, 2, 3, 4):
            th.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        th.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.topic_table.setMinimumHeight(220)
        tb.addWidget(self.topic_table)

        charts, c = card()
        self.area_chart = ChartPanel("Accuracy by content area")
        self.score_chart = ChartPanel("Practice exam scores")
        self.heat_chart = ChartPanel("Accuracy by area and week", height=220)
        for ch in (self.area_chart, self.score_chart, self.heat_chart):
            c.addWidget(ch)
        lay.addWidget(charts)

        missed_box, m = card()
        m.addWidget(plain_label("Missed questions", "h2"))
        m.addWidget(plain_label("Questions whose latest answer was wrong. Select one to see it again.", "muted"))
        mrow = QHBoxLayout()
        self.missed = wrapping_list("Missed questions")
        self.missed.setMinimumHeight(200)
        self.missed.currentItemChanged.connect(self._show_missed)
        mrow.addWidget(self.missed, 1)
        self.missed_text = plain_label("")
        self.missed_text.setMinimumWidth(360)
        mrow.addWidget(self.missed_text, 1)
        m.addLayout(mrow)
        self.missed_btn = QPushButton("Practice my missed questions")
        self.missed_btn.clicked.connect(self.practise_missed)
        m.addWidget(self.missed_btn, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addWidget(missed_box)
        lay.addStretch(1)
        lay.insertWidget(lay.indexOf(charts) + 1, topics_box)
        self.content = [self.head_box, self.weak_box, charts, topics_box, missed_box]

        ctx.ready.connect(self.fill_tests)
        ctx.changed.connect(lambda what: self._stale() if what & (Change.EXAMS | Change.SETTINGS) else None)

    def _stale(self) -> None:
        self.fill_tests()

    def on_show(self) -> None:
        if self.test_box.count() == 0:
            self.fill_tests()
        else:
            self.load()

    def fill_tests(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        learner = s.learner_id
        self.ctx.ops.read(lambda: s.analytics().tests_studied(learner), self._set_tests, owner=self)

    def _set_tests(self, tests: list[str]) -> None:
        s = self.ctx.services
        if s is None:
            return
        current = self.test_box.currentData()
        self.test_box.blockSignals(True)
        self.test_box.clear()
        for code in tests:
            self.test_box.addItem(s.blueprints.get(code).title, code)
        self.test_box.blockSignals(False)
        if current in tests:
            self.test_box.setCurrentIndex(tests.index(current))
        empty = not tests
        for w in self.content:
            w.setVisible(not empty)
        self.status.setText("No answers yet. Take a Quick 10 or a practice test and your progress shows here."
                            if empty else "")
        if not empty:
            self.load()

    def select_test(self, code: str) -> None:
        i = self.test_box.findData(code)
        if i >= 0:
            self.test_box.setCurrentIndex(i)

    def load(self) -> None:
        s = self.ctx.services
        test = self.test_box.currentData()
        if s is None or not test:
            return
        learner = s.learner_id
        self.status.setText("Working out where you stand...")
        self.ctx.ops.read(lambda: s.progress().report(learner, test), self.show_report,
                          lambda e, tb: self.status.setText(f"Could not compute progress: {e}"), owner=self)

    def show_report(self, report: Any) -> None:
        if report.test != self.test_box.currentData():
            return  # a read for the test chosen before: the one chosen since is on its way
        self.report = report
        self.status.setText("")
        st = report.standing
        r = st.readiness
        self.headline.setText(f"{report.test}: {r.verdict_text}.")
        self.long_run.setText(f"{r.long_run_text}.")
        self.day.setText(f"{r.day_text}: {r.chance_text}.")
        n = report.reworked
        self.reworked.setText(f"{n} of your answers were to questions that have been reworked since. They stay in "
                              "your history (past exams, scores, the heat map) but no longer count here." if n else "")
        self.reworked.setVisible(bool(n))
        clear_layout(self.weak_rows)
        shown = [a for a in st.areas if a.status == "weak"][:3] or [a for a in st.areas][:2]
        bp = self.ctx.services.blueprints.get(report.test) if self.ctx.services is not None else None
        sure = {x.letter: flag(x.status) for x in bp.areas} if bp is not None else {}  # ", assumed (...)" or ""
        for a in shown:
            row = QWidget()
            hl = QHBoxLayout(row)
            hl.setContentsMargins(0, 0, 0, 0)
            data = "not enough answers yet" if a.status == "not enough data" else (
                f"{fraction_text(a.estimate)} ({fraction_text(a.low)} to {fraction_text(a.high)}), {a.correct} of {a.answered} right")
            hl.addWidget(plain_label(f"{a.area}. {a.title}: {data}; {a.points_at_stake:.1f} points at stake "
                                     f"({a.scored_on_test} questions on the test{sure.get(a.area, '')})"), 1)
            b = QPushButton("Drill this")
            b.setAccessibleName(f"Drill area {a.area}, {a.title}")
            b.clicked.connect(lambda _=False, area=a.area: self.drill(area))
            hl.addWidget(b)
            self.weak_rows.addWidget(row)
        self.area_chart.redraw(lambda fig, c: self._draw_areas(fig, c, st))
        self.score_chart.redraw(lambda fig, c: self._draw_scores(fig, c, report.exams, r))
        self.heat_chart.redraw(lambda fig, c: self._draw_heat(fig, c, report))
        self.topic_table.set_rows([[cell(t.area), cell(t.topic), number(f"{t.correct} of {t.answered}", t.answered),
                                    number(fraction_text(t.estimate), t.estimate), number(f"{fraction_text(t.low)} to {fraction_text(t.high)}", t.low)]
                                   for t in report.topics])
        self.missed.clear()
        for mq in report.missed:
            li = QListWidgetItem(f"{mq.question_id}  area {mq.area}: {mq.topic} (missed {mq.times_missed}x)")
            li.setData(Qt.ItemDataRole.UserRole, mq.question_id)
            self.missed.addItem(li)
        self.missed_btn.setEnabled(len(report.missed) >= 1)
        self.missed_text.setText("" if report.missed else "Nothing missed. Well done.")

    # -- charts
    @staticmethod
    def _draw_areas(fig, c, st) -> None:  # type: ignore[no-untyped-def]
        ax = fig.add_subplot()
        style_axes(ax, c)
        areas = sorted(st.areas, key=lambda a: a.area)
        xs = list(range(len(areas)))
        est = [a.estimate * 100 for a in areas]
        err = [[(a.estimate - a.low) * 100 for a in areas], [(a.high - a.estimate) * 100 for a in areas]]
        total = sum(a.scored_on_test for a in areas) or 1
        ax.bar(xs, est, width=0.6, color=c["accent"], yerr=err, ecolor=c["text"], capsize=3,
               label="Your estimated accuracy (80% interval)")
        ax.axhline(st.readiness.target * 100, color=c["bad"], linestyle="--", linewidth=1, label="Your target")
        # each area's share of the real test is said under its letter, not drawn on the accuracy scale
        ax.set_xticks(xs, share_labels([a.area for a in areas], [a.scored_on_test / total for a in areas]))
        ax.set_ylim(0, 100)
        ax.set_ylabel("%")
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7, frameon=False, labelcolor=c["text"])

    @staticmethod
    def _draw_scores(fig, c, points, r) -> None:  # type: ignore[no-untyped-def]
        ax = fig.add_subplot()
        style_axes(ax, c)
        if not points:
            ax.text(0.5, 0.5, "No finished exams yet", ha="center", va="center", color=c["muted"],
                    transform=ax.transAxes)
            return
        xs = [p.finished for p in points]
        n = r.scored_questions or 1
        ax.axhspan(r.day_low / n * 100, r.day_high / n * 100, color=c["accent"], alpha=0.12, linewidth=0,
                   label="What you might score on the day (80%)")
        ax.plot(xs, [p.percent for p in points], marker="o", color=c["accent"], linewidth=1.5, markersize=4,
                label="Score, percent of scored questions")
        ax.axhline(r.target * 100, color=c["bad"], linestyle="--", linewidth=1, label="Your target")
        ax.set_ylim(0, 100)
        ax.set_ylabel("%")
        date_axis(ax, xs, c)
        # above the plot, so it never covers a point (the latest one sits at the right edge)
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, fontsize=7, frameon=False,
                  labelcolor=c["text"])

    @staticmethod
    def _draw_heat(fig, c, report) -> None:  # type: ignore[no-untyped-def]
        import numpy as np
        from matplotlib.colors import LinearSegmentedColormap

        ax = fig.add_subplot()
        style_axes(ax, c)
        areas = sorted({a.area for a in report.standing.areas})
        weeks = sorted({w.week for w in report.weeks})[-12:]
        if not weeks:
            return
        grid = np.full((len(areas), len(weeks)), np.nan)
        for wk in report.weeks:
            if wk.week in weeks and wk.area in areas and wk.answered:
                grid[areas.index(wk.area), weeks.index(wk.week)] = 100.0 * wk.correct / wk.answered
        cmap = LinearSegmentedColormap.from_list("acc", [c["bad"], c["panel"], c["accent"]])
        im = ax.imshow(grid, aspect="auto", cmap=cmap, vmin=0, vmax=100)
        ax.set_yticks(range(len(areas)), areas)
        ax.set_xticks(range(len(weeks)), [day_text(w, year=False, short=True) for w in weeks], rotation=45, ha="right")
        for i in range(len(areas)):
            for j in range(len(weeks)):
                if not np.isnan(grid[i, j]):
                    ax.text(j, i, f"{grid[i, j]:.0f}", ha="center", va="center", fontsize=7,
                            color=readable_on(im.cmap(im.norm(grid[i, j])), c))
        cb = fig.colorbar(im, ax=ax, fraction=0.03)
        cb.ax.tick_params(colors=c["text"], labelsize=7)
        ax.set_xlabel("Week starting")

    # -- actions
    def _show_missed(self, li: QListWidgetItem | None, _prev: QListWidgetItem | None = None) -> None:
        s = self.ctx.services
        if li is None or s is None:
            return
        q = s.bank.find(li.data(Qt.ItemDataRole.UserRole))
        if q is None:
            return
        choices = "\n".join(f"{L}. {t}" for L, t in zip("ABCD", q.choices, strict=True))
        self.missed_text.setText(f"{q.stem}\n\n{choices}\n\nAnswer: {q.answer}. {q.explanation}")

    def drill(self, area: str, test: str | None = None) -> None:
        test = test or self.test_box.currentData()
        if self.ctx.services is not None and test:
            starting.start_drill(self.ctx, self, test, area, refused=lambda c: self.status.setText(c.text))

    def practise_missed(self) -> None:
        if self.ctx.services is not None and self.report is not None and self.report.missed:
            starting.start_missed(self.ctx, self, self.report.test, refused=lambda c: self.status.setText(c.text))
