"""Text written into a file a spreadsheet opens (a gradebook, an LMS gradebook, an item analysis):
text from files that a spreadsheet would run as a formula stays text (CSV injection)."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(v: object) -> object:
    """Text starting as a formula would ('=1+1', '@SUM(...)') behind an apostrophe, which keeps it
    text in Excel, LibreOffice and Google Sheets; anything else unchanged."""
    if isinstance(v, str) and v[:1] in FORMULA_STARTS:
        return "'" + v
    return v
