"""The learner's certifications: passes recorded, when each expires, what is due for
recertification, progress toward each Master credential, and which test to take first.

The rules come from the blueprint file's series facts (with their sources and verified flags):
a certification lasts five years; Master Automobile Technician needs A1-A8, each still current
(A9 is not part of it); L1 needs A8. The date arithmetic and the advisor are pure functions with
`today` passed in, so they are tested without a clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, insert, select

from questions.blueprints import Blueprints
from study.storage.database import Database
from study.storage.records import Certification

CERTIFICATION: Table = Certification.__table__  # type: ignore[assignment]

CERTIFICATION_YEARS = 5  # series fact "recertification": certification is for five years
DUE_WINDOW_YEARS = 1  # "due" = the last twelve months before expiry

VALID, DUE, EXPIRED = "valid", "due", "expired"
STATUS_WORDS = {VALID: "✓ Valid", DUE: "⚠ Due for recertification", EXPIRED: "✗ Expired"}


class CertificationError(ValueError):
    """A pass that cannot be recorded; the message says why and what to do."""


# -- date arithmetic ------------------------------------------------------------------------------

def add_years(d: date, years: int) -> date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year.

    A pass on 29 Feb 2020 therefore expires on 28 Feb 2025: the certificate never runs past the
    anniversary, which is the cautious reading when the anniversary day does not exist.
    """
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a year without one
        return d.replace(year=d.year + years, day=28)


def expiry_date(passed_on: date) -> date:
    """Five years after the pass (29 Feb -> 28 Feb, see add_years)."""
    return add_years(passed_on, CERTIFICATION_YEARS)


def due_from(expires_on: date) -> date:
    """The first day a certification counts as due: twelve months before it expires."""
    return add_years(expires_on, -DUE_WINDOW_YEARS)


def certification_status(passed_on: date, today: date) -> str:
    """"expired" on or after the expiry date; "due" in the twelve months before it (the day exactly
    twelve months before expiry included); "valid" before that."""
    expires = expiry_date(passed_on)
    if today >= expires:
        return EXPIRED
    if today >= due_from(expires):
        return DUE
    return VALID


# -- what the screens and commands get -------------------------------------------------------------

@dataclass(frozen=True)
class CertificationRecord:
    id: int
    test: str
    name: str
    passed_on: date
    expires_on: date
    status: str  # valid | due | expired, from this pass's own dates
    renewed_on: date | None = None  # a later pass of the same test, if any

    @property
    def is_current(self) -> bool:
        return self.status != EXPIRED

    @property
    def status_words(self) -> str:
        """Status in words with a symbol, never colour alone."""
        if self.renewed_on is not None:
            return f"↻ Renewed by the {self.renewed_on.isoformat()} pass"
        return STATUS_WORDS[self.status]

    def as_json(self) -> dict[str, str]:
        return {"test": self.test, "passed": self.passed_on.isoformat(), "expires": self.expires_on.isoformat(),
                "status": self.status}


@dataclass(frozen=True)
class SeriesFact:
    """One rule from the blueprint file, with where it came from and whether it was confirmed."""

    topic: str
    text: str
    source: tuple[str, ...]
    verified: bool
    source_quality: str = ""

    @property
    def source_words(self) -> str:
        src = ", ".join(self.source) or "no source"
        quality = f", {self.source_quality.replace('_', ' ')}" if self.source_quality else ""
        return ("" if self.verified else "unverified, ") + f"source {src}{quality}"


@dataclass(frozen=True)
class MasterProgress:
    credential: str
    series: str
    required: tuple[str, ...]
    have: tuple[str, ...]  # required tests with a current (not expired) certification
    missing: tuple[str, ...]  # the rest
    warnings: tuple[str, ...]  # e.g. L1 held without a current A8
    fact: SeriesFact

    @property
    def complete(self) -> bool:
        return not self.missing and not self.warnings

    def as_json(self) -> dict[str, Any]:
        return {"credential": self.credential, "have": list(self.have), "missing": list(self.missing)}


@dataclass(frozen=True)
class CareerView:
    today: date
    certifications: tuple[CertificationRecord, ...]  # newest pass first
    due: tuple[CertificationRecord, ...]  # the latest pass of each test, due within twelve months
    master: tuple[MasterProgress, ...]
    facts: tuple[SeriesFact, ...]  # recertification and experience rules, for the "where from" list

    def as_json(self) -> dict[str, Any]:
        return {"certifications": [c.as_json() for c in self.certifications],
                "master": [m.as_json() for m in self.master]}


@dataclass(frozen=True)
class Added:
    record: CertificationRecord
    already_recorded: bool  # the same test and date were recorded before; stored once


