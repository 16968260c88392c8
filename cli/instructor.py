"""Instructor commands: questions in and out, practice sets, and the class's results.

    python main.py open SET.aseset                          what the set holds (title, questions, time)
    python main.py questions import FILE [--test A5 --area C] [--format gift|aiken|csv] [--dry-run] [--json]
    python main.py questions list [--json]                  your imported questions
    python main.py questions export-gift OUT [--test A5] [--imported] [--set SET.aseset]
    python main.py results import FILES_OR_FOLDERS... [--set HASH] [--json]
    python main.py results report --test A5 [--set HASH] [--json]
    python main.py results gradebook OUT.csv|OUT.xlsx --test A5 [--set HASH]

(`results`, not `class`: `python main.py class ...` manages a class server's logins.)

A file that cannot be used exits with status 2 and a message naming it; nothing is stored.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from questions.percent import fraction_text, percent_text


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    op = sub.add_parser("open", help="show what a practice set (.aseset) holds")
    op.add_argument("file", type=Path, help="the .aseset file")
    op.add_argument("--json", action="store_true", help="print JSON")

    qs = sub.add_parser("questions", help="import your own questions (GIFT, Aiken, CSV) or export GIFT")
    qsub = qs.add_subparsers(dest="questions_command", required=True)
    imp = qsub.add_parser("import", help="import questions; --dry-run shows what would be imported and skipped")
    imp.add_argument("file", type=Path)
    imp.add_argument("--test", help="map the questions to this test, e.g. A5")
    imp.add_argument("--area", help="and this content area letter, e.g. C")
    imp.add_argument("--format", choices=("gift", "aiken", "csv"), help="default: from the extension and content")
    imp.add_argument("--dry-run", action="store_true", help="store nothing; show what would happen")
    imp.add_argument("--json", action="store_true", help="print JSON")
    lst = qsub.add_parser("list", help="your imported questions")
    lst.add_argument("--json", action="store_true", help="print JSON")
    for cmd, what in (("export", "write questions for an LMS: GIFT or Moodle XML (Moodle), QTI 1.2 or 2.1 (Canvas, "
                                 "Blackboard)"), ("export-gift", "write questions as GIFT (Moodle's format)")):
        exp = qsub.add_parser(cmd, help=what)
        exp.add_argument("out", type=Path)
        if cmd == "export":
            exp.add_argument("--format", dest="export_format", choices=EXPORT_FORMATS,
                             help="default: from the name (.gift, .xml; a .zip needs --format qti12 or qti21)")
        exp.add_argument("--test", help="only this test")
        exp.add_argument("--imported", action="store_true", help="only your imported questions")
        exp.add_argument("--set", type=Path, dest="set_file", help="the questions of this .aseset file")

    cl = sub.add_parser("results", help="import students' practice-set result files and report on the class")
    csub = cl.add_subparsers(dest="results_command", required=True)
    ci = csub.add_parser("import", help="import .aseresult files (files or folders)")
    ci.add_argument("paths", type=Path, nargs="+")
    ci.add_argument("--set", dest="set_hash", help="only results for the set with this hash (or its start)")
    ci.add_argument("--json", action="store_true", help="print JSON")
    cr = csub.add_parser("report", help="heat map, weak categories, item analysis and gradebook")
    cr.add_argument("--test", required=True)
    cr.add_argument("--set", dest="set_hash")
    cr.add_argument("--json", action="store_true", help="print JSON")
    cg = csub.add_parser("gradebook", help="export the gradebook to .csv or .xlsx, or (--lms) as the LMS imports it")
    cg.add_argument("out", type=Path)
    cg.add_argument("--test", required=True)
    cg.add_argument("--set", dest="set_hash")
    cg.add_argument("--lms", choices=("moodle", "canvas"), help="Moodle's or Canvas's grade import CSV (needs a roster)")
    cg.add_argument("--areas", action="store_true", help="with --lms: a column per content area too")
    ro = csub.add_parser("roster", help="import the class roster: Moodle's participants CSV or Canvas's gradebook export")
    ro.add_argument("file", type=Path)
    mt = csub.add_parser("match", help="say whose a result is when its typed name did not tell (see 'results unmatched')")
    mt.add_argument("result", type=int)
    mt.add_argument("student", type=int, help="the roster number shown by 'results unmatched'")
    csub.add_parser("unmatched", help="results whose typed name fits no roster entry, or several")


EXPORT_FORMATS = ("gift", "moodle-xml", "qti12", "qti21")


def _err(msg: str) -> int:
    print(f"error: {msg}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int | None:
    if args.command == "open":
        return cmd_open(args)
    if args.command == "questions":
        return {"import": cmd_import, "list": cmd_list, "export-gift": cmd_export,
                "export": cmd_export}[args.questions_command](args)
    if args.command == "results":
        return {"import": cmd_class_import, "report": cmd_class_report, "gradebook": cmd_class_gradebook,
                "roster": cmd_roster, "match": cmd_roster, "unmatched": cmd_roster}[args.results_command](args)
    return None


def _services(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from study.services import open_services

    return open_services(args.data_dir, args.db)  # a DatabaseError is told by cli.main.run


def cmd_open(args: argparse.Namespace) -> int:
    from questions.blueprints import load_blueprints
    from study.classroom.sets import SetFileError, check_against_blueprints, load_set

    try:
        ps = load_set(args.file)
        check_against_blueprints(ps, load_blueprints(), args.file.name)
    except SetFileError as e:
        return _err(str(e))
    if args.json:
        print(json.dumps({"title": ps.title, "test": ps.test, "instructor": ps.instructor,
                          "instructions": ps.instructions, "questions": len(ps.questions),
                          "areas": ps.area_counts(), "time_limit_seconds": ps.time_limit_seconds,
                          "feedback": ps.feedback, "due": ps.due.isoformat() if ps.due else None,
                          "hash": ps.hash}, indent=2))
    else:
        print("\n".join(ps.summary_lines()))
        print("Take it in the app: Practice > Open practice set...")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from questions.blueprints import load_blueprints
    from study.classroom.imported import ImportedQuestions, ImportFailed, check_mapping
    from study.classroom.importers import FileRejected, parse_file, with_mapping

    bp = load_blueprints()
    test = args.test.upper() if args.test else None
    area = args.area.upper() if args.area else None
    if area and not test:
        return _err("--area needs --test too")
    if test and test not in bp:
        return _err(f"unknown test {test}; the tests are {', '.join(bp.codes)}")
    if test and area and area not in bp.get(test).area_letters:
        return _err(f"{test} has no content area {area}; its areas are {', '.join(bp.get(test).area_letters)}")
    try:
        result = check_mapping(with_mapping(parse_file(args.file, args.format), test, area), bp)
    except FileRejected as e:
        return _err(str(e))
    for note in (*result.notes, *result.question_notes):
        print(f"note    {note}", file=sys.stderr)
    if args.dry_run:
        if args.json:
            print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
        else:
            for q in result.imported:
                print(f"import  {q.source}: {q.stem.splitlines()[0][:90]}")
            for s in result.skipped:
                print(f"skip    {s}")
        print(f"{len(result.imported)} would be imported, {len(result.skipped)} skipped (dry run: nothing stored).",
              file=sys.stderr)
        return 0
    s = _services(args)
    try:
        outcome = ImportedQuestions(s.db, s.blueprints, backups=s.backups).store(result)
    except ImportFailed as e:
        return _err(str(e))
    finally:
        s.close()
    if args.json:
        print(json.dumps({**result.as_json(), "stored": list(outcome.added),
                          "already": [a.as_json() for a in outcome.already]}, indent=2, ensure_ascii=False))
    else:
        for item in outcome.already + outcome.skipped:
            print(f"skip    {item}")
    print(outcome.summary, file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from study.classroom.imported import ImportedQuestions

    s = _services(args)
    try:
        rows = ImportedQuestions(s.db, s.blueprints).all()
    finally:
        s.close()
    if args.json:
        print(json.dumps([{"id": q.id, "test": q.test, "area": q.area, "topic": q.topic, "tags": list(q.tags),
                           "stem": q.stem, "choices": list(q.choices), "answer": q.answer, "source": q.source}
                          for q in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No imported questions yet: python main.py questions import FILE --test A5 --area C")
    for q in rows:
        where = f"{q.test} {q.area}" if q.mapped else "not mapped"
        print(f"{q.id}  {where:10}  {q.stem.splitlines()[0][:80]}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from study.classroom.lms.exports import ExportFormatError, bank_questions, write_questions
    from study.classroom.sets import SetFileError, load_set

    fmt = getattr(args, "export_format", None) or ("gift" if args.questions_command == "export-gift" else None)

    if args.set_file:
        try:
            ps = load_set(args.set_file)
        except SetFileError as e:
            return _err(str(e))
        from questions.bank import load_bank
        from questions.blueprints import load_blueprints
        from study.classroom.lms.exports import with_bank_exhibits

        questions = with_bank_exhibits(ps.questions, load_bank(blueprints=load_blueprints()))
        heading = f"{ps.title} ({ps.test}), exported from ASE Prep"
    else:
        s = _services(args)
        try:
            unmapped = [x.as_question() for x in s.imported().all() if not x.mapped] if args.imported else []
            questions = bank_questions(s.bank, unmapped, test=args.test.upper() if args.test else None,
                                       imported_only=args.imported)
        finally:
            s.close()
        heading = "Questions exported from ASE Prep"
    try:
        out = write_questions(questions, args.out, fmt, title=heading)
    except ExportFormatError as e:
        return _err(str(e))
    except OSError as e:
        return _err(f"{args.out}: cannot write: {e.strerror or e}")
    for note in out.notes:
        print(f"note    {note}", file=sys.stderr)
    print(f"{out.count} questions written to {args.out}", file=sys.stderr)
    return 0


def _set_hash(s, prefix: str | None) -> tuple[str | None, int]:  # type: ignore[no-untyped-def]
    if not prefix:
        return None, 0
    from study.classroom.sets import PracticeSetService

    found = [ps.hash for ps in PracticeSetService(s.db, s.blueprints).all() if ps.hash.startswith(prefix.lower())]
    if len(found) != 1:
        return None, _err(f"no single set has a hash starting {prefix!r} ({len(found)} match)")
    return found[0], 0


def cmd_class_import(args: argparse.Namespace) -> int:
    from study.classroom.importers import FileRejected
    from study.classroom.results import ClassroomService

    s = _services(args)
    try:
        set_hash, rc = _set_hash(s, args.set_hash)
        if rc:
            return rc
        try:
            out = ClassroomService(s.db, s.blueprints, backups=s.backups).import_results(args.paths, set_hash=set_hash)
        except FileRejected as e:
            return _err(str(e))
    finally:
        s.close()
    if args.json:
        print(json.dumps([{"file": o.file, "status": o.status, "message": o.message} for o in out.outcomes], indent=2))
    else:
        for o in out.outcomes:
            print(f"{o.status:9} {o.message}")
    print(out.summary, file=sys.stderr)
    return 1 if out.rejected else 0


def cmd_class_report(args: argparse.Namespace) -> int:
    from study.classroom.results import ClassroomService

    s = _services(args)
    try:
        set_hash, rc = _set_hash(s, args.set_hash)
        if rc:
            return rc
        report = ClassroomService(s.db, s.blueprints, settings=s.settings.analytics()).report(args.test.upper(), set_hash)
    finally:
        s.close()
    if args.json:
        print(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        return 0
    if report.empty:
        print(f"No results for {args.test.upper()} yet: python main.py results import FOLDER")
        return 0
    print("Student".ljust(24) + "".join(a.rjust(6) for a in report.areas))
    for st, row in zip(report.students, report.heat, strict=True):
        print(st[:23].ljust(24) + "".join(("-" if v is None else percent_text(v)).rjust(6) for v in row))
    if report.standing:
        print("\nWeak categories (most points at stake first):")
        for a in report.standing.areas:
            print(f"  {a.area} {a.status:16} {fraction_text(a.estimate):>4}  {a.correct}/{a.answered}  {a.title}")
    print("\nItem analysis (facility %, discrimination index):")
    for it in report.items:
        flag = "  <- check" if it.flagged else ""
        fac = "-" if it.facility is None else f"{it.facility:.0f}"
        dis = "-" if it.discrimination is None else f"{it.discrimination:.0f}"
        print(f"  {it.position:3}. {it.question_id:14} F {fac:>4}  D {dis:>4}  {it.discrimination_band}{flag}")
    return 0


def cmd_roster(args: argparse.Namespace) -> int:
    from study.classroom.importers import FileRejected
    from study.classroom.roster import RosterService

    s = _services(args)
    try:
        roster = RosterService(s.db, s.blueprints)
        if args.results_command == "roster":
            try:
                preview = roster.preview(args.file)
            except FileRejected as e:
                return _err(str(e))
            roster.store(preview)
            print(f"{len(preview.entries)} students from the {preview.lms.capitalize()} roster {args.file.name}",
                  file=sys.stderr)
            for note in (*preview.notes, *preview.left_out):
                print(f"  {note}", file=sys.stderr)
        elif args.results_command == "match":
            try:
                roster.assign(args.result, args.student)
            except KeyError as e:
                return _err(str(e.args[0]))
        asks = roster.unmatched()
        for u in asks:
            print(f"result {u.result_id}: {u.why}")
        if asks:
            print("Say whose each one is: python main.py results match RESULT STUDENT; students:", file=sys.stderr)
            for i, entry in roster.entries():
                print(f"  #{i} {entry.name} {entry.email or entry.login_id or entry.username}", file=sys.stderr)
    finally:
        s.close()
    return 0


def cmd_class_gradebook(args: argparse.Namespace) -> int:
    from study.classroom.importers import FileRejected
    if args.lms:
        from study.classroom.roster import RosterService

        s = _services(args)
        try:
            try:
                book = RosterService(s.db, s.blueprints).write_gradebook(args.out, args.lms, args.test.upper(),
                                                                         by_area=args.areas)
            except FileRejected as e:
                return _err(str(e))
            except OSError as e:
                return _err(f"{args.out}: cannot write: {e.strerror or e}")
        finally:
            s.close()
        for note in (*book.notes, *book.left_out):
            print(f"note    {note}", file=sys.stderr)
        print(f"{args.lms.capitalize()} gradebook written to {args.out}", file=sys.stderr)
        return 0
    from study.classroom.results import ClassroomService
    from study.classroom.spreadsheets import export_gradebook

    s = _services(args)
    try:
        set_hash, rc = _set_hash(s, args.set_hash)
        if rc:
            return rc
        svc = ClassroomService(s.db, s.blueprints, settings=s.settings.analytics())
        report = svc.report(args.test.upper(), set_hash)
        try:
            export_gradebook(args.out, report)
        except (FileRejected, OSError) as e:
            return _err(str(e))
    finally:
        s.close()
    print(f"{len(report.gradebook)} gradebook rows written to {args.out}", file=sys.stderr)
    return 0
