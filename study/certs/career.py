"""What the Certifications page and `certs` show, from the stored passes, failed attempts,
purchases and Renewal App credit: each certification's expiry (extended by the Renewal App where
earned), what is due, Master progress with prerequisites, and the Entry-Level attempts left.

Pure functions with `today` passed in, so every rule is tested without a clock or a database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from questions.blueprints import Blueprints
from study.certs.dates import (
    DUE,
    EXPIRED,
    add_years,
    expiry_date,
    next_attempt_from,
    purchase_ends,
    school_year,
    status_on,
    subscription_ends,
)
from study.certs.rules import SeriesFact, TestingRules, series_facts, testing_rules
from study.day_words import day_text

STATUS_WORDS = {"valid": "✓ Valid", DUE: "⚠ Due for recertification", EXPIRED: "✗ Expired"}


@dataclass(frozen=True)
class RenewalYear:
    """One Renewal App subscription year of one certification: credit earned so far."""

    test: str
    starts_on: date
    credits: int
    needed: int

    @property
    def ends_on(self) -> date:
        return subscription_ends(self.starts_on)

    @property
    def earned(self) -> bool:
        return self.credits >= self.needed

    def open_on(self, today: date) -> bool:
        return self.starts_on <= today <= self.ends_on

    def months_left(self, today: date) -> int:
        """Monthly questions still to come in the year after `today` (at most twelve in all)."""
        if today > self.ends_on:
            return 0
        done = (today.year - self.starts_on.year) * 12 + today.month - self.starts_on.month + 1
        return max(0, min(12, 12 - max(0, done)))

    def words(self, today: date) -> str:
        head = f"{self.credits} of {self.needed} credits, year {day_text(self.starts_on)} to {day_text(self.ends_on)}"
        if self.earned:
            return f"{head}: one year's extension earned"
        if today > self.ends_on:
            return f"{head}: ended without the extension"
        left = self.months_left(today)
        need = self.needed - self.credits
        if need > left:
            return f"{head}: {need} more needed but only {left} monthly questions are left"
        return f"{head}: {need} more right of the {left} monthly questions left"

    def as_json(self) -> dict[str, Any]:
        return {"starts": self.starts_on.isoformat(), "ends": self.ends_on.isoformat(), "credits": self.credits,
                "needed": self.needed, "earned": self.earned}


@dataclass(frozen=True)
class CertificationRecord:
    id: int
    test: str
    name: str
    passed_on: date
    expires_on: date  # with any Renewal App extension
    status: str  # valid | due | expired, from this pass's own dates
    renewed_on: date | None = None  # a later pass of the same test, if any
    entry_level: bool = False  # an ASE Entry-Level certificate: two years, never renewed
    extended_years: int = 0  # years added by the Renewal App
    renewal: tuple[RenewalYear, ...] = ()

    @property
    def is_current(self) -> bool:
        return self.status != EXPIRED

    @property
    def base_expires_on(self) -> date:
        return add_years(self.expires_on, -self.extended_years) if self.extended_years else self.expires_on

    @property
    def status_words(self) -> str:
        """Status in words with a symbol, never colour alone."""
        if self.renewed_on is not None:
            return f"↻ Renewed by the {day_text(self.renewed_on)} pass"
        if self.entry_level and self.status == EXPIRED:
            return "✗ Expired (Entry-Level: not renewed)"
        words = STATUS_WORDS[self.status]
        if self.extended_years:
            words += f" (extended {self.extended_years} year{'s' if self.extended_years != 1 else ''} by the Renewal App)"
        return words

    def as_json(self) -> dict[str, Any]:
        return {"test": self.test, "passed": self.passed_on.isoformat(), "expires": self.expires_on.isoformat(),
                "status": self.status, "entry_level": self.entry_level, "renewal_app_years": self.extended_years,
                "renewal_app": [r.as_json() for r in self.renewal]}


@dataclass(frozen=True)
class MasterProgress:
    credential: str
    series: str
    required: tuple[str, ...]
    have: tuple[str, ...]  # required tests with a current (not expired) certification
    missing: tuple[str, ...]  # the rest
    warnings: tuple[str, ...]  # e.g. L1 held without a current A8
    fact: SeriesFact
    prerequisites: tuple[tuple[str, bool], ...] = ()  # (test to pass first, held and current)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.warnings

    def as_json(self) -> dict[str, Any]:
        return {"credential": self.credential, "have": list(self.have), "missing": list(self.missing),
                "prerequisites": {t: ok for t, ok in self.prerequisites}}


@dataclass(frozen=True)
class EntryLevelAttempts:
    """A student's attempts at one Entry-Level test in the school year holding `today`."""

    test: str
    year_starts: date
    year_ends: date
    attempts: tuple[date, ...]
    allowed: int
    next_from: date | None  # the first day of the next attempt, when a wait applies

    @property
    def left(self) -> int:
        return max(0, self.allowed - len(self.attempts))

    def words(self, today: date) -> str:
        head = (f"{len(self.attempts)} of {self.allowed} attempts this school year "
                f"({day_text(self.year_starts)} to {day_text(self.year_ends)})")
        if not self.left:
            return f"{head}; a further attempt needs another credit from the school"
        if self.next_from is not None and self.next_from > today:
            return f"{head}; the next from {day_text(self.next_from)} (30 days after the last)"
        return f"{head}; {self.left} left"


