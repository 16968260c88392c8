"""The exam's review screen (a grid of question numbers: answered, unanswered, flagged, with symbols
as well as words) and the end confirmation that states the counts. Both are in the page, so they
are read and answered with the keyboard."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.pages.common import clear_layout, plain_label, push_button, scrolling

COLUMNS = 10


class ReviewScreen(QWidget):
    chosen = Signal(int)  # a question number was chosen: go there

    def __init__(self) -> None:
        super().__init__()
        rv = QVBoxLayout(self)
        rv.setContentsMargins(28, 16, 28, 16)
        rv.addWidget(plain_label("Review", "h1"))
        self.counts = plain_label("")
        rv.addWidget(self.counts)
        rv.addWidget(plain_label("✓ answered    ○ unanswered    ⚑ flagged for review. Choose a number to go to "
                                 "that question.", "muted"))
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(6)
        rv.addWidget(scrolling(self.grid_host), 1)
        row = QHBoxLayout()
        self.unanswered = QPushButton("Review unanswered")
        self.flagged = QPushButton("Review flagged")
        self.back = QPushButton("Return to the question")
        self.end = push_button("End exam", "primary")
        for b in (self.unanswered, self.flagged, self.back):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.end)
        rv.addLayout(row)

    def fill(self, states: Sequence[tuple[bool, bool]], answered: int, unanswered: int, flagged: int) -> None:
        """`states`: (answered, flagged) for each question, in order."""
        clear_layout(self.grid)
        for i, (done, flag) in enumerate(states):
            sym = ("✓" if done else "○") + (" ⚑" if flag else "")
            b = push_button(f"{i + 1} {sym}", "cell")
            b.setProperty("answered", "true" if done else "false")
            b.setProperty("flagged", "true" if flag else "false")
            state = ("answered" if done else "unanswered") + (", flagged" if flag else "")
            b.setAccessibleName(f"Question {i + 1}, {state}")
            b.clicked.connect(lambda _=False, p=i: self.chosen.emit(p))
            self.grid.addWidget(b, i // COLUMNS, i % COLUMNS)
        rows = (len(states) + COLUMNS - 1) // COLUMNS
        for r in range(rows + 1):
            self.grid.setRowStretch(r, 1 if r == rows else 0)
        self.counts.setText(f"{answered} answered, {unanswered} unanswered, {flagged} flagged.")
        self.unanswered.setEnabled(unanswered > 0)
        self.flagged.setEnabled(flagged > 0)


class EndConfirmation(QWidget):
    def __init__(self) -> None:
        super().__init__()
        cv = QVBoxLayout(self)
        cv.setContentsMargins(28, 40, 28, 16)
        self.text = plain_label("", "h2")
        self.text.setAccessibleName("End the exam?")
        cv.addWidget(self.text)
        row = QHBoxLayout()
        self.yes = QPushButton("End exam and see results")
        self.no = push_button("Return to the exam", "primary")
        self.no.setAccessibleName("Return to the exam (the default)")
        row.addWidget(self.no)
        row.addWidget(self.yes)
        row.addStretch(1)
        cv.addLayout(row)
        cv.addStretch(1)

    def ask(self, unanswered: int, flagged: int) -> str:
        parts = []
        if unanswered:
            parts.append(f"{unanswered} unanswered")
        if flagged:
            parts.append(f"{flagged} flagged")
        lead = (", ".join(parts) + ". ") if parts else "Every question is answered. "
        self.text.setText(lead + "End the exam?")
        self.yes.setEnabled(True)
        return self.text.text()

    def ending(self) -> None:
        """While the end is being stored: said, and asked only once."""
        self.text.setText("Ending the exam...")
        self.yes.setEnabled(False)
