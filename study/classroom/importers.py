"""An instructor's own questions from GIFT, Aiken and CSV files, and the bank out to GIFT.

Only multiple-choice questions with one right answer and four choices (A-D, as on the ASE
tests) are imported. Everything else a file holds (true/false, short answer, matching,
numerical, essay, multiple-answer, a question with three or six choices, a malformed block) is
listed as skipped with its `file:line` and the reason, so the instructor can fix the file.

Reading a file from outside is guarded once for every format: at most MAX_FILE_BYTES, UTF-8
with or without a byte-order mark, UTF-16 recognised (Excel's "Unicode text"), anything else a
clear error naming the file. Parsers never raise on bad content: a bad question is skipped.

CSV layout (a header row is required; column names are case-insensitive, order is free):

    stem, A, B, C, D, answer            required; answer is the letter A-D
    explanation, test, area, topic      optional; test and area map the question (e.g. A5, C)
    tags                                optional; several tags separated by ";" or "|"
    style, difficulty                   optional; direct|technician_ab|most_likely|except|
                                        least_likely and 1-3

Commas, semicolons or tabs separate the columns (taken from the header line).
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

from questions.model import LETTERS, STYLES, Question

MAX_FILE_BYTES = 20 * 1024 * 1024
FORMATS = ("gift", "aiken", "csv")


class FileRejected(Exception):
    """A file that cannot be used at all; the message names the file and says what is wrong."""


# ----------------------------------------------------------------------------- reading files


def read_bytes(path: Path, *, limit: int = MAX_FILE_BYTES, what: str = "file") -> bytes:
    """The file's bytes, refusing anything over `limit` before reading it all."""
    name = path.name
    try:
        with path.open("rb") as f:
            raw = f.read(limit + 1)
    except FileNotFoundError:
        raise FileRejected(f"{name}: the {what} does not exist (looked in {path.parent}).") from None
    except IsADirectoryError:
        raise FileRejected(f"{name}: is a folder, not a {what}.") from None
    except OSError as e:
        raise FileRejected(f"{name}: cannot read the {what}: {e.strerror or e}.") from None
    if len(raw) > limit:
        raise FileRejected(f"{name}: the {what} is larger than {limit // (1024 * 1024)} MB, too large to be one; "
                           "check that you chose the right file.")
    return raw


