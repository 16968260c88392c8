"""QTI packages: the QTI 2.1 items and test valid against IMS's published QTI 2.1 schema, the QTI
1.2 assessment against IMS's Common Cartridge 1.1 profile of QTI 1.2.1, both manifests against IMS
Content Packaging 1.2 and naming every file the zip holds, exhibits inside (tables in the item body,
figures as SVG files in the zip), and the key and explanation where each LMS reads them."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from questions.bank import load_bank
from questions.blueprints import load_blueprints
from questions.model import Exhibit
from study.classroom.lms.qti import qti_package
from tests.conftest import make_question

SCHEMAS = Path(__file__).parent / "data" / "ims"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
Q12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


XML_XSD = SCHEMAS / "www.imsglobal.org/xsd/w3/2001/xml.xsd"  # the W3C's xml.xsd, as IMS republishes it


class _Published(etree.Resolver):
    """The schemas' absolute addresses, answered from tests/data/ims (no network); every schema's
    import of the XML namespace's own schema (xml.xsd, under whichever address) gets the W3C's."""

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        for prefix in ("http://", "https://"):
            if url.startswith(prefix) and (SCHEMAS / url[len(prefix):]).exists():
                return self.resolve_filename(str(SCHEMAS / url[len(prefix):]), context)
        if url == "xml.xsd" or url.endswith("/xml.xsd"):
            return self.resolve_filename(str(XML_XSD), context)
        return None


@pytest.fixture(scope="module")
def qti21_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Published())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "www.imsglobal.org/xsd/imsqti_v2p1.xsd"), parser))


def questions_with_exhibits() -> list:
    bank = load_bank(blueprints=load_blueprints())
    tables = [q for q in bank.questions if q.exhibit and q.exhibit.kind == "table"][:3]
    figures = [q for q in bank.questions if q.exhibit and q.exhibit.kind == "figure"][:3]
    plain = [q for q in bank.questions if q.exhibit is None][:4]
    tricky = replace(make_question("A5", "C", 9, "D"), stem="Is 3 < 5 & \"quoted\"?\nSecond line",
                     choices=("a <b>", "b & c", "c's", "]]> d"), explanation="Because <this> & that.")
    inline = replace(make_question("A5", "C", 10, "A"), exhibit=Exhibit(
        "figure", "Pad", alt="A pad.", data='<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"/>'))
    return tables + figures + plain + [tricky, inline, with_choice_feedback()]


def with_choice_feedback():
    """An instructor's question imported from Moodle with feedback on three of its choices and bold
    and italic in its stem and feedback (the one of tests/test_moodle_xml.py)."""
    from dataclasses import fields

    from questions.model import Question
    from study.classroom.imported import OwnQuestion, check_mapping
    from study.classroom.importers import parse_text, with_mapping
    from tests.test_moodle_xml import EMPHASIS_XML

    [q] = check_mapping(with_mapping(parse_text(EMPHASIS_XML, "fade.xml", "moodle-xml"), "A5", "C"),
                        load_blueprints()).imported
    base = make_question("A5", "C", 11, q.answer)
    return OwnQuestion(**{f.name: getattr(base, f.name) for f in fields(Question)} | dict(
        stem=q.stem, choices=q.choices, explanation=q.explanation, emphasis=q.emphasis))


def test_each_choices_own_feedback_and_the_bold_and_italic_reach_both_qti_versions():
    """Canvas shows a choice's own feedback when that choice is picked: QTI 1.2 names it "<ident>_fb"
    and shows it on that choice; QTI 2.1 puts it beside the general feedback in a FEEDBACK outcome of
    many values. The general feedback is only the general part, and <b>/<i> survive in both."""
    q = with_choice_feedback()
    files = unzip(qti_package("Fade", [q], "1.2")[0])
    item = next(etree.fromstring(files[manifest_files(files)[0][1]]).iter(f"{Q12}item"))
    shown = {fb.get("ident"): fb.findtext(f".//{Q12}mattext") for fb in item.iter(f"{Q12}itemfeedback")}
    assert shown == {"general_fb": "Fade is <b>heat</b> in the pads and drums.", "A_fb": "Heat <i>is</i> fade.",
                     "B_fb": "Right: the cable does not heat.", "D_fb": "Glazing follows heat."}
    when = {c.find(f"{Q12}displayfeedback").get("linkrefid"): c.find(f"{Q12}conditionvar")[0]
            for c in item.iter(f"{Q12}respcondition") if c.find(f"{Q12}displayfeedback") is not None}
    assert {k: (v.tag, v.text) for k, v in when.items()} == {
        "general_fb": (f"{Q12}other", None), "A_fb": (f"{Q12}varequal", "A"), "B_fb": (f"{Q12}varequal", "B"),
        "D_fb": (f"{Q12}varequal", "D")}
    assert "Which is <b>NOT</b> a cause of <i>brake fade</i>?" in item.find(f".//{Q12}mattext").text

    Q21 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
    doc = etree.fromstring(unzip(qti_package("Fade", [q], "2.1")[0])["items/A5-C-0011.xml"])
    modal = {m.get("identifier"): re.sub(r' xmlns(:\w+)?="[^"]*"', "", etree.tostring(m[0], encoding="unicode"))
             for m in doc.iter(f"{Q21}modalFeedback")}
    assert modal == {"EXPLANATION": "<p>Fade is <b>heat</b> in the pads and drums.</p>",
                     "FEEDBACK_A": "<p>Heat <i>is</i> fade.</p>", "FEEDBACK_B": "<p>Right: the cable does not heat.</p>",
                     "FEEDBACK_D": "<p>Glazing follows heat.</p>"}
    picked = [c.find(f".//{Q21}match/{Q21}baseValue").text for c in doc.iter(f"{Q21}responseCondition")
              if c.find(f".//{Q21}match/{Q21}baseValue") is not None]
    assert picked == ["A", "B", "D"]
    declared = next(d for d in doc.iter(f"{Q21}outcomeDeclaration") if d.get("identifier") == "FEEDBACK")
    assert declared.get("cardinality") == "multiple"
    bold = doc.find(f"{Q21}itemBody/{Q21}p/{Q21}b")
    assert bold is not None and bold.text == "NOT"


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def manifest_files(files: dict[str, bytes]) -> list[tuple[str, str, list[str]]]:
    m = etree.fromstring(files["imsmanifest.xml"])
    return [(r.get("type"), r.get("href") or "", [f.get("href") for f in r.iter(f"{CP}file")])
            for r in m.iter(f"{CP}resource")]


def test_qti21_items_and_test_are_valid_against_the_published_schema(qti21_schema):
    qs = questions_with_exhibits()
    files = unzip(qti_package("Brakes quiz", qs, "2.1")[0])
    items = [n for n in files if n.startswith("items/")]
    assert len(items) == len(qs)
    for name in [*items, "test.xml"]:
        doc = etree.fromstring(files[name])
        assert qti21_schema.validate(doc), (name, str(qti21_schema.error_log))
    # the check can fail: a choice interaction that names no response, or a block inside a paragraph
    broken = etree.fromstring(files[items[0]])
    interaction = next(broken.iter("{http://www.imsglobal.org/xsd/imsqti_v2p1}choiceInteraction"))
    del interaction.attrib["responseIdentifier"]
    assert not qti21_schema.validate(broken)
    bad_html = etree.fromstring(files[items[0]].replace(b"<p>", b"<p><div>a block inside a paragraph</div>", 1))
    assert not qti21_schema.validate(bad_html)


def test_qti21_package_carries_exhibits_key_and_explanation():
    qs = questions_with_exhibits()
    files = unzip(qti_package("Brakes quiz", qs, "2.1")[0])
    res = manifest_files(files)
    assert res[0][0] == "imsqti_test_xmlv2p1" and sum(1 for r in res if r[0] == "imsqti_item_xmlv2p1") == len(qs)
    for _t, href, listed in res:
        assert href in files and all(f in files for f in listed)
    table_q, figure_q = qs[0], qs[3]
    table_item = files[f"items/{table_q.id}.xml"].decode()
    assert "<table>" in table_item and f"<td>{table_q.exhibit.rows[0][0]}</td>" in table_item.replace("&amp;", "&")
    fig_item = etree.fromstring(files[f"items/{figure_q.id}.xml"])
    img = next(fig_item.iter("{http://www.imsglobal.org/xsd/imsqti_v2p1}img"))
    assert img.get("src") == f"../images/{figure_q.id}.svg" and img.get("alt") == figure_q.exhibit.alt
    assert files[f"images/{figure_q.id}.svg"].startswith(b"<")
    assert any(f"images/{figure_q.id}.svg" in listed for _t, _h, listed in res)
    value = fig_item.find(".//{http://www.imsglobal.org/xsd/imsqti_v2p1}correctResponse/"
                          "{http://www.imsglobal.org/xsd/imsqti_v2p1}value")
    assert value.text == figure_q.answer
    assert "Because &lt;this&gt; &amp; that." in files["items/A5-C-0009.xml"].decode()


def test_qti12_package_is_one_assessment_with_every_item_scored_and_its_files_listed():
    qs = questions_with_exhibits()
    data, notes = qti_package("Brakes quiz", qs, "1.2")
    files = unzip(data)
    res = manifest_files(files)
    assert res[0][0] == "imsqti_xmlv1p2" and res[-1][0] == "webcontent"
    for _t, href, listed in res:
        assert (not href or href in files) and all(f in files for f in listed)
    assert sorted(f for f in files if f.startswith("images/")) == sorted(res[-1][2])
    root = etree.fromstring(files[res[0][1]])
    assert root.tag == f"{Q12}questestinterop"
    items = list(root.iter(f"{Q12}item"))
    assert len(items) == len(qs) and len(list(root.iter(f"{Q12}section"))) == 1
    for q, item in zip(qs, items, strict=True):
        fields = {f.findtext(f"{Q12}fieldlabel"): f.findtext(f"{Q12}fieldentry") for f in item.iter(f"{Q12}qtimetadatafield")}
        assert fields["question_type"] == "multiple_choice_question"
        assert [lab.get("ident") for lab in item.iter(f"{Q12}response_label")] == ["A", "B", "C", "D"]
        scored = next(c for c in item.iter(f"{Q12}respcondition") if c.find(f"{Q12}setvar") is not None)
        assert scored.find(f".//{Q12}varequal").text == q.answer and scored.get("continue") == "No"
        html = item.find(f"{Q12}presentation/{Q12}material/{Q12}mattext").text
        if q.exhibit is not None and q.exhibit.kind == "figure":
            assert f'src="../images/{q.id}.svg"' in html
        if q.exhibit is not None and q.exhibit.kind == "table":
            assert "<table>" in html
    assert notes == []


def test_the_command_line_exports_each_format_and_names_the_choice_for_a_zip(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(root / "main.py"), "--data-dir", str(tmp_path), *args],
                              capture_output=True, text=True, cwd=root, timeout=120)

    p = run("questions", "export", str(tmp_path / "a5.zip"), "--test", "A5")
    assert p.returncode == 2 and "choose --format qti12 or qti21" in p.stderr
    for fmt, name in (("qti21", "a5.zip"), ("moodle-xml", "a5.xml"), ("gift", "a5.gift")):
        p = run("questions", "export", str(tmp_path / name), "--test", "A5", "--format", fmt)
        assert p.returncode == 0, p.stderr
    files = unzip((tmp_path / "a5.zip").read_bytes())
    assert any(n.startswith("images/A5-") for n in files) and "test.xml" in files
    assert "<quiz>" in (tmp_path / "a5.xml").read_text(encoding="utf-8")


def _schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Published())
    return etree.XMLSchema(etree.parse(str(path), parser))


@pytest.fixture(scope="module")
def qti12_schema() -> etree.XMLSchema:
    """IMS's Common Cartridge 1.1 profile of QTI 1.2.1 ASI: QTI 1.2.1 with its options narrowed (one
    assessment of one section, item metadata required), the QTI Canvas and Blackboard import."""
    return _schema(SCHEMAS / "www.imsglobal.org/profile/cc/ccv1p1/ccv1p1_qtiasiv1p2p1_v1p0.xsd")


@pytest.fixture(scope="module")
def cp_schema() -> etree.XMLSchema:
    """IMS Content Packaging 1.2 (namespace imscp_v1p1, which CP 1.1.4 manifests share)."""
    return _schema(SCHEMAS / "www.imsglobal.org/xsd/imscp_v1p2.xsd")


def test_qti12_assessment_is_valid_against_the_ims_qti_1_2_1_profile(qti12_schema):
    files = unzip(qti_package("Brakes quiz", questions_with_exhibits(), "1.2")[0])
    href = manifest_files(files)[0][1]
    doc = etree.fromstring(files[href])
    assert qti12_schema.validate(doc), str(qti12_schema.error_log)
    # the check can fail: an item without its ident, a choice outside its render_choice, a
    # cardinality QTI does not have, an assessment of two sections (the profile allows one)
    nameless = etree.fromstring(etree.tostring(doc))
    del next(nameless.iter(f"{Q12}item")).attrib["ident"]
    assert not qti12_schema.validate(nameless)
    stray = etree.fromstring(etree.tostring(doc))
    label = next(stray.iter(f"{Q12}response_label"))
    label.getparent().getparent().append(label)  # out of render_choice, into response_lid
    assert not qti12_schema.validate(stray)
    many = etree.fromstring(etree.tostring(doc).replace(b'rcardinality="Single"', b'rcardinality="Many"', 1))
    assert not qti12_schema.validate(many)
    two = etree.fromstring(etree.tostring(doc))
    section = next(two.iter(f"{Q12}section"))
    twin = etree.fromstring(etree.tostring(section))
    twin.set("ident", "second_section")
    section.addnext(twin)
    assert not qti12_schema.validate(two) and "section': This element is not expected" in str(qti12_schema.error_log)


@pytest.mark.parametrize("version", ["1.2", "2.1"])
def test_both_manifests_are_valid_against_ims_content_packaging(cp_schema, version):
    files = unzip(qti_package("Brakes quiz", questions_with_exhibits(), version)[0])
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert cp_schema.validate(manifest), str(cp_schema.error_log)
    # the check can fail: a manifest without <organizations>, a resource without its type
    no_orgs = etree.fromstring(files["imsmanifest.xml"])
    no_orgs.remove(no_orgs.find(f"{CP}organizations"))
    assert not cp_schema.validate(no_orgs)
    untyped = etree.fromstring(files["imsmanifest.xml"])
    del next(untyped.iter(f"{CP}resource")).attrib["type"]
    assert not cp_schema.validate(untyped)
