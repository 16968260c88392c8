"""ASE Prep: start the desktop app, or run a command-line subcommand.

    python main.py                     the app
    python main.py open SET.aseset     the app, opening a practice set
    python main.py FILE.aseset         the same (a double-clicked set or result file)
    python main.py bank check --strict check the question bank
    python main.py --help              every command
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

OPENED_FILES = (".aseset", ".aseresult")  # a practice set, and a student's result for the instructor


def add_start_options(p: argparse.ArgumentParser) -> None:
    """The options every start takes, before any command name."""
    p.add_argument("--data-dir", type=Path, help="folder for the database, backups and settings")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: SQLite in the data folder)")


def parser() -> argparse.ArgumentParser:
    from cli import main as cli

    p = argparse.ArgumentParser(prog="ase-prep", description="ASE Prep: practice for the ASE certification tests.")
    add_start_options(p)
    sub = p.add_subparsers(dest="command")
    cli.add_commands(sub)
    return p


def app_start_args(argv: list[str]) -> argparse.Namespace | None:
    """The plain app start (no command word, only --data-dir/--db), parsed without building every
    command's parser: that costs ~40 ms, a sixth of the time to the first window. None otherwise."""
    p = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    add_start_options(p)
    try:
        args, rest = p.parse_known_args(argv)
    except argparse.ArgumentError:
        return None  # the full parser reports it
    args.command = None
    if len(rest) == 1 and Path(rest[0]).suffix.lower() in OPENED_FILES and not rest[0].startswith("-"):
        # a file the desktop hands over (Exec=ase-prep %f): the app starts and opens it
        args.command, args.file, args.json = "open", Path(rest[0]), False
    elif rest:
        return None
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = app_start_args(argv) or parser().parse_args(argv)
    if args.command is None or (args.command == "open" and not args.json):
        # `open FILE` without --json: the app starts and opens the practice set (a file double-clicked)
        import gc

        # A start makes hundreds of thousands of objects and no garbage to speak of: the cyclic
        # collector, which would walk them all again and again, waits until the data has loaded.
        gc.disable()
        from app import dataclass_code

        dataclass_code.keep()  # the data classes' methods compiled once, kept between starts
        from app.application import run_gui

        return run_gui(args, collect_when_loaded=True)
    from cli import main as cli

    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
