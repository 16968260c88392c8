"""The shared date field: a typed date is taken as typed, or refused with a message; nothing is
changed behind the user's back (a QDateEdit turned a typed 2024-03-01 into 2026-03-01)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.date_field import DateField, read_date

pytestmark = pytest.mark.gui


def type_into(qtbot, field: DateField, text: str) -> None:
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)  # as leaving the field does


def test_a_typed_date_before_the_default_range_is_taken_as_typed(qtbot):
    field = DateField(date(2026, 11, 20), earliest=date(1972, 1, 1), latest=date(2026, 12, 1), name="Date passed")
    qtbot.addWidget(field)
    field.show()
    type_into(qtbot, field, "2024-03-01")
    assert field.date() == date(2024, 3, 1) and field.text() == "2024-03-01"
    assert field.words.text() == "Friday, March 1, 2024" and not field.message.isVisible()


@pytest.mark.parametrize("typed, says", [
    ("2024-02-30", "is not a day of the calendar"),
    ("next tuesday", "is not a date"),
    ("2027-03-01", "is after 2026-12-01"),
    ("1960-01-01", "is before 1972-01-01"),
    ("", "Type a date"),
])
def test_anything_else_is_refused_with_a_message_and_left_as_typed(qtbot, typed, says):
    field = DateField(date(2026, 11, 20), earliest=date(1972, 1, 1), latest=date(2026, 12, 1), name="Date passed")
    qtbot.addWidget(field)
    field.show()
    type_into(qtbot, field, typed)
    assert field.date() is None and field.text() == typed  # never rewritten into some other date
    assert field.message.isVisible() and says in field.message.text()
    assert says in field.edit.accessibleDescription()
    assert field.check() is None and field.window().focusWidget() is field.edit


def test_us_month_first_dates_and_slashes_are_read_and_said_back_in_words():
    assert read_date("03/01/2027") == (date(2027, 3, 1), None)
    assert read_date("2027/3/1") == (date(2027, 3, 1), None)
    assert read_date(" 2027-03-01 ")[0] == date(2027, 3, 1)


def test_the_calendar_picks_a_date(qtbot):
    field = DateField(date(2027, 3, 1), name="Exam date")
    qtbot.addWidget(field)
    field.show()
    qtbot.mouseClick(field.pick, Qt.MouseButton.LeftButton)
    from PySide6.QtCore import QDate

    field.calendar.setSelectedDate(QDate(2027, 3, 9))
    field.calendar.activated.emit(QDate(2027, 3, 9))
    assert field.date() == date(2027, 3, 9) and field.text() == "2027-03-09"
