"""QTI content packages of a set or a selection, for Canvas and Blackboard.

- QTI 1.2 (`version="1.2"`): Canvas Classic Quizzes and Blackboard Learn. One assessment
  (`questestinterop`) with one section, each question a `multiple_choice_question` item with
  its four choices, the key scored 100, the explanation as general feedback and each choice's own
  feedback (an imported question's) shown when that choice is picked, as Canvas names them
  (`general_fb`, `A_fb`...); the exhibit in the item's HTML (a table, or an <img> of the figure
  file inside the package).
- QTI 2.1 (`version="2.1"`): Canvas New Quizzes and Blackboard Ultra. One assessmentItem file per
  question (a choiceInteraction with one right answer, the exhibit in the item body, the
  explanation and each choice's own feedback as modal feedback, shown through a FEEDBACK outcome
  that holds the general feedback and the picked choice's) and an assessmentTest listing them.

An imported question's bold and italic go out as <b> and <i> in its stem and feedback.

Either way the zip holds `imsmanifest.xml` (IMS Content Packaging) naming every file, and the
figures as SVG files under images/.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from questions.model import LETTERS, Question
from study.classroom.lms import emphasis
from study.classroom.lms.found import feedback_parts
from study.classroom.lms.moodle_xml import figure_svg

VERSIONS = ("1.2", "2.1")
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
QTI12_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI21_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]")


def ident(text: str) -> str:
    """An XML NCName from an id ("A5-C-0001" stays; anything else is made safe)."""
    out = _NOT_NAME.sub("_", text)
    return out if out[:1].isalpha() or out[:1] == "_" else f"q_{out}"


def _p(text: str) -> str:
    return "<p>" + escape(text).replace("\n", "<br/>") + "</p>"


def _stem_html(q: Question) -> str:
    return "<p>" + emphasis.to_html(q.stem, emphasis.of(q).get("stem", ())) + "</p>"


def _feedback_html(q: Question) -> tuple[str, list[str]]:
    """The general feedback and each choice's own ("" for none), as HTML with their bold and italic."""
    if not q.explanation:
        return "", ["", "", "", ""]
    why = emphasis.of(q).get("explanation", ())
    (g0, g1), own = feedback_parts(q)
    return (emphasis.to_html(q.explanation, why, g0, g1),
            ["" if part is None else emphasis.to_html(q.explanation, why, *part) for part in own])


def _xhtml(html_text: str) -> str:
    """HTML from emphasis.to_html as XML: its only void element is <br> (the text is escaped)."""
    return html_text.replace("<br>", "<br/>")


def exhibit_xhtml(q: Question, image: str) -> str:
    """The exhibit as XHTML both QTI versions accept: a table, or the figure file's <img>."""
    ex = q.exhibit
    if ex is None:
        return ""
    if ex.kind == "table":
        head = "".join(f"<th>{escape(c)}</th>" for c in ex.columns)
        rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in ex.rows)
        return f"<table><caption>{escape(ex.caption)}</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if image:
        return f"<p><img src={quoteattr(image)} alt={quoteattr(ex.alt)}/></p><p>{escape(ex.caption)}</p>"
    return _p(f"{ex.caption}: {ex.alt}")


def _images(questions: Sequence[Question]) -> tuple[dict[str, str], dict[str, bytes], list[str]]:
    """question id -> image path in the package; path -> SVG bytes; notes for figures without a file."""
    where: dict[str, str] = {}
    files: dict[str, bytes] = {}
    notes: list[str] = []
    for q in questions:
        if q.exhibit is not None and q.exhibit.kind == "figure":
            svg = figure_svg(q)
            if svg:
                path = f"images/{ident(q.id)}.svg"
                where[q.id], files[path] = path, svg
            else:
                notes.append(f"{q.id}: its figure file is missing, so its text description went out instead")
    return where, files, notes


