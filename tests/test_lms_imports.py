"""Imports as Moodle reads them (issue 18): each file here is shaped like one a teacher has, a
Moodle export, an Excel CSV on Windows, an old Mac text file, and the test says what Moodle would
show and what the app imports. Only the importers' public functions are used, so the same tests
run against an older version of the code."""

from __future__ import annotations

from pathlib import Path

from study.classroom.importers import parse_file, parse_gift, to_gift
from tests.conftest import make_question

DATA = Path(__file__).parent / "data"


def lines(result):
    return {int(q.source.rsplit(":", 1)[1]): q for q in result.imported}


def skips(result):
    return {int(s.source.rsplit(":", 1)[1]): s.reason for s in result.skipped}


# -- 1, 2: format tags everywhere, HTML read for its meaning ----------------------------------------


def test_a_moodle_export_imports_without_format_tags_in_choices_or_feedback():
    got = lines(parse_file(DATA / "moodle_export_html.gift"))
    pci = got[8]
    assert pci.choices == ("lspci.", "lsusb.", "lsmod.", "dmesg.")
    # the general feedback, then each choice's own feedback (ASE Prep holds one explanation a question)
    assert pci.explanation == ('lspci lists PCI devices.\n"lspci.": Right: it reads the PCI bus.\n'
                               '"lsusb.": That lists USB devices.')
    from dataclasses import replace

    back = parse_gift(to_gift([replace(make_question("A6", "A", 1), explanation=pci.explanation)]), "a.gift").imported[0]
    assert back.explanation == pci.explanation  # and it goes out and comes back as it is
    assert pci.topic == "diagnostics"


def test_html_in_the_default_format_is_read_as_moodle_shows_it():
    water = lines(parse_file(DATA / "moodle_export_html.gift"))[17]
    assert water.stem == "A coolant test strip reads H₂O & glycol at 50/50. The gauge shows m/s². Which is it?"
    assert water.choices[:2] == ("A mixture of ethylene glycol & water", "A 50/50 mix of glycol & H₂O")


def test_an_html_table_becomes_a_table_exhibit_with_its_cells_apart():
    comp = lines(parse_file(DATA / "moodle_export_html.gift"))[25]
    assert comp.exhibit is not None and comp.exhibit.kind == "table"
    assert comp.exhibit.columns == ("Cylinder", "Reading")
    assert comp.exhibit.rows == (("Cyl 1", "150 psi"), ("Cyl 2", "90 psi"), ("Cyl 3", "148 psi"))
    assert "1150" not in comp.stem and comp.stem.endswith("Which cylinder needs a wet test next?")


def test_an_embedded_picture_becomes_a_figure_and_one_outside_the_file_skips_the_question():
    r = parse_file(DATA / "moodle_export_html.gift")
    fuse = lines(r)[33]
    assert fuse.exhibit is not None and fuse.exhibit.kind == "figure"
    assert fuse.exhibit.alt == "Three blade fuses; the middle one has a broken strip."
    assert fuse.exhibit.data.startswith("<svg") and "data:image/png;base64," in fuse.exhibit.data
    from questions.exhibits import svg_problems

    assert svg_problems(fuse.exhibit.data.encode()) == []
    assert "starter.png is not in this file" in skips(r)[41]


def test_tables_that_do_not_fit_stay_in_the_text_one_row_a_line():
    html = ("::T::[html]<p>Readings:</p><table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>"
            "<table><tr><td>x</td><td>y</td></tr><tr><td>3</td><td>4</td></tr></table><p>Which?</p>"
            "{=one ~two ~three ~four}")
    q = parse_gift(html, "t.gift").imported[0]
    assert q.exhibit is not None and q.exhibit.rows == (("1", "2"),)
    assert "x | y\n3 | 4" in q.stem and any("shown as text lines" in n for n in q.notes)


