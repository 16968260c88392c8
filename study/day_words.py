"""Dates as a US reader writes them: "December 2, 2026", never "December 02" or "2026-12-02".

Every date or time a user reads (the pages, messages, PDFs, the calendar export's text) comes
through here, so one rule holds everywhere. Files meant for programs (CSV, JSON, iCalendar's own
fields) keep ISO dates.
"""

from __future__ import annotations

from datetime import date, datetime


def day_text(day: date, *, weekday: bool = False, year: bool = True, short: bool = False) -> str:
    """'December 2, 2026'; with `weekday` 'Wednesday, December 2, 2026'; `short` abbreviates the
    month and weekday ('Wed, Dec 2, 2026'); without `year` the year is left out ('December 2')."""
    month = f"{day:%b}" if short else f"{day:%B}"
    text = f"{month} {day.day}"
    if year:
        text += f", {day.year}"
    if weekday:
        text = f"{day:%a}, {text}" if short else f"{day:%A}, {text}"
    return text


def clock_text(moment: datetime, *, seconds: bool = False) -> str:
    """'3:05 PM', '12:00 AM' (the 12-hour clock, no leading zero); `seconds`: '3:05:09 PM'."""
    hour = moment.hour % 12 or 12
    secs = f":{moment.second:02d}" if seconds else ""
    return f"{hour}:{moment.minute:02d}{secs} {'AM' if moment.hour < 12 else 'PM'}"


def start_text(hh_mm: str) -> str:
    """A plan's start time as stored ('19:00') in the words shown everywhere else: '7:00 PM'."""
    try:
        hour, minute = (int(x) for x in hh_mm.split(":"))
        return clock_text(datetime(2000, 1, 1, hour, minute))
    except ValueError:
        return hh_mm


def moment_text(moment: datetime, *, short: bool = False, seconds: bool = False) -> str:
    """'December 2, 2026, 3:05 PM' (`short`: 'Dec 2, 2026, 3:05 PM')."""
    return f"{day_text(moment.date(), short=short)}, {clock_text(moment, seconds=seconds)}"