def series_facts(blueprints: Blueprints, topic: str) -> tuple[SeriesFact, ...]:
    out = []
    for f in blueprints.series_facts.get(topic) or ():
        text = str(f.get("fact") or f.get("notes") or f.get("credential") or "")
        out.append(SeriesFact(topic, text, tuple(str(s) for s in f.get("source") or ()),
                              bool(f.get("verified", False)), str(f.get("source_quality") or "")))
    return tuple(out)


def master_progress(records: Iterable[CertificationRecord], blueprints: Blueprints) -> tuple[MasterProgress, ...]:
    """Each Master credential in the blueprint file: which required tests are held and current.

    An expired certification does not count. Only the listed tests count, so A9 never matters
    for Master Automobile Technician. L1 needs a current A8 (S11): holding L1 without one is
    reported as a warning on the L1 credential.
    """
    current = {r.test for r in records if r.is_current}
    passed = {r.test for r in records}
    out = []
    for entry in blueprints.series_facts.get("master_status") or ():
        required = tuple(str(t) for t in entry.get("required_tests") or ())
        if not required:  # e.g. Parts Specialist: no list of tests to track
            continue
        have = tuple(t for t in required if t in current)
        missing = tuple(t for t in required if t not in current)
        warnings = []
        if "L1" in required and "L1" in current and "A8" not in current:
            why = "has expired" if "A8" in passed else "is not recorded"
            warnings.append(f"You hold L1, but your A8 {why}: L1 needs a current A8 certification. "
                            "Recertify A8 to keep L1.")
        fact = SeriesFact("master_status", str(entry.get("notes") or ""), tuple(str(s) for s in entry.get("source") or ()),
                          bool(entry.get("verified", False)), str(entry.get("source_quality") or ""))
        out.append(MasterProgress(str(entry.get("credential") or ""), str(entry.get("series") or ""), required,
                                  have, missing, tuple(warnings), fact))
    return tuple(out)


def career_view(records: Iterable[CertificationRecord], blueprints: Blueprints, today: date) -> CareerView:
    recs = tuple(sorted(records, key=lambda r: (r.passed_on, r.test), reverse=True))
    latest: dict[str, CertificationRecord] = {}
    for r in recs:
        latest.setdefault(r.test, r)
    due = tuple(sorted((r for r in latest.values() if r.status == DUE), key=lambda r: r.expires_on))
    facts = series_facts(blueprints, "recertification") + series_facts(blueprints, "experience_requirement")
    return CareerView(today, recs, due, master_progress(recs, blueprints), facts)


# -- storage ---------------------------------------------------------------------------------------

class CertificationService:
    """Record, list and remove the learner's passes. Each change is its own transaction."""

    def __init__(self, db: Database, blueprints: Blueprints, learner_id: int, *,
                 today: Callable[[], date] = date.today, now: Callable[[], datetime] = datetime.now) -> None:
        self.db = db
        self.blueprints = blueprints
        self.learner_id = learner_id
        self.today = today
        self.now = now

    def _check(self, test: str, passed_on: date) -> str:
        code = test.strip().upper()
        if code not in self.blueprints:
            known = ", ".join(self.blueprints.codes)
            raise CertificationError(f"{test!r} is not an ASE test this app knows. Use one of: {known}.")
        today = self.today()
        if passed_on > today:
            raise CertificationError(f"{passed_on.isoformat()} is in the future (today is {today.isoformat()}). "
                                     "Record a pass on or after the day you passed the test.")
        return code

    def add(self, test: str, passed_on: date) -> Added:
        """Record a pass; recording the same test and date again changes nothing."""
        code = self._check(test, passed_on)
        with self.db.engine.begin() as conn:
            row = conn.execute(select(CERTIFICATION.c.id).where(
                CERTIFICATION.c.learner_id == self.learner_id, CERTIFICATION.c.test == code,
                CERTIFICATION.c.passed_on == passed_on)).first()
            already = row is not None
            if not already:
                conn.execute(insert(CERTIFICATION).values(learner_id=self.learner_id, test=code, passed_on=passed_on,
                                                          recorded_at=self.now()))
        record = next(r for r in self.list() if r.test == code and r.passed_on == passed_on)
        return Added(record, already)

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

    def list(self) -> tuple[CertificationRecord, ...]:
        """Every pass, newest first, with expiry and status as of today."""
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(CERTIFICATION.c.id, CERTIFICATION.c.test, CERTIFICATION.c.passed_on)
                                .where(CERTIFICATION.c.learner_id == self.learner_id)).all()
        return records_from_passes(((r.id, r.test, r.passed_on) for r in rows), self.blueprints, self.today())

    def view(self) -> CareerView:
        return career_view(self.list(), self.blueprints, self.today())