def test_scripts_and_remote_resources_never_get_through():
    text = ('::S::[html]<p onclick="x()">Pick one<script>alert(1)</script><iframe src="http://evil/"></iframe>'
            '<style>p \\{color\\: red\\}</style></p>{=a ~b ~c ~d}\n\n'
            '::R::[html]<p>See <img src="https://example.com/a.png" alt="remote"></p>{=a ~b ~c ~d}\n\n'
            '::F::[html]<p>See <img src="file:///etc/passwd.png"></p>{=a ~b ~c ~d}\n')
    r = parse_gift(text, "s.gift")
    assert [q.stem for q in r.imported] == ["Pick one"]
    assert all("outside the file" in reason for reason in skips(r).values()) and len(r.skipped) == 2


# -- 3: Aiken files Moodle accepts ----------------------------------------------------------------


def test_aiken_as_moodle_accepts_it():
    r = parse_file(DATA / "aiken_moodle_accepts.txt")
    got = lines(r)
    assert got[1].choices == ("Stator", "Rotor", "Diode trio", "Voltage regulator") and got[1].answer == "A"
    assert got[10].answer == "C"  # ANSWER: C) N2
    assert got[18].answer == "B"  # ANSWER: B.
    assert "'Both' is not one of the choice letters" in skips(r)[25]


# -- 4: partial credit ------------------------------------------------------------------------------


def test_partial_credit_imports_all_or_nothing_and_says_so():
    partial = lines(parse_file(DATA / "moodle_export_html.gift"))[49]
    assert partial.answer == "A"
    assert any("choice B gives 50%" in n and "all or nothing" in n for n in partial.notes)
    assert any("choice C takes off 25%" in n for n in partial.notes)
    hundred = parse_gift("Pick {~%100%right ~wrong ~also wrong ~still wrong}", "h.gift").imported[0]
    assert hundred.answer == "A" and hundred.choices[0] == "right"


# -- 5: reasons that say what is wrong ----------------------------------------------------------------


def test_two_questions_without_a_blank_line_are_called_that():
    reason = skips(parse_file(DATA / "moodle_export_html.gift"))[57]
    assert "two questions with no blank line between them" in reason and "line 62" in reason


def test_a_gift_txt_with_an_answer_line_is_read_as_gift():
    r = parse_file(DATA / "gift_with_answer_line.txt")
    assert r.format == "gift" and [q.answer for q in r.imported] == ["A"]


def test_old_mac_line_ends_are_read():
    r = parse_file(DATA / "mac_classic_cr.txt")
    assert r.format == "aiken" and [q.choices[2] for q in r.imported] == ["DOT 5"]


def test_an_unclosed_quote_is_named_and_the_rows_after_it_still_import():
    r = parse_file(DATA / "unclosed_quote.csv")
    assert "quote" in skips(r)[2] and "never closed" in skips(r)[2]
    assert sorted(lines(r)) == [3, 4, 5]


# -- 6: Excel on Windows ---------------------------------------------------------------------------


def test_a_windows_1252_semicolon_csv_with_sep_line_is_read_and_says_so():
    r = parse_file(DATA / "excel_windows_semicolon.csv")
    got = lines(r)
    assert got[3].stem.startswith("Coolant boils at 105 °C") and got[3].difficulty == 2  # "2.0"
    assert got[4].stem.startswith("Le liquide de frein absorbe l'eau") and got[4].difficulty == 1  # "1,0"
    assert got[3].test == "A1" and got[3].area == "D"
    assert any("Windows-1252" in n for n in r.notes)


# -- 7: what the GIFT export writes ----------------------------------------------------------------


def test_gift_export_writes_what_moodle_reads_back():
    q = make_question("A6", "", 1, "A")
    q = type(q)(**{**q.__dict__, "choices": ("%50% of the time", "[html] tags", "%0%x", "plain"),
                   "explanation": "[moodle] is a tag"})
    text = to_gift([q])
    assert "$CATEGORY: $course$/top/ASE Prep/A6\n" in text  # not "ASE Prep/A6/"
    assert "\t=%50% of the time\n" in text  # after "=" Moodle reads no weight
    back = parse_gift(text, "x.gift").imported[0]
    assert back.choices == q.choices and back.explanation == q.explanation
    assert back.test == "A6" and back.area is None


