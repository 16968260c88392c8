"""The first-test advisor on the Certifications page: three questions, the suggested next test (never
one already held), ASE's 30-day wait and 90-day purchase window for what is recorded, and a button
that plans the study for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QSpinBox

from app.fit_combo import FitCombo
from app.pages.common import card, plain_label, push_button


class AdvisorCard:
    """The advisor's widgets in a card (`box`); `update(services, career)` recomputes the advice."""

    def __init__(self, on_plan: Callable[[str], None]) -> None:
        self.on_plan = on_plan
        self.advice: Any = None  # study.certs.Advice for the current answers
        self.box: QFrame
        self.box, ab = card()
        ab.addWidget(plain_label("Which test next?", "h2"))
        ab.addWidget(plain_label("Three questions; the tests you hold are left out of the suggestion.", "muted"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.bay_box = FitCombo("Where you work")
        self.years_box = QSpinBox()
        self.years_box.setRange(0, 50)
        self.years_box.setSpecialValueText("Less than a year")
        self.years_box.setSuffix(" years")
        self.years_box.setAccessibleName("Years of hands-on work")
        self.training_box = FitCombo("Training program")
        self.years_box.setMinimumWidth(220)
        form.addRow("Where you work", self.bay_box)
        form.addRow("Years of hands-on work", self.years_box)
        form.addRow("Training", self.training_box)
        ab.addLayout(form)
        self.title = plain_label("", "h2")
        self.title.setAccessibleName("Suggested next test")
        self.text = plain_label("")
        self.bank = plain_label("")
        self.timing = plain_label("")
        self.timing.setAccessibleName("When you can take it")
        self.experience = plain_label("")
        self.sources = plain_label("", "muted")  # shown with "Where these rules come from"
        for label in (self.title, self.text, self.bank, self.timing, self.experience, self.sources):
            ab.addWidget(label)
        self.sources.hide()
        self.plan_btn = push_button("Plan my study", "primary")
        self.plan_btn.clicked.connect(lambda: self.on_plan(self.advice.test) if self.advice is not None else None)
        ab.addWidget(self.plan_btn, 0, Qt.AlignmentFlag.AlignLeft)

    def fill_choices(self) -> None:
        from study.certs import BAYS, TRAINING

        for key, label in BAYS.items():
            self.bay_box.addItem(label, key)
        for key, label in TRAINING.items():
            self.training_box.addItem(label, key)

    def update(self, services: Any, counts: dict[str, int], career: Any) -> None:
        if services is None or self.bay_box.currentData() is None or self.training_box.currentData() is None:
            return
        from study.certs import advise_first_test

        bp = services.blueprints
        a = advise_first_test(str(self.bay_box.currentData()), self.years_box.value(),
                              str(self.training_box.currentData()), counts, bp, career=career)
        self.advice = a
        first = career is None or not career.certifications
        self.title.setText(f"Suggested {'first' if first else 'next'} test: {a.test} {a.test_name}")
        alts = "; ".join(f"{t} {bp.get(t).name}" for t in a.alternatives if t in bp)
        self.text.setText(a.reason + (f" Also a good {'start' if first else 'choice'}: {alts}." if alts else ""))
        self.bank.setText(f"⚠ {a.bank_note}" if a.bank_note else
                          f"The question bank has {counts.get(a.test, 0)} practice questions for {a.test}.")
        self.timing.setText(a.timing_note)
        self.experience.setText(a.experience_note)
        self.sources.setText("\n".join(f"• {f.text} ({f.source_words})" for f in a.facts))
        self.plan_btn.setText(f"Plan my study for {a.test}")
        self.plan_btn.setEnabled(a.in_bank)
        self.plan_btn.setAccessibleName(f"Plan my study for {a.test} {a.test_name}" if a.in_bank else
                                        f"Plan my study for {a.test}: not available, no questions yet")
