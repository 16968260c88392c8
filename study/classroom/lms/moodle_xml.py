"""Moodle XML, Moodle's own richest question format, in and out.

Out: a `category` question per test and area (ASE Prep/A5/C), then each question as Moodle's
multichoice with one right answer: its id as name and ID number, the stem as HTML with its
exhibit (a table in the question text; a figure as an embedded base64 file referred to as
@@PLUGINFILE@@), the explanation as general feedback and, for a question imported with feedback on
its choices, each choice's own feedback in its answer's <feedback>; an imported question's bold
and italic as <b> and <i>; the topic, and the style and difficulty when they are not the usual, as
tags. Read back, every question the app can hold comes back as it went out.

In: categories, multichoice questions (other types listed as skipped), general and per-choice
feedback, tags, embedded files; the question text is read as Moodle shows it (its format:
html, moodle_auto_format, plain_text, markdown), tables and pictures becoming exhibits.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from xml.sax.saxutils import escape, quoteattr

from questions.exhibits import figure_path
from questions.model import LETTERS, STYLES, Question
from questions.percent import general_text
from study.classroom.lms import emphasis
from study.classroom.lms.found import Collector, ImportResult, explained, feedback_parts, make, question_tags
from study.classroom.lms.gift import category_of, exhibit_html
from study.classroom.lms.richtext import read_stem, read_text

FORMATS = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain", "markdown": "markdown"}
QTYPE_WORDS = {"truefalse": "a true/false question", "shortanswer": "a short-answer question",
               "numerical": "a numerical question", "essay": "an essay question", "matching": "a matching question",
               "cloze": "an embedded-answers question", "description": "a description, not a question",
               "calculated": "a calculated question", "ddwtos": "a drag-and-drop question",
               "gapselect": "a select-missing-words question", "ordering": "an ordering question"}
_OWN_CATEGORY = re.compile(r"(?:\$course\$/)?(?:top/)?ASE Prep/([A-Z][A-Z0-9]{0,3})(?:/([A-Z]))?")
_STYLE_TAG, _DIFFICULTY_TAG = "style: ", "difficulty: "


def looks_like_moodle_xml(text: str) -> bool:
    head = text.lstrip("\ufeff \t\n")[:2000]
    return head.startswith("<?xml") and "<quiz" in head or head.startswith("<quiz")


# ----------------------------------------------------------------------------- reading


def parse_moodle_xml(text: str, name: str = "questions.xml") -> ImportResult:
    col = Collector(name)
    if re.search(r"<!DOCTYPE|<!ENTITY", text[:100_000], re.IGNORECASE):
        col.skip(1, "the file declares a DOCTYPE or ENTITY; Moodle's own exports have none")
        return col.result("moodle-xml")
    try:
        root = ET.fromstring(text)  # noqa: S314 - no DTD (checked above), so no entity expansion
    except ET.ParseError as e:
        line = e.position[0] if e.position else 1
        col.skip(line, f"not well-formed XML ({str(e).split(':', 1)[0]}); the file is damaged or not Moodle XML")
        return col.result("moodle-xml")
    if root.tag != "quiz":
        col.skip(1, f"the file's root element is <{root.tag}>, not Moodle XML's <quiz>")
        return col.result("moodle-xml")
    starts = [text[:m.start()].count("\n") + 1 for m in re.finditer(r"<question[\s>]", text)]
    category = ""
    for i, q in enumerate(root.findall("question")):
        line = starts[i] if i < len(starts) else 1
        qtype = q.get("type", "")
        if qtype == "category":
            category = (q.findtext("category/text") or "").strip()
            continue
        if qtype != "multichoice":
            what = QTYPE_WORDS.get(qtype, f"a {qtype or 'untyped'} question")
            col.skip(line, f"{what}; only multiple-choice questions are imported")
            continue
        _multichoice(col, line, q, category)
    return col.result("moodle-xml")


def _rich(el: ET.Element | None) -> tuple[str, str, dict[str, bytes]]:
    """(text, our format name, embedded files) of a Moodle text field."""
    if el is None:
        return "", "html", {}
    files: dict[str, bytes] = {}
    for f in el.findall("file"):
        if f.get("encoding", "base64") == "base64" and f.get("name"):
            try:
                files[f.get("name", "")] = base64.b64decode((f.text or "").strip(), validate=False)
            except (binascii.Error, ValueError):
                continue
    return el.findtext("text") or "", FORMATS.get(el.get("format", "html"), "html"), files


def _multichoice(col: Collector, line: int, q: ET.Element, category: str) -> None:
    if (q.findtext("single") or "true").strip().lower() in ("false", "0"):
        rights = [a for a in q.findall("answer") if _fraction(a) > 0]
        if len(rights) != 1 or _fraction(rights[0]) < 99.99:
            col.skip(line, "a multiple-answer question (check boxes); only questions with one right answer "
                           "are imported")
            return
    title = (q.findtext("name/text") or "").strip()
    stem_text, stem_fmt, files = _rich(q.find("questiontext"))
    stem = read_stem(stem_text, stem_fmt, files)
    if stem.problem:
        col.skip(line, f"the question cannot be kept as written: {stem.problem}")
        return
    choices, fractions, feedback = [], [], []
    for a in q.findall("answer"):
        text, why = read_text(a.findtext("text") or "", FORMATS.get(a.get("format", "html"), "html"))
        fb_text, fb_fmt, _ = _rich(a.find("feedback"))
        fb, why2 = read_text(fb_text, fb_fmt)
        if why or why2:
            col.skip(line, why or why2)
            return
        choices.append(text)
        fractions.append(_fraction(a))
        feedback.append(fb)
    full = [i for i, f in enumerate(fractions) if f >= 99.99]
    if len(full) != 1:
        col.skip(line, "no answer gives full marks" if not full else
                 f"{len(full)} answers are marked right; only questions with one right answer are imported")
        return
    notes = [f"choice {LETTERS[i] if i < 4 else i + 1} gives {general_text(f)} in Moodle; ASE Prep scores all or nothing, "
             "so it counts as wrong" for i, f in enumerate(fractions) if 0 < f < 99.99]
    gf_text, gf_fmt, _ = _rich(q.find("generalfeedback"))
    general, why = read_text(gf_text, gf_fmt)
    if why:
        col.skip(line, why)
        return
    tags = [t.strip() for t in (x.text or "" for x in q.findall("tags/tag/text")) if t.strip()]
    style = next((t[len(_STYLE_TAG):] for t in tags if t.startswith(_STYLE_TAG)), "direct")
    level = next((t[len(_DIFFICULTY_TAG):] for t in tags if t.startswith(_DIFFICULTY_TAG)), "2")
    plain_tags = [t for t in tags if not t.startswith((_STYLE_TAG, _DIFFICULTY_TAG))]
    topic = plain_tags[0] if plain_tags else None
    path = category.split("$course$/", 1)[-1].removeprefix("top/").strip("/")
    own = _OWN_CATEGORY.fullmatch(category.strip()) or _OWN_CATEGORY.fullmatch(path)
    if path and not own:
        plain_tags.append(path)
    make(col, line, stem.text, choices, full[0], explanation=explained(general, choices, feedback, full[0]),
         exhibit=stem.exhibit,
         notes=tuple(stem.notes) + tuple(notes), title=title, tags=tuple(dict.fromkeys(plain_tags)),
         topic=topic or path.rsplit("/", 1)[-1] or None,
         test=own.group(1) if own else None, area=own.group(2) if own else None,
         style=style if style in STYLES else "direct", difficulty=int(level) if level in ("1", "2", "3") else 2)


def _fraction(a: ET.Element) -> float:
    try:
        return float(a.get("fraction", "0"))
    except ValueError:
        return 0.0


# ----------------------------------------------------------------------------- writing


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _html_text(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def figure_svg(q: Question) -> bytes:
    """The figure's SVG as the question carries it (inside a set) or as the bank ships it."""
    ex = q.exhibit
    if ex is None or ex.kind != "figure":
        return b""
    if ex.data:
        return ex.data.encode("utf-8")
    try:
        return figure_path(ex.file).read_bytes()
    except OSError:
        return b""


