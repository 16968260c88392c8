"""Moodle's GIFT format, read as Moodle's own reader (question/format/gift) reads it, and written so
that Moodle reads back exactly what the app holds.

Reading: blocks separated by blank lines; `//` comment lines (their [id:] and [tag:] kept);
`$CATEGORY:`; ::title::; the first { } is the answer block, text after it makes a missing-word
question; a [moodle], [html], [plain] or [markdown] tag at the start of the question text, of any
choice or of any feedback sets how that text is read (choices and feedback default to the
question's format, and Moodle's default renders HTML); `=` marks the right answer and `%n%` a
weight (`%100%` is right, other weights are partial credit, which ASE Prep's all-or-nothing
scoring drops, saying so); `#` feedback and `####` general feedback; backslash escapes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from questions.model import LETTERS, Question
from questions.percent import general_text
from study.classroom.lms import emphasis
from study.classroom.lms.found import Collector, ImportResult, explained, feedback_parts, make, question_tags
from study.classroom.lms.richtext import read_stem, read_text

# GIFT's escapes; each becomes a private marker (NUL-delimited: NUL never survives decoding)
# while the structure is parsed, then the literal character.
_GIFT_ESCAPES = {"\\\\": "\\", "\\~": "~", "\\=": "=", "\\#": "#", "\\{": "{", "\\}": "}", "\\:": ":", "\\n": "\n"}
_MARK = {esc: f"\x00{i}\x00" for i, esc in enumerate(_GIFT_ESCAPES)}
_UNMARK = {m: _GIFT_ESCAPES[esc] for esc, m in _MARK.items()}
_MARK_RE = re.compile("\x00(\\d+)\x00")
_WEIGHT = re.compile(r"^%(-*)([0-9]{1,2}\.?[0-9]*)%")  # Moodle's $giftanswerweightregex
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]")
_TAG = re.compile(r"\[tag:((?:[^\]\\]|\\.)*)\]")
_OWN_CATEGORY = re.compile(r"ASE Prep/([A-Z][A-Z0-9]{0,3})(?:/([A-Z]))?")


def _protect(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _MARK:
            out.append(_MARK[pair])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _restore(text: str) -> str:
    return _MARK_RE.sub(lambda m: _UNMARK.get(m.group(0), ""), text)


def _with_format(text: str, default: str) -> tuple[str, str]:
    """Moodle's parse_text_with_format: a known [format] tag at the very start sets the format."""
    m = _FORMAT.match(text)
    if m:
        return text[m.end():], m.group(1)
    return text, default


def _category_tag(line: str) -> str:
    path = line.split(":", 1)[1].strip() if ":" in line else ""
    for prefix in ("$course$/top/", "$course$/", "$module$/top/", "$module$/", "$system$/top/", "$system$/",
                   "$cat1$/", "top/"):
        if path.startswith(prefix):
            path = path[len(prefix):]
            break
    return path.strip("/ ")


def parse_gift(text: str, name: str = "questions.gift") -> ImportResult:
    col = Collector(name)
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    category = ""
    block: list[tuple[int, str]] = []
    comments: list[str] = []

    def flush() -> None:
        nonlocal category
        if block:
            first = block[0][1].strip()
            if first.startswith("$CATEGORY:"):
                category = _category_tag(first)
            _block(col, block, category, comments)
        block.clear()
        comments.clear()

    for i, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("//"):
            comments.append(stripped)
        else:
            block.append((i, stripped))  # Moodle trims every line
    flush()
    return col.result("gift")


