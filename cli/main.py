"""Command-line subcommands (python main.py bank check, bank stats, ...). No Qt.

Heavy modules are imported inside each command so the GUI start, which parses the same
arguments, stays fast."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from questions.percent import fraction_text


def _feature_modules() -> list:  # type: ignore[type-arg]
    """The command groups with modules of their own: each has add_commands(sub) and run(args) -> int | None
    (None: not one of its commands)."""
    from cli import catalog, certs, classroom, desktop, instructor, plan

    return [plan, certs, classroom, instructor, desktop, catalog]


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for mod in _feature_modules():
        mod.add_commands(sub)
    bank = sub.add_parser("bank", help="check or summarize the question bank")
    bsub = bank.add_subparsers(dest="bank_command", required=True)
    check = bsub.add_parser("check", help="validate bank files; exit 1 on any problem")
    check.add_argument("files", nargs="*", type=Path, help="files or folders (default: the whole bank)")
    check.add_argument("--strict", action="store_true", help="also apply the quality gate (style mix, key balance, ...)")
    stats = bsub.add_parser("stats", help="counts per test")
    stats.add_argument("--json", action="store_true", help="print JSON")

    weak = sub.add_parser("weak", help="your weakest content areas for a test, ranked by points at stake")
    weak.add_argument("--test", required=True, help="test code, e.g. A5")
    weak.add_argument("--json", action="store_true", help="print JSON")
    weak.add_argument("--learner", type=int, default=None, help="learner id (default: you)")
    weak.add_argument("--target", type=float, default=None, help="target accuracy, 0-1 (default 0.75)")

    demo = sub.add_parser("demo", help="demo data")
    dsub = demo.add_subparsers(dest="demo_command", required=True)
    seed = dsub.add_parser("seed", help="fill the database with realistic synthetic study history")
    seed.add_argument("--learners", type=int, default=1)
    seed.add_argument("--responses", type=int, default=2000)
    seed.add_argument("--seed", type=int, default=1)


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
        if not args.files:  # an Entry-Level test is judged on the whole bank's entry-level tags
            from questions.entry_level import entry_level_problems

            problems.extend(entry_level_problems(bank, bp))
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
    from questions.entry_level import entry_level_stats
    from questions.quality import bank_stats

    stats = bank_stats(bank, bp)
    stats["tests"].update(entry_level_stats(bank, bp))  # the Entry-Level tests, drawn from tagged questions
    if args.json:
        print(json.dumps(stats, indent=2, sort_keys=False))
    else:
        for code, s in stats["tests"].items():
            areas = ", ".join(f"{a}: {n}" for a, n in s["areas"].items())
            print(f"{code}: {s['questions']} questions ({areas})")
    return 0


def _services(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from study.services import open_services

    return open_services(args.data_dir, args.db)  # a DatabaseError is told by run()


def cmd_weak(args: argparse.Namespace) -> int:
    from study.analytics.standings import Analytics, AnalyticsSettings

    s = _services(args)
    try:
        if args.test not in s.blueprints or not s.blueprints.get(args.test).areas:
            print(f"error: unknown test or no content areas: {args.test}", file=sys.stderr)
            return 2
        settings = AnalyticsSettings(target=args.target) if args.target is not None else s.settings.analytics()
        standing = Analytics(s.db, s.blueprints, settings=settings).standing(args.learner or s.exams.learner_id, args.test)
    finally:
        s.close()
    if args.json:
        print(json.dumps(standing.as_json(), indent=2))
        return 0
    r = standing.readiness
    print(f"{args.test}: {r.verdict_text}.")
    from questions.figures import unsure_text

    unsure = unsure_text(s.blueprints.get(args.test))
    if unsure:
        print(f"  Figures not all ASE's: {unsure}.")
    print(f"  {r.long_run_text}: the share you get right over many questions.")
    print(f"  {r.day_text}: one sitting varies more ({r.chance_text}).")
    print("  ASE pass marks are scaled and not published as a percentage; the target is your own.")
    for a in standing.areas:
        print(f"  {a.area} {a.status:16} {fraction_text(a.estimate):>4} ({fraction_text(a.low)}-{fraction_text(a.high)})  {a.correct}/{a.answered}  "
              f"points at stake {a.points_at_stake:4.1f}  {a.title}")
    return 0


def cmd_demo_seed(args: argparse.Namespace) -> int:
    from study.demo import seed_demo

    s = _services(args)
    try:
        def progress(done: int, total: int) -> None:
            from cli.output import raw_stderr

            print(f"\r{done:,} of {total:,} answers", end="", file=raw_stderr(), flush=True)

        out = seed_demo(s.db, s.bank, s.blueprints, learners=args.learners, responses=args.responses,
                        seed=args.seed, progress=progress)
    finally:
        s.close()
    print(file=sys.stderr)
    print(json.dumps(out))
    return 0


def run(args: argparse.Namespace) -> int:
    """Run one command: untrusted text it prints has its control characters made visible, and a
    failure it did not handle (a damaged database, a full disk, a read-only folder) is one sentence."""
    from cli.output import failure_sentence, visible_output

    with visible_output():
        try:
            return _run(args)
        except Exception as e:  # noqa: BLE001 - told in words below, or raised as it was
            from study.services import database_url, default_data_dir

            text = failure_sentence(e, database_url(args.data_dir or default_data_dir(), args.db))
            if text is None:
                raise
            print(f"error: {text}", file=sys.stderr)
            return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "bank":
        return cmd_bank_check(args) if args.bank_command == "check" else cmd_bank_stats(args)
    if args.command == "weak":
        return cmd_weak(args)
    if args.command == "demo":
        return cmd_demo_seed(args)
    for mod in _feature_modules():
        rc = mod.run(args)
        if rc is not None:
            return int(rc)
    raise SystemExit(f"unknown command {args.command}")
