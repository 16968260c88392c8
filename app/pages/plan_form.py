"""The study plan's inputs: the tests, the exam date, three or four evenings a week, how long and
from when. Emits `submitted` with a PlanRequest; the page checks it and saves it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.date_field import DateField
from app.pages.common import plain_label, push_button

DAYS = (("mon", "Mon", "Monday"), ("tue", "Tue", "Tuesday"), ("wed", "Wed", "Wednesday"),
        ("thu", "Thu", "Thursday"), ("fri", "Fri", "Friday"), ("sat", "Sat", "Saturday"), ("sun", "Sun", "Sunday"))


class PlanForm(QWidget):
    """The plan's inputs. Emits `submitted` with a PlanRequest; the page validates and saves."""

    submitted = Signal(object)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.heading = plain_label("Make your study plan", "h2")
        lay.addWidget(self.heading)
        lay.addWidget(plain_label("Which tests are you studying for?"))
        self.test_grid = QGridLayout()
        lay.addLayout(self.test_grid)
        self.test_boxes: dict[str, QCheckBox] = {}
        self.recert = QCheckBox("Aim at the shorter recertification test")
        self.recert.setAccessibleName("Aim at the shorter recertification test")
        lay.addWidget(self.recert)
        self.recert_note = plain_label("", "muted")
        lay.addWidget(self.recert_note)
        self.renewal = QCheckBox("Keep a certification I hold alive through the ASE Renewal App")
        self.renewal.setAccessibleName("Keep a certification I hold alive through the ASE Renewal App")
        lay.addWidget(self.renewal)
        lay.addWidget(plain_label("One question a month per certification; eight right in a subscription year extend "
                                  "it a year. The plan's checks are ten questions from every area, the explanation "
                                  "after each; the date is the day the plan ends.", "muted"))
        # one aim at a time: the real test, its recertification test or the Renewal App
        self.recert.toggled.connect(lambda on: self.renewal.setChecked(False) if on else None)
        self.renewal.toggled.connect(self._aim)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        # typed dates are taken as typed or refused with a message (never turned into another date)
        self.exam_date = DateField(name="Exam date")
        self.start_date = DateField(name="Start date")
        self.weeks_note = plain_label("", "muted")
        for w in (self.exam_date, self.start_date):
            w.dateChanged.connect(self._weeks)
        form.addRow("Exam date", self.exam_date)
        self.exam_label = form.labelForField(self.exam_date)
        form.addRow("Start on", self.start_date)
        form.addRow(self.weeks_note)
        days = QHBoxLayout()
        self.day_boxes: dict[str, QCheckBox] = {}
        for key, short, long in DAYS:
            b = QCheckBox(short)
            b.setAccessibleName(f"Study on {long} evenings")
            self.day_boxes[key] = b
            days.addWidget(b)
        days.addStretch(1)
        form.addRow("Evenings (3 or 4)", days)
        self.minutes = QSpinBox()
        self.minutes.setRange(45, 180)
        self.minutes.setSingleStep(15)
        self.minutes.setSuffix(" minutes")
        self.minutes.setAccessibleName("Minutes an evening")
        self.start_time = QTimeEdit()
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setAccessibleName("Start time")
        form.addRow("Each evening", self.minutes)
        form.addRow("Starting at", self.start_time)
        lay.addLayout(form)

        self.problems = plain_label("", "bad")
        self.problems.setAccessibleName("Problems with the plan's settings")
        self.problems.hide()
        lay.addWidget(self.problems)
        row = QHBoxLayout()
        self.submit_btn = push_button("Create plan", "primary")
        self.submit_btn.setAccessibleName("Create the study plan")
        self.submit_btn.clicked.connect(self._submit)
        self.cancel_btn = QPushButton("Cancel")
        self.cancel_btn.setAccessibleName("Cancel, keep the plan as it is")
        self.cancel_btn.clicked.connect(self.cancelled.emit)
        row.addWidget(self.submit_btn)
        row.addWidget(self.cancel_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.reset(date.today())

    def set_tests(self, tests: list[tuple[str, str]], recert_tests: list[str]) -> None:
        """(code, title) of each test with questions; `recert_tests` have recertification figures."""
        checked = self.selected_tests()
        for b in self.test_boxes.values():
            b.deleteLater()
        self.test_boxes = {}
        for i, (code, title) in enumerate(tests):
            b = QCheckBox(title)
            b.setAccessibleName(f"Study for {title}")
            b.setChecked(code in checked)
            self.test_boxes[code] = b
            self.test_grid.addWidget(b, i // 3, i % 3)
        known = ", ".join(recert_tests) or "none yet"
        self.recert_note.setText(f"Recertification tests are shorter, with the same content areas. Our blueprint "
                                 f"file has their length and time for: {known}.")

    def selected_tests(self) -> list[str]:
        return [c for c, b in self.test_boxes.items() if b.isChecked()]

    def reset(self, today: date) -> None:
        self.start_date.setDate(today)
        self.exam_date.setDate(today + timedelta(weeks=7))
        for key, b in self.day_boxes.items():
            b.setChecked(key in ("mon", "wed", "thu"))
        self.minutes.setValue(90)
        self.start_time.setTime(QTime(19, 0))
        self.show_problems([])

    def fill(self, tests: list[str], recert: bool, settings: Any = None, renewal: bool = False) -> None:
        """Tick the given tests; with `settings` (a PlanSettings), show that plan's choices."""
        for code, b in self.test_boxes.items():
            b.setChecked(code in tests)
        self.recert.setChecked(recert)
        self.renewal.setChecked(bool(settings.renewal) if settings is not None else renewal)
        if settings is not None:
            for w, d in ((self.start_date, settings.start_date), (self.exam_date, settings.exam_date)):
                w.setDate(d)
            for key, b in self.day_boxes.items():
                b.setChecked(key in settings.evenings)
            self.minutes.setValue(settings.minutes)
            h, m = (int(x) for x in settings.start_time.split(":"))
            self.start_time.setTime(QTime(h, m))
        self.show_problems([])

    def request(self) -> Any:
        from study.planning.planner import PlanRequest

        exam, start = self.exam_date.date(), self.start_date.date()
        assert exam is not None and start is not None, "request() after _submit's check"
        return PlanRequest(tuple(self.selected_tests()), tuple(k for k, b in self.day_boxes.items() if b.isChecked()),
                           exam, start, None,
                           self.minutes.value(), self.start_time.time().toString("HH:mm"), self.recert.isChecked(),
                           self.renewal.isChecked())

    def _aim(self, renewal: bool) -> None:
        if renewal:
            self.recert.setChecked(False)
        self.exam_label.setText("Plan until" if renewal else "Exam date")  # type: ignore[attr-defined]
        self.exam_date.edit.setAccessibleName("Plan until" if renewal else "Exam date")
        self._weeks()

    def _submit(self) -> None:
        """Both dates as typed, or each field says why not and nothing is sent."""
        start, exam = self.start_date.check(), self.exam_date.check()
        if exam is None or start is None:
            self.show_problems([f"{f.edit.accessibleName()}: {f.problem()}" for f in (self.exam_date, self.start_date)
                                if f.date() is None])
            return
        self.submitted.emit(self.request())

    def show_problems(self, problems: list[str]) -> None:
        self.problems.setText(("Please check:\n" + "\n".join(f"• {p}" for p in problems)) if problems else "")
        self.problems.setVisible(bool(problems))

    def _weeks(self) -> None:
        start, exam = self.start_date.date(), self.exam_date.date()
        if start is None or exam is None:
            self.weeks_note.setText("")
            return
        w, d = divmod(max(0, (exam - start).days), 7)
        end = "the plan's end" if self.renewal.isChecked() else "the exam"
        self.weeks_note.setText(f"{w} weeks{f' and {d} days' if d else ''} from the start to {end} "
                                "(a plan takes 6 to 8 weeks)")