def _block(col: Collector, block: list[tuple[int, str]], category: str, comments: list[str]) -> None:
    line = block[0][0]
    first = block[0][1]
    if first.startswith("$CATEGORY:"):
        if len(block) > 1:
            col.skip(block[1][0], "a $CATEGORY line must be followed by a blank line")
        return
    tags = [_restore(_protect(t)).strip() for c in comments for t in _TAG.findall(c)]
    topic = tags[0] if tags else (category.rsplit("/", 1)[-1] or None)
    if category:
        tags.append(category)
    own = _OWN_CATEGORY.fullmatch(category)
    raw = _protect("\n".join(text for _, text in block)).strip()
    title = ""
    if raw.startswith("::"):
        end = raw.find("::", 2)
        if end < 0:
            col.skip(line, "the title starts with :: but never ends with ::")
            return
        title = _restore(raw[2:end]).strip()
        raw = raw[end + 2:].strip()
    start, finish = raw.find("{"), raw.find("}")
    if start < 0 and finish < 0:
        col.skip(line, "no answers in { } (a description, not a question)")
        return
    if start < 0 or finish < start:
        col.skip(line, "the answers start with { but never end with }" if start >= 0 or finish < 0
                 else "a } comes before any {")
        return
    after = raw[finish + 1:]
    if "{" in after or "}" in after:
        col.skip(line, _second_block_reason(block, raw, finish))
        return
    answers = raw[start + 1:finish].strip()
    stem_raw = raw[:start] + ("" if not after.strip() else "_____" + after)
    general = ""
    cut = answers.rfind("####")
    if cut >= 0:
        answers, general = answers[:cut].strip(), answers[cut + 4:]
    stem_raw, fmt = _with_format(stem_raw.strip(), "moodle")
    kind = _kind(answers)
    if kind != "multichoice":
        col.skip(line, kind)
        return
    _multichoice(col, line, stem_raw, fmt, answers, general, title=title,
                 tags=tuple(t for t in dict.fromkeys(tags) if t), topic=topic,
                 test=own.group(1) if own else None, area=own.group(2) if own else None)


def _second_block_reason(block: list[tuple[int, str]], raw: str, finish: int) -> str:
    """Two questions with no blank line between them, or an embedded-answers (Cloze) question."""
    closed_at = raw[:finish].count("\n")
    rest_of_line = raw[finish + 1:].split("\n", 1)[0].strip()
    if not rest_of_line and closed_at + 1 < len(block):
        nxt = block[closed_at + 1][0]
        return (f"two questions with no blank line between them (the next one starts on line {nxt}); "
                "put a blank line between questions")
    return "more than one { } answer block (an embedded-answers question)"


def _kind(answers: str) -> str:
    """'multichoice', or why the question is skipped (Moodle's order of tests)."""
    if not answers:
        return "an essay question (no answers); only multiple-choice questions are imported"
    if answers.startswith("#"):
        return "a numerical question; only multiple-choice questions are imported"
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "a matching question; only multiple-choice questions are imported"
    head = answers.split("#", 1)[0].strip()
    if head in ("T", "F", "TRUE", "FALSE"):
        return "a true/false question; only multiple-choice questions are imported"
    return "a short-answer question; only multiple-choice questions are imported"


def _multichoice(col: Collector, line: int, stem_raw: str, fmt: str, answers: str, general: str,
                 **extra: object) -> None:
    parts = answers.replace("=", "~=").split("~")
    if parts and not parts[0].strip():
        parts = parts[1:]
    elif parts:
        col.skip(line, "text before the first answer inside { }")
        return
    weights: list[float] = []
    choices: list[str] = []
    feedback: list[str] = []
    for part in parts:
        part = part.strip()
        if part.startswith("="):
            weight, part = 1.0, part[1:]
        else:
            w = _WEIGHT.match(part)
            weight = 0.0
            if w:
                weight = (-1 if w.group(1) else 1) * float(w.group(2) or 0) / 100
                part = part[w.end():]
        body, _, fb = part.partition("#")
        for target, raw in ((choices, body), (feedback, fb)):
            text, own_fmt = _with_format(_restore(raw.strip()), fmt)
            plain, why = read_text(text, own_fmt)
            if why:
                col.skip(line, why)
                return
            target.append(plain)
        weights.append(weight)
    full = [i for i, w in enumerate(weights) if w >= 0.9999]
    if not full:
        if any(w > 0 for w in weights):
            col.skip(line, "a multiple-answer question (partial credit over several answers; none gives full "
                           "marks); only questions with one right answer are imported")
        else:
            col.skip(line, "a multiple-answer question (no single right answer marked with =); "
                           "only questions with one right answer are imported")
        return
    if len(full) > 1:
        col.skip(line, f"{len(full)} answers are marked right; only questions with one right answer are imported")
        return
    notes = [(f"choice {LETTERS[i] if i < 4 else i + 1} gives {general_text(w * 100)} in Moodle; ASE Prep scores all or "
              "nothing, so it counts as wrong") if w > 0 else
             (f"choice {LETTERS[i] if i < 4 else i + 1} takes off {general_text(-w * 100)} in Moodle; in ASE Prep a wrong "
              "answer scores 0") for i, w in enumerate(weights) if w != 0 and i not in full]
    stem = read_stem(_restore(stem_raw), fmt)
    if stem.problem:
        col.skip(line, f"the question cannot be kept as written: {stem.problem}")
        return
    gen_text, gen_fmt = _with_format(_restore(general.strip()), fmt)
    explanation, why = read_text(gen_text, gen_fmt)
    if why:
        col.skip(line, why)
        return
    make(col, line, stem.text, choices, full[0], explanation=explained(explanation, choices, feedback, full[0]),
         exhibit=stem.exhibit, notes=tuple(stem.notes) + tuple(notes), **extra)


