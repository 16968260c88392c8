"""Study plan: choose the tests, the exam date and three or four evenings; see the plan week by
week with today marked, start today's drill or practice exam, mark sessions done or skipped,
change the settings and re-plan, and export the plan to a calendar (.ics), CSV or a printable PDF.

The form is app.pages.plan_form, the calendar app.pages.plan_calendar. Another screen asks for a
plan for given tests with `ctx.go("plan", PlanFor(tests, recert))`; the page takes it when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app import starting
from app.context import AppContext
from app.ops import Change
from app.pages.common import card, page_layout, plain_label, scrolling
from app.pages.plan_calendar import LEGEND, PlanCalendar
from app.pages.plan_form import PlanForm
from app.pages.plan_session import DayDetail, TonightCard
from study.day_words import day_text, start_text


@dataclass(frozen=True)
class PlanFor:
    """A hand-off from another screen: open the new-plan form with these tests ticked."""

    tests: tuple[str, ...]
    recert: bool = False
    renewal: bool = False  # keep a certification alive through the ASE Renewal App


class PlanPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.view: Any = None  # StudyPlanView
        self.featured: Any = None  # the session Start begins: today's, else the next one
        self.scores: dict[int, float] = {}
        self.due_count = 0
        self.loading = False
        self._form_mode: str | None = None  # "new" | "change" while the form is open
        self._pending: tuple[list[str], bool, bool] | None = None
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
        self.status = plain_label("", "muted", notice=True)
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
            if key == "ics":  # the exports on a line of their own: the rows fit a narrow window at 200 % text
                row.addStretch(1)
                sb.addLayout(row)
                row = QHBoxLayout()
            row.addWidget(b)
        row.addStretch(1)
        sb.addLayout(row)
        self.saved_note = plain_label("", "muted")  # where an export went, beside the buttons pressed
        self.saved_note.setAccessibleName("Export message")
        self.saved_note.hide()
        sb.addWidget(self.saved_note)
        lay.addWidget(self.summary_box)

        self.tonight = TonightCard()
        self.tonight.start.connect(self.start_activity)
        self.tonight.start_next.connect(self.start_next)
        self.tonight.mark.connect(lambda status: self._mark(self.featured, status))
        self.start_btn, self.done_btn, self.skip_btn = self.tonight.start_btn, self.tonight.done_btn, self.tonight.skip_btn
        lay.addWidget(self.tonight)

        self.cal_box, cb = card()
        cb.addWidget(plain_label("Week by week", "h2"))
        cb.addWidget(plain_label(LEGEND, "muted"))
        self.calendar = PlanCalendar()
        self.calendar.day_chosen.connect(self._select)
        cb.addWidget(self.calendar)
        lay.addWidget(self.cal_box)

        self.detail = DayDetail()
        self.detail.mark.connect(lambda status: self._mark(self._selected(), status))
        lay.addWidget(self.detail)
        lay.addStretch(1)
        self.plan_widgets = [self.summary_box, self.tonight, self.cal_box, self.detail]
        for part in self.plan_widgets:
            part.hide()

        ctx.ready.connect(self._fill_tests)
        ctx.changed.connect(lambda what: self.load() if what & (Change.EXAMS | Change.PLAN | Change.SETTINGS) else None)
        if ctx.services is not None:
            self._fill_tests()

    # -- loading
    def on_show(self) -> None:
        request = self.ctx.take_request("plan")
        if isinstance(request, PlanFor):
            self.prefill(list(request.tests), recert=request.recert, renewal=request.renewal)
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
        today = date.today()

        def read() -> Any:
            plans = s.plans()
            featured, scores = plans.featured(today)
            return plans.active(), featured, scores, len(plans.due(today))

        self.loading = True
        self.ctx.ops.read(read, self._show, self._failed, owner=self)

    def _failed(self, e: BaseException, _tb: str) -> None:
        self.loading = False
        self.status.setText(f"Could not read the study plan: {e}")

    def _show(self, data: Any) -> None:
        self.loading = False
        self.view, self.featured, self.scores, self.due_count = data
        view = self.view
        has = view is not None
        for part in self.plan_widgets:
            part.setVisible(has)
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
        self.tonight.show_session(self.featured, self.scores, self.due_count, date.today())
        ids = {x.id for x in view.sessions}
        target = self._selected_id if self._selected_id in ids else (self.featured.id if self.featured else None)
        self.calendar.fill(view, date.today(), target)

    def _fill_summary(self, view: Any) -> None:
        st = view.settings
        s = self.ctx.services
        names = ", ".join(s.blueprints.get(t).title if s and t in s.blueprints else t for t in st.tests)
        recert = " (recertification test)" if st.recert else ""
        left = (st.exam_date - date.today()).days
        if st.renewal:
            self.summary.setText(f"{names} kept through the ASE Renewal App: the plan runs until "
                                 f"{day_text(st.exam_date, weekday=True, short=True)}, in {left} days")
        else:
            self.summary.setText(f"{names}{recert}: exam on {day_text(st.exam_date, weekday=True, short=True)}, in {left} days")
        prog = view.progress(date.today())
        mark = "✓" if prog.on_track else "⚠"
        self.progress_text.setText(f"{mark} {prog.text}. Evenings: {', '.join(e.capitalize() for e in st.evenings)} "
                                   f"at {start_text(st.start_time)}, {st.minutes} minutes.")
        self.notes.setText("\n".join(view.notes))
        self.notes.setVisible(bool(view.notes))

    # -- the selected day
    def _selected(self) -> Any:
        if self.view is None or self._selected_id is None:
            return None
        return next((s for s in self.view.sessions if s.id == self._selected_id), None)

    def _select(self, sid: int | None) -> None:
        self._selected_id = sid
        self.detail.show_session(self._selected())

    # -- actions
    def start_activity(self, index: int) -> None:
        if self.featured is None:
            return
        self.tonight.say("")
        starting.start_plan_activity(self.ctx, self, self.featured, index, refused=lambda why: self.tonight.say(why.text))

    def start_next(self) -> None:
        from study.planning.plans import next_activity

        if self.featured is not None:
            i = next_activity(self.featured, self.scores)
            if i is not None:
                self.start_activity(i)

    def _mark(self, session: Any, status: str) -> None:
        s = self.ctx.services
        if s is None or session is None:
            return
        self._selected_id = session.id
        self.loading = True
        self.ctx.ops.write(lambda: s.plans().mark(session.id, status), None, self._failed, changes=Change.PLAN,
                           owner=self)

    def prefill(self, tests: list[str], recert: bool = False, renewal: bool = False) -> None:
        """Open the form for a new plan with these tests ticked (a PlanFor hand-off)."""
        if not self.form.test_boxes:
            self._pending = (list(tests), recert, renewal)
            return
        self._pending = None
        self._open_form("new")
        self.form.fill(list(tests), recert, renewal=renewal)

    def open_new(self) -> None:
        self._open_form("new")
        if self.view is not None:
            st = self.view.settings
            self.form.fill(list(st.tests), st.recert, renewal=st.renewal)

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

    def submit(self, request: Any) -> None:
        s = self.ctx.services
        if s is None:
            return
        mode, view = self._form_mode, self.view
        job = (lambda: s.plans().change(view.id, request)) if mode == "change" and view is not None else \
            (lambda: s.plans().create(request))
        self.form.submit_btn.setEnabled(False)
        self.form.show_problems([])
        self.status.setText("Making your plan...")
        self.loading = True
        self.ctx.ops.write(job, self._submitted, self._submit_failed, owner=self)

    def _submitted(self, _view: Any) -> None:
        self.loading = False
        self.form.submit_btn.setEnabled(True)
        self._form_mode = None
        self.form_box.hide()
        self.status.setText("")
        self._selected_id = None
        self.ctx.say_changed(Change.PLAN)

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
    def _export(self, title: str, suffix: str, filt: str, write: Callable[[Any, str], Any],
                path: str | None) -> str | None:
        if self.view is None:
            return None
        if path is None:
            name = f"ase-study-plan-{'-'.join(self.view.settings.tests)}{suffix}"
            path = self.ctx.dialogs.save_file(self, title, name, filt)
            if path is None:
                return None
        try:
            write(self.view, path)
        except OSError as e:
            self.ctx.dialogs.warn(self, "Could not save the plan",
                                  f"Could not write {path}: {e.strerror or e}. Choose another folder or file name.")
            return None
        self.saved_note.setText(f"Saved {path}")
        self.saved_note.show()
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