@dataclass(frozen=True)
class CareerView:
    today: date
    certifications: tuple[CertificationRecord, ...]  # newest pass first
    due: tuple[CertificationRecord, ...]  # the latest pass of each test, due within twelve months
    master: tuple[MasterProgress, ...]
    facts: tuple[SeriesFact, ...]  # recertification and experience rules, for the "where from" list
    entry_level: tuple[EntryLevelAttempts, ...] = ()
    failed: tuple[tuple[str, date], ...] = ()  # (test, day) of attempts not passed, newest first
    purchases: tuple[tuple[str, date, date], ...] = ()  # (test, bought, take by) not yet taken
    retake_from: dict[str, date] = field(default_factory=dict)  # test -> first day of the next attempt
    notes: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {"certifications": [c.as_json() for c in self.certifications],
                "master": [m.as_json() for m in self.master],
                "failed": [{"test": t, "taken": d.isoformat()} for t, d in self.failed],
                "purchases": [{"test": t, "bought": b.isoformat(), "take_by": e.isoformat()}
                              for t, b, e in self.purchases],
                "retake_from": {t: d.isoformat() for t, d in self.retake_from.items()}}


def records_from_passes(passes: Iterable[tuple[int, str, date]], blueprints: Blueprints, today: date,
                        renewals: Iterable[tuple[str, date, int]] = ()) -> tuple[CertificationRecord, ...]:
    """Records with expiry (two years for Entry-Level certificates, five otherwise, plus a year for
    each Renewal App year earned while the pass was the latest), status and the later pass that
    renewed each (if any), newest first."""
    rules = testing_rules(blueprints)
    rows = sorted(passes, key=lambda p: (p[2], p[1]), reverse=True)
    years = [RenewalYear(t, s, int(c), rules.renewal_credits) for t, s, c in renewals]
    out = []
    for id_, test, passed in rows:
        bp = blueprints.get(test) if test in blueprints else None
        entry = bool(bp and bp.entry_level)
        later = [p for _, t, p in rows if t == test and p > passed]
        nxt = min(later) if later else None
        mine = tuple(sorted((y for y in years if y.test == test and passed < y.starts_on
                             and (nxt is None or y.starts_on < nxt)), key=lambda y: y.starts_on))
        extended = 0 if entry else sum(rules.renewal_extension_years for y in mine if y.earned)
        valid_years = (bp.valid_years if bp and bp.valid_years else None) or \
            (rules.entry_level_years if entry else None)
        expires = add_years(expiry_date(passed, valid_years) if valid_years else expiry_date(passed), extended)
        out.append(CertificationRecord(id_, test, bp.name if bp else "", passed, expires,
                                       status_on(expires, today, renewable=not entry), nxt, entry, extended,
                                       () if entry else mine))
    return tuple(out)