def test_an_imported_exhibit_is_stored_and_comes_back_with_its_question(db, blueprints):
    from study.classroom.imported import ImportedQuestions, check_mapping
    from study.classroom.importers import with_mapping

    r = check_mapping(with_mapping(parse_file(DATA / "moodle_export_html.gift"), "A6", "A"), blueprints)
    store = ImportedQuestions(db, blueprints)
    store.store(r)
    back = {q.stem: q for q in store.questions()}
    comp, fuse = lines(r)[25], lines(r)[33]
    assert back[comp.stem].exhibit == comp.exhibit
    assert back[fuse.stem].exhibit == fuse.exhibit
    assert store.store(r).added == ()  # the same file again: each question once


def test_gift_export_carries_a_table_as_html_and_a_figure_as_its_description():
    """GIFT carries no files: a table goes out as an HTML table Moodle shows (and the app reads back
    as the same table exhibit), a figure as its caption and text description, said in the notes."""
    from dataclasses import replace

    from questions.model import Exhibit
    from study.classroom.importers import gift_export

    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>'
    table = replace(make_question("A5", "C", 1, "B"), exhibit=Exhibit(
        "table", "Runout & thickness", ("Wheel", "Runout {in}"), (("LF", "0.002"), ("RF", "0.006 = limit"))))
    figure = replace(make_question("A5", "C", 2, "C"), exhibit=Exhibit(
        "figure", "Pad wear", alt="Two pads: the inner one worn to 2 mm, the outer one at 8 mm.", data=svg))
    text, notes = gift_export([table, figure])
    assert "<table" in text and "<td>RF</td><td>0.006 \\= limit</td>" in text
    assert "<caption>Runout &amp; thickness</caption>" in text
    assert "Two pads\\: the inner one worn to 2 mm" in text and "<svg" not in text
    back = parse_gift(text, "x.gift").imported
    assert back[0].exhibit == table.exhibit and back[0].stem == table.stem
    assert back[1].exhibit is None and back[1].stem.startswith(figure.stem)
    assert "Pad wear (figure, described): Two pads: the inner one worn to 2 mm, the outer one at 8 mm." in back[1].stem
    assert len(notes) == 1 and notes[0].startswith(f"{figure.id}: its figure \"Pad wear\" went out as its text")


def test_a_package_or_workbook_instead_of_a_question_file_is_named_with_what_to_do(tmp_path):
    """A Canvas or Blackboard quiz package, an Excel workbook or a Word document chosen by mistake:
    the message says what the file is and which file to bring instead, for questions and rosters."""
    import openpyxl
    import pytest

    from questions.bank import load_bank
    from questions.blueprints import load_blueprints
    from study.classroom.lms.qti import qti_package
    from study.classroom.lms.textfile import FileRejected

    package = tmp_path / "canvas-quiz-export.zip"
    package.write_bytes(qti_package("Quiz", list(load_bank(blueprints=load_blueprints()).questions)[:2], "1.2")[0])
    book = tmp_path / "questions.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["stem", "A", "B", "C", "D", "answer"])
    wb.save(book)
    with pytest.raises(FileRejected, match=r"canvas-quiz-export\.zip: a QTI quiz package .*Moodle XML, GIFT"):
        parse_file(package)
    with pytest.raises(FileRejected, match=r"questions\.xlsx: an Excel workbook, not a CSV file; save it as "
                                           r"\"CSV UTF-8\""):
        parse_file(book)

    from study.classroom.roster import RosterService

    roster = RosterService.__new__(RosterService)  # reading a file needs no database
    with pytest.raises(FileRejected, match=r"questions\.xlsx: an Excel workbook, not a CSV file"):
        roster.preview(book)
