"""The parts of the Certifications page beside the passes: ASE Renewal App credit per certification
(eight right in a subscription year extend it a year), and the attempts not passed, tests bought,
Entry-Level attempts left and the 30-day waits, each with a way to take it back."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.date_field import DateField
from app.fit_combo import FitCombo
from app.fit_table import fit_to_rows
from app.pages.common import card, clear_layout, plain_label, push_button
from study.day_words import day_text

# "store this change (a function of the certification service) on the write worker, then do this
# with what it returned": the page's, so the cards never touch the database on the GUI thread
Write = Callable[[Callable[[Any], Any], Callable[[Any], None]], None]


def _row(text: str, button: QPushButton | None = None) -> QWidget:
    w = QWidget()
    hl = QHBoxLayout(w)
    hl.setContentsMargins(0, 0, 0, 0)
    hl.addWidget(plain_label(text), 1)
    if button is not None:
        hl.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    return w


ASE_FOUNDED = date(1972, 1, 1)  # no ASE test was taken or bought before


def date_edit(name: str) -> DateField:
    """A date typed as typed (2024-03-01 stays 2024-03-01), from 1972 to today, or refused with a message."""
    today = date.today()
    return DateField(today, earliest=ASE_FOUNDED, latest=today, name=name)


class RenewalCard:
    """Record Renewal App credit; each certification's subscription years and the extended expiry."""

    def __init__(self, write: Write, say: Callable[[str], None], plan: Callable[[str], None]) -> None:
        self.write, self.say, self.plan = write, say, plan
        self.box: QFrame
        self.box, rb = card()
        rb.addWidget(plain_label("ASE Renewal App", "h2"))
        self.intro = plain_label("", "muted")
        rb.addWidget(self.intro)
        row = QHBoxLayout()
        self.test_box = FitCombo("Certification the Renewal App credit is for")
        self.start_edit = date_edit("First day of the subscription year")
        self.credits = QSpinBox()
        self.credits.setRange(0, 12)
        self.credits.setSuffix(" right")
        self.credits.setAccessibleName("Questions answered right so far in that year")
        self.save_btn = push_button("Save credit", "primary")
        self.save_btn.setAccessibleName("Save the Renewal App credit")
        self.save_btn.clicked.connect(self.save)
        row.addWidget(plain_label("Certification:", wrap=False))
        row.addWidget(self.test_box)
        row.addStretch(1)
        rb.addLayout(row)
        row = QHBoxLayout()  # a second line: the row fits a narrow window at a large text size
        for part in (plain_label("Year from", wrap=False), self.start_edit, self.credits, self.save_btn):
            row.addWidget(part, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        rb.addLayout(row)
        self.rows = QVBoxLayout()
        rb.addLayout(self.rows)

    def show_view(self, view: Any, rules: Any) -> None:
        held = [r for r in view.certifications if r.renewed_on is None and r.test in rules.renewal_tests]
        self.intro.setText(f"One question a month per certification; {rules.renewal_credits} right in a subscription "
                           f"year extend that certification {rules.renewal_extension_years} year. The app offers it "
                           f"for {', '.join(rules.renewal_tests)}, as far as our sources show; Entry-Level "
                           "certificates are not renewed.")
        current = self.test_box.currentData()
        self.test_box.clear()
        for r in held:
            self.test_box.addItem(f"{r.test}  {r.name}", r.test)
        if current is not None and self.test_box.findData(current) >= 0:
            self.test_box.setCurrentIndex(self.test_box.findData(current))
        self.save_btn.setEnabled(bool(held))
        clear_layout(self.rows)
        if not held:
            self.rows.addWidget(plain_label("Record a pass of A1-A9 above to track its Renewal App credit.", "muted"))
        for r in held:
            ext = (f", extended {r.extended_years} year{'s' if r.extended_years != 1 else ''} from "
                   f"{day_text(r.base_expires_on)}" if r.extended_years else "")
            plan = QPushButton("Plan to keep it")
            plan.setAccessibleName(f"Plan study to keep {r.test} through the Renewal App")
            plan.clicked.connect(lambda _=False, t=r.test: self.plan(t))
            self.rows.addWidget(_row(f"{r.test} {r.name}: expires {day_text(r.expires_on)}{ext}.", plan))
            for y in r.renewal:
                remove = QPushButton("Remove")
                remove.setAccessibleName(f"Remove the {r.test} Renewal App year from {day_text(y.starts_on)}")
                remove.clicked.connect(lambda _=False, t=r.test, d=y.starts_on: self.remove(t, d))
                self.rows.addWidget(_row(f"    {y.words(view.today)}", remove))

    def save(self) -> None:
        code = self.test_box.currentData()
        if code is None:
            return
        start = self.start_edit.check()
        if start is None:
            return  # the field says why the date is not one it can use
        n = self.credits.value()

        def saved(r: Any) -> None:
            self.say(f"{r.test}: Renewal App credit saved; the certification expires on {day_text(r.expires_on)}"
                     f"{' (extended by the Renewal App)' if r.extended_years else ''}.")

        self.write(lambda certs: certs.set_renewal_credit(code, start, n), saved)

    def remove(self, test: str, start: date) -> None:
        def removed(done: Any) -> None:
            if done:
                self.say(f"Removed the {test} Renewal App year from {day_text(start)}.")

        self.write(lambda certs: certs.remove_renewal_year(test, start), removed)


class AttemptsCard:
    """Attempts not passed, tests bought and not yet taken, Entry-Level attempts and 30-day waits."""

    def __init__(self, write: Write, say: Callable[[str], None]) -> None:
        self.write, self.say = write, say
        self.box: QFrame
        self.box, ab = card()
        ab.addWidget(plain_label("Attempts, purchases and waits", "h2"))
        ab.addWidget(plain_label("ASE asks for 30 full days between two attempts of a test, pass or fail, and gives "
                                 "90 days from buying a test to taking it. An Entry-Level test allows two attempts a "
                                 "school year (the app takes July 1 to June 30: ASE's dates were not found).",
                                 "muted"))
        self.rows = QVBoxLayout()
        ab.addLayout(self.rows)

    def show_view(self, view: Any) -> None:
        clear_layout(self.rows)
        shown = 0
        for test, bought, ends in view.purchases:
            b = QPushButton("Remove")
            b.setAccessibleName(f"Remove the {test} purchase of {day_text(bought)}")
            b.clicked.connect(lambda _=False, t=test, d=bought: self.remove(t, "purchased", d))
            left = (ends - view.today).days
            self.rows.addWidget(_row(f"Bought {test} on {day_text(bought)}: take it by {day_text(ends)} "
                                     f"({left} day{'s' if left != 1 else ''} left).", b))
            shown += 1
        for test, day in view.failed:
            b = QPushButton("Remove")
            b.setAccessibleName(f"Remove the {test} attempt of {day_text(day)}")
            b.clicked.connect(lambda _=False, t=test, d=day: self.remove(t, "failed", d))
            self.rows.addWidget(_row(f"✗ {test} taken on {day_text(day)}, not passed.", b))
            shown += 1
        for test, when in sorted(view.retake_from.items()):
            self.rows.addWidget(_row(f"⏳ {test}: the next attempt from {day_text(when)} (30 full days after the last)."))
            shown += 1
        for e in view.entry_level:
            self.rows.addWidget(_row(f"{e.test} (Entry-Level): {e.words(view.today)}."))
            shown += 1
        if not shown:
            self.rows.addWidget(plain_label("Nothing recorded. Record an attempt not passed or a test you bought "
                                            "with \"Add\" above.", "muted"))

    def remove(self, test: str, kind: str, day: date) -> None:
        def removed(done: Any) -> None:
            if done:
                self.say(f"Removed {test} {'bought' if kind == 'purchased' else 'attempt'} {day_text(day)}.")

        self.write(lambda certs: certs.remove_event(test, kind, day), removed)


UNCONFIRMED = "◇"
UNCONFIRMED_SENTENCE = (f"{UNCONFIRMED} marks a rule we could not confirm from ASE's own published material: check "
                        "ase.com before you rely on it. Where these rules come from is at the bottom of the page.")
_RESEARCH = [
    (re.compile(r"^\s*From memory[;:,.]\s*", re.I), ""),
    (re.compile(r"\s*\((?:[^()]*\bS\d+\b[^()]*)\)"), ""),  # (S29, S30), (B6 named as estimator in S6)
    (re.compile(r"\s*\((?:official guide|[^()]*\bsources?\b[^()]*)\)", re.I), ""),
    (re.compile(r"(^|(?<=\. ))S\d+ (?:says|confirms|lists) (?:that )?", re.I), ""),
    (re.compile(r"\s+(?:per|in|from)\s+S\d+(?:\s*\(weak source\))?", re.I), ""),
    (re.compile(r"\s*Confirm on ase\.com\.?", re.I), ""),
    (re.compile(r"\bbelieved\s+", re.I), ""),
]


def plain_fact(text: str) -> str:
    """A rule as a learner reads it: without the research notes (where it was read, how sure the
    source is); those are under "Where these rules come from"."""
    for pattern, by in _RESEARCH:
        text = pattern.sub(by, text)
    text = re.sub(r"(\. )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text.strip())
    return text[:1].upper() + text[1:] if text else text


def fill_master(rows: QVBoxLayout, view: Any) -> None:
    """Master status: each credential, what is held of it and what is still needed, with its source."""
    clear_layout(rows)
    for note in view.notes:  # an Entry-Level certificate counts toward none of them
        rows.addWidget(plain_label(note))
    # credentials the learner has started first, then the rest in the file's order
    for m in sorted(view.master, key=lambda m: not m.have):
        done = "✓ Complete. " if m.complete else ""
        head = plain_label(f"{m.credential}: {done}{len(m.have)} of {len(m.required)} current")
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        rows.addWidget(head)
        have = ", ".join(m.have) or "none yet"
        missing = ", ".join(m.missing) or "none"
        rows.addWidget(plain_label(f"Have (current): {have}.   Still needed: {missing}."))
        if m.prerequisites:
            needs = ", ".join(f"{t} {'✓ held' if ok else '✗ not held'}" for t, ok in m.prerequisites)
            rows.addWidget(plain_label(f"Pass first: {needs}."))
        for w in m.warnings:
            rows.addWidget(plain_label(f"⚠ {w}"))
        mark = "" if m.fact.verified else f"{UNCONFIRMED} "
        note = plain_fact(m.fact.text) or ("Not confirmed from ASE's own material." if mark else "")
        if note:
            rows.addWidget(plain_label(f"{mark}{note}", "muted"))


def certs_table() -> QTableWidget:
    """The passes: test, name, passed, expires, status; a long name wraps in its column at large
    text (never "Suspens..."), the table as tall as its rows (the page scrolls)."""
    table = QTableWidget(0, 5)
    table.setHorizontalHeaderLabels(["Test", "Name", "Passed", "Expires", "Status"])
    table.setAccessibleName("Certifications you have passed; press Delete to remove the selected one")
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrow keys move within it
    th = table.horizontalHeader()
    for col in (0, 2, 3):
        th.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
    for col in (1, 4):  # the name and the status share what is left, each wrapping in its half
        th.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    fit_to_rows(table)
    return table
