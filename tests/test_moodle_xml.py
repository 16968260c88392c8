"""Moodle XML in and out: a Moodle 4 export imports as Moodle shows it, and every question the app
can hold (the whole bank: tables, figures, styles, difficulties, topics) comes back from its own
Moodle XML exactly as it went out."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from questions.bank import load_bank
from questions.blueprints import load_blueprints
from questions.model import Exhibit
from study.classroom.importers import parse_file, parse_moodle_xml, to_moodle_xml
from tests.conftest import make_question

DATA = Path(__file__).parent / "data"


def test_a_moodle_export_imports_with_its_picture_feedback_tags_and_skips():
    r = parse_file(DATA / "moodle_export.xml")
    assert r.format == "moodle-xml"
    got = {int(q.source.rsplit(":", 1)[1]): q for q in r.imported}
    runout = got[15]
    assert runout.title == "Rotor runout" and runout.answer == "A"
    assert runout.stem.endswith("What is the first thing to check?")
    assert runout.choices[0] == "the hub and rotor mating faces for rust"
    assert runout.explanation.startswith("Rust or scale between the hub and rotor")
    assert runout.explanation.endswith('\n"the hub and rotor mating faces for rust": Right.')  # the choice's own
    assert runout.topic == "rotor inspection" and "week 4" in runout.tags
    assert runout.exhibit is not None and runout.exhibit.kind == "figure"
    assert runout.exhibit.alt == "A dial indicator on a rotor face reading 0.004 in."
    assert "data:image/png;base64," in runout.exhibit.data
    pedal = got[104]
    assert pedal.stem == "A spongy pedal that firms up when pumped\nmost likely means what?"  # auto-format line break
    assert pedal.explanation == "Air compresses." and pedal.topic == "Brakes"
    assert any("33.33%" in n for n in pedal.notes)
    reasons = {int(s.source.rsplit(":", 1)[1]): s.reason for s in r.skipped}
    assert "true/false" in reasons[77] and "multiple-answer" in reasons[89]


def test_every_bank_question_round_trips_through_moodle_xml():
    bank = load_bank(blueprints=load_blueprints())
    qs = list(bank.questions)
    assert any(q.exhibit and q.exhibit.kind == "table" for q in qs) and any(q.exhibit and q.exhibit.kind == "figure"
                                                                            for q in qs)
    back = parse_moodle_xml(to_moodle_xml(qs), "bank.xml")
    assert back.skipped == () and len(back.imported) == len(qs)
    for q, b in zip(qs, back.imported, strict=True):
        assert (b.title, b.test, b.area, b.topic, b.style, b.difficulty) == (q.id, q.test, q.area, q.topic, q.style,
                                                                               q.difficulty), q.id
        assert (b.stem, b.choices, b.answer, b.explanation) == (q.stem, q.choices, q.answer, q.explanation), q.id
        if q.exhibit is None or q.exhibit.kind == "table":
            assert b.exhibit == q.exhibit, q.id
        else:
            from study.classroom.lms.moodle_xml import figure_svg

            assert b.exhibit is not None and (b.exhibit.caption, b.exhibit.alt) == (q.exhibit.caption, q.exhibit.alt)
            assert b.exhibit.data.encode("utf-8") == figure_svg(q), q.id


def test_the_file_is_moodle_xml_with_the_figure_embedded_as_a_plugin_file():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>'
    q = replace(make_question("A5", "C", 1, "B"), exhibit=Exhibit("figure", "Pad wear", alt="Two pads, one worn.",
                                                                 data=svg))
    t = replace(make_question("A5", "C", 2, "C", style="technician_ab"),
                exhibit=Exhibit("table", "Readings", ("Wheel", "Runout"), (("LF", "0.05 mm"), ("RF", "0.15 mm"))))
    root = ET.fromstring(to_moodle_xml([q, t]))
    assert root.tag == "quiz"
    cat, mq, tq = root.findall("question")
    assert cat.get("type") == "category" and cat.findtext("category/text") == "$course$/top/ASE Prep/A5/C"
    text = mq.find("questiontext")
    assert text.get("format") == "html" and '<img src="@@PLUGINFILE@@/A5-C-0001.svg"' in text.findtext("text")
    f = text.find("file")
    assert f.get("name") == "A5-C-0001.svg" and f.get("encoding") == "base64"
    assert base64.b64decode(f.text).decode() == svg
    assert [a.get("fraction") for a in mq.findall("answer")] == ["0", "100", "0", "0"]
    assert mq.findtext("single") == "true"
    assert "<table" in tq.findtext("questiontext/text") and "<td>0.15 mm</td>" in tq.findtext("questiontext/text")
    assert tq.findtext("shuffleanswers") == "false"  # A only / B only / Both / Neither keep their order
    back = parse_moodle_xml(to_moodle_xml([q, t]), "x.xml").imported
    assert back[0].exhibit == q.exhibit and back[1].exhibit == t.exhibit and back[1].style == "technician_ab"


def test_a_damaged_or_hostile_xml_file_is_skipped_with_a_reason():
    assert "not well-formed" in parse_moodle_xml("<quiz><question", "cut.xml").skipped[0].reason
    bomb = '<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaa">]><quiz>&a;</quiz>'
    assert "DOCTYPE" in parse_moodle_xml(bomb, "bomb.xml").skipped[0].reason
    assert "<quiz>" in parse_moodle_xml("<html/>", "page.xml").skipped[0].reason


def test_your_questions_go_back_to_moodle_with_their_tags(db, blueprints):
    """A question imported from Moodle XML keeps its name and tags when it is exported again (Moodle
    XML and GIFT), so a round trip through ASE Prep loses none of what it holds."""
    from study.classroom.imported import ImportedQuestions, check_mapping
    from study.classroom.importers import parse_gift, to_gift, with_mapping

    first = check_mapping(with_mapping(parse_file(DATA / "moodle_export.xml"), "A5", "A"), blueprints)
    store = ImportedQuestions(db, blueprints)
    store.store(first)
    mine = [q.as_question() for q in store.all()]
    tagged = {tuple(q.tags) for q in first.imported}
    assert ("rotor inspection", "week 4", "Default for AUT-110/Brakes") in tagged
    for text, parse in ((to_moodle_xml(mine), parse_moodle_xml), (to_gift(mine), parse_gift)):
        again = {q.choices: q for q in parse(text, "again").imported}
        for q in first.imported:
            back = again[q.choices]
            assert set(q.tags) <= set(back.tags) and back.topic == q.topic, (q.tags, back.tags, parse)
            assert back.title == q.title and q.title in ("Rotor runout", "Pedal")
            assert (back.explanation, back.choices, back.answer) == (q.explanation, q.choices, q.answer)


EMPHASIS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Fade</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which is <b>NOT</b> a cause of <i>brake fade</i>?</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>Fade is <strong>heat</strong> in the pads
    and drums.</p>]]></text></generalfeedback>
    <single>true</single>
    <answer fraction="0" format="html"><text>Overheated pads</text>
      <feedback format="html"><text><![CDATA[Heat <em>is</em> fade.]]></text></feedback></answer>
    <answer fraction="100" format="html"><text>A worn parking brake cable</text>
      <feedback format="html"><text>Right: the cable does not heat.</text></feedback></answer>
    <answer fraction="0" format="html"><text>Boiling brake fluid</text>
      <feedback format="html"><text></text></feedback></answer>
    <answer fraction="0" format="html"><text>Glazed drums</text>
      <feedback format="html"><text>Glazing follows heat.</text></feedback></answer>
  </question>
</quiz>
"""


