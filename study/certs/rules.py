"""ASE's rules the certification pages apply, read from the blueprint file's series facts with
their sources and verified flags, so each rule the app applies can say where it comes from.

A figure missing from the file falls back to the value our reference gives (and the fact list
then says so by its absence); an assumption of the app's own is marked as one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from questions.blueprints import Blueprints

CERTIFICATION_YEARS = 5  # series fact "recertification": certification is for five years
DUE_WINDOW_YEARS = 1  # "due" = the last twelve months before expiry


@dataclass(frozen=True)
class SeriesFact:
    """One rule from the blueprint file, with where it came from and whether it was confirmed."""

    topic: str
    text: str
    source: tuple[str, ...]
    verified: bool
    source_quality: str = ""
    assumption: bool = False  # the app's own rule where no source gave one

    @property
    def source_words(self) -> str:
        if self.assumption:
            return "assumed (no published rule): the app's own"
        src = ", ".join(self.source) or "no source"
        quality = f", {self.source_quality.replace('_', ' ')}" if self.source_quality else ""
        return ("" if self.verified else "unverified, ") + f"source {src}{quality}"


def _fact(topic: str, f: Mapping[str, Any]) -> SeriesFact:
    text = " ".join(str(f.get("fact") or f.get("notes") or f.get("credential") or "").split())
    return SeriesFact(topic, text, tuple(str(s) for s in f.get("source") or ()), bool(f.get("verified", False)),
                      str(f.get("source_quality") or ""), bool(f.get("assumption", False)))


def series_facts(blueprints: Blueprints, topic: str) -> tuple[SeriesFact, ...]:
    return tuple(_fact(topic, f) for f in blueprints.series_facts.get(topic) or ())


def _rule(blueprints: Blueprints, topic: str, rule: str) -> Mapping[str, Any]:
    return next((f for f in blueprints.series_facts.get(topic) or () if f.get("rule") == rule), {})


@dataclass(frozen=True)
class TestingRules:
    """The figures of ASE's testing, renewal and Entry-Level rules, and the facts they come from."""

    purchase_days: int = 90  # from purchase to test (S53)
    retake_days: int = 30  # full days between two attempts of the same test (S53)
    renewal_credits: int = 8  # right answers in a subscription year for one extension (S47)
    renewal_extension_years: int = 1
    renewal_tests: tuple[str, ...] = ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9")
    entry_level_years: int = 2  # an Entry-Level certificate's life (S43)
    entry_level_attempts: int = 2  # attempts per school year (S43, S44)
    entry_level_days_between: int = 30
    school_year_starts_month: int = 7  # the app's assumption: 1 July
    testing_facts: tuple[SeriesFact, ...] = ()
    renewal_facts: tuple[SeriesFact, ...] = ()
    entry_level_facts: tuple[SeriesFact, ...] = ()

    @property
    def renewal_months(self) -> int:
        """Questions the Renewal App asks in a subscription year for one area (one a month)."""
        return 12


def testing_rules(blueprints: Blueprints) -> TestingRules:
    d = TestingRules()
    buy = _rule(blueprints, "testing_policies", "registration_validity")
    wait = _rule(blueprints, "testing_policies", "retake_wait")
    ext = _rule(blueprints, "renewal_app", "extension")
    tests = _rule(blueprints, "renewal_app", "tests")
    valid = _rule(blueprints, "entry_level", "validity")
    tries = _rule(blueprints, "entry_level", "attempts")
    year = _rule(blueprints, "entry_level", "school_year")
    return TestingRules(
        purchase_days=int(buy.get("days") or d.purchase_days),
        retake_days=int(wait.get("days") or d.retake_days),
        renewal_credits=int(ext.get("credits_needed") or d.renewal_credits),
        renewal_extension_years=int(ext.get("extension_years") or d.renewal_extension_years),
        renewal_tests=tuple(str(t) for t in tests.get("tests") or d.renewal_tests),
        entry_level_years=int(valid.get("years") or d.entry_level_years),
        entry_level_attempts=int(tries.get("attempts_per_school_year") or d.entry_level_attempts),
        entry_level_days_between=int(tries.get("days_between") or d.entry_level_days_between),
        school_year_starts_month=int(year.get("starts_month") or d.school_year_starts_month),
        testing_facts=series_facts(blueprints, "testing_policies"),
        renewal_facts=series_facts(blueprints, "renewal_app"),
        entry_level_facts=series_facts(blueprints, "entry_level"),
    )
