"""Command-line subcommands (python main.py bank check, bank stats, ...). No Qt.

Heavy modules are imported inside each command so the GUI start, which parses the same
arguments, stays fast."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    bank = sub.add_parser("bank", help="check or summarise the question bank")
    bsub = bank.add_subparsers(dest="bank_command", required=True)
    check = bsub.add_parser("check", help="validate bank files; exit 1 on any problem")
    check.add_argument("files", nargs="*", type=Path, help="files or folders (default: the whole bank)")
    check.add_argument("--strict", action="store_true", help="also apply the quality gate (style mix, key balance, ...)")
    stats = bsub.add_parser("stats", help="counts per test")
    stats.add_argument("--json", action="store_true", help="print JSON")


def _expand(paths: list[Path]) -> list[Path]:
    from questions.bank import bank_files

    out: list[Path] = []
    for p in paths:
        out.extend(bank_files(p) if p.is_dir() else [p])
    return out


def cmd_bank_check(args: argparse.Namespace) -> int:
    from questions.bank import bank_files, load_bank
    from questions.blueprints import load_blueprints

    bp = load_blueprints()
    paths = _expand(args.files) if args.files else None
    bank = load_bank(paths, blueprints=bp)
    problems = list(bank.problems)
    if args.strict:
        from questions.quality import check_strict, fully_included_tests

        # per-test rules (coverage, style mix, key balance) only for tests checked as a whole
        tests = fully_included_tests(args.files) if args.files else None
        problems.extend(check_strict(bank, bp, tests))
    for p in problems:
        print(p)
    n_files = len(paths) if paths is not None else len(bank_files())
    print(f"{len(bank)} questions in {n_files} files; {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def cmd_bank_stats(args: argparse.Namespace) -> int:
    from questions.bank import load_bank
    from questions.blueprints import load_blueprints

    bp = load_blueprints()
    bank = load_bank(blueprints=bp)
    from questions.quality import bank_stats

    stats = bank_stats(bank, bp)
    if args.json:
        print(json.dumps(stats, indent=2, sort_keys=False))
    else:
        for code, s in stats["tests"].items():
            areas = ", ".join(f"{a}: {n}" for a, n in s["areas"].items())
            print(f"{code}: {s['questions']} questions ({areas})")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.command == "bank":
        return cmd_bank_check(args) if args.bank_command == "check" else cmd_bank_stats(args)
    raise SystemExit(f"unknown command {args.command}")
