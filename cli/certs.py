"""`python main.py certs`: record passes, failed attempts, purchases and Renewal App credit; list
certifications with expiry and Master progress; ask which test to take next.

    python main.py certs                             list, with what is due and Master progress
    python main.py certs add A5 2024-03-01           record a pass (--failed: an attempt not passed)
    python main.py certs remove A5 2024-03-01        delete a pass recorded by mistake (--failed: an attempt)
    python main.py certs bought A5 2026-12-01        record buying a test (90 days to take it)
    python main.py certs renewal A5 2026-05-01 6     Renewal App: 6 credits in the year from 2026-05-01
    python main.py certs next --bay car --years 3    the first-test advisor, with what is recorded
    python main.py certs --json                      the same list as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    certs = sub.add_parser("certs", help="your certifications: expiry, recertification and Master progress")
    certs.add_argument("--json", action="store_true", help="print JSON")
    csub = certs.add_subparsers(dest="certs_command")
    for name, what in (("add", "record a test you passed (--failed: one you did not)"),
                       ("remove", "delete a pass recorded by mistake (--failed: an attempt)"),
                       ("bought", "record buying a test: ASE gives 90 days from purchase to take it")):
        p = csub.add_parser(name, help=what)
        p.add_argument("test", help="test code, e.g. A5")
        p.add_argument("date", help="the day, YYYY-MM-DD")
        if name != "bought":
            p.add_argument("--failed", action="store_true", help="an attempt that was not passed")
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    r = csub.add_parser("renewal", help="record ASE Renewal App credit: right answers in a subscription year")
    r.add_argument("test", help="test code, e.g. A5 (the Renewal App covers A1-A9)")
    r.add_argument("start", help="the subscription year's first day, YYYY-MM-DD")
    r.add_argument("credits", type=int, help="right answers so far in that year (8 extend the certification a year)")
    r.add_argument("--remove", action="store_true", help="delete that subscription year's record")
    r.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    n = csub.add_parser("next", help="the first-test advisor: which test to take next")
    n.add_argument("--bay", default="car", choices=("car", "parts", "collision", "truck", "school_bus"))
    n.add_argument("--years", type=int, default=0, help="years of hands-on work")
    n.add_argument("--training", default="none", choices=("none", "in_program", "finished"))
    n.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"error: {text!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-03-01") from None


def run(args: argparse.Namespace) -> int | None:
    if args.command != "certs":
        return None
    from study.certs import CertificationError, CertificationService
    from study.services import open_services
    from study.storage.database import DatabaseError

    action = getattr(args, "certs_command", None)
    when = _date(args.date) if action in ("add", "remove", "bought") else None
    start = _date(args.start) if action == "renewal" else None
    try:
        s = open_services(args.data_dir, args.db)
    except DatabaseError as e:  # (a damaged file's message says how to restore it)
        print(f"error: {e}", file=sys.stderr)
        return 2
    try:
        certs = CertificationService(s.db, s.blueprints, s.exams.learner_id)
        try:
            rc = _change(certs, action, args, when, start)
        except CertificationError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        if rc:
            return rc
        view = certs.view()
        if action == "next":
            return _advise(args, s, view)
    finally:
        s.close()
    if args.json:
        print(json.dumps(view.as_json(), indent=2))
        return 0
    if action:
        return 0
    _print(view)
    return 0


def _change(certs, action: str | None, args: argparse.Namespace, when: date | None,  # type: ignore[no-untyped-def]
            start: date | None) -> int:
    code = getattr(args, "test", "").upper()
    if action == "add" and args.failed:
        assert when is not None
        new = certs.add_failed(args.test, when)
        print(f"{code} attempt on {when.isoformat()} {'recorded' if new else 'already recorded'} as not passed.",
              file=sys.stderr)
    elif action == "add":
        assert when is not None
        added = certs.add(args.test, when)
        r = added.record
        note = "already recorded" if added.already_recorded else "recorded"
        print(f"{r.test} passed {r.passed_on.isoformat()} {note}; expires {r.expires_on.isoformat()} ({r.status}).",
              file=sys.stderr)
    elif action == "remove":
        assert when is not None
        gone = certs.remove_event(args.test, "failed", when) if args.failed else certs.remove(args.test, when)
        if not gone:
            what = "failed attempt" if args.failed else "pass"
            print(f"error: no {what} of {code} on {when.isoformat()} is recorded", file=sys.stderr)
            return 1
        print(f"Removed {code} {'attempt' if args.failed else 'passed'} {when.isoformat()}.", file=sys.stderr)
    elif action == "bought":
        assert when is not None
        certs.add_purchase(args.test, when)
        from study.certs import purchase_ends

        print(f"{code} bought {when.isoformat()}: take it by "
              f"{purchase_ends(when, certs.rules.purchase_days).isoformat()}.", file=sys.stderr)
    elif action == "renewal":
        assert start is not None
        if args.remove:
            if not certs.remove_renewal_year(args.test, start):
                print(f"error: no {code} Renewal App year from {start.isoformat()} is recorded", file=sys.stderr)
                return 1
            print(f"Removed the {code} Renewal App year from {start.isoformat()}.", file=sys.stderr)
            return 0
        r = certs.set_renewal_credit(args.test, start, args.credits)
        year = next(y for y in r.renewal if y.starts_on == start)
        print(f"{r.test} Renewal App: {year.words(certs.today())}. {r.test} expires {r.expires_on.isoformat()}"
              f"{' (extended)' if r.extended_years else ''}.", file=sys.stderr)
    return 0


def _advise(args: argparse.Namespace, s, view) -> int:  # type: ignore[no-untyped-def]
    from study.certs import advise_first_test

    counts = {code: sum(s.bank.count_by_area(code).values()) for code in s.blueprints.codes}
    a = advise_first_test(args.bay, args.years, args.training, counts, s.blueprints, career=view)
    if getattr(args, "json", False):
        print(json.dumps({"test": a.test, "name": a.test_name, "reason": a.reason, "alternatives": list(a.alternatives),
                          "in_bank": a.in_bank, "timing": a.timing_note, "experience": a.experience_note,
                          "skipped": list(a.skipped)}, indent=2))
        return 0
    print(f"Suggested: {a.test} {a.test_name}. {a.reason}")
    if a.alternatives:
        print(f"  Or: {', '.join(a.alternatives)}")
    print(f"  {a.timing_note}")
    print(f"  {a.experience_note}")
    if a.bank_note:
        print(f"  {a.bank_note}")
    return 0


def _print(view) -> None:  # type: ignore[no-untyped-def]
    if not view.certifications and not view.failed and not view.purchases:
        print("No certifications recorded. Add one: python main.py certs add A5 2024-03-01")
        return
    for c in view.certifications:
        print(f"{c.test:4} {c.name:40.40} passed {c.passed_on.isoformat()}  expires {c.expires_on.isoformat()}  "
              f"{c.status_words}")
        for y in c.renewal:
            print(f"       Renewal App: {y.words(view.today)}")
    for test, day in view.failed:
        print(f"{test:4} attempt on {day.isoformat()}, not passed")
    if view.retake_from:
        print("\nNext attempt allowed (30 full days after the last): "
              + ", ".join(f"{t} from {d.isoformat()}" for t, d in sorted(view.retake_from.items())))
    for test, bought, ends in view.purchases:
        print(f"Bought {test} on {bought.isoformat()}: take it by {ends.isoformat()}")
    for e in view.entry_level:
        print(f"{e.test} (Entry-Level): {e.words(view.today)}")
    if view.due:
        print("\nDue for recertification in the next 12 months: "
              + ", ".join(f"{c.test} (expires {c.expires_on.isoformat()})" for c in view.due))
    print()
    for m in view.master:
        missing = ", ".join(m.missing) if m.missing else "none"
        print(f"{m.credential}: {len(m.have)} of {len(m.required)}; missing {missing}")
        for t, ok in m.prerequisites:
            print(f"  needs {t} first: {'held' if ok else 'not held'}")
        for w in m.warnings:
            print(f"  {w}")
    for note in view.notes:
        print(note)