def master_progress(records: Iterable[CertificationRecord], blueprints: Blueprints) -> tuple[MasterProgress, ...]:
    """Each credential of the blueprint file: which required tests are held and current.

    An expired certification does not count, nor does an Entry-Level certificate (a separate,
    shorter test that grants no A-series certification). Only the listed tests count, so A9 never
    matters for Master Automobile Technician. A test with prerequisites (L1: A8; L3: A6 and A8)
    held without them current is reported as a warning on its credential.
    """
    records = list(records)
    current = {r.test for r in records if r.is_current and not r.entry_level}
    passed = {r.test for r in records if not r.entry_level}
    out = []
    for entry in blueprints.series_facts.get("master_status") or ():
        required = tuple(str(t) for t in entry.get("required_tests") or ())
        if not required:  # e.g. Parts Specialist: no list of tests to track
            continue
        have = tuple(t for t in required if t in current)
        missing = tuple(t for t in required if t not in current)
        warnings = []
        prereqs: list[tuple[str, bool]] = []
        for t in required:
            needs = blueprints.get(t).prerequisites if t in blueprints else ()
            prereqs.extend((p, p in current) for p in needs)
            if t not in current:
                continue
            for p in needs:
                if p not in current:
                    why = "has expired" if p in passed else "is not recorded"
                    warnings.append(f"You hold {t}, but your {p} {why}: {t} needs a current {p} certification. "
                                    f"Recertify {p} to keep {t}." if p in passed else
                                    f"You hold {t}, but your {p} {why}: {t} needs {p} passed first. "
                                    f"Record your {p} pass, or pass {p}.")
        out.append(MasterProgress(str(entry.get("credential") or ""), str(entry.get("series") or ""), required,
                                  have, missing, tuple(warnings), _master_fact(entry), tuple(prereqs)))
    return tuple(out)


def _master_fact(entry: dict[str, Any]) -> SeriesFact:
    return SeriesFact("master_status", " ".join(str(entry.get("notes") or "").split()),
                      tuple(str(s) for s in entry.get("source") or ()), bool(entry.get("verified", False)),
                      str(entry.get("source_quality") or ""))


def entry_level_attempts(test: str, attempts: Iterable[date], rules: TestingRules, today: date) -> EntryLevelAttempts:
    start, end = school_year(today, rules.school_year_starts_month)
    mine = tuple(sorted(d for d in attempts if start <= d <= end))
    nxt = next_attempt_from(mine[-1], rules.entry_level_days_between) if mine else None
    return EntryLevelAttempts(test, start, end, mine, rules.entry_level_attempts, nxt)


def career_view(records: Iterable[CertificationRecord], blueprints: Blueprints, today: date, *,
                failed: Iterable[tuple[str, date]] = (), purchases: Iterable[tuple[str, date]] = ()) -> CareerView:
    rules = testing_rules(blueprints)
    recs = tuple(sorted(records, key=lambda r: (r.passed_on, r.test), reverse=True))
    latest: dict[str, CertificationRecord] = {}
    for r in recs:
        latest.setdefault(r.test, r)
    due = tuple(sorted((r for r in latest.values() if r.status == DUE), key=lambda r: r.expires_on))
    facts = series_facts(blueprints, "recertification") + series_facts(blueprints, "experience_requirement")
    fails = tuple(sorted(failed, key=lambda f: (f[1], f[0]), reverse=True))
    attempts: dict[str, list[date]] = {}
    for test, day in [(r.test, r.passed_on) for r in recs] + list(fails):
        attempts.setdefault(test, []).append(day)
    retake = {t: d for t, days in attempts.items()
              if (d := next_attempt_from(max(days), rules.retake_days)) > today}
    open_buys = tuple(sorted(((t, b, purchase_ends(b, rules.purchase_days)) for t, b in purchases
                              if not any(d >= b for d in attempts.get(t, ())) and purchase_ends(b, rules.purchase_days) >= today),
                             key=lambda p: p[2]))
    entry = tuple(entry_level_attempts(t, days, rules, today) for t, days in sorted(attempts.items())
                  if t in blueprints and blueprints.get(t).entry_level)
    notes = []
    if any(r.entry_level for r in recs):
        notes.append("Entry-Level certificates are valid two years, are not renewed, and count toward no Master "
                     "status: the professional tests come next.")
    facts += rules.testing_facts + (rules.renewal_facts if any(r.renewal for r in recs) else ()) + \
        (rules.entry_level_facts if entry or any(r.entry_level for r in recs) else ())
    return CareerView(today, recs, due, master_progress(recs, blueprints), facts, entry, fails, open_buys, retake,
                      tuple(notes))
