"""`python main.py --db URL class ...`: set up a class lab on a PostgreSQL server. No Qt.

    class init                      roles, grants and row-level security (run again after upgrades)
    class add-student NAME          a login for one student; the password is printed once
    class add-instructor NAME       a login that reads the whole class
    class list                      who has a login
"""

from __future__ import annotations

import argparse
import json
import sys


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("class", help="a class lab on one PostgreSQL server (needs --db postgresql+psycopg://...)")
    csub = p.add_subparsers(dest="class_command", required=True)
    csub.add_parser("init", help="create the class roles and protect every learner's rows (row-level security)")
    for cmd, who in (("add-student", "student"), ("add-instructor", "instructor")):
        a = csub.add_parser(cmd, help=f"make a login for a {who}; its password is printed once")
        a.add_argument("name", help="the person's name, e.g. \"Maria Lopez\"")
        a.add_argument("--login", help="the login to create (default: from the name)")
        a.add_argument("--json", action="store_true", help="print JSON")
    lst = csub.add_parser("list", help="everyone with a login in this class")
    lst.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int | None:
    if args.command != "class":
        return None
    from study.classroom.server import ClassSetupError, add_member, members, set_up_class
    from study.storage.database import DatabaseError, open_database

    if not args.db or not args.db.startswith("postgresql"):
        print("error: class commands work on a PostgreSQL server: python main.py --db "
              "postgresql+psycopg://OWNER@HOST/DATABASE class init", file=sys.stderr)
        return 2
    try:
        db = open_database(args.db)
    except DatabaseError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    try:
        if args.class_command == "init":
            from questions.bank import load_bank

            keys = {q.id: q.answer for q in load_bank().questions}  # the server checks every answer against these
            tables = set_up_class(db, keys)
            print(f"Class ready. Each student's rows are protected in: {', '.join(tables)}.")
            print(f"The server checks answers against the keys of {len(keys)} bundled questions (and your imported "
                  "questions and the sets you build on it).")
            print("Next: python main.py --db URL class add-student \"NAME\" for each student.")
        elif args.class_command in ("add-student", "add-instructor"):
            kind = "student" if args.class_command == "add-student" else "instructor"
            made = add_member(db, args.name, kind, login=args.login)
            if args.json:
                print(json.dumps(made.as_json()))
            else:
                print(f"{made.name}: login {made.login}, password {made.password}")
                print("The password is shown this once and stored nowhere; give it to them now.")
                print(f"On their workstation: python main.py --db '{made.url}'")
        else:
            people = members(db)
            if args.json:
                print(json.dumps([m.__dict__ for m in people]))
            for m in people if not args.json else []:
                print(f"{m.kind:10} {m.login:24} {m.name}")
    except ClassSetupError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    return 0