def _looks_utf16(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for BOM-less UTF-16 text (most of one byte column is NUL)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    sample = raw[:4000]
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def decode_text(raw: bytes, name: str) -> str:
    """Text from a file's bytes: UTF-8 (BOM or not) or UTF-16 (BOM or detected); else a clear error."""
    encodings: list[tuple[bytes, str]] = [
        (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
    ]
    for bom, enc in encodings:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(enc)
            except UnicodeDecodeError:
                raise FileRejected(f"{name}: starts as {enc.upper()} text but is damaged further on "
                                   "(cut short or mixed encodings).") from None
            return _no_nul(text, name)
    enc16 = _looks_utf16(raw)  # BOM-less UTF-16 of plain text is valid UTF-8 too (NULs): look first
    if enc16 is not None:
        try:
            return _no_nul(raw.decode(enc16), name)
        except UnicodeDecodeError:
            pass
    try:
        return _no_nul(raw.decode("utf-8"), name)
    except UnicodeDecodeError as e:
        if b"\x00" in raw[:4000]:
            raise FileRejected(f"{name}: is not a text file (it holds binary data).") from None
        line = raw[: e.start].count(b"\n") + 1
        raise FileRejected(
            f"{name}: line {line} is not UTF-8 text (byte 0x{raw[e.start]:02X}). Save the file as UTF-8 "
            "(in Excel: \"CSV UTF-8\"; in a text editor: encoding UTF-8) and try again.") from None


def _no_nul(text: str, name: str) -> str:
    if "\x00" in text:
        raise FileRejected(f"{name}: is not a text file (it holds NUL characters).")
    return text


def read_text(path: Path, *, limit: int = MAX_FILE_BYTES, what: str = "file") -> str:
    return decode_text(read_bytes(path, limit=limit, what=what), path.name)


# ----------------------------------------------------------------------------- what an import finds


@dataclass(frozen=True)
class ImportedQuestion:
    """A question read from a file, before it is stored: plain text, four choices, one key."""

    stem: str
    choices: tuple[str, str, str, str]
    answer: str
    source: str  # "file:line"
    explanation: str = ""
    tags: tuple[str, ...] = ()
    title: str = ""
    test: str | None = None
    area: str | None = None
    topic: str | None = None
    style: str = "direct"
    difficulty: int = 2

    def as_json(self) -> dict[str, object]:
        return {"stem": self.stem, "choices": list(self.choices), "answer": self.answer, "source": self.source}


@dataclass(frozen=True)
class SkippedItem:
    source: str
    reason: str

    def as_json(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class ImportResult:
    imported: tuple[ImportedQuestion, ...] = ()
    skipped: tuple[SkippedItem, ...] = ()
    format: str = ""

    def as_json(self) -> dict[str, object]:
        return {"imported": [q.as_json() for q in self.imported], "skipped": [s.as_json() for s in self.skipped]}


@dataclass
class _Collector:
    name: str
    imported: list[ImportedQuestion] = field(default_factory=list)
    skipped: list[SkippedItem] = field(default_factory=list)

    def skip(self, line: int, reason: str) -> None:
        self.skipped.append(SkippedItem(f"{self.name}:{line}", reason))

    def result(self, fmt: str) -> ImportResult:
        return ImportResult(tuple(self.imported), tuple(self.skipped), fmt)


def _clean(text: str) -> str:
    """Whitespace tidied line by line; blank lines dropped (a stem is a paragraph or a few lines)."""
    lines = (" ".join(line.split()) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _choice_problem(choices: Sequence[str]) -> str | None:
    n = len(choices)
    if n != 4:
        return (f"has {n} choice{'s' if n != 1 else ''}; ASE Prep questions have exactly four (A-D), "
                "as on the ASE tests")
    if any(not c for c in choices):
        return "a choice is empty"
    if len({c.casefold() for c in choices}) != 4:
        return "two choices are the same"
    return None


def _make(col: _Collector, line: int, stem: str, choices: Sequence[str], answer_index: int | None,
          **extra: object) -> None:
    stem = _clean(stem)
    choices = [_clean(c) for c in choices]
    if not stem:
        col.skip(line, "the question text is empty")
        return
    problem = _choice_problem(choices)
    if problem:
        col.skip(line, problem)
        return
    if answer_index is None or not 0 <= answer_index < 4:
        col.skip(line, "no right answer is marked")
        return
    four = (choices[0], choices[1], choices[2], choices[3])
    explanation = _clean(str(extra.pop("explanation", "") or ""))
    col.imported.append(ImportedQuestion(stem, four, LETTERS[answer_index], f"{col.name}:{line}",
                                         explanation, **extra))  # type: ignore[arg-type]


class _TextOnly(HTMLParser):
    """Text content of an HTML fragment: tags dropped, entities decoded, nothing fetched."""

    BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    p = _TextOnly()
    try:
        p.feed(fragment)
        p.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; fall back to the raw text, unescaped
        return html.unescape(fragment)
    return "".join(p.parts)


# ----------------------------------------------------------------------------- GIFT

# GIFT's escapes; each becomes a private marker (NUL-delimited: NUL never survives decode_text)
# while the structure is parsed, then the literal character.
_GIFT_ESCAPES = {"\\\\": "\\", "\\~": "~", "\\=": "=", "\\#": "#", "\\{": "{", "\\}": "}", "\\:": ":", "\\n": "\n"}
_MARK = {esc: f"\x00{i}\x00" for i, esc in enumerate(_GIFT_ESCAPES)}
_UNMARK = {m: _GIFT_ESCAPES[esc] for esc, m in _MARK.items()}
_MARK_RE = re.compile("\x00(\\d+)\x00")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
_FORMAT = re.compile(r"^\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_TAG = re.compile(r"\[tag:((?:[^\]\\]|\\.)*)\]")


def _gift_protect(text: str) -> str:
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


def _gift_restore(text: str) -> str:
    return _MARK_RE.sub(lambda m: _UNMARK.get(m.group(0), ""), text)


def _gift_text(text: str, fmt: str) -> str:
    text = _gift_restore(text)
    return html_to_text(text) if fmt == "html" else text


def _split_answers(body: str) -> list[tuple[str, str]]:
    """'~a ~b =c' -> [('~', 'a'), ('~', 'b'), ('=', 'c')]; the answer block with escapes marked."""
    out: list[tuple[str, str]] = []
    for m in re.finditer(r"([~=])([^~=]*)", body):
        out.append((m.group(1), m.group(2)))
    return out


def _category_tag(line: str) -> str:
    path = line.split(":", 1)[1].strip() if ":" in line else ""
    for prefix in ("$course$/top/", "$course$/", "$module$/top/", "$module$/", "$system$/top/", "$system$/",
                   "$cat1$/", "top/"):
        if path.startswith(prefix):
            path = path[len(prefix):]
            break
    return path.strip("/ ")


def parse_gift(text: str, name: str = "questions.gift") -> ImportResult:
    """Moodle's GIFT: blocks separated by blank lines; `//` comments; `$CATEGORY:`; ::title::;
    [html] and other formats; {=right ~wrong #feedback ####general feedback}; backslash escapes."""
    col = _Collector(name)
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
            _gift_block(col, block, category, comments)
        block.clear()
        comments.clear()

    for i, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("//"):
            comments.append(stripped)
        else:
            block.append((i, line))
    flush()
    return col.result("gift")


def _gift_block(col: _Collector, block: list[tuple[int, str]], category: str, comments: list[str]) -> None:
    line = block[0][0]
    first = block[0][1].strip()
    if first.startswith("$CATEGORY:"):
        if len(block) > 1:
            col.skip(block[1][0], "a $CATEGORY line must be followed by a blank line")
        return
    tags = [_gift_restore(_gift_protect(t)).strip() for c in comments for t in _TAG.findall(c)]
    topic = tags[0] if tags else (category.rsplit("/", 1)[-1] or None)
    if category:
        tags.append(category)
    # our own export files each test and area as ASE Prep/<test>/<area>: map them back
    own = re.fullmatch(r"ASE Prep/([A-Z][A-Z0-9]{0,3})/([A-Z])", category)
    raw = _gift_protect("\n".join(text for _, text in block)).strip()
    title = ""
    if raw.startswith("::"):
        end = raw.find("::", 2)
        if end < 0:
            col.skip(line, "the title starts with :: but never ends with ::")
            return
        title = _gift_restore(raw[2:end]).strip()
        raw = raw[end + 2:].strip()
    fmt = "moodle"
    m = _FORMAT.match(raw)
    if m:
        fmt = m.group(1).lower()
        raw = raw[m.end():]
    start = raw.find("{")
    if start < 0:
        col.skip(line, "no answers in { } (a description, not a question)")
        return
    finish = raw.find("}", start)
    if finish < 0:
        col.skip(line, "the answers start with { but never end with }")
        return
    before, answers, after = raw[:start], raw[start + 1:finish].strip(), raw[finish + 1:].strip()
    if "{" in after or "}" in after:
        col.skip(line, "more than one { } answer block (an embedded-answers question)")
        return
    m = _FORMAT.match(answers)
    if m:
        answers = answers[m.end():].strip()
    general = ""
    if "####" in answers:
        answers, general = answers.split("####", 1)
        answers = answers.strip()
    kind = _gift_kind(answers)
    if kind != "multichoice":
        col.skip(line, kind)
        return
    parts = _split_answers(answers)
    if answers[:1] not in ("~", "="):
        col.skip(line, "text before the first answer inside { }")
        return
    rights = [i for i, (sign, _) in enumerate(parts) if sign == "="]
    if not rights:
        col.skip(line, "a multiple-answer question (no single right answer marked with =); "
                       "only questions with one right answer are imported")
        return
    if len(rights) > 1:
        col.skip(line, f"{len(rights)} answers are marked right with =; only questions with one right answer "
                       "are imported")
        return
    choices, feedback = [], []
    for _sign, body in parts:
        body = body.strip()
        w = _WEIGHT.match(body)
        if w:
            body = body[w.end():]
        text_part, _, fb = body.partition("#")
        choices.append(_gift_text(text_part, fmt).strip())
        feedback.append(_gift_text(fb, fmt).strip())
    stem = _gift_text(before, fmt).strip()
    if after:
        stem = f"{stem} _____ {_gift_text(after, fmt).strip()}".strip()
    explanation = _gift_text(general, fmt).strip() or feedback[rights[0]]
    _make(col, line, stem, choices, rights[0], explanation=explanation,
          tags=tuple(t for t in dict.fromkeys(tags) if t), title=title, topic=topic,
          test=own.group(1) if own else None, area=own.group(2) if own else None)


def _gift_kind(answers: str) -> str:
    """'multichoice', or why the question is skipped (Moodle's order of tests)."""
    if not answers:
        return "an essay question (no answers); only multiple-choice questions are imported"
    if answers.startswith("#"):
        return "a numerical question; only multiple-choice questions are imported"
    if "~" in answers:
        return "multichoice"
    if "=" in answers and "->" in answers:
        return "a matching question; only multiple-choice questions are imported"
    head = answers.split("#", 1)[0].strip().upper()
    if head in ("T", "F", "TRUE", "FALSE"):
        return "a true/false question; only multiple-choice questions are imported"
    return "a short-answer question; only multiple-choice questions are imported"


# ----------------------------------------------------------------------------- Aiken

_AIKEN_CHOICE = re.compile(r"^([A-Za-z])[.)]\s+(.*)$")
_AIKEN_ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)


def parse_aiken(text: str, name: str = "questions.txt") -> ImportResult:
    """Moodle's Aiken: the question text, then choices 'A. text' or 'A) text', then 'ANSWER: B'."""
    col = _Collector(name)
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    stem: list[str] = []
    choices: list[tuple[str, str]] = []
    start = 0

    def reset() -> None:
        nonlocal start
        stem.clear()
        choices.clear()
        start = 0

    def unfinished(reason: str) -> None:
        if stem or choices:
            col.skip(start, reason)
        reset()

    for i, raw_line in enumerate(text.split("\n"), start=1):
        line = raw_line.strip()
        if not line:
            if choices:
                unfinished("the choices are not followed by an ANSWER: line")
            elif stem:
                unfinished("question text without choices (A. ... B. ...) and ANSWER: line")
            continue
        ans = _AIKEN_ANSWER.match(line)
        if ans:
            if not stem:
                col.skip(i, "an ANSWER: line without a question before it")
                reset()
                continue
            _aiken_finish(col, start, stem, choices, ans.group(1).strip())
            reset()
            continue
        ch = _AIKEN_CHOICE.match(line) if stem else None
        if ch:
            choices.append((ch.group(1).upper(), ch.group(2)))
            continue
        if choices:
            unfinished("the choices are not followed by an ANSWER: line")
        if not stem:
            start = i
        stem.append(line)
    unfinished("the file ends before this question's ANSWER: line")
    return col.result("aiken")


def _aiken_finish(col: _Collector, line: int, stem: list[str], choices: list[tuple[str, str]], answer: str) -> None:
    if not choices:
        col.skip(line, "no choices (A. ... B. ...) before the ANSWER: line")
        return
    letters = [c[0] for c in choices]
    expected = [chr(ord("A") + i) for i in range(len(choices))]
    if letters != expected:
        col.skip(line, f"choices are lettered {', '.join(letters)}; they must run A, B, C, ... in order")
        return
    key = answer[:1].upper()
    if len(answer.split()) != 1 or len(answer) != 1 or key not in letters:
        col.skip(line, f"the answer {answer!r} is not one of the choice letters {', '.join(letters)}")
        return
    _make(col, line, "\n".join(stem), [c[1] for c in choices], letters.index(key))


# ----------------------------------------------------------------------------- CSV

_CSV_COLUMNS = {
    "stem": ("stem", "question", "question text"),
    "A": ("a", "choice a", "option a"), "B": ("b", "choice b", "option b"),
    "C": ("c", "choice c", "option c"), "D": ("d", "choice d", "option d"),
    "answer": ("answer", "key", "correct"),
    "explanation": ("explanation", "feedback"), "test": ("test",), "area": ("area", "content area"),
    "topic": ("topic",), "tags": ("tags", "tag"), "style": ("style",), "difficulty": ("difficulty",),
}
CSV_REQUIRED = ("stem", "A", "B", "C", "D", "answer")
CSV_HEADER = ("stem", "A", "B", "C", "D", "answer", "explanation", "test", "area", "topic", "tags")


def parse_csv(text: str, name: str = "questions.csv") -> ImportResult:
    """The documented column layout (module docstring); a bad header rejects the whole file."""
    col = _Collector(name)
    text = text.replace("\x00", "")
    first = text.split("\n", 1)[0]
    delim = max((",", ";", "\t"), key=lambda d: first.count(d))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = next(reader, None)
        if header is None:
            raise FileRejected(f"{name}: the file is empty; it needs a header row: {', '.join(CSV_HEADER)}")
        where: dict[str, int] = {}
        for i, h in enumerate(header):
            key = " ".join(h.strip().lstrip("\ufeff").casefold().split())
            for canon, names in _CSV_COLUMNS.items():
                if key in names and canon not in where:
                    where[canon] = i
        missing = [c for c in CSV_REQUIRED if c not in where]
        if missing:
            raise FileRejected(
                f"{name}:1: the header row lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}. "
                f"The first row must name the columns: {', '.join(CSV_HEADER)} (the last five are optional).")
        line = reader.line_num + 1
        for row in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            _csv_row(col, start, row, where)
    except csv.Error as e:
        raise FileRejected(f"{name}:{reader.line_num}: not readable as CSV ({e}).") from None
    return col.result("csv")


def _csv_row(col: _Collector, line: int, row: list[str], where: dict[str, int]) -> None:
    def cell(key: str) -> str:
        i = where.get(key)
        return row[i].strip() if i is not None and i < len(row) else ""

    answer = cell("answer").upper()
    if answer not in LETTERS:
        col.skip(line, f"the answer {cell('answer')!r} is not a letter A-D" if answer else "the answer column is empty")
        return
    style = cell("style").casefold() or "direct"
    if style not in STYLES:
        col.skip(line, f"style {cell('style')!r} is not one of {', '.join(STYLES)}")
        return
    diff = cell("difficulty") or "2"
    if diff not in ("1", "2", "3"):
        col.skip(line, f"difficulty {diff!r} is not 1, 2 or 3")
        return
    tags = tuple(t.strip() for t in re.split(r"[;|]", cell("tags")) if t.strip())
    _make(col, line, cell("stem"), [cell(k) for k in "ABCD"], LETTERS.index(answer),
          explanation=cell("explanation"), tags=tags, test=cell("test").upper() or None,
          area=cell("area").upper() or None, topic=cell("topic") or None, style=style, difficulty=int(diff))


# ----------------------------------------------------------------------------- any file


def detect_format(path: Path, text: str) -> str:
    """By extension (.gift, .csv), else by content: GIFT has { } answer blocks, Aiken ANSWER: lines."""
    ext = path.suffix.lower()
    if ext == ".gift":
        return "gift"
    if ext in (".csv", ".tsv"):
        return "csv"
    if re.search(r"^\s*ANSWER\s*:", text, re.IGNORECASE | re.MULTILINE):
        return "aiken"
    if "{" in text and "}" in text:
        return "gift"
    first = text.split("\n", 1)[0].casefold()
    if "stem" in first and ("," in first or ";" in first or "\t" in first):
        return "csv"
    raise FileRejected(f"{path.name}: not recognisably GIFT, Aiken or CSV. Choose the format, or check the file.")


def parse_text(text: str, name: str, fmt: str) -> ImportResult:
    if fmt == "gift":
        return parse_gift(text, name)
    if fmt == "aiken":
        return parse_aiken(text, name)
    if fmt == "csv":
        return parse_csv(text, name)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def parse_file(path: Path, fmt: str | None = None) -> ImportResult:
    """Read and parse one file; raises FileRejected for a file that cannot be read at all."""
    text = read_text(path, what="question file")
    fmt = fmt or detect_format(path, text)
    return parse_text(text, path.name, fmt)


def with_mapping(result: ImportResult, test: str | None, area: str | None) -> ImportResult:
    """Give questions without their own test/area the instructor's choice (a CSV row's own wins)."""
    if not test and not area:
        return result
    out = []
    for q in result.imported:
        t = q.test or test
        a = q.area or (area if (q.test or test) == test else None)
        out.append(replace(q, test=t, area=a))
    return replace(result, imported=tuple(out))


# ----------------------------------------------------------------------------- GIFT export


def gift_escape(text: str) -> str:
    out = text.replace("\\", "\\\\")
    for ch in "~=#{}:":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _gift_choice(sign: str, text: str) -> str:
    body = gift_escape(text)
    if body.startswith("%"):  # GIFT has no escape for a leading %n%: write the weight explicitly
        body = ("%100%" if sign == "=" else "%0%") + body
    return f"\t{sign}{body}"


def to_gift(questions: Iterable[Question], *, heading: str = "") -> str:
    """GIFT text Moodle imports: a $CATEGORY per test and area, each question titled with its id."""
    lines: list[str] = []
    if heading:
        lines += [f"// {line}" for line in heading.splitlines()] + [""]
    category = None
    for q in questions:
        cat = f"ASE Prep/{q.test}/{q.area}" if q.test else "ASE Prep/Imported"
        if cat != category:
            lines += [f"$CATEGORY: $course$/top/{cat}", ""]
            category = cat
        lines.append(f"// [id:{q.id}] [tag:{q.topic.replace(']', ' ')}]" if q.topic else f"// [id:{q.id}]")
        lines.append(f"::{gift_escape(q.id)}:: [plain]{gift_escape(q.stem)} {{")
        for letter, choice in zip(LETTERS, q.choices, strict=True):
            lines.append(_gift_choice("=" if letter == q.answer else "~", choice))
        if q.explanation:
            lines.append(f"\t####{gift_escape(q.explanation)}")
        lines += ["}", ""]
    return "\n".join(lines)


__all__ = [
    "FORMATS", "MAX_FILE_BYTES", "FileRejected", "ImportResult", "ImportedQuestion", "SkippedItem", "decode_text",
    "detect_format", "parse_aiken", "parse_csv", "parse_file", "parse_gift", "parse_text", "read_bytes", "read_text",
    "to_gift", "with_mapping",
]