def records_from_passes(passes: Iterable[tuple[int, str, date]], blueprints: Blueprints,
                        today: date) -> tuple[CertificationRecord, ...]:
    """Records with expiry, status and the later pass that renewed each (if any), newest first."""
    rows = sorted(passes, key=lambda p: (p[2], p[1]), reverse=True)
    out = []
    for id_, test, passed in rows:
        later = [p for _, t, p in rows if t == test and p > passed]
        name = blueprints.get(test).name if test in blueprints else ""
        out.append(CertificationRecord(id_, test, name, passed, expiry_date(passed),
                                       certification_status(passed, today), min(later) if later else None))
    return tuple(out)


# -- the first-test advisor ------------------------------------------------------------------------

BAYS: Mapping[str, str] = {
    "car": "Car and light truck repair",
    "parts": "Parts counter",
    "collision": "Collision and body repair",
    "truck": "Medium and heavy truck",
    "school_bus": "School bus",
}
TRAINING: Mapping[str, str] = {
    "none": "No training program",
    "in_program": "In a two-year training program now",
    "finished": "Finished a two-year training program",
}


@dataclass(frozen=True)
class Advice:
    test: str
    test_name: str
    reason: str  # why this test, in a sentence
    in_bank: bool
    bank_note: str  # "", or that the bank has no questions for it yet
    alternatives: tuple[str, ...]
    meets_experience: bool
    experience_note: str  # the two-years rule applied to what the learner said
    facts: tuple[SeriesFact, ...]  # the experience rule(s), with sources


def advise_first_test(bay: str, years: int, training: str, bank_counts: Mapping[str, int],
                      blueprints: Blueprints) -> Advice:
    """Suggest a first test from where someone works, their years in the trade and their training.

    A car technician gets A5 Brakes (or A4 Suspension and Steering), the usual advice to
    first-timers: the work is everyday and the content is concrete; A5 is preferred when the bank
    has it. Someone under a year in the trade and not in a program gets G1, the entry-level test.
    The other bays get their own series' usual starting test.
    """
    if bay not in BAYS:
        raise ValueError(f"unknown bay {bay!r}")
    if training not in TRAINING:
        raise ValueError(f"unknown training {training!r}")

    def has(code: str) -> bool:
        return bank_counts.get(code, 0) > 0

    alternatives: tuple[str, ...] = ()
    if bay == "car" and years < 1 and training == "none":
        test, reason = "G1", ("You are newer to the trade: G1 Auto Maintenance and Light Repair is the entry-level test "
                              "and covers the work a new technician does first.")
        alternatives = ("A5",)
    elif bay == "car":
        test = "A5" if has("A5") or not has("A4") else "A4"
        other = "A4" if test == "A5" else "A5"
        reason = (f"{'A5 Brakes' if test == 'A5' else 'A4 Suspension and Steering'} is the usual first test for a "
                  "car technician: everyday work, concrete content, and a good first pass builds confidence.")
        alternatives = (other,)
    elif bay == "parts":
        test, reason = "P2", "P2 Automobile Parts Specialist is the test for the parts counter."
    elif bay == "collision":
        test, reason = "B2", ("You work in collision repair, so the B series is yours; B2 Painting and Refinishing "
                              "is a good place to start.")
        alternatives = ("B3",)
    elif bay == "truck":
        if years < 2:
            test, reason = "T8", ("T8 Preventive Maintenance Inspection covers the inspection work newer truck "
                                  "technicians do first.")
            alternatives = ("T4",)
        else:
            test, reason = "T4", ("You work on trucks, so the T series is yours; with a few years in, T4 Brakes is a "
                                  "good place to start.")
            alternatives = ("T8",)
    else:
        test, reason = "S4", ("You work on school buses, so the S series is yours; S4 Brakes is a good place to "
                              "start.")
    name = blueprints.get(test).name if test in blueprints else ""
    in_bank = has(test)
    bank_note = "" if in_bank else f"{test} is not yet in the question bank: there are no practice questions for it."

    experience = series_facts(blueprints, "experience_requirement")
    two_years = tuple(f for f in experience if "two years" in f.text or "2 years" in f.text)
    facts = two_years[:2] if two_years else experience[:1]
    if test == "G1":
        facts += tuple(f for f in experience if f.text.startswith("G1"))
    meets = years >= 2 or (years >= 1 and training == "finished")
    said = ("less than a year" if years < 1 else f"{years} year{'s' if years != 1 else ''}") + " of hands-on work"
    said += {"none": "", "in_program": ", in a two-year program now", "finished": " and a finished two-year program"}[training]
    rule = ("Certification also needs two years of hands-on experience, or one year plus a two-year "
            "training program, as well as the passed test.")
    experience_note = f"{rule} You said {said}: " + (
        "that meets the rule." if meets else "not yet. You can study now; the certificate needs the experience as "
                                             "well as the pass (check ase.com for the details).")
    return Advice(test, name, reason, in_bank, bank_note, alternatives, meets, experience_note, facts)
