"""Two views of one study-plan session: tonight's (or the next) with a Start button per drill, exam
and review, and the day picked on the calendar, each marked done or skipped from here."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.pages.common import card, clear_layout, plain_label
from app.wrap_button import WrapButton
from questions.percent import percent_text
from study.day_words import day_text, start_text


class TonightCard(QWidget):
    start = Signal(int)  # the activity to start
    start_next = Signal()
    mark = Signal(str)  # "done" or "skipped"

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.box, tb = card()
        outer.addWidget(self.box)
        self.title = plain_label("", "h2")
        self.focus = plain_label("")
        tb.addWidget(self.title)
        tb.addWidget(self.focus)
        self.activity_rows = QVBoxLayout()
        tb.addLayout(self.activity_rows)
        row = QHBoxLayout()
        self.start_btn = WrapButton("Start", "primary")  # a long session name wraps
        self.start_btn.clicked.connect(lambda _=False: self.start_next.emit())
        self.done_btn = QPushButton("Mark done")
        self.skip_btn = QPushButton("Skip")
        self.done_btn.clicked.connect(lambda _=False: self.mark.emit("done"))
        self.skip_btn.clicked.connect(lambda _=False: self.mark.emit("skipped"))
        for b in (self.start_btn, self.done_btn, self.skip_btn):
            row.addWidget(b)
        row.addStretch(1)
        tb.addLayout(row)
        self.message = plain_label("", "muted")
        self.message.hide()
        tb.addWidget(self.message)

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_session(self, f: Any, scores: dict[int, float], due_count: int, today: date) -> None:
        from study.planning.export import activity_short, focus_text
        from study.planning.plans import next_activity

        clear_layout(self.activity_rows)
        self.say("")
        if f is None:
            self.title.setText("No sessions left before the exam. Rest well, and good luck.")
            self.focus.setText("")
            for b in (self.start_btn, self.done_btn, self.skip_btn):
                b.hide()
            return
        when = f"Today's session, {day_text(f.day, weekday=True, year=False, short=True)}" if f.day == today else \
            f"Next session: {day_text(f.day, weekday=True, year=False, short=True)} (you can start early)"
        state = {"done": ", done ✓", "skipped": ", skipped ✗"}.get(f.status, "")
        self.title.setText(f"{when}, {start_text(f.start_time)}, {f.minutes} minutes{state}")
        self.focus.setText(f"Focus: {focus_text(f.focus, f.kind)}")
        for i, a in enumerate(f.activities):
            row = QWidget()
            hl = QHBoxLayout(row)
            hl.setContentsMargins(0, 0, 0, 0)
            text = f"{a.minutes} min {a.kind}: {a.text}"
            if a.kind == "review" and a.purpose != "exam":
                text += f" ({due_count} due now)"
            if i in scores:
                text = f"✓ Done, {percent_text(scores[i])}. " + text
            hl.addWidget(plain_label(text), 1)
            if a.kind in ("drill", "exam", "review"):
                b = QPushButton("Start" if i not in scores else "Again")
                b.setAccessibleName(f"Start {activity_short(a)}")
                b.clicked.connect(lambda _=False, k=i: self.start.emit(k))
                hl.addWidget(b)
            self.activity_rows.addWidget(row)
        nxt = next_activity(f, scores)
        self.start_btn.setVisible(nxt is not None)
        if nxt is not None:
            label = activity_short(f.activities[nxt])
            self.start_btn.setText(f"Start: {label}")
            self.start_btn.setAccessibleName(f"Start {label}")
        for b in (self.done_btn, self.skip_btn):
            b.setVisible(f.status == "planned")
            b.setAccessibleName(f"{b.text()}: the session of {day_text(f.day, weekday=True)}")


class DayDetail(QWidget):
    mark = Signal(str)  # "done", "skipped" or "planned"

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.box, db = card()
        outer.addWidget(self.box)
        self.title = plain_label("", "h2")
        self.text = plain_label("")
        db.addWidget(self.title)
        db.addWidget(self.text)
        row = QHBoxLayout()
        self.done_btn = QPushButton("Mark done")
        self.skip_btn = QPushButton("Mark skipped")
        self.undo_btn = QPushButton("Not done yet")
        for b, status in ((self.done_btn, "done"), (self.skip_btn, "skipped"), (self.undo_btn, "planned")):
            b.clicked.connect(lambda _=False, st=status: self.mark.emit(st))
            row.addWidget(b)
        row.addStretch(1)
        db.addLayout(row)

    def show_session(self, s: Any) -> None:
        from study.planning.export import focus_text

        buttons = (self.done_btn, self.skip_btn, self.undo_btn)
        for b in buttons:
            b.setVisible(s is not None)
        if s is None:
            self.title.setText("No session that day.")
            self.text.setText("")
            return
        status = {"planned": "planned", "done": "done ✓", "skipped": "skipped ✗"}.get(s.status, s.status)
        if s.status == "done" and s.score is not None:
            status += f", score {percent_text(s.score)}"
        self.title.setText(f"{day_text(s.day, weekday=True, year=False)}, {start_text(s.start_time)}, {s.minutes} minutes: {status}")
        lines = [f"Focus: {focus_text(s.focus, s.kind)}"] + [f"• {a.minutes} min {a.kind}: {a.text}"
                                                             for a in s.activities]
        self.text.setText("\n".join(lines))
        self.done_btn.setEnabled(s.status != "done")
        self.skip_btn.setEnabled(s.status != "skipped")
        self.undo_btn.setEnabled(s.status != "planned")
        for b in buttons:
            b.setAccessibleName(f"{b.text()}: the session of {day_text(s.day, weekday=True)}")
