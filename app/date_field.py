"""A date field that takes a typed date as typed, or refuses it with a message: nothing is changed
behind the user's back.

Qt's QDateEdit edits a date section by section and quietly "fixes" what it cannot take (a year
before its minimum becomes the minimum's year, an impossible day becomes another day), so a typed
2024-03-01 could be recorded as 2026-03-01. This field is a line edit: it reads 2027-03-01,
2027/03/01 or 03/01/2027 (month first, as in the US), says the date it read in words beside it (Friday, March 1, 2024), and
says plainly why anything else is not a date it can use. A calendar button picks a date instead.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QGridLayout,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.pages.common import plain_label
from study.day_words import day_text

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
_US = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
EXAMPLE = "2027-03-01"
Day = date  # the type, by a name the field's date() method does not hide


def read_date(text: str, earliest: date | None = None, latest: date | None = None) -> tuple[date | None, str | None]:
    """(the date, None) for text that names one date within the range, else (None, why not)."""
    shown = text.strip()
    if not shown:
        return None, f"Type a date as YYYY-MM-DD, for example {EXAMPLE}."
    m = _ISO.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    elif (m := _US.match(text)) is not None:
        mo, d, y = (int(g) for g in m.groups())
    else:
        return None, f"\"{shown}\" is not a date; type it as YYYY-MM-DD, for example {EXAMPLE}."
    try:
        value = date(y, mo, d)
    except ValueError:
        return None, f"{shown} is not a day of the calendar (check the month and the day); type it as YYYY-MM-DD."
    if earliest is not None and value < earliest:
        return None, f"{value.isoformat()} is before {earliest.isoformat()}, the earliest date this can be."
    if latest is not None and value > latest:
        return None, f"{value.isoformat()} is after {latest.isoformat()}, the latest date this can be."
    return value, None


def in_words(value: date) -> str:
    return day_text(value, weekday=True)


class DateField(QWidget):
    """A typed date (with a calendar button). `date()` is the date typed, or None while the text is
    not one; `problem()` says why. The text is never rewritten except by setDate or the calendar."""

    dateChanged = Signal(object)  # the new date, or None while what is typed is not a date

    def __init__(self, value: Day | None = None, *, earliest: Day | None = None, latest: Day | None = None,
                 name: str = "Date", lead: QWidget | None = None, parent: QWidget | None = None) -> None:
        """`lead` (a "Due" check box) goes on the field's own line, before it, centred on it."""
        super().__init__(parent)
        self.earliest, self.latest = earliest, latest
        self._value: Day | None = None
        self._problem: str | None = None
        grid = QGridLayout(self)  # the field and its calendar; under them the date in words, and any message
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setAccessibleName(name)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00MM") + 16)
        self.pick = QToolButton()
        self.pick.setText("Calendar")
        self.pick.setAccessibleName(f"{name}: pick it on a calendar")
        self.pick.clicked.connect(self._open_calendar)
        self.words = plain_label("", "muted")  # under the field, so a row of fields stays narrow
        self.message = plain_label("", "bad")
        self.message.setWordWrap(True)
        self.message.hide()
        col = 0
        if lead is not None:  # in its own column, so the words and the message line up under the field
            grid.addWidget(lead, 0, 0, Qt.AlignmentFlag.AlignVCenter)
            col = 1
        grid.addWidget(self.edit, 0, col)
        grid.addWidget(self.pick, 0, col + 1)
        grid.addWidget(self.words, 1, col, 1, 2)
        grid.addWidget(self.message, 2, col, 1, 2)
        grid.setColumnStretch(col, 1)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._read)
        self.edit.editingFinished.connect(self._say)
        if value is not None:
            self.setDate(value)
        else:
            self._read(self.edit.text())

    # -- the value
    def set_typing_enabled(self, on: bool) -> None:
        """The field and its calendar on or off, the lead (the check box that turns them on) left alone."""
        self.edit.setEnabled(on)
        self.pick.setEnabled(on)
        self.words.setEnabled(on)

    def date(self) -> Day | None:
        return self._value

    def problem(self) -> str | None:
        return self._problem

    def text(self) -> str:
        return self.edit.text()

    def setDate(self, value: Day | QDate) -> None:
        if isinstance(value, QDate):
            value = Day(value.year(), value.month(), value.day())
        self.edit.setText(value.isoformat())
        self._say()

    def setRange(self, earliest: Day | None, latest: Day | None) -> None:
        self.earliest, self.latest = earliest, latest
        self._read(self.edit.text())
        if self.message.isVisible():
            self._say()

    def check(self) -> Day | None:
        """The date, or None after saying why not under the field and putting the cursor in it (for
        the button that acts on the date)."""
        self._say()
        if self._value is None:
            self.edit.setFocus()
            self.edit.selectAll()
        return self._value

    # -- reading and saying
    def _read(self, text: str) -> None:
        value, problem = read_date(text, self.earliest, self.latest)
        changed = value != self._value
        self._value, self._problem = value, problem
        self.words.setText(in_words(value) if value is not None else "")
        if value is not None:
            self.message.hide()
            self.edit.setAccessibleDescription("")
        if changed:
            self.dateChanged.emit(value)

    def _say(self) -> None:
        self._read(self.edit.text())
        self.message.setText(self._problem or "")
        self.message.setVisible(self._problem is not None)
        self.edit.setAccessibleDescription(self._problem or "")

    # -- the calendar
    def _open_calendar(self) -> None:
        from PySide6.QtCore import Qt

        popup = QFrame(self)
        popup.setObjectName("calendarPopup")
        popup.setWindowFlags(Qt.WindowType.Popup)
        lay = QVBoxLayout(popup)
        lay.setContentsMargins(4, 4, 4, 4)
        cal = QCalendarWidget()
        cal.setGridVisible(True)
        cal.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)  # no week numbers
        cal.setMinimumWidth(7 * (cal.fontMetrics().horizontalAdvance("Wed") + 24))  # every day's name whole
        if self.earliest is not None:
            cal.setMinimumDate(QDate(self.earliest.year, self.earliest.month, self.earliest.day))
        if self.latest is not None:
            cal.setMaximumDate(QDate(self.latest.year, self.latest.month, self.latest.day))
        start = self._value or Day.today()
        cal.setSelectedDate(QDate(start.year, start.month, start.day))
        lay.addWidget(cal)

        def chosen(qd: QDate) -> None:
            self.setDate(Day(qd.year(), qd.month(), qd.day()))
            popup.close()
            self.edit.setFocus()

        cal.activated.connect(chosen)
        cal.clicked.connect(chosen)
        popup.adjustSize()
        popup.move(self.pick.mapToGlobal(QPoint(0, self.pick.height())))
        popup.show()
        cal.setFocus()
        self.calendar = cal  # for tests and screen readers
