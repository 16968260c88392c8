"""Instructor > Build a set > Preview as a student: the set one question at a time, as the student
will see it (an L1 question with its reference button, opening the practice vehicle at the
question's section), with the answer key and explanation only when asked for."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QPushButton, QWidget

from app.dialog_fit import dialog_body, fit_dialog
from app.exhibit_view import ExhibitView
from app.pages.common import plain_label, show_marked
from app.pages.instructor_common import button
from app.reference_view import SHORTCUT, ReferenceLink
from study.classroom.lms import emphasis


class PreviewDialog(QDialog):
    """The set as a student sees it, one question at a time; the key only when asked."""

    def __init__(self, ps: Any, parent: QWidget | None = None, *, test_reference: str | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.ps = ps
        self.test_reference = test_reference  # the document the test hands out (L1: PV-1), if any
        self.i = 0
        self.setWindowTitle(f"Preview: {ps.title}")
        lay, outer = dialog_body(self)
        lay.addWidget(plain_label(ps.title, "h1"))
        lay.addWidget(plain_label("\n".join(ps.summary_lines()[1:]), "muted"))
        self.counter = plain_label("", wrap=False)
        self.counter.setAccessibleName("Question number")
        lay.addWidget(self.counter)
        self.stem = plain_label("", "stem")
        self.stem.setAccessibleName("Question")
        lay.addWidget(self.stem)
        self.exhibit = ExhibitView(max_scale=1.0)
        lay.addWidget(self.exhibit)
        self.ref_btn = QPushButton()  # the reference at the question's section, as on the student's exam screen
        self.reference = ReferenceLink(self.ref_btn, settings)
        key = QShortcut(QKeySequence(SHORTCUT), self)
        key.activated.connect(self.reference.open)
        self.choices = plain_label("")
        self.choices.setAccessibleName("Choices")
        lay.addWidget(self.choices)
        self.key = plain_label("", "muted")
        self.key.setAccessibleName("Answer key")
        lay.addWidget(self.key)
        lay.addStretch(1)
        row = QHBoxLayout()
        self.prev_btn = button("< Previous", "Previous question", lambda: self.go(self.i - 1))
        self.next_btn = button("Next >", "Next question", lambda: self.go(self.i + 1), primary=True)
        self.key_box = QCheckBox("Show the answer key")
        self.key_box.setAccessibleName("Show the answer key and explanation")
        self.key_box.toggled.connect(lambda _on: self.go(self.i))
        close = button("Close", "Close the preview", self.accept)
        for w in (self.prev_btn, self.key_box, self.ref_btn):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.next_btn)
        row.addWidget(close)
        outer.addLayout(row)
        self.go(0)
        fit_dialog(self, 760)

    def go(self, i: int) -> None:
        qs = self.ps.questions
        self.i = max(0, min(i, len(qs) - 1))
        q = qs[self.i]
        self.counter.setText(f"Question {self.i + 1} of {len(qs)}")
        show_marked(self.stem, q.stem, emphasis.of(q).get("stem", ()))
        self.exhibit.set_exhibit(q.exhibit)
        self.reference.show_for(q.reference, self.test_reference)
        self.choices.setText("\n".join(f"{L}.  {c}" for L, c in zip("ABCD", q.choices, strict=True)))
        if self.key_box.isChecked():
            show_marked(self.key, q.explanation, emphasis.of(q).get("explanation", ()), f"Answer: {q.answer}. ")
        else:
            self.key.setText("")
        self.prev_btn.setEnabled(self.i > 0)
        self.next_btn.setEnabled(self.i < len(qs) - 1)