def _manifest(package: str, resources: list[tuple[str, str, str, list[str], list[str]]]) -> str:
    """resources: (identifier, type, href, files, dependencies)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<manifest xmlns="{CP_NS}" xmlns:xsi="{XSI}" identifier={quoteattr(package)} '
           f'xsi:schemaLocation="{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd">',
           "  <metadata><schema>QTIv2.1 Package</schema><schemaversion>1.0.0</schemaversion></metadata>"
           if resources and resources[0][1].endswith("v2p1") else
           "  <metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>",
           "  <organizations/>", "  <resources>"]
    for rid, rtype, href, files, deps in resources:
        attr = f" href={quoteattr(href)}" if href else ""
        out.append(f"    <resource identifier={quoteattr(rid)} type={quoteattr(rtype)}{attr}>")
        out += [f"      <file href={quoteattr(f)}/>" for f in files]
        out += [f"      <dependency identifierref={quoteattr(d)}/>" for d in deps]
        out.append("    </resource>")
    out += ["  </resources>", "</manifest>"]
    return "\n".join(out) + "\n"


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# ----------------------------------------------------------------------------- QTI 1.2


def _feedback12(ident_: str, html_text: str) -> str:
    return (f'<itemfeedback ident="{ident_}"><flow_mat><material><mattext texttype="text/html">'
            f"{escape(html_text)}</mattext></material></flow_mat></itemfeedback>")


def _shows12(condition: str, ident_: str) -> str:
    return (f'<respcondition continue="Yes"><conditionvar>{condition}</conditionvar>'
            f'<displayfeedback feedbacktype="Response" linkrefid="{ident_}"/></respcondition>')


def _item12(q: Question, image: str) -> str:
    body = _stem_html(q) + exhibit_xhtml(q, image)
    labels = "".join(
        f'<response_label ident="{letter}"><material><mattext texttype="text/plain">{escape(choice)}</mattext>'
        "</material></response_label>" for letter, choice in zip(LETTERS, q.choices, strict=True))
    general, own = _feedback_html(q)
    shows = _shows12("<other/>", "general_fb") if general else ""
    fb = _feedback12("general_fb", general) if general else ""
    for letter, text in zip(LETTERS, own, strict=True):
        if text:  # Canvas's own name for a choice's feedback: the answer's ident and "_fb"
            shows += _shows12(f'<varequal respident="response1">{letter}</varequal>', f"{letter}_fb")
            fb += _feedback12(f"{letter}_fb", text)
    meta = "".join(f"<qtimetadatafield><fieldlabel>{k}</fieldlabel><fieldentry>{escape(v)}</fieldentry>"
                   "</qtimetadatafield>" for k, v in (("question_type", "multiple_choice_question"),
                                                     ("points_possible", "1.0"), ("assessment_question_identifierref",
                                                                                  ident(q.id)),
                                                     ("original_answer_ids", ",".join(LETTERS))))
    return (f"<item ident={quoteattr(ident(q.id))} title={quoteattr(q.id)}>"
            f"<itemmetadata><qtimetadata>{meta}</qtimetadata></itemmetadata>"
            f'<presentation><material><mattext texttype="text/html">{escape(body)}</mattext></material>'
            f'<response_lid ident="response1" rcardinality="Single"><render_choice>{labels}</render_choice>'
            "</response_lid></presentation>"
            '<resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>'
            f"{shows}"
            f'<respcondition continue="No"><conditionvar><varequal respident="response1">{q.answer}</varequal>'
            '</conditionvar><setvar action="Set" varname="SCORE">100</setvar></respcondition></resprocessing>'
            f"{fb}</item>")


def qti12_assessment(title: str, questions: Sequence[Question], images: dict[str, str], aid: str) -> str:
    items = "\n".join(_item12(q, images.get(q.id, "")) for q in questions)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<questestinterop xmlns="{QTI12_NS}" xmlns:xsi="{XSI}" '
            f'xsi:schemaLocation="{QTI12_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">\n'
            f"<assessment ident={quoteattr(aid)} title={quoteattr(title)}>"
            "<qtimetadata><qtimetadatafield><fieldlabel>cc_maxattempts</fieldlabel><fieldentry>1</fieldentry>"
            "</qtimetadatafield></qtimetadata>"
            f'<section ident="root_section">\n{items}\n</section></assessment>\n</questestinterop>\n')


# ----------------------------------------------------------------------------- QTI 2.1


def _feedback21(q: Question) -> tuple[str, str, str]:
    """(the FEEDBACK outcome's declaration, the rules that fill it, the modal feedback): the general
    feedback always, and the picked choice's own feedback beside it."""
    general, own = _feedback_html(q)
    mine = [(letter, text) for letter, text in zip(LETTERS, own, strict=True) if text]
    if not general and not mine:
        return "", "", ""
    decl = '<outcomeDeclaration identifier="FEEDBACK" cardinality="multiple" baseType="identifier"/>'
    rules = ('<setOutcomeValue identifier="FEEDBACK"><multiple><baseValue baseType="identifier">EXPLANATION'
             "</baseValue></multiple></setOutcomeValue>") if general else ""
    shown = (f'<modalFeedback outcomeIdentifier="FEEDBACK" identifier="EXPLANATION" showHide="show">'
             f"<p>{_xhtml(general)}</p></modalFeedback>") if general else ""
    for letter, text in mine:
        rules += ('<responseCondition><responseIf><match><variable identifier="RESPONSE"/>'
                  f'<baseValue baseType="identifier">{letter}</baseValue></match>'
                  '<setOutcomeValue identifier="FEEDBACK"><multiple><variable identifier="FEEDBACK"/>'
                  f'<baseValue baseType="identifier">FEEDBACK_{letter}</baseValue></multiple></setOutcomeValue>'
                  "</responseIf></responseCondition>")
        shown += (f'<modalFeedback outcomeIdentifier="FEEDBACK" identifier="FEEDBACK_{letter}" showHide="show">'
                  f"<p>{_xhtml(text)}</p></modalFeedback>")
    return decl, rules, shown


def qti21_item(q: Question, image: str) -> str:
    choices = "".join(f'<simpleChoice identifier="{letter}" fixed="true">{escape(c)}</simpleChoice>'
                      for letter, c in zip(LETTERS, q.choices, strict=True))
    fb_decl, fb_rule, feedback = _feedback21(q)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<assessmentItem xmlns="{QTI21_NS}" xmlns:xsi="{XSI}" '
            f'xsi:schemaLocation="{QTI21_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd" '
            f"identifier={quoteattr(ident(q.id))} title={quoteattr(q.id)} adaptive=\"false\" timeDependent=\"false\">"
            '<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">'
            f"<correctResponse><value>{q.answer}</value></correctResponse></responseDeclaration>"
            '<outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float">'
            '<defaultValue><value>0</value></defaultValue></outcomeDeclaration>'
            f"{fb_decl}"
            f"<itemBody>{_xhtml(_stem_html(q))}{exhibit_xhtml(q, ('../' + image) if image else '')}"
            f'<choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">{choices}'
            "</choiceInteraction></itemBody>"
            "<responseProcessing><responseCondition><responseIf><match><variable identifier=\"RESPONSE\"/>"
            '<correct identifier="RESPONSE"/></match><setOutcomeValue identifier="SCORE">'
            '<baseValue baseType="float">1</baseValue></setOutcomeValue></responseIf><responseElse>'
            '<setOutcomeValue identifier="SCORE"><baseValue baseType="float">0</baseValue></setOutcomeValue>'
            f"</responseElse></responseCondition>{fb_rule}</responseProcessing>{feedback}</assessmentItem>\n")


