"""Certification date arithmetic: expiry, the recertification window, the wait between attempts,
the 90 days from purchase to test and the school year. Pure functions of dates."""

from __future__ import annotations

from datetime import date, timedelta

from study.certs.rules import CERTIFICATION_YEARS, DUE_WINDOW_YEARS

VALID, DUE, EXPIRED = "valid", "due", "expired"


def add_years(d: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year.

    A pass on 29 Feb 2020 therefore expires on 28 Feb 2025: the certificate never runs past the
    anniversary, which is the cautious reading when the anniversary day does not exist.
    """
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a year without one
        return d.replace(year=d.year + years, day=28)


def expiry_date(passed_on: date, years: int = CERTIFICATION_YEARS) -> date:
    """Five years after the pass (two for an Entry-Level certificate; 29 Feb -> 28 Feb, see add_years)."""
    return add_years(passed_on, years)


def due_from(expires_on: date) -> date:
    """The first day a certification counts as due: twelve months before it expires."""
    return add_years(expires_on, -DUE_WINDOW_YEARS)


def status_on(expires_on: date, today: date, *, renewable: bool = True) -> str:
    """"expired" on or after the expiry date; "due" in the twelve months before it (the day exactly
    twelve months before expiry included) for a certification that can be renewed; else "valid"."""
    if today >= expires_on:
        return EXPIRED
    if renewable and today >= due_from(expires_on):
        return DUE
    return VALID


def certification_status(passed_on: date, today: date) -> str:
    """The status of a five-year certification passed on `passed_on`."""
    return status_on(expiry_date(passed_on), today)


def next_attempt_from(taken_on: date, wait_days: int) -> date:
    """The first day the same test may be bought and taken again: ASE asks for `wait_days` full
    days in between, so an attempt on 1 March allows the next on 1 March + 31 days (1 April)."""
    return taken_on + timedelta(days=wait_days + 1)


def purchase_ends(purchased_on: date, days: int) -> date:
    """The last day a test bought on `purchased_on` can be taken (90 days from the purchase date)."""
    return purchased_on + timedelta(days=days)


def school_year(d: date, starts_month: int) -> tuple[date, date]:
    """The school year holding `d`: first and last day (1 July to 30 June by default)."""
    first_year = d.year if d.month >= starts_month else d.year - 1
    start = date(first_year, starts_month, 1)
    return start, add_years(start, 1) - timedelta(days=1)


def subscription_ends(starts_on: date) -> date:
    """The last day of a Renewal App subscription year (twelve months from its first day)."""
    return add_years(starts_on, 1) - timedelta(days=1)