def _question_html(q: Question) -> tuple[str, str]:
    """(the question text as HTML, the embedded <file> element or "")."""
    body = f"<p>{emphasis.to_html(q.stem, emphasis.of(q).get('stem', ()))}</p>"
    ex = q.exhibit
    if ex is None:
        return body, ""
    if ex.kind == "table":
        return body + exhibit_html(q), ""
    svg = figure_svg(q)
    if not svg:
        return body + exhibit_html(q), ""
    name = f"{q.id}.svg"
    img = (f'<p><img src="@@PLUGINFILE@@/{name}" alt={quoteattr(ex.alt)} title={quoteattr(ex.caption)}></p>')
    file = f'<file name={quoteattr(name)} path="/" encoding="base64">{base64.b64encode(svg).decode("ascii")}</file>'
    return body + img, file


def to_moodle_xml(questions: Iterable[Question]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    category = None
    for q in questions:
        cat = category_of(q)
        if cat != category:
            out += ['  <question type="category">', f"    <category><text>$course$/top/{escape(cat)}</text></category>",
                    "  </question>"]
            category = cat
        text, file = _question_html(q)
        why = emphasis.of(q).get("explanation", ())
        (g0, g1), own = feedback_parts(q)
        general = emphasis.to_html(q.explanation, why, g0, g1)
        tags = question_tags(q)
        if q.style != "direct":
            tags.append(_STYLE_TAG + q.style)
        if q.difficulty != 2:
            tags.append(_DIFFICULTY_TAG + str(q.difficulty))
        out += ['  <question type="multichoice">',
                f"    <name><text>{escape(getattr(q, 'title', '') or q.id)}</text></name>",
                f'    <questiontext format="html"><text>{_cdata(text)}</text>{file}</questiontext>',
                f'    <generalfeedback format="html"><text>{_cdata(general)}</text></generalfeedback>',
                "    <defaultgrade>1.0000000</defaultgrade>", "    <penalty>0.3333333</penalty>", "    <hidden>0</hidden>",
                f"    <idnumber>{escape(q.id)}</idnumber>", "    <single>true</single>",
                # "A only / B only / Both / Neither" must keep their order
                f"    <shuffleanswers>{'false' if q.style == 'technician_ab' else 'true'}</shuffleanswers>",
                "    <answernumbering>ABCD</answernumbering>"]
        for letter, choice, part in zip(LETTERS, q.choices, own, strict=True):
            feedback = _cdata(emphasis.to_html(q.explanation, why, *part)) if part else ""
            out += [f'    <answer fraction="{100 if letter == q.answer else 0}" format="html">',
                    f"      <text>{_cdata(_html_text(choice))}</text>",
                    f'      <feedback format="html"><text>{feedback}</text></feedback>', "    </answer>"]
        if tags:
            out += ["    <tags>", *[f"      <tag><text>{escape(t)}</text></tag>" for t in tags], "    </tags>"]
        out.append("  </question>")
    out.append("</quiz>")
    return "\n".join(out) + "\n"
