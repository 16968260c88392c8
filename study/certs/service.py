"""Record and read the learner's real tests: passes, failed attempts, purchases and Renewal App
credit. Each change is its own short transaction; a change that breaks one of ASE's rules (two
attempts closer than 30 days, Renewal App credit for a test not held) is refused with a sentence
saying why, and nothing stored changes. A removal marks a failed attempt, a purchase or a Renewal
App year removed instead of deleting it: a class server's students may not delete."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select, update

from questions.blueprints import Blueprints
from study.certs.career import CareerView, CertificationRecord, career_view, records_from_passes
from study.certs.dates import next_attempt_from, school_year, subscription_ends
from study.certs.rules import testing_rules
from study.day_words import day_text
from study.storage.database import Database
from study.storage.records import CERTIFICATION, EVENT, RENEWAL

FAILED, PURCHASED = "failed", "purchased"


class CertificationError(ValueError):
    """A pass that cannot be recorded; the message says why and what to do."""


@dataclass(frozen=True)
class Added:
    record: CertificationRecord
    already_recorded: bool  # the same test and date were recorded before; stored once


class CertificationService:
    """Record, list and remove the learner's passes, failed attempts, purchases and Renewal App credit."""

    def __init__(self, db: Database, blueprints: Blueprints, learner_id: int, *,
                 today: Callable[[], date] = date.today, now: Callable[[], datetime] = datetime.now) -> None:
        self.db = db
        self.blueprints = blueprints
        self.learner_id = learner_id
        self.today = today
        self.now = now
        self.rules = testing_rules(blueprints)

    def _check(self, test: str, day: date) -> str:
        code = test.strip().upper()
        if code not in self.blueprints:
            known = ", ".join(self.blueprints.codes)
            raise CertificationError(f"{test!r} is not an ASE test this app knows. Use one of: {known}.")
        today = self.today()
        if day > today:
            raise CertificationError(f"{day_text(day)} is in the future (today is {day_text(today)}). "
                                     "Record it on or after the day it happened.")
        return code

    # -- attempts: passes and fails
    def _attempts(self, code: str) -> list[tuple[date, str]]:
        with self.db.engine.connect() as conn:
            passes = conn.execute(select(CERTIFICATION.c.passed_on).where(
                CERTIFICATION.c.learner_id == self.learner_id, CERTIFICATION.c.test == code)).all()
            fails = conn.execute(select(EVENT.c.on_day).where(
                EVENT.c.learner_id == self.learner_id, EVENT.c.test == code, EVENT.c.kind == FAILED,
                EVENT.c.removed.is_(False))).all()
        return sorted([(r[0], "passed") for r in passes] + [(r[0], "failed") for r in fails])

    def _check_attempt(self, code: str, day: date) -> None:
        """ASE's wait between attempts, and for an Entry-Level test its attempts a school year."""
        others = [(d, what) for d, what in self._attempts(code) if d != day]
        wait = self.rules.retake_days
        for d, what in others:
            first, second = sorted((d, day))
            if next_attempt_from(first, wait) > second:
                raise CertificationError(
                    f"{code} {what} on {day_text(d)} is recorded, and ASE asks for {wait} full days between two "
                    f"attempts of the same test, so {day_text(day)} cannot be another attempt. Check the dates.")
        bp = self.blueprints.get(code)
        if bp.entry_level:
            start, end = school_year(day, self.rules.school_year_starts_month)
            same_year = [d for d, _ in others if start <= d <= end]
            most = self.rules.entry_level_attempts + 1  # a third needs another credit (S44)
            if len(same_year) >= most:
                raise CertificationError(
                    f"{code} already has {len(same_year)} attempts in the school year {day_text(start)} to "
                    f"{day_text(end)}; an Entry-Level test allows {self.rules.entry_level_attempts}, and a third "
                    "with another credit, a year.")

    def add(self, test: str, passed_on: date) -> Added:
        """Record a pass; recording the same test and date again changes nothing."""
        code = self._check(test, passed_on)
        with self.db.engine.connect() as conn:
            already = conn.execute(select(CERTIFICATION.c.id).where(
                CERTIFICATION.c.learner_id == self.learner_id, CERTIFICATION.c.test == code,
                CERTIFICATION.c.passed_on == passed_on)).first() is not None
        if not already:
            if any(d == passed_on for d, what in self._attempts(code) if what == "failed"):
                raise CertificationError(f"{code} is recorded as not passed on {day_text(passed_on)}; remove that "
                                         "attempt first if it was passed.")
            self._check_attempt(code, passed_on)
            with self.db.engine.begin() as conn:
                conn.execute(insert(CERTIFICATION).values(learner_id=self.learner_id, test=code, passed_on=passed_on,
                                                          recorded_at=self.now()))
        record = next(r for r in self.list() if r.test == code and r.passed_on == passed_on)
        return Added(record, already)

    def add_failed(self, test: str, taken_on: date) -> bool:
        """Record an attempt that was not passed; False if it was recorded before."""
        code = self._check(test, taken_on)
        if any(d == taken_on for d, what in self._attempts(code) if what == "passed"):
            raise CertificationError(f"{code} is recorded as passed on {day_text(taken_on)}; remove that pass first "
                                     "if it was not passed.")
        return self._add_event(code, FAILED, taken_on, check=True)

    def add_purchase(self, test: str, bought_on: date) -> bool:
        """Record buying a test (ASE allows 90 days from the purchase to take it)."""
        return self._add_event(self._check(test, bought_on), PURCHASED, bought_on)

    def _add_event(self, code: str, kind: str, day: date, *, check: bool = False) -> bool:
        with self.db.engine.connect() as conn:
            row = conn.execute(select(EVENT.c.id, EVENT.c.removed).where(
                EVENT.c.learner_id == self.learner_id, EVENT.c.test == code, EVENT.c.kind == kind,
                EVENT.c.on_day == day)).first()
        if row is not None and not row.removed:
            return False
        if check:
            self._check_attempt(code, day)
        with self.db.engine.begin() as conn:
            if row is not None:  # recorded, removed, and now recorded again
                conn.execute(update(EVENT).where(EVENT.c.id == row.id).values(removed=False, recorded_at=self.now()))
            else:
                conn.execute(insert(EVENT).values(learner_id=self.learner_id, test=code, kind=kind, on_day=day,
                                                  recorded_at=self.now(), removed=False))
        return True

    def remove_event(self, test: str, kind: str, day: date) -> bool:
        """Take back a failed attempt or a purchase; False if none was recorded."""
        with self.db.engine.begin() as conn:
            res = conn.execute(update(EVENT).where(
                EVENT.c.learner_id == self.learner_id, EVENT.c.test == test.strip().upper(), EVENT.c.kind == kind,
                EVENT.c.on_day == day, EVENT.c.removed.is_(False)).values(removed=True))
        return bool(res.rowcount)

    def remove(self, test: str, passed_on: date) -> CertificationRecord | None:
        """Delete one pass; returns it (so it can be put back) or None if there was none."""
        code = test.strip().upper()
        found = next((r for r in self.list() if r.test == code and r.passed_on == passed_on), None)
        if found is not None:
            from study.storage.writes import remove_certification

            with self.db.engine.begin() as conn:
                remove_certification(conn, found.id)
        return found

    def restore(self, record: CertificationRecord) -> Added:
        """Undo a removal."""
        return self.add(record.test, record.passed_on)

    # -- the Renewal App
    def set_renewal_credit(self, test: str, starts_on: date, credits: int) -> CertificationRecord:
        """Record the Renewal App credits earned so far in the subscription year starting `starts_on`
        (a second call for the same year replaces the figure). Returns the certification as extended."""
        code = self._check(test, starts_on)
        rules = self.rules
        if code not in rules.renewal_tests:
            raise CertificationError(f"The ASE Renewal App covers {', '.join(rules.renewal_tests)} as far as our "
                                     f"sources show, not {code}; recertify {code} with its test.")
        held = [r for r in self.list() if r.test == code and r.passed_on < starts_on]
        if not held:
            raise CertificationError(f"Only tests passed before a subscription starts appear in the Renewal App: no "
                                     f"{code} pass before {day_text(starts_on)} is recorded. Record the pass first.")
        today = self.today()
        months = min(rules.renewal_months, (today.year - starts_on.year) * 12 + today.month - starts_on.month + 1)
        if not 0 <= credits <= months:
            raise CertificationError(
                f"{credits} credits cannot have been earned: the Renewal App asks one {code} question a month, so the "
                f"year from {day_text(starts_on)} holds at most {months} by today (one credit a right answer).")
        with self.db.engine.begin() as conn:
            # a year starting inside another recorded year of the same test would overlap it
            for (other,) in conn.execute(select(RENEWAL.c.starts_on).where(
                    RENEWAL.c.learner_id == self.learner_id, RENEWAL.c.test == code, RENEWAL.c.starts_on != starts_on,
                    RENEWAL.c.removed.is_(False))):
                if other <= starts_on <= subscription_ends(other) or starts_on <= other <= subscription_ends(starts_on):
                    raise CertificationError(f"A {code} subscription year from {day_text(other)} is recorded, and "
                                             f"one from {day_text(starts_on)} would overlap it.")
            done = conn.execute(update(RENEWAL).where(RENEWAL.c.learner_id == self.learner_id, RENEWAL.c.test == code,
                                                      RENEWAL.c.starts_on == starts_on)
                                .values(credits=credits, updated_at=self.now(), removed=False))
            if not done.rowcount:
                conn.execute(insert(RENEWAL).values(learner_id=self.learner_id, test=code, starts_on=starts_on,
                                                    credits=credits, updated_at=self.now(), removed=False))
        return next(r for r in self.list() if r.test == code and r.renewed_on is None)

    def remove_renewal_year(self, test: str, starts_on: date) -> bool:
        with self.db.engine.begin() as conn:
            res = conn.execute(update(RENEWAL).where(
                RENEWAL.c.learner_id == self.learner_id, RENEWAL.c.test == test.strip().upper(),
                RENEWAL.c.starts_on == starts_on, RENEWAL.c.removed.is_(False)).values(removed=True))
        return bool(res.rowcount)

    # -- reading
    def list(self) -> tuple[CertificationRecord, ...]:
        """Every pass, newest first, with expiry and status as of today."""
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(CERTIFICATION.c.id, CERTIFICATION.c.test, CERTIFICATION.c.passed_on)
                                .where(CERTIFICATION.c.learner_id == self.learner_id)).all()
            credit = conn.execute(select(RENEWAL.c.test, RENEWAL.c.starts_on, RENEWAL.c.credits)
                                  .where(RENEWAL.c.learner_id == self.learner_id, RENEWAL.c.removed.is_(False))).all()
        return records_from_passes(((r.id, r.test, r.passed_on) for r in rows), self.blueprints, self.today(),
                                   [(r.test, r.starts_on, r.credits) for r in credit])

    def events(self, kind: str) -> tuple[tuple[str, date], ...]:
        """(test, day) of each failed attempt or purchase recorded, oldest first."""
        with self.db.engine.connect() as conn:
            return tuple((r.test, r.on_day) for r in conn.execute(
                select(EVENT.c.test, EVENT.c.on_day).where(EVENT.c.learner_id == self.learner_id, EVENT.c.kind == kind,
                                                           EVENT.c.removed.is_(False))
                .order_by(EVENT.c.on_day)))

    def view(self) -> CareerView:
        return career_view(self.list(), self.blueprints, self.today(), failed=self.events(FAILED),
                           purchases=self.events(PURCHASED))
