"""`python main.py tests`: the tests the app knows, with the bank's questions for each and every
figure's standing (verified, unverified, or assumed where no figure was published).

    python main.py tests                  the tests you can practise, figures and what is assumed
    python main.py tests --all --json     every test in the blueprint file, as JSON
"""

from __future__ import annotations

import argparse
import json


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("tests", help="the tests, their questions in the bank and how sure each figure is")
    p.add_argument("--all", action="store_true", help="also tests with no questions in the bank")
    p.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int | None:
    if args.command != "tests":
        return None
    from questions.bank import load_bank
    from questions.blueprints import load_blueprints
    from questions.figures import assumption_notes, describe, figures_text

    bp = load_blueprints()
    bank = load_bank(blueprints=bp)
    rows = []
    for t in bp.tests:
        n = len(bank.for_test(t.code))
        if n or args.all:
            rows.append((t, n))
    if args.json:
        print(json.dumps([{**describe(t), "questions": n} for t, n in rows], indent=2))
        return 0
    for t, n in rows:
        mirror = f", drawn from {t.mirrors}'s entry-level questions" if t.mirrors else ""
        print(f"{t.code:4} {t.name}: {n} questions{mirror}")
        print(f"     {figures_text(t) or 'no figures known'}")
        for line in assumption_notes(t):
            print(f"     Assumed - {line}")
    print("\nASE publishes pass marks as scaled scores; figures marked unverified come from sources we could not "
          "confirm, and assumed ones are the app's own where no figure was published.")
    return 0
