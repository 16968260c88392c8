"""Instructor > Class results: import the result files students send back, then see the class as a
heat map by student and content area, where the class is weak, an item analysis as Moodle reports
it, and a gradebook; the tables export to CSV (the gradebook to Excel too)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QVBoxLayout, QWidget

from app.charts import ChartPanel, readable_on, style_axes
from app.context import AppContext
from app.fit_combo import FitCombo
from app.ops import Change
from app.pages.common import button_row, card, plain_label
from app.pages.instructor_common import (
    button,
    fill_table,
    first_line,
    plural,
    refill,
    save_path,
    table,
    write_file,
)
from app.table_model import cell, number
from questions.percent import fraction_text, percent_text


class ClassTab(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.report: Any = None
        self.last_import: Any = None
        self._sets: list[Any] = []
        self.loading = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)

        box, b = card()
        self.test_box = FitCombo("Class results for test")
        self.test_box.currentIndexChanged.connect(lambda _i: self._fill_sets())
        self.test_box.setPlaceholderText("No practice sets yet")
        self.set_box = FitCombo("Class results for practice set")
        self.set_box.currentIndexChanged.connect(lambda _i: self.load())
        self.import_btn = button("Import result files...", "Import students' result files", self.import_files,
                                 primary=True)
        self.folder_btn = button("Import a folder...", "Import every result file in a folder", self.import_folder)
        b.addWidget(button_row(plain_label("Results for", wrap=False), self.test_box, self.set_box))
        b.addWidget(button_row(self.import_btn, self.folder_btn))
        self.status = plain_label("", "muted", notice=True)  # no empty gap in the card while it says nothing
        self.status.setAccessibleName("Class results status")
        b.addWidget(self.status)
        self.problems = table(["File", "What is wrong"], "Result files that were refused", sortable=False)
        self.problems.setMinimumHeight(90)
        self.problems.hide()
        b.addWidget(self.problems)
        lay.addWidget(box)
        from app.pages.instructor_roster import RosterCard

        self.roster = RosterCard(ctx)
        lay.addWidget(self.roster)

        self.content = QWidget()
        cl = QVBoxLayout(self.content)
        cl.setContentsMargins(0, 0, 0, 0)
        box, b = card()
        self.heat = ChartPanel("Score by student and content area", height=240)
        b.addWidget(self.heat)
        cl.addWidget(box)
        box, b = card()
        b.addWidget(plain_label("Where the class is weak", "h2"))
        b.addWidget(plain_label("The class's answers per content area, ranked by points at stake on the real test "
                                "(the same ranking a learner sees for themselves).", "muted"))
        self.weak_table = table(["Area", "Content area", "Class estimate", "Right", "Points at stake", "Status"],
                                "Class weak categories, most points at stake first", sortable=False)
        self.weak_table.setMinimumHeight(150)
        self.weak_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.weak_table.horizontalHeader().setStretchLastSection(False)
        b.addWidget(self.weak_table)
        cl.addWidget(box)
        box, b = card()
        b.addWidget(plain_label("Item analysis", "h2"))
        b.addWidget(plain_label(
            "As Moodle's quiz statistics report it, from each student's first attempt. Facility: percent who got it "
            "right. Discrimination: Moodle's correlation-based index (100 x the correlation between the question and "
            "the rest of the set); under 20 is weak and negative usually means a wrong key or a misleading question, "
            "so those rows say \"Check\".", "muted"))
        frow = QHBoxLayout()
        self.flagged_only = QCheckBox("Only questions to check")
        self.flagged_only.setAccessibleName("Show only questions with low or negative discrimination")
        self.flagged_only.toggled.connect(lambda _on: self._filter_items())
        frow.addWidget(self.flagged_only)
        frow.addStretch(1)
        frow.addWidget(button("Export CSV...", "Export the item analysis to CSV", self.export_items))
        b.addLayout(frow)
        self.items_table = table(["#", "Question", "Area", "Key", "Facility", "Discrimination", "Verdict", "A", "B",
                                  "C", "D", "Blank", "Students"], "Item analysis: click a column heading to sort")
        self.items_table.setMinimumHeight(300)
        self.items_table.setWordWrap(False)
        b.addWidget(self.items_table)
        cl.addWidget(box)
        box, b = card()
        b.addWidget(plain_label("Gradebook", "h2"))
        self.grade_table = table(["Student", "Set", "Attempts", "First attempt", "Best", "Finished", "Late"],
                                 "Gradebook")
        b.addWidget(self.grade_table)
        b.addWidget(button_row(
            button("Export CSV...", "Export the gradebook to CSV", lambda: self.export_gradebook(".csv")),
            button("Export Excel...", "Export the gradebook to Excel", lambda: self.export_gradebook(".xlsx"))))
        cl.addWidget(box)
        self.content.hide()
        lay.addWidget(self.content)
        self.empty = plain_label("No results yet. Hand out a set from \"Build a set\", then import the .aseresult "
                                 "files your students send back (many at once, or a whole folder).", "muted")
        lay.addWidget(self.empty)
        lay.addStretch(1)
        self._fill_sets()

    def fill(self) -> None:
        s = self.ctx.services
        if s is None:
            return
        self.ctx.ops.read(lambda: s.practice_sets().all(), self._got_sets, owner=self)

    def _got_sets(self, sets: list[Any]) -> None:
        s = self.ctx.services
        if s is None:
            return
        self._sets = sets
        self.roster.refresh()
        refill(self.test_box, [(s.blueprints.get(code).title if code in s.blueprints else code, code)
                               for code in sorted({ps.test for ps in sets})])
        self._fill_sets()

    def _fill_sets(self) -> None:
        test = self.test_box.currentData()
        sets = [(f"{ps.title} ({ps.short_hash})", ps.hash) for ps in self._sets if ps.test == test]
        refill(self.set_box, [(f"Every {test} set", ""), *sets] if test else [])
        self.test_box.setEnabled(self.test_box.count() > 0)  # nothing to choose before the first practice set
        self.set_box.setVisible(bool(test))
        self.load()

    def load(self) -> None:
        s = self.ctx.services
        test = self.test_box.currentData()
        if s is None or not test:
            self._show(None)
            return
        set_hash = self.set_box.currentData() or None
        self.loading = True
        self.ctx.ops.read(lambda: s.classroom().report(test, set_hash), self._show, self._failed, owner=self)

    def _failed(self, e: BaseException, _tb: str) -> None:
        self.loading = False
        self.status.setText(f"Could not build the class report: {e}")

    def _show(self, report: Any) -> None:
        self.loading = False
        self.report = report
        has = report is not None and not report.empty
        self.content.setVisible(has)
        self.empty.setVisible(not has)
        if not has:
            return
        self.heat.redraw(lambda fig, c: draw_heat(fig, c, report))
        self.heat.canvas.setMinimumHeight(max(240, 24 * len(report.students) + 90))
        weak = report.standing.areas if report.standing else ()
        fill_table(self.weak_table, [[cell(a.area), cell(a.title), cell(fraction_text(a.estimate)),
                                      cell(f"{a.correct} of {a.answered}"), cell(f"{a.points_at_stake:.1f}"),
                                      cell(a.status)] for a in weak])
        rows = []
        for it in report.items:
            band = it.discrimination_band
            verdict = ("Check: " if it.flagged else "") + band.split(":")[0]
            q = cell(first_line(it.stem, 60), data=it.question_id, tip=it.stem)
            rows.append([number(str(it.position), it.position), q, cell(it.area), cell(it.answer),
                         number("-" if it.facility is None else percent_text(it.facility), it.facility),
                         number("-" if it.discrimination is None else f"{it.discrimination:.0f}",
                                    it.discrimination),
                         cell(verdict, data=it.flagged, tip=f"Discrimination {it.discrimination_band}"),
                         *[number(str(n), n) for n in it.choice_counts], number(str(it.attempts), it.attempts)])
        fill_table(self.items_table, rows)
        hh = self.items_table.horizontalHeader()
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.items_table.setColumnWidth(1, 300)
        self._filter_items()
        fill_table(self.grade_table, [[cell(g.student), cell(g.set_title), number(str(g.attempts), g.attempts),
                                       number(percent_text(g.first_percent), g.first_percent),
                                       number(percent_text(g.best_percent), g.best_percent),
                                       cell(g.last_finished), cell("late" if g.late else "")]
                                      for g in report.gradebook])
        n_check = sum(1 for it in report.items if it.flagged)
        self.status.setText(f"{plural(len(report.students), 'student')}, {plural(len(report.gradebook), 'result')}"
                            + (f"; {plural(n_check, 'question')} to check." if n_check else "."))

    def _filter_items(self) -> None:
        only = self.flagged_only.isChecked()
        self.items_table.set_filter((lambda row: bool(row[6].data)) if only else None)

    # -- importing
    def import_files(self, paths: list[str] | None = None) -> None:
        from app.pages.instructor_lms import last_folder, remember_folder

        if paths is None:
            paths = self.ctx.dialogs.open_files(self, "Import result files", "ASE Prep results (*.aseresult);;All files (*)",
                                                last_folder(self.ctx, "results"))
        if paths:
            remember_folder(self.ctx, "results", paths[0])
            self._import([Path(p) for p in paths])

    def import_folder(self, folder: str | None = None) -> None:
        from app.pages.instructor_lms import last_folder, remember_folder

        if folder is None:
            folder = self.ctx.dialogs.open_folder(self, "Import every result file in a folder",
                                                  last_folder(self.ctx, "results"))
        if folder:
            remember_folder(self.ctx, "results", Path(folder) / "*")
            self._import([Path(folder)])

    def _import(self, paths: list[Path]) -> None:
        s = self.ctx.services
        if s is None:
            return
        set_hash = self.set_box.currentData() or None
        self.loading = True
        self.status.setText("Importing...")
        self.ctx.ops.write(lambda: s.classroom().import_results(paths, set_hash=set_hash), self._imported,
                           self._import_failed, changes=Change.SETS, owner=self)

    def _import_failed(self, e: BaseException, _tb: str) -> None:
        self.loading = False
        self.status.setText("Nothing was imported.")
        self.ctx.dialogs.warn(self, "Nothing was imported", str(e))

    def _imported(self, out: Any) -> None:
        self.loading = False
        bad = out.rejected
        listed = [*bad, *out.skipped]  # what was left out, each file with why
        fill_table(self.problems, [[cell(o.file), cell(o.message)] for o in listed])
        self.problems.setVisible(bool(listed))
        self.status.setText(out.summary + (" The files left out are listed below; nothing from them was stored."
                                           if listed else ""))
        self.last_import = out

    # -- exports
    def export_gradebook(self, suffix: str, path: str | None = None) -> Path | None:
        if self.report is None:
            return None
        from study.classroom.spreadsheets import export_gradebook

        kind = "Excel workbook (*.xlsx)" if suffix == ".xlsx" else "CSV (*.csv)"
        path = save_path(self.ctx, self, "Export the gradebook", f"gradebook-{self.report.test}{suffix}", kind, path)
        if path is None:
            return None
        target = Path(path)
        if target.suffix.lower() != suffix:
            target = target.with_name(target.name + suffix)
        try:
            export_gradebook(target, self.report)
        except Exception as e:  # noqa: BLE001 - shown to the user: a locked file, a name the sheet cannot hold
            self.ctx.dialogs.warn(self, "Could not export the gradebook", str(e))
            return None
        self.status.setText(f"Gradebook written to {target.name}.")
        return target

    def export_items(self, path: str | None = None) -> Path | None:
        if self.report is None:
            return None
        path = save_path(self.ctx, self, "Export the item analysis", f"item-analysis-{self.report.test}.csv", "CSV (*.csv)",
                         path)
        if path is None:
            return None
        from study.classroom.spreadsheets import ITEM_COLUMNS, export_table, item_table

        items = item_table(self.report.items)
        out = write_file(self.ctx, self, "Could not export", path, lambda target: export_table(target, ITEM_COLUMNS, items))
        if out is None:
            return None
        self.status.setText(f"Item analysis written to {out.name}.")
        return out


def mpl_text(text: str, n: int = 28) -> str:
    """A student's name as matplotlib text: '$' would start mathematics, so it is escaped."""
    text = text if len(text) <= n else text[: n - 1] + "…"
    return text.replace("\\", "\\\\").replace("$", r"\$")


def draw_heat(fig: Any, c: dict[str, str], report: Any) -> None:
    """Students down, content areas across, each cell's percent written in it (not colour alone)."""
    import numpy as np
    from matplotlib.colors import LinearSegmentedColormap

    ax = fig.add_subplot()
    style_axes(ax, c)
    grid = np.array([[np.nan if v is None else v for v in row] for row in report.heat], dtype=float)
    cmap = LinearSegmentedColormap.from_list("score", [c["bad"], c["panel"], c["accent"]])
    im = ax.imshow(grid, aspect="auto", cmap=cmap, vmin=0, vmax=100)
    ax.set_xticks(range(len(report.areas)), [f"{a}" for a in report.areas])
    ax.set_yticks(range(len(report.students)), [mpl_text(s) for s in report.students])
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            v = grid[i, j]
            ax.text(j, i, "-" if np.isnan(v) else percent_text(v), ha="center", va="center", fontsize=8,
                    color=c["text"] if np.isnan(v) else readable_on(im.cmap(im.norm(v)), c))
    cb = fig.colorbar(im, ax=ax, fraction=0.03)
    cb.ax.tick_params(colors=c["text"], labelsize=7)
    ax.set_xlabel("Content area (percent right)")

