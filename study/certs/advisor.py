"""The first-test advisor: which test to take next, from where someone works, their years in the
trade, their training and the tests they already hold, with ASE's timing rules (30 full days
between attempts of a test, 90 days from purchase to test) applied to what is recorded.

The order of tests on each path is the app's own suggestion, not ASE's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from questions.blueprints import Blueprints
from study.certs.career import CareerView
from study.certs.rules import SeriesFact, series_facts, testing_rules
from study.day_words import day_text

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
# After the first test, everyday work first; L1 and L3 once their prerequisites are held.
CAR_PATH = ("A5", "A4", "A6", "A8", "A1", "A7", "A3", "A2", "A9", "L1", "L3")
STUDENT_PATH = ("EA5", "EA4", "EA6", "EA8", "EA1", "EA7", "EA3", "EA2", "EG1")
PARTS_PATH = ("P2", "C1")
REASONS = {
    "A4": "A4 Suspension and Steering is the other usual first test: everyday work and concrete content.",
    "A6": "A6 Electrical/Electronic Systems underlies most of the rest (and L3 needs it).",
    "A8": "A8 Engine Performance is the gateway to L1 Advanced Engine Performance.",
    "L1": "L1 Advanced Engine Performance is where most master technicians go next; you hold A8, which it needs.",
    "L3": "L3 Hybrid/Electric Vehicle Specialist is where the trade is heading; you hold A6 and A8, which it needs.",
    "C1": "C1 Automobile Service Consultant is the test for the service desk, the counter's next step.",
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
    timing_note: str = ""  # ASE's wait between attempts and the 90 days from purchase, applied
    skipped: tuple[str, ...] = ()  # tests passed already, left out of the suggestion


def _next(path: tuple[str, ...], held: set[str]) -> str | None:
    for code in path:
        if code in held:
            continue
        if code == "L1" and "A8" not in held:
            continue
        if code == "L3" and not {"A6", "A8"} <= held:
            continue
        return code
    return None


def advise_first_test(bay: str, years: int, training: str, bank_counts: Mapping[str, int],
                      blueprints: Blueprints, *, career: CareerView | None = None,
                      today: date | None = None) -> Advice:
    """Suggest the next test from where someone works, their years in the trade, their training
    and (with `career`) the certifications they hold and the attempts and purchases recorded.

    A car technician starts with A5 Brakes (or A4 Suspension and Steering), the usual advice to
    first-timers: the work is everyday and the content is concrete; A5 is preferred when the bank
    has it. Someone under a year in the trade and not in a program gets G1; a student in a
    program gets the ASE Entry-Level tests schools give. A test held and current is never
    suggested again: the next on the path is.
    """
    if bay not in BAYS:
        raise ValueError(f"unknown bay {bay!r}")
    if training not in TRAINING:
        raise ValueError(f"unknown training {training!r}")

    def has(code: str) -> bool:
        return bank_counts.get(code, 0) > 0

    held = {r.test for r in career.certifications if r.is_current} if career is not None else set()
    alternatives: tuple[str, ...] = ()
    test: str | None = None
    reason = ""
    if bay == "car" and years < 1 and training == "none" and "G1" not in held:
        test, reason = "G1", ("You are newer to the trade: G1 Auto Maintenance and Light Repair is the entry-level test "
                              "and covers the work a new technician does first.")
        alternatives = ("A5",)
    elif bay == "car" and training == "in_program" and years < 2 and (test := _next(STUDENT_PATH, held)):
        mirrored = blueprints.get(test).mirrors if test in blueprints else None
        reason = (f"You are in a training program: schools give ASE's Entry-Level tests, which need no work "
                  f"experience; {test} {blueprints.get(test).name if test in blueprints else ''} is a good one to "
                  "start with. An Entry-Level certificate is valid two years.")
        alternatives = (mirrored,) if mirrored else ()
    elif bay == "car":
        first = "A5" if has("A5") or not has("A4") else "A4"
        path = (first, *(t for t in CAR_PATH if t != first))
        test = _next(path, held)
        if test in ("A5", "A4") and not held & {"A5", "A4"}:
            reason = (f"{'A5 Brakes' if test == 'A5' else 'A4 Suspension and Steering'} is the usual first test for a "
                      "car technician: everyday work, concrete content, and a good first pass builds confidence.")
            alternatives = ("A4" if test == "A5" else "A5",)
        elif test is not None:
            reason = REASONS.get(test, f"{test} {blueprints.get(test).name} is the next test on the way to Master "
                                       "Automobile Technician.")
            later = _next(path, held | {test})
            alternatives = (later,) if later else ()
    elif bay == "parts":
        test = _next(PARTS_PATH, held)
        reason = REASONS.get(test or "", "P2 Automobile Parts Specialist is the test for the parts counter.")
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
    if test is None:  # every test on the path is held: keep them current
        soonest = min((r for r in career.certifications if r.is_current and r.renewed_on is None),
                      key=lambda r: r.expires_on) if career and career.certifications else None
        test = soonest.test if soonest else "A5"
        reason = (f"You hold every test on this path. {test} expires first ({day_text(soonest.expires_on)}): "
                  "recertify it, by its recertification test or the Renewal App." if soonest else reason)
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
    if test in blueprints and blueprints.get(test).entry_level:
        experience_note = (f"Entry-Level tests need no work experience; the professional tests after them do. {rule} "
                           f"You said {said}.")
    skipped = tuple(t for t in (*CAR_PATH, *STUDENT_PATH, *PARTS_PATH, "G1") if t in held)
    return Advice(test, name, reason, in_bank, bank_note, alternatives, meets, experience_note, facts,
                  timing_note(test, blueprints, career, today), skipped)


def timing_note(test: str, blueprints: Blueprints, career: CareerView | None, today: date | None) -> str:
    """ASE's 30-day wait and 90-day purchase window, applied to what is recorded for `test`."""
    rules = testing_rules(blueprints)
    general = (f"Once bought, a test must be taken within {rules.purchase_days} days; after any attempt, pass or "
               f"fail, the same test waits {rules.retake_days} full days.")
    if career is None:
        return general
    today = today or career.today
    out = []
    if test in career.retake_from:
        out.append(f"Your last {test} attempt is recorded, so the earliest you can take it again is "
                   f"{day_text(career.retake_from[test])}.")
    for t, bought, ends in career.purchases:
        if t == test:
            out.append(f"You bought {test} on {day_text(bought)}: take it by {day_text(ends)} "
                       f"({(ends - today).days} days left), or its fee is forfeited.")
    return " ".join(out) or general