# ----------------------------------------------------------------------------- writing GIFT


def gift_escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _field(text: str, fmt: str, spans: tuple[emphasis.Span, ...] = (), start: int = 0, end: int | None = None) -> str:
    """text[start:end] (a choice or feedback) in the question's format, its bold and italic as HTML;
    a text starting with "[" names its format so Moodle never takes its own words for a format tag."""
    part = text[start:end]
    body = emphasis.to_html(text, spans, start, end) if fmt == "html" else part
    body = gift_escape(body)
    return f"[{fmt}]{body}" if body.startswith("[") else body


def _choice(sign: str, text: str, fmt: str, feedback: str = "") -> str:
    body = _field(text, fmt)
    # after "=" Moodle reads no weight, so a key may start with "%"; after "~" a leading %n% is
    # a weight, so a distractor that looks like one gets an explicit %0% first
    if sign == "~" and _WEIGHT.match(body):
        body = "%0%" + body
    return f"\t{sign}{body}" + (f"#{feedback}" if feedback else "")


def exhibit_html(q: Question) -> str:
    """The exhibit as Moodle shows it in a question: a table, or (GIFT carries no files) the
    figure's text description."""
    ex = q.exhibit
    if ex is None:
        return ""
    e = html.escape
    if ex.kind == "table":
        head = "".join(f"<th>{e(c)}</th>" for c in ex.columns)
        body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in ex.rows)
        return (f'<table border="1"><caption>{e(ex.caption)}</caption><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table>")
    return f"<p><b>{e(ex.caption)}</b> (figure, described): {e(ex.alt)}</p>"


def category_of(q: Question) -> str:
    if not q.test:
        return "ASE Prep/Imported"
    return f"ASE Prep/{q.test}/{q.area}" if q.area else f"ASE Prep/{q.test}"


def gift_export(questions: Iterable[Question], *, heading: str = "") -> tuple[str, list[str]]:
    """GIFT text Moodle imports, and what the instructor should know about it (figures that went
    out as their text description, since GIFT cannot carry a file)."""
    lines: list[str] = []
    notes: list[str] = []
    if heading:
        lines += [f"// {line}" for line in heading.splitlines()] + [""]
    category = None
    for q in questions:
        cat = category_of(q)
        if cat != category:
            lines += [f"$CATEGORY: $course$/top/{cat}", ""]
            category = cat
        lines.append(" ".join([f"// [id:{q.id}]", *(f"[tag:{t.replace(']', ' ')}]" for t in question_tags(q))]))
        marks = emphasis.of(q)
        if q.exhibit is None and not marks:
            fmt, stem = "plain", gift_escape(q.stem)
            if q.stem.startswith("["):
                stem = "[plain]" + stem  # the tag read first; the text keeps its own "["
        else:  # a table, a figure's description, bold or italic: HTML
            fmt = "html"
            stem = gift_escape(f"<p>{emphasis.to_html(q.stem, marks.get('stem', ()))}</p>" + exhibit_html(q))
            if q.exhibit is not None and q.exhibit.kind == "figure":
                notes.append(f"{q.id}: its figure \"{q.exhibit.caption}\" went out as its text description; GIFT "
                             "cannot carry pictures (export Moodle XML or QTI to keep them)")
        lines.append(f"::{gift_escape(getattr(q, 'title', '') or q.id)}:: [{fmt}]{stem} {{")
        why = marks.get("explanation", ())
        (g0, g1), own = feedback_parts(q)  # a choice's own feedback after its "#", as it came
        for letter, choice, part in zip(LETTERS, q.choices, own, strict=True):
            fb = _field(q.explanation, fmt, why, *part) if part else ""
            lines.append(_choice("=" if letter == q.answer else "~", choice, fmt, fb))
        if g1 > g0:
            lines.append(f"\t####{_field(q.explanation, fmt, why, g0, g1)}")
        lines += ["}", ""]
    return "\n".join(lines), notes


def to_gift(questions: Iterable[Question], *, heading: str = "") -> str:
    return gift_export(questions, heading=heading)[0]