def qti21_test(title: str, questions: Sequence[Question], tid: str) -> str:
    refs = "".join(f'<assessmentItemRef identifier="{ident(q.id)}" href="items/{ident(q.id)}.xml"/>' for q in questions)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<assessmentTest xmlns="{QTI21_NS}" xmlns:xsi="{XSI}" '
            f'xsi:schemaLocation="{QTI21_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd" '
            f"identifier={quoteattr(tid)} title={quoteattr(title)}>"
            '<testPart identifier="part1" navigationMode="nonlinear" submissionMode="simultaneous">'
            f'<assessmentSection identifier="section1" title={quoteattr(title)} visible="true">{refs}'
            "</assessmentSection></testPart></assessmentTest>\n")


# ----------------------------------------------------------------------------- packages


def qti_package(title: str, questions: Sequence[Question], version: str, *,
                now: datetime | None = None) -> tuple[bytes, list[str]]:
    """The zip's bytes and what the instructor should know about it."""
    if version not in VERSIONS:
        raise ValueError(f"QTI version {version!r}: choose {' or '.join(VERSIONS)}")
    stamp = (now or datetime.now()).strftime("%Y%m%d%H%M%S")
    images, files, notes = _images(questions)
    out: dict[str, bytes] = {}
    if version == "1.2":
        aid = f"aseprep_{stamp}"
        href = f"{aid}/{aid}.xml"
        out[href] = qti12_assessment(title, questions, {k: f"../{v}" for k, v in images.items()}, aid).encode()
        res = [(aid, "imsqti_xmlv1p2", href, [href], ["images"] if files else [])]
    else:
        tid = f"aseprep_{stamp}"
        res = []
        for q in questions:
            href = f"items/{ident(q.id)}.xml"
            out[href] = qti21_item(q, images.get(q.id, "")).encode()
            img = images.get(q.id)
            res.append((ident(q.id), "imsqti_item_xmlv2p1", href, [href] + ([img] if img else []), []))
        out["test.xml"] = qti21_test(title, questions, tid).encode()
        res.insert(0, (tid, "imsqti_test_xmlv2p1", "test.xml", ["test.xml"], [ident(q.id) for q in questions]))
    if files and version == "1.2":
        res.append(("images", "webcontent", "", sorted(files), []))
    out.update(files)
    out = {"imsmanifest.xml": _manifest(f"MANIFEST_{stamp}", res).encode(), **out}
    return _zip(out), notes
