"""GIFT, Aiken and CSV imports: what Moodle's documented examples give, the CSV layout, bad
encodings and sizes, storing once, mapping, and GIFT export read back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from questions.bank import QuestionBank
from study.classroom.imported import ImportedQuestions, check_mapping, imported_id, stored_questions
from study.classroom.importers import (
    FileRejected,
    decode_text,
    parse_aiken,
    parse_csv,
    parse_file,
    parse_gift,
    read_text,
    to_gift,
    with_mapping,
)
from tests.conftest import make_question

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent


def by_line(result):
    return {int(q.source.rsplit(":", 1)[1]): q for q in result.imported}


def skipped_lines(result):
    return {int(s.source.rsplit(":", 1)[1]): s.reason for s in result.skipped}


# -- GIFT -------------------------------------------------------------------------------------------


def test_every_gift_construct_in_moodles_documentation_is_imported_or_skipped_with_its_line():
    r = parse_file(DATA / "moodle_gift_examples.gift")
    assert r.format == "gift"
    got = by_line(r)
    assert sorted(got) == [11, 18, 48, 57, 73, 80, 91]
    skipped = skipped_lines(r)
    assert sorted(skipped) == [5, 8, 26, 29, 32, 39, 42, 45, 65, 99, 102]
    assert "3 choices" in skipped[5] and "exactly four" in skipped[5]
    assert "true/false" in skipped[26]
    assert "short-answer" in skipped[29]
    assert "matching" in skipped[32]
    assert "numerical" in skipped[39] and "numerical" in skipped[42]
    assert "essay" in skipped[45]
    assert "multiple-answer" in skipped[65]
    assert "description" in skipped[99]
    assert "2 answers are marked right" in skipped[102]
    for q in r.imported:
        assert q.source == f"moodle_gift_examples.gift:{q.source.rsplit(':', 1)[1]}"

    indented = got[11]
    assert indented.answer == "B" and indented.choices[1] == "the vacuum booster's check valve and chamber"
    missing_word = got[18]
    assert missing_word.stem == "A pulsating pedal during moderate stops most often points to _____ on the front axle."
    assert missing_word.answer == "C"
    titled = got[48]
    assert titled.title == "Pedal feel" and titled.answer == "A"
    assert titled.explanation.startswith("Air is compressible")  # general feedback wins over answer feedback
    assert all("#" not in c for c in titled.choices)
    weighted = got[57]
    assert weighted.choices[0] == "the parking brake switch" and weighted.answer == "B"
    # the right answer's feedback when there is no general feedback, then the other choices' own
    assert weighted.explanation == 'Yes.\n"the parking brake switch": Half marks: worth checking, but not first.'
    escaped = got[73]
    assert escaped.title == "Torque: lug nuts"
    assert escaped.stem == "Lug nut torque = 100 ft-lb {typical}. Which tool sets it?\nChoose one."
    assert escaped.choices == ("an impact wrench ~ full power", "a calibrated torque wrench", "a breaker bar",
                               "a torque stick # 2 only")
    html = got[80]
    assert html.stem == "Which brake fluid is silicone based?" and html.answer == "C"
    filed = got[91]
    assert filed.tags == ("self-adjusters", "Brakes/Drum brakes") and filed.topic == "self-adjusters"


def test_gift_odd_blocks_are_skipped_not_fatal():
    text = "::no end title { =a ~b ~c ~d }\n\nStem {=a ~b ~c ~d\n\nText {~a =b ~c ~d} more {~x =y}\n\n{}\n"
    r = parse_gift(text, "odd.gift")
    reasons = skipped_lines(r)
    assert "never ends with ::" in reasons[1]
    assert "never end with }" in reasons[3]
    assert "more than one" in reasons[5]
    assert "essay" in reasons[7]
    assert r.imported == ()


def test_gift_export_reads_back_the_same_questions():
    qs = [make_question("A5", "C", 1, "B", topic="rotor inspection"),
          make_question("A5", "D", 2, "D", topic="ABS diagnosis")]
    tricky = make_question("A5", "A", 3, "A")
    tricky = type(tricky)(**{**tricky.__dict__, "stem": "Pressure {psi} = 1:2 ~ #3 \\ done?\nSecond line",
                             "choices": ("%50% more", "=equal", "~tilde", "#hash"),
                             "explanation": "Because: {it} = right."})
    qs.append(tricky)
    text = to_gift(qs, heading="ASE Prep export")
    back = parse_gift(text, "export.gift")
    assert back.skipped == ()
    assert [(q.stem, q.choices, q.answer, q.explanation) for q in back.imported] == \
           [(q.stem, q.choices, q.answer, q.explanation) for q in qs]
    # our own categories map the questions back to their test and area
    assert [(q.test, q.area, q.topic) for q in back.imported] == [("A5", "C", "rotor inspection"),
                                                                   ("A5", "D", "ABS diagnosis"), ("A5", "A", "t")]


# -- Aiken ------------------------------------------------------------------------------------------


def test_aiken_examples_like_moodles_documentation():
    r = parse_file(DATA / "moodle_aiken_examples.txt")
    assert r.format == "aiken"
    got = by_line(r)
    assert sorted(got) == [1, 17]
    assert got[1].choices == ("DOT 3", "DOT 4", "DOT 5", "DOT 5.1") and got[1].answer == "C"  # "A." style
    assert got[17].answer == "B"  # "A)" style
    assert skipped_lines(r) == {8: "has 6 choices; ASE Prep questions have exactly four (A-D), as on the ASE tests"}


def test_aiken_mistakes_are_listed_with_their_lines():
    r = parse_file(DATA / "brakes_aiken.txt")
    got = by_line(r)
    assert sorted(got) == [1, 15]
    assert got[1].stem.startswith("Technician A says a low pedal") and "\nTechnician B says" in got[1].stem
    assert got[1].choices == ("A only", "B only", "Both A and B", "Neither A nor B") and got[1].answer == "C"
    skipped = skipped_lines(r)
    assert "3 choices" in skipped[9]
    assert "'E' is not one of the choice letters" in skipped[22]
    assert "ANSWER" in skipped[29]


def test_aiken_lettering_out_of_order_and_stray_answer_lines():
    text = "Q one?\nA. a\nC. c\nB. b\nD. d\nANSWER: A\n\nANSWER: B\n\nQ two?\nA. a\nB. b\nC. c\nD. d\nANSWER: BB\n"
    r = parse_aiken(text, "x.txt")
    reasons = skipped_lines(r)
    assert "must run A, B, C" in reasons[1]
    assert "without a question" in reasons[8]
    assert "'BB'" in reasons[10]


# -- CSV --------------------------------------------------------------------------------------------


def test_csv_layout_columns_tags_mapping_and_bad_rows():
    r = parse_file(DATA / "brakes.csv")
    assert r.format == "csv"
    got = by_line(r)
    assert sorted(got) == [2, 3, 4, 8]
    first = got[2]
    assert (first.test, first.area, first.topic, first.tags) == ("A5", "A", "master cylinder", ("hydraulics", "week 3"))
    assert first.explanation.startswith("An internal leak")
    assert got[8].stem == "A row with a line break\ninside the question text: which is right?"
    assert skipped_lines(r) == {5: "the answer column is empty", 6: "the answer '5' is not a letter A-D",
                                7: "two choices are the same"}


def test_csv_header_is_required_and_other_delimiters_work():
    with pytest.raises(FileRejected, match=r"bad\.csv:1: the header row lacks the columns? .*answer"):
        parse_csv("question,a,b,c,d\nx,1,2,3,4\n", "bad.csv")
    with pytest.raises(FileRejected, match="empty"):
        parse_csv("", "empty.csv")
    r = parse_csv("Stem;A;B;C;D;Answer\nWhich?;w;x;y;z;d\n", "semi.csv")
    assert r.imported[0].answer == "D" and r.imported[0].choices == ("w", "x", "y", "z")


# -- encodings and sizes ------------------------------------------------------------------------------


AIKEN = "Which fluid is silicone based?\nA. DOT 3\nB. DOT 4\nC. DOT 5 – silicone\nD. DOT 5.1\nANSWER: C\n"


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),  # with its BOM
    lambda t: t.encode("utf-16-le"),  # no BOM: detected
    lambda t: t.encode("utf-16-be"),
])
def test_utf8_with_or_without_bom_and_utf16_are_read(tmp_path, encode):
    p = tmp_path / "q.txt"
    p.write_bytes(encode(AIKEN))
    r = parse_file(p)
    assert [q.choices[2] for q in r.imported] == ["DOT 5 – silicone"]


def test_other_encodings_binary_and_huge_files_get_a_clear_message(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Line one\nCafé?\nA. a\n".encode("latin-1"))
    with pytest.raises(FileRejected, match=r"latin\.txt: line 2 is not UTF-8 text \(byte 0xE9\).*Save the file as UTF-8"):
        read_text(latin)
    with pytest.raises(FileRejected, match="binary"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "picture.gift")
    big = tmp_path / "big.gift"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(FileRejected, match=r"big\.gift: the question file is larger than 0 MB"):
        read_text(big, limit=1024, what="question file")
    with pytest.raises(FileRejected, match="does not exist"):
        parse_file(tmp_path / "nowhere.gift")
    with pytest.raises(FileRejected, match="is a folder"):
        parse_file(tmp_path)


# -- storing ----------------------------------------------------------------------------------------


def table_rows(db, table):
    with db.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def test_stored_once_mapped_checked_and_mixed_with_the_bank(db, blueprints, a5_bank):
    store = ImportedQuestions(db, blueprints)
    r = with_mapping(parse_file(DATA / "brakes.csv"), "A5", "B")
    out = store.store(r)
    assert len(out.added) == 4 and out.already == () and len(out.skipped) == 3
    rows = {s.source: s for s in store.all()}
    # a row's own test and area win; rows without them take the instructor's choice
    assert (rows["brakes.csv:2"].test, rows["brakes.csv:2"].area) == ("A5", "A")
    assert (rows["brakes.csv:4"].test, rows["brakes.csv:4"].area, rows["brakes.csv:4"].topic) == \
           ("A5", "B", "Imported questions")
    assert rows["brakes.csv:2"].tags == ("hydraulics", "week 3")

    again = store.store(r)
    assert again.added == () and len(again.already) == 4
    assert len(store.all()) == 4

    extra = stored_questions(db, a5_bank, blueprints)
    mixed = a5_bank.with_questions(extra)
    qid = imported_id(rows["brakes.csv:3"].stem, rows["brakes.csv:3"].choices, "C")
    q = mixed.get(qid)
    assert q.origin == "imported" and q.test == "A5" and q.area == "C"
    assert len(mixed.for_area("A5", "C")) == len(a5_bank.for_area("A5", "C")) + 1


def test_unknown_test_or_area_is_skipped_and_unmapped_questions_stay_out_of_exams(db, blueprints):
    r = parse_file(DATA / "moodle_aiken_examples.txt")
    bad = check_mapping(with_mapping(r, "A5", "Q"), blueprints)
    assert bad.imported == () and all("no content area 'Q'" in s.reason for s in bad.skipped[-2:])
    bad = check_mapping(with_mapping(r, "Z9", "A"), blueprints)
    assert all("'Z9' is not one of the tests" in s.reason for s in bad.skipped[-2:])
    store = ImportedQuestions(db, blueprints)
    out = store.store(r)
    assert len(out.added) == 2
    assert store.questions() == []  # unmapped: kept, not in exams
    assert store.map(out.added, "A5", "C") == 2
    assert {q.area for q in store.questions()} == {"C"}
    assert store.remove(out.added[:1]) == 1 and len(store.all()) == 1


def test_a_backup_is_taken_before_an_import_and_a_failed_backup_stores_nothing(db, blueprints):
    from study.classroom.imported import ImportFailed
    from study.storage.backup import BackupError

    class Spy:
        def __init__(self, fail=False):
            self.taken, self.fail = [], fail

        def take(self, reason):
            if self.fail:
                raise BackupError("disk full")
            self.taken.append(reason)

    spy = Spy()
    ImportedQuestions(db, blueprints, backups=spy).store(parse_file(DATA / "brakes_aiken.txt"))
    assert spy.taken == ["before-import"]
    before = table_rows(db, "imported_question")
    with pytest.raises(ImportFailed, match="disk full"):
        ImportedQuestions(db, blueprints, backups=Spy(fail=True)).store(parse_file(DATA / "brakes.csv"))
    assert table_rows(db, "imported_question") == before
    # nothing new to store: no backup either
    spy2 = Spy()
    ImportedQuestions(db, blueprints, backups=spy2).store(parse_file(DATA / "brakes_aiken.txt"))
    assert spy2.taken == []


# -- the command line --------------------------------------------------------------------------------


def run_cli(tmp_path, *args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(tmp_path / "data"), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_cli_dry_run_prints_exactly_what_would_be_imported_and_stores_nothing(tmp_path):
    p = run_cli(tmp_path, "questions", "import", str(DATA / "moodle_aiken_examples.txt"), "--test", "A5",
                "--area", "C", "--dry-run", "--json")
    assert p.returncode == 0, p.stderr
    out = json.loads(p.stdout)
    assert set(out) == {"imported", "skipped"}
    assert out["imported"][0] == {"stem": "Which fluid is silicone based?",
                                  "choices": ["DOT 3", "DOT 4", "DOT 5", "DOT 5.1"], "answer": "C",
                                  "source": "moodle_aiken_examples.txt:1"}
    assert out["skipped"] == [{"source": "moodle_aiken_examples.txt:8",
                               "reason": "has 6 choices; ASE Prep questions have exactly four (A-D), as on the ASE tests"}]
    listed = run_cli(tmp_path, "questions", "list", "--json")
    assert json.loads(listed.stdout) == []

    real = run_cli(tmp_path, "questions", "import", str(DATA / "moodle_aiken_examples.txt"), "--test", "A5",
                   "--area", "C")
    assert real.returncode == 0, real.stderr
    assert "2 questions imported" in real.stderr
    listed = json.loads(run_cli(tmp_path, "questions", "list", "--json").stdout)
    assert [(q["test"], q["area"]) for q in listed] == [("A5", "C"), ("A5", "C")]

    gift = tmp_path / "out.gift"
    exp = run_cli(tmp_path, "questions", "export-gift", str(gift), "--imported")
    assert exp.returncode == 0, exp.stderr
    back = parse_gift(gift.read_text(encoding="utf-8"))
    assert sorted(q.stem for q in back.imported) == sorted(q["stem"] for q in listed)

    bad = run_cli(tmp_path, "questions", "import", str(tmp_path / "missing.gift"), "--dry-run")
    assert bad.returncode == 2 and "missing.gift: the question file does not exist" in bad.stderr
    bad = run_cli(tmp_path, "questions", "import", str(DATA / "brakes.csv"), "--test", "A5", "--area", "Q",
                  "--dry-run", "--json")
    assert bad.returncode == 2 and "A5 has no content area Q" in bad.stderr


def test_bank_export_to_gift_covers_the_test(tmp_path):
    out = tmp_path / "a5.gift"
    p = run_cli(tmp_path, "questions", "export-gift", str(out), "--test", "A5")
    assert p.returncode == 0, p.stderr
    from questions.bank import load_bank
    from questions.blueprints import load_blueprints

    bank: QuestionBank = load_bank(blueprints=load_blueprints())
    back = parse_gift(out.read_text(encoding="utf-8"), out.name)
    assert back.skipped == ()
    assert len(back.imported) == len(bank.for_test("A5"))
    # tables come back as the same exhibit; a figure (GIFT carries no files) as its description in the text
    sent = {q.id: q for q in bank.for_test("A5")}
    for q in back.imported:
        orig = sent[q.title]
        assert (q.choices, q.answer, q.explanation) == (orig.choices, orig.answer, orig.explanation)
        if orig.exhibit is not None and orig.exhibit.kind == "figure":
            assert q.stem.startswith(orig.stem) and orig.exhibit.alt[:40] in q.stem and q.exhibit is None
        else:
            assert (q.stem, q.exhibit) == (orig.stem, orig.exhibit)
    assert "went out as its text description" in p.stderr
