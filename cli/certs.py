"""`python main.py certs`: record passes, list certifications with expiry and Master progress.

    python main.py certs                       list, with what is due and Master progress
    python main.py certs add A5 2024-03-01     record a pass
    python main.py certs remove A5 2024-03-01  delete a pass recorded by mistake
    python main.py certs --json                the same list as JSON
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
    for name, what in (("add", "record a test you passed"), ("remove", "delete a pass recorded by mistake")):
        p = csub.add_parser(name, help=what)
        p.add_argument("test", help="test code, e.g. A5")
        p.add_argument("date", help="the day you passed, YYYY-MM-DD")
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")


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
    when = _date(args.date) if action else None
    try:
        s = open_services(args.data_dir, args.db)
    except DatabaseError as e:  # (a damaged file's message says how to restore it)
        print(f"error: {e}", file=sys.stderr)
        return 2
    try:
        certs = CertificationService(s.db, s.blueprints, s.exams.learner_id)
        if action == "add":
            assert when is not None
            try:
                added = certs.add(args.test, when)
            except CertificationError as e:
                print(f"error: {e}", file=sys.stderr)
                return 2
            r = added.record
            note = "already recorded" if added.already_recorded else "recorded"
            print(f"{r.test} passed {r.passed_on.isoformat()} {note}; expires {r.expires_on.isoformat()} ({r.status}).",
                  file=sys.stderr)
        elif action == "remove":
            assert when is not None
            if certs.remove(args.test, when) is None:
                print(f"error: no pass of {args.test.upper()} on {when.isoformat()} is recorded", file=sys.stderr)
                return 1
            print(f"Removed {args.test.upper()} passed {when.isoformat()}.", file=sys.stderr)
        view = certs.view()
    finally:
        s.close()
    if args.json:
        print(json.dumps(view.as_json(), indent=2))
        return 0
    if action:
        return 0
    if not view.certifications:
        print("No certifications recorded. Add one: python main.py certs add A5 2024-03-01")
        return 0
    for c in view.certifications:
        print(f"{c.test:4} {c.name:40.40} passed {c.passed_on.isoformat()}  expires {c.expires_on.isoformat()}  "
              f"{c.status_words}")
    if view.due:
        print("\nDue for recertification in the next 12 months: "
              + ", ".join(f"{c.test} (expires {c.expires_on.isoformat()})" for c in view.due))
    print()
    for m in view.master:
        missing = ", ".join(m.missing) if m.missing else "none"
        print(f"{m.credential}: {len(m.have)} of {len(m.required)}; missing {missing}")
        for w in m.warnings:
            print(f"  {w}")
    return 0
