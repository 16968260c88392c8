"""Percentages as a US reader writes them: "64%", the sign against the number, never "64 %".

Every percent a person reads (the pages, charts, messages, PDFs, the calendar export, the command
line, the bank check's problems) comes through here, so one style holds everywhere;
tests/test_percent_style.py fails on a percent written any other way.
"""

from __future__ import annotations


def percent_text(points: float, places: int = 0) -> str:
    """A value already in percent: 64.2 -> '64%'; `places` decimals: 33.333 -> '33.33%' (2)."""
    return f"{points:.{places}f}%"


def fraction_text(share: float, places: int = 0) -> str:
    """A share of one: 0.642 -> '64%'."""
    return percent_text(share * 100, places)


def general_text(points: float) -> str:
    """A value in percent with as many digits as it needs and no more: 50.0 -> '50%', 33.3333 -> '33.33%'."""
    return f"{points:.4g}%"
