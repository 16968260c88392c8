"""`python main.py plan ...`: make a study plan from the command line, saved as the active plan
(the app's Study plan page then shows it), optionally written to .ics and CSV; without --test it
prints the active plan."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from study.day_words import day_text


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("plan", help="a study plan aimed at your weak areas and, within them, your weakest topics (saved as your active plan)",
                       description="Make a study plan of 3 or 4 evenings a week aimed at your weak areas, and save it "
                                   "as your active plan: 6 to 8 weeks is what we recommend; from 2 weeks the plan is "
                                   "compressed (it says what it cuts), past 8 weeks (up to 26) it starts lighter. "
                                   "Without --test, print the active plan.")
    p.add_argument("--test", action="append", default=[], help="test code, e.g. A5; repeat for more (at most 3)")
    p.add_argument("--exam-date", help="YYYY-MM-DD, 2 to 26 weeks after the start (6 to 8 recommended)")
    p.add_argument("--start-date", help="YYYY-MM-DD (default: today)")
    p.add_argument("--weeks", type=int, help="2 to 26 (6 to 8 recommended): with --start-date, instead of --exam-date")
    p.add_argument("--evenings", default="", help="3 or 4 evenings, e.g. mon,wed,thu")
    p.add_argument("--minutes", type=int, default=90, help="minutes an evening (45-180, default 90)")
    p.add_argument("--start", default="19:00", help="start time, HH:MM (default 19:00)")
    p.add_argument("--recert", action="store_true", help="aim at the shorter recertification test")
    p.add_argument("--renewal", action="store_true",
                   help="keep a certification you hold alive through the ASE Renewal App (A1-A9)")
    p.add_argument("--ics", type=Path, help="also write the plan to this .ics calendar file")
    p.add_argument("--csv", type=Path, help="also write the plan to this CSV file")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--no-save", action="store_true", help="print the plan without saving it")


def _date(text: str | None, what: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        from study.planning.planner import PlanInputError

        raise PlanInputError([f"{what.capitalize()} '{text}' is not a date; write it as YYYY-MM-DD, for "
                              "example 2027-03-01."]) from None


def run(args: argparse.Namespace) -> int | None:
    if args.command != "plan":
        return None
    from study.planning.export import write_csv, write_ics
    from study.planning.planner import PlanInputError, PlanRequest
    from study.services import open_services
    from study.storage.database import DatabaseError

    if args.no_save and (args.ics or args.csv):
        print("error: --ics and --csv export a saved plan; leave out --no-save", file=sys.stderr)
        return 2
    try:
        services = open_services(args.data_dir, args.db)
    except DatabaseError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    try:
        plans = services.plans()
        if not args.test:
            view = plans.active()
            if view is None:
                print("No study plan yet. Make one with: plan --test A5 --exam-date YYYY-MM-DD --evenings "
                      "mon,wed,thu", file=sys.stderr)
                return 1
        else:
            try:
                request = PlanRequest(tuple(args.test), tuple(args.evenings.split(",")) if args.evenings else (),
                                      _date(args.exam_date, "the exam date"), _date(args.start_date, "the start date"),
                                      args.weeks, args.minutes, args.start, args.recert, args.renewal)
                if args.no_save:
                    plan = plans.preview(request)
                    _print(plan.as_json(), args.json)
                    return 0
                view = plans.create(request)
                for code in view.settings.tests:
                    if not services.bank.count_by_area(code):
                        print(f"note: the question bank has no {code} questions yet, so its drills and practice "
                              "exams cannot start; the reading and the calendar still work.", file=sys.stderr)
            except PlanInputError as e:
                for problem in e.problems:
                    print(f"error: {problem}", file=sys.stderr)
                return 2
        if args.ics:
            write_ics(view, args.ics, now=datetime.now())
        if args.csv:
            write_csv(view, args.csv)
        _print(view.as_json(), args.json)
        if args.ics:
            print(f"Calendar written to {args.ics}", file=sys.stderr)
        return 0
    finally:
        services.close()


def _print(data: dict, as_json: bool) -> None:  # type: ignore[type-arg]
    if as_json:
        print(json.dumps(data, indent=2))
        return
    recert = " (recertification)" if data.get("recertification") else ""
    if data.get("renewal_app"):
        recert, until = " (through the ASE Renewal App)", f"{data['exam_date']}"
    else:
        until = f"the exam on {data['exam_date']}"
    print(f"Study plan for {', '.join(data['tests'])}{recert}: {data['start_date']} to {until}, "
          f"{', '.join(data['evenings'])} at {data['start']}, {data['minutes']} minutes.")
    for note in data.get("notes", ()):
        print(f"  Note: {note}")
    week = None
    for s in data["sessions"]:
        d = date.fromisoformat(s["date"])
        monday = d.toordinal() - d.weekday()
        if monday != week:
            week = monday
            print(f"\nWeek of {day_text(date.fromordinal(monday), weekday=True, short=True)}")
        status = f" [{s['status']}]" if s.get("status", "planned") != "planned" else ""
        print(f"  {day_text(d, weekday=True, year=False, short=True)} {s['start']} {s['minutes']} min{status}")
        for a in s["activities"]:
            print(f"    {a['minutes']:3d} min {a['kind']:7} {a.get('text', '')}")