def test_choice_feedback_bold_and_italic_go_back_to_moodle_as_they_came(db, blueprints):
    """An instructor's question with feedback on its choices and bold and italic in its stem and
    feedback: shown as plain text here, and exported again (Moodle XML and GIFT) with each choice's
    feedback in its own place and the bold and italic as HTML; read back by the app's own importer,
    it is the same question."""
    from study.classroom.imported import ImportedQuestions, check_mapping
    from study.classroom.importers import parse_gift, parse_text, to_gift, with_mapping

    first = check_mapping(with_mapping(parse_text(EMPHASIS_XML, "fade.xml", "moodle-xml"), "A5", "C"), blueprints)
    [q] = first.imported
    assert q.stem == "Which is NOT a cause of brake fade?"  # what the app shows: plain text
    assert q.explanation == ("Fade is heat in the pads and drums.\n\"Overheated pads\": Heat is fade.\n"
                             "\"A worn parking brake cable\": Right: the cable does not heat.\n"
                             "\"Glazed drums\": Glazing follows heat.")
    assert dict(q.emphasis) == {"stem": ((9, 12, "b"), (24, 34, "i")), "explanation": ((8, 12, "b"), (60, 62, "i"))}
    store = ImportedQuestions(db, blueprints)
    store.store(first)
    [mine] = [s.as_question() for s in store.all()]
    assert mine.emphasis == q.emphasis  # kept with the question

    root = ET.fromstring(to_moodle_xml([mine]))
    mq = root.findall("question")[1]
    assert mq.findtext("questiontext/text") == "<p>Which is <b>NOT</b> a cause of <i>brake fade</i>?</p>"
    assert mq.findtext("generalfeedback/text") == "Fade is <b>heat</b> in the pads and drums."
    assert [a.findtext("feedback/text") or "" for a in mq.findall("answer")] == [
        "Heat <i>is</i> fade.", "Right: the cable does not heat.", "", "Glazing follows heat."]
    gift = to_gift([mine])
    assert "[html]<p>Which is <b>NOT</b> a cause of <i>brake fade</i>?</p>" in gift
    assert "~Overheated pads#Heat <i>is</i> fade." in gift and "####Fade is <b>heat</b> in the pads" in gift
    for text, parse in ((to_moodle_xml([mine]), parse_moodle_xml), (gift, parse_gift)):
        [back] = parse(text, "again").imported
        assert (back.stem, back.choices, back.answer, back.explanation) == (q.stem, q.choices, q.answer,
                                                                            q.explanation), parse
        assert back.emphasis == q.emphasis, parse


