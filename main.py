"""ASE Prep: start the desktop app, or run a command-line subcommand.

    python main.py                     the app
    python main.py open SET.aseset     the app, opening a practice set
    python main.py bank check --strict check the question bank
    python main.py --help              every command
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def parser() -> argparse.ArgumentParser:
    from study import cli

    p = argparse.ArgumentParser(prog="ase-prep", description="ASE Prep: practice for the ASE certification tests.")
    p.add_argument("--data-dir", type=Path, help="folder for the database, backups and settings")
    p.add_argument("--db", metavar="URL", help="SQLAlchemy database URL (default: SQLite in the data folder)")
    sub = p.add_subparsers(dest="command")
    cli.add_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command is None or (args.command == "open" and not args.json):
        # `open FILE` without --json: the app starts and opens the practice set (a file double-clicked)
        from app.application import run_gui

        return run_gui(args)
    from study import cli

    return cli.run(args)


if __name__ == "__main__":
    sys.exit(main())
