"""Certifications: the tests you passed (and attempts not passed, tests bought) and when each
expires, Renewal App credit and the expiry it extends, what is due for recertification, progress
toward each Master credential with its prerequisites, and which test to take next."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.fit_combo import FitCombo
from app.ops import Change
from app.pages.certs_advisor import AdvisorCard
from app.pages.certs_records import (
    UNCONFIRMED_SENTENCE,
    AttemptsCard,
    RenewalCard,
    certs_table,
    date_edit,
    fill_master,
)
from app.pages.common import card, clear_layout, page_layout, plain_label, push_button, scrolling
from study.day_words import day_text

KINDS = (("passed", "Passed"), ("failed", "Not passed"), ("purchased", "Bought (not yet taken)"))


class CertsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.view: Any = None  # study.certs.CareerView, once loaded
        self._removed: Any = None  # the last pass deleted, for Undo
        self._bank_counts: dict[str, int] = {}
        self._loading = self._again = False
        inner = QWidget()
        self.lay = lay = page_layout(inner, "Certifications",
                                     "Record the ASE tests you have passed (and those you did not, or bought). A "
                                     "certification lasts five years, an Entry-Level certificate two; here you see "
                                     "when each expires, what to recertify soon, and how close you are to Master "
                                     "status.")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        area = scrolling(inner)
        area.setAccessibleName("Certifications page")
        outer.addWidget(area)

        # -- the passes, with the form to add one
        self.certs_box, cb = card()
        cb.addWidget(plain_label("Your certifications", "h2"))
        self.empty = plain_label("No certifications recorded yet. Add a test you have passed below, or see "
                                 "\"Which test first?\" for where to start.", "muted")
        cb.addWidget(self.empty)
        self.table = certs_table()
        cb.addWidget(self.table)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete_selected)

        row = QHBoxLayout()
        row.addWidget(plain_label("Add:", wrap=False))
        self.test_box = FitCombo("Test you took or bought")
        row.addWidget(self.test_box)
        row.addStretch(1)
        cb.addLayout(row)
        row = QHBoxLayout()  # a second line: the row fits a narrow window at a large text size
        self.kind_box = FitCombo("Passed, not passed, or bought")
        for key, label in KINDS:
            self.kind_box.addItem(label, key)
        row.addWidget(self.kind_box)
        self.date_edit = date_edit("Date you took or bought the test")
        row.addWidget(self.date_edit)
        self.add_btn = push_button("Add", "primary")
        self.add_btn.setAccessibleName("Add this test")
        self.add_btn.clicked.connect(self.add_pass)
        row.addWidget(self.add_btn, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        cb.addLayout(row)
        row = QHBoxLayout()  # what acts on the table, on a line of its own
        row.addStretch(1)
        self.delete_btn = QPushButton("Delete selected")
        self.delete_btn.setAccessibleName("Delete the selected certification")
        self.delete_btn.clicked.connect(self.delete_selected)
        row.addWidget(self.delete_btn)
        self.undo_btn = QPushButton("Undo")
        self.undo_btn.setAccessibleName("Undo the last deletion")
        self.undo_btn.clicked.connect(self.undo)
        self.undo_btn.setEnabled(False)
        row.addWidget(self.undo_btn)
        cb.addLayout(row)
        self.message = plain_label("", "muted")
        self.message.setAccessibleName("Certification message")
        self.message.hide()
        cb.addWidget(self.message)
        lay.addWidget(self.certs_box)

        self.attempts = AttemptsCard(self._write, self._say)
        self.attempts_box = self.attempts.box
        lay.addWidget(self.attempts_box)
        self.renewal = RenewalCard(self._write, self._say, lambda t: self.plan_for([t], renewal=True))
        self.renewal_box = self.renewal.box
        lay.addWidget(self.renewal_box)

        # -- due within a year
        self.due_box, db = card()
        db.addWidget(plain_label("Due in the next 12 months", "h2"))
        self.due_rows = QVBoxLayout()
        db.addLayout(self.due_rows)
        lay.addWidget(self.due_box)

        # -- Master status
        self.master_box, mb = card()
        mb.addWidget(plain_label("Master status", "h2"))
        mb.addWidget(plain_label("A credential counts only certifications that are still current: an expired one "
                                 "must be recertified.", "muted"))
        mb.addWidget(plain_label(UNCONFIRMED_SENTENCE, "muted"))
        self.master_rows = QVBoxLayout()
        self.master_rows.setSpacing(10)
        mb.addLayout(self.master_rows)
        lay.addWidget(self.master_box)

        # -- the first-test advisor
        self.advisor = AdvisorCard(lambda test: self.plan_for([test]))
        a = self.advisor
        self.advisor_box, self.bay_box, self.years_box, self.training_box = a.box, a.bay_box, a.years_box, a.training_box
        self.advice_title, self.advice_text, self.advice_bank = a.title, a.text, a.bank
        self.advice_timing, self.advice_experience, self.advice_sources, self.plan_btn = \
            a.timing, a.experience, a.sources, a.plan_btn
        lay.addWidget(self.advisor_box)

        # -- where the rules come from
        self.facts_box, fb = card()
        self.sources_btn = QPushButton("Where these rules come from")
        self.sources_btn.setCheckable(True)
        fb.addWidget(self.sources_btn, 0, Qt.AlignmentFlag.AlignLeft)
        self.facts_text = plain_label("", "muted")
        self.facts_text.setAccessibleName("Sources of the certification rules")
        self.facts_text.hide()  # the sources, one click away
        fb.addWidget(self.facts_text)
        self.sources_btn.toggled.connect(self._show_sources)
        lay.addWidget(self.facts_box)
        lay.addStretch(1)

        self.bay_box.currentIndexChanged.connect(lambda _: self.update_advice())
        self.years_box.valueChanged.connect(lambda _: self.update_advice())
        self.training_box.currentIndexChanged.connect(lambda _: self.update_advice())
        ctx.ready.connect(self.fill)
        ctx.changed.connect(lambda what: self.refresh() if what & Change.CERTS else None)
        if ctx.services is not None:
            self.fill()

    # -- reading and writing, off the GUI thread
    def _write(self, change: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        """Store a change to the learner's certifications on the write worker; a refusal is said."""
        s = self.ctx.services
        if s is None:
            return

        def refused(e: BaseException, tb: str) -> None:
            from study.certs import CertificationError

            if not isinstance(e, CertificationError):
                raise e
            self._say(str(e))

        self.ctx.ops.write(lambda: change(s.certs()), done, refused, changes=Change.CERTS, owner=self)

    def on_show(self) -> None:
        if self.ctx.services is not None and not self._loading:
            self.refresh()

    @property
    def loading(self) -> bool:
        return self._loading

    def fill(self) -> None:
        """Fill the choices once the services are loaded, then the records."""
        s = self.ctx.services
        if s is None or self.test_box.count():
            return
        for bp in s.blueprints.tests:
            self.test_box.addItem(f"{bp.code}  {bp.name}", bp.code)
        self._bank_counts = {code: sum(s.bank.count_by_area(code).values()) for code in s.blueprints.codes}
        self.advisor.fill_choices()
        self.update_advice()
        self.refresh()

    def refresh(self) -> None:
        if self.ctx.services is None:
            return
        if self._loading:  # one load at a time; the latest change is read when it ends
            self._again = True
            return
        self._loading, self._again = True, False
        s = self.ctx.services
        self.ctx.ops.read(lambda: s.certs().view(), self.show_view, self._load_failed, owner=self)

    def _load_failed(self, exc: BaseException, _tb: str) -> None:
        self._loading = False
        self._say(f"Could not read your certifications: {exc}")

    def show_view(self, view: Any) -> None:
        self._loading = False
        if self._again:
            self.refresh()
        self.view = view
        self._fill_table(view)
        self._fill_due(view)
        self._fill_master(view)
        self._fill_facts(view)
        from study.certs import testing_rules

        assert self.ctx.services is not None
        self.attempts.show_view(view)
        self.renewal.show_view(view, testing_rules(self.ctx.services.blueprints))
        self.update_advice()
        # a first-timer sees the advisor straight after the (empty) list
        self.lay.removeWidget(self.advisor_box)
        at = self.lay.indexOf(self.certs_box) + 1 if not view.certifications else self.lay.indexOf(self.facts_box)
        self.lay.insertWidget(at, self.advisor_box)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _fill_table(self, view: Any) -> None:
        self.empty.setVisible(not view.certifications)
        self.table.setVisible(bool(view.certifications))
        self.delete_btn.setEnabled(bool(view.certifications))
        self.table.setRowCount(len(view.certifications))
        for i, c in enumerate(view.certifications):
            cells = [c.test, c.name, day_text(c.passed_on, short=True), day_text(c.expires_on, short=True), c.status_words]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the full text, however narrow the column
                item.setData(Qt.ItemDataRole.UserRole, i)
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{c.test} {c.name}, passed {cells[2]}, expires {cells[3]}, {c.status_words}")
                self.table.setItem(i, j, item)
        if view.certifications and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def _fill_due(self, view: Any) -> None:
        from study.certs import testing_rules

        clear_layout(self.due_rows)
        s = self.ctx.services
        if not view.due:
            self.due_rows.addWidget(plain_label("Nothing is due for recertification in the next 12 months.", "muted"))
            return
        for c in view.due:
            roww = QWidget()
            hl = QHBoxLayout(roww)
            hl.setContentsMargins(0, 0, 0, 0)
            bp = s.blueprints.get(c.test) if s is not None and c.test in s.blueprints else None
            recert = bp.recertification if bp is not None else None
            if recert is not None:
                how = (f"The recertification test{' (' + recert.code + ')' if recert.code else ''} is shorter: "
                       f"{recert.questions} questions in {recert.time_minutes} minutes"
                       f"{'' if recert.verified else ' (unverified)'}.")
            else:
                how = (f"Recertification covers the same content areas; the blueprint file has no "
                       f"recertification length or time for {c.test}.")
            if s is not None and c.test in testing_rules(s.blueprints).renewal_tests:
                how += " Or keep it through the ASE Renewal App (below)."
            hl.addWidget(plain_label(f"⚠ {c.test} {c.name} expires on {day_text(c.expires_on)}. {how}"), 1)
            b = QPushButton("Plan recertification study")
            b.setAccessibleName(f"Plan recertification study for {c.test} {c.name}")
            b.clicked.connect(lambda _=False, t=c.test: self.plan_for([t], recert=True))
            hl.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
            self.due_rows.addWidget(roww)

    def _show_sources(self, shown: bool) -> None:  # with the advice's own, in the advisor
        for label in (self.facts_text, self.advice_sources):
            label.setVisible(shown)

    def _fill_master(self, view: Any) -> None:
        fill_master(self.master_rows, view)

    def _fill_facts(self, view: Any) -> None:
        lines = [f"• {n}" for n in view.notes] + [f"• {f.text} ({f.source_words})" for f in view.facts] + [
            f"• {m.credential}: {m.fact.text or 'required tests'} ({m.fact.source_words})" for m in view.master]
        lines.append("Source IDs refer to the list in the app's blueprint file. Rules can change: check ase.com "
                     "before you book or recertify.")
        self.facts_text.setText("\n".join(lines))

    # -- adding and removing passes (each a write; the page shows what is stored)
    def add_pass(self) -> None:
        if self.ctx.services is None:
            return
        from study.certs import purchase_ends

        code = str(self.test_box.currentData())
        when = self.date_edit.check()
        if when is None:
            return  # the field says why the date is not one it can use
        kind = self.kind_box.currentData()
        if kind == "failed":
            self._write(lambda certs: certs.add_failed(code, when),
                        lambda new: self._say(f"{code} taken on {day_text(when)} "
                                              f"{'recorded' if new else 'was already recorded'} as not passed."))
            return
        if kind == "purchased":
            self._write(lambda certs: certs.add_purchase(code, when),
                        lambda _: self._say(f"{code} bought on {day_text(when)}: take it by "
                                            f"{day_text(purchase_ends(when, 90))}."))
            return

        def added(a: Any) -> None:
            r = a.record
            self._say(f"{r.test} passed on {day_text(r.passed_on)} "
                      f"{'was already recorded' if a.already_recorded else 'recorded'}: "
                      f"expires on {day_text(r.expires_on)}.")

        self._write(lambda certs: certs.add(code, when), added)

    def delete_selected(self) -> None:
        row = self.table.currentRow()
        if self.view is None or self.ctx.services is None or not 0 <= row < len(self.view.certifications):
            return
        c = self.view.certifications[row]

        def removed(r: Any) -> None:
            if r is None:
                return
            self._removed = r
            self.undo_btn.setEnabled(True)
            self._say(f"Deleted {c.test} passed on {day_text(c.passed_on)}. Undo puts it back.")

        self._write(lambda certs: certs.remove(c.test, c.passed_on), removed)

    def undo(self) -> None:
        removed = self._removed
        if removed is None or self.ctx.services is None:
            return
        self._removed = None
        self.undo_btn.setEnabled(False)

        def put_back(restored: Any) -> None:
            r = restored.record
            self._say(f"Put back {r.test} passed on {day_text(r.passed_on)}.")

        self._write(lambda certs: certs.restore(removed), put_back)

    # -- the advisor
    @property
    def advice(self) -> Any:
        return self.advisor.advice

    def update_advice(self) -> None:
        self.advisor.update(self.ctx.services, self._bank_counts, self.view)

    def plan_for(self, tests: list[str], recert: bool = False, renewal: bool = False) -> None:
        """Hand the tests to the Study plan page, which opens its new-plan form with them."""
        from app.pages.plan import PlanFor

        self.ctx.go("plan", PlanFor(tuple(tests), recert, renewal))


if __name__ == "__main__":  # preview: python -m app.pages.certs
    import sys

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.theme import apply_theme
    from study.services import open_services

    app = QApplication(sys.argv)
    apply_theme(app)
    ctx = AppContext(QSettings())
    page = CertsPage(ctx)
    page.resize(1100, 800)
    page.show()
    ctx.set_services(open_services())
    app.exec()