def test_a_moodle_exports_own_choice_feedback_goes_back_into_its_answers(db, blueprints):
    from study.classroom.imported import ImportedQuestions, check_mapping
    from study.classroom.importers import with_mapping

    store = ImportedQuestions(db, blueprints)
    store.store(check_mapping(with_mapping(parse_file(DATA / "moodle_export.xml"), "A5", "A"), blueprints))
    [runout] = [s.as_question() for s in store.all() if s.title == "Rotor runout"]
    mq = ET.fromstring(to_moodle_xml([runout])).findall("question")[1]
    assert "Right." not in mq.findtext("generalfeedback/text")
    assert [a.findtext("feedback/text") or "" for a in mq.findall("answer")][0] == "Right."


def test_gift_markdown_bold_and_italic_are_kept():
    from study.classroom.importers import parse_gift

    [q] = parse_gift("::M:: [markdown]Which is **NOT** a *likely* cause? {=A ~B ~C ~D}\n", "m.gift").imported
    assert q.stem == "Which is NOT a likely cause?" and dict(q.emphasis) == {"stem": ((9, 12, "b"), (15, 21, "i"))}


def test_bold_and_italic_come_only_from_the_files_markup(db, blueprints):
    """Control characters in a file never pass for bold or italic, and stored spans that do not fit
    their text are left out instead of breaking an export."""
    import json

    from sqlalchemy import update

    from study.classroom.imported import ImportedQuestions
    from study.classroom.importers import parse_text, with_mapping
    from study.storage.records import IMPORTED

    for text, fmt in (("::C:: Is \x01this\x02 \x03bold\x04? {=A ~B ~C ~D}\n", "gift"),
                      ("Is \x01this\x02 \x03bold\x04?\nA. a\nB. b\nC. c\nD. d\nANSWER: A\n", "aiken")):
        [q] = parse_text(text, f"c.{fmt}", fmt).imported
        assert q.stem == "Is this bold?" and q.emphasis == (), fmt
    store = ImportedQuestions(db, blueprints)
    store.store(with_mapping(parse_text(EMPHASIS_XML, "fade.xml", "moodle-xml"), "A5", "C"))
    with db.engine.begin() as conn:
        conn.execute(update(IMPORTED).values(emphasis=json.dumps({"stem": [[9, 12, "b"], [30, 99, "i"], [1, 2, "u"]],
                                                                   "explanation": "x"})))
    [mine] = [s.as_question() for s in store.all()]
    assert mine.emphasis == (("stem", ((9, 12, "b"),)),)
    assert "<p>Which is <b>NOT</b> a cause of brake fade?</p>" in to_moodle_xml([mine])
