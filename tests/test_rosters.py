"""Rosters from the LMS and gradebooks it imports as they are: Moodle's participants download and
Canvas's gradebook export read, results matched to roster entries (a name that fits none or
several asks the instructor), and the gradebook CSVs in the columns Moodle's and Canvas's grade
imports document."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest

from study.classroom.lms.rosters import parse_roster
from study.classroom.results import ClassroomService
from study.classroom.roster import RosterService
from study.classroom.sets import PracticeSetService, ResultAnswer, build_result, build_set, save_result
from tests.conftest import make_question

DATA = Path(__file__).parent / "data"
T0 = datetime(2026, 11, 20, 18, 0)


def test_moodle_participants_keep_students_only_with_their_email_and_group():
    entries, lms = parse_roster((DATA / "moodle_participants.csv").read_text(encoding="utf-8-sig"), "p.csv")
    assert lms == "moodle" and [e.name for e in entries] == ["Lee Wong", "Lee Wong", "Maria Lopez"]  # no teacher
    assert entries[2].email == "mlopez@tradeschool.edu" and entries[0].section == "Auto 101 - Mon"


def test_canvas_gradebook_export_reads_ids_and_leaves_out_points_possible_and_the_test_student():
    entries, lms = parse_roster((DATA / "canvas_gradebook_export.csv").read_text(encoding="utf-8"), "g.csv")
    assert lms == "canvas" and [e.name for e in entries] == ["Maria Lopez", "Lee Wong"]
    maria = entries[0]
    assert (maria.lms_user_id, maria.id_number, maria.login_id, maria.section) == ("1187", "S2026-014", "mlopez",
                                                                                  "AUT-110-01")


def test_who_a_roster_leaves_out_is_said_with_the_line_and_why():
    from study.classroom.lms.rosters import read_roster

    _e, _lms, left = read_roster((DATA / "moodle_participants.csv").read_text(encoding="utf-8-sig"), "p.csv")
    assert left == ["James Cole (line 5): Teacher, not a student; left out."]
    _e, _lms, left = read_roster((DATA / "canvas_gradebook_export.csv").read_text(encoding="utf-8"), "g.csv")
    assert left == ["Student, Test (line 5): Canvas's test student (Student View); left out."]
    # a site that shows no identity field: the names come in, and the file is said to need one
    bare = 'First name,Last name,Roles,Groups\nLee,Wong,Student,"Mon\nmorning"\nAna,Ruiz,"Non-editing teacher",\n'
    entries, _lms, left = read_roster(bare, "bare.csv")
    assert [e.name for e in entries] == ["Lee Wong"] and entries[0].section == "Mon\nmorning"
    assert left[0] == "Ana Ruiz (line 4): Non-editing teacher, not a student; left out."  # after a two-line cell
    assert left[1].startswith("No email address, username or ID number in the file")


@pytest.fixture
def classroom(db, blueprints, tmp_path):
    qs = [make_question("A5", "A", 1), make_question("A5", "A", 2), make_question("A5", "C", 3),
          make_question("A5", "D", 4)]
    ps = build_set("Brake check-in", "A5", qs, created=T0)
    PracticeSetService(db, blueprints).record(ps, authored=True)
    files = []
    for typed, right in (("lee wong", 3), ("Maria Lopez", 4), ("Lopez, Maria", 2), ("M. Lopez", 1)):
        answers = [ResultAnswer(q.id, "A" if i < right else "B", 20.0) for i, q in enumerate(qs)]
        files.append(save_result(build_result(ps, typed, answers, 60.0, finished=T0), tmp_path / f"{typed}.aseresult"))
    ClassroomService(db, blueprints).import_results(files)
    return RosterService(db, blueprints), ps


def test_results_match_roster_entries_and_a_name_that_cannot_tell_asks(classroom):
    roster, _ps = classroom
    n, lms = roster.import_roster(DATA / "moodle_participants.csv")
    assert (n, lms) == (3, "moodle")
    asks = {u.typed_name: u for u in roster.unmatched()}
    # two Lee Wongs on the roster: the instructor chooses; "M. Lopez" fits nobody
    assert set(asks) == {"lee wong", "M. Lopez"}
    assert len(asks["lee wong"].candidates) == 2 and "fits 2 students" in asks["lee wong"].why
    assert asks["M. Lopez"].candidates == () and "not on the roster" in asks["M. Lopez"].why
    lee = asks["lee wong"].candidates[1][0]
    roster.assign(asks["lee wong"].result_id, lee)
    maria = next(i for i, e in roster.entries() if e.name == "Maria Lopez")
    roster.assign(asks["M. Lopez"].result_id, maria)
    assert roster.unmatched() == []
    book = roster.gradebook("moodle", "A5")
    rows = list(csv.reader(io.StringIO(book.text)))
    # Moodle's grade import: an identifier column it maps ("Email address"), then one column per set
    assert rows[0] == ["Email address", "Brake check-in"]
    assert sorted(rows[1:]) == [["lee.wong2@tradeschool.edu", "75.0"], ["mlopez@tradeschool.edu", "100.0"]]
    assert book.notes == () and book.students == 2 and book.columns == ("Brake check-in",)
    # the other Lee Wong has no result: left out of the file, and said
    assert len(book.left_out) == 1 and book.left_out[0].startswith("1 student on the roster with no result yet")


def test_canvas_gradebook_has_canvas_columns_and_points_possible_and_nothing_stray(classroom):
    roster, ps = classroom
    roster.import_roster(DATA / "canvas_gradebook_export.csv")
    book = roster.gradebook("canvas", "A5", by_area=True)
    text, notes = book.text, [*book.notes, *book.left_out]
    rows = list(csv.reader(io.StringIO(text)))
    # the columns of Canvas's own gradebook export, which its import reads back
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert rows[0][5:] == ["Brake check-in", "Brake check-in: A5 area A", "Brake check-in: A5 area C",
                           "Brake check-in: A5 area D"]
    assert rows[1] == ["Points Possible", "", "", "", "", "4", "2", "1", "1"]
    by_name = {r[0]: r for r in rows[2:]}
    assert by_name["Lopez, Maria"][1:6] == ["1187", "S2026-014", "mlopez", "AUT-110-01", "4"]  # best attempt
    assert by_name["Wong, Lee"][5:] == ["3", "2", "1", "0"]
    assert "Current Score" not in rows[0] and len(rows) == 4
    assert any("M. Lopez" in n for n in notes)  # still unmatched: named, left out


def test_a_roster_is_previewed_before_anything_is_stored_and_a_late_joiner_can_be_added(classroom):
    roster, _ps = classroom
    preview = roster.preview(DATA / "moodle_participants.csv")
    assert (preview.lms, preview.new, preview.updated, len(preview.entries)) == ("moodle", 3, 0, 3)
    assert roster.entries() == []  # nothing stored by looking
    assert roster.store(preview) == 2  # "Maria Lopez" and "Lopez, Maria": two results of one student
    again = roster.preview(DATA / "moodle_participants.csv")
    assert (again.new, again.updated) == (0, 3)
    with pytest.raises(ValueError, match="email address or ID number"):
        roster.add_student("Marco Lopez")
    new = roster.add_student("Marco  Lopez", email="mlopez2@tradeschool.edu")
    entry = dict(roster.entries())[new]
    assert (entry.lms, entry.first_name, entry.last_name, entry.email) == ("moodle", "Marco", "Lopez",
                                                                           "mlopez2@tradeschool.edu")
    with pytest.raises(ValueError, match="already on the roster"):
        roster.add_student("Marco Lopez", email="MLOPEZ2@tradeschool.edu")
    asks = {u.typed_name: u for u in roster.unmatched()}
    roster.assign(asks["M. Lopez"].result_id, new)
    book = roster.gradebook("moodle", "A5")
    assert ["mlopez2@tradeschool.edu", "25.0"] in list(csv.reader(io.StringIO(book.text)))


def test_a_gradebook_without_a_roster_says_to_import_one(db, blueprints):
    from study.classroom.lms.textfile import FileRejected

    with pytest.raises(FileRejected, match="no class roster yet"):
        RosterService(db, blueprints).gradebook("moodle", "A5")


def test_results_imported_after_the_roster_go_to_the_student_their_name_fits(db, blueprints, tmp_path):
    roster = RosterService(db, blueprints)
    roster.import_roster(DATA / "canvas_gradebook_export.csv")
    qs = [make_question("A5", "A", 1), make_question("A5", "C", 2)]
    ps = build_set("Late quiz", "A5", qs, created=T0)
    PracticeSetService(db, blueprints).record(ps, authored=True)
    answers = [ResultAnswer(q.id, "A", 20.0) for q in qs]
    ClassroomService(db, blueprints).import_results(
        [save_result(build_result(ps, "wong, lee", answers, 60.0, finished=T0), tmp_path / "lee.aseresult")])
    assert roster.unmatched() == []
    rows = list(csv.reader(io.StringIO(roster.gradebook("canvas", "A5").text)))
    assert rows[2][:2] == ["Wong, Lee", "1190"]


@pytest.mark.parametrize("lms", ["moodle", "canvas"])
def test_a_set_title_a_spreadsheet_would_run_stays_text_in_the_lms_gradebook(db, blueprints, tmp_path, lms):
    roster = RosterService(db, blueprints)
    roster.import_roster(DATA / ("moodle_participants.csv" if lms == "moodle" else "canvas_gradebook_export.csv"))
    qs = [make_question("A5", "A", 1), make_question("A5", "C", 2)]
    for title in ("=HYPERLINK(\"http://x.invalid\",\"Brakes\")", "+1 quiz", "-Brakes", "@SUM(A1)"):
        ps = build_set(title, "A5", qs, created=T0)
        PracticeSetService(db, blueprints).record(ps, authored=True)
        ClassroomService(db, blueprints).import_results([save_result(
            build_result(ps, "Maria Lopez", [ResultAnswer(q.id, "A", 20.0) for q in qs], 60.0, finished=T0),
            tmp_path / f"{title[:3]}.aseresult")])
    book = roster.gradebook(lms, "A5", by_area=True)
    header = next(csv.reader(io.StringIO(book.text)))
    titles = header[1:] if lms == "moodle" else header[5:]
    assert titles and all(t.startswith("'") for t in titles), titles  # Excel shows the text, runs nothing
    assert "'=HYPERLINK(\"http://x.invalid\",\"Brakes\")" in titles and "'-Brakes" in titles
    assert any("behind an apostrophe" in n for n in book.notes)
