"""Rich text from an LMS, read for its meaning: plain text, a table exhibit, a figure exhibit.

Moodle shows a question's HTML (its default "Moodle auto-format" and "HTML" formats); flattening
it naively changes what a question says: table cells run together ("Cyl 1" + "150 psi" reads
"Cyl 1150 psi"), m/s<sup>2</sup> becomes "m/s2", and a picture the stem refers to disappears.
Only a small allow-list is read: paragraphs, line breaks, bold, italic, sub, sup, lists, tables
and embedded images. Everything else is reduced to its text; scripts, styles and objects are
dropped; nothing is fetched (an image outside the file cannot be kept, and the question says so).
The app then shows the result as plain text, never as HTML; bold and italic (and Markdown's ** and
*) are kept beside it (study.classroom.lms.emphasis), for an export to give them back.
"""

from __future__ import annotations

import base64
import binascii
import re
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote

from questions.exhibits import svg_problems
from questions.model import Exhibit
from study.classroom.lms import emphasis

FORMATS = ("moodle", "html", "plain", "markdown")
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "li", "table",
          "tr", "hr", "dl", "dt", "dd", "section", "article", "figure", "figcaption", "address", "center"}
DROPPED = {"script", "style", "head", "title", "iframe", "object", "embed", "video", "audio", "noscript",
           "template", "svg", "math", "canvas", "select", "textarea", "button"}
VOID = {"br", "img", "hr", "input", "meta", "link", "col", "area", "base", "wbr", "source", "param", "track"}
SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")
MAX_PICTURE_BYTES = 290_000  # the raster inside its SVG wrapper stays under the app's SVG limit
TABLE_COLUMNS, TABLE_ROWS, TABLE_CELL = (2, 8), (1, 30), 120  # what fits beside a stem as an exhibit


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving tree of the fragment: unclosed <p>, <li> and cells close as browsers close them."""

    # a start tag that closes an open one (as browsers do), and the tags that bound the search
    IMPLIED = (("p", BLOCKS, {"td", "th", "li", "table"}), ("li", {"li"}, {"ul", "ol"}),
               ("tr", {"tr"}, {"table"}), ("td", {"td", "th", "tr"}, {"tr", "table"}),
               ("th", {"td", "th", "tr"}, {"tr", "table"}))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for open_tag, closed_by, bounds in self.IMPLIED:
            if tag in closed_by:
                self._close(open_tag, bounds)
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def _close(self, tag: str, bounds: set[str] | None = None) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if bounds and self.stack[i].tag in bounds and self.stack[i].tag != tag:
                return
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_endtag(self, tag: str) -> None:
        self._close(tag)

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass(frozen=True)
class FoundTable:
    caption: str
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class FoundImage:
    src: str
    alt: str
    title: str


@dataclass
class _Reading:
    line_breaks: bool  # Moodle auto-format: a newline in the text is a line break
    tables: list[FoundTable] = field(default_factory=list)
    images: list[FoundImage] = field(default_factory=list)


def _script(text: str, table: dict[int, int], marker: str) -> str:
    flat = " ".join(text.split())
    if not flat:
        return ""
    if all(ord(ch) in table for ch in flat):
        return flat.translate(table)
    if flat.isalpha() and marker == "^":  # ordinals and trade marks: 1st, 2nd, TM
        return flat
    return f"{marker}({flat})"


def _text_of(node: _Node | str, r: _Reading) -> str:
    if isinstance(node, str):
        if r.line_breaks:
            return "\n".join(" ".join(part.split(" ")) for part in node.replace("\t", " ").split("\n"))
        return " ".join(node.split(" ")).replace("\n", " ").replace("\t", " ")
    tag = node.tag
    if tag in DROPPED:
        return ""
    if tag == "br":
        return "\n"
    if tag == "img":
        r.images.append(FoundImage(node.attrs.get("src", ""), " ".join(node.attrs.get("alt", "").split()),
                                   " ".join(node.attrs.get("title", "").split())))
        return f"\x00I{len(r.images) - 1}\x00"
    if tag == "table":
        r.tables.append(_table(node, r))
        return f"\n\x00T{len(r.tables) - 1}\x00\n"
    if tag in ("ul", "ol"):
        items = [n for n in node.children if isinstance(n, _Node) and n.tag == "li"]
        lines = []
        for i, li in enumerate(items, start=1):
            body = " ".join(_inner(li, r).split())
            lines.append(f"{i}. {body}" if tag == "ol" else f"• {body}")
        return "\n" + "\n".join(lines) + "\n"
    inner = _inner(node, r)
    if tag == "sup":
        return _script(emphasis.strip(inner), SUPERSCRIPT, "^")
    if tag == "sub":
        return _script(emphasis.strip(inner), SUBSCRIPT, "_")
    if tag in emphasis.TAGS:
        return emphasis.marked(inner, emphasis.TAGS[tag])
    if tag in BLOCKS:
        return f"\n{inner}\n"
    return inner


def _inner(node: _Node, r: _Reading) -> str:
    return "".join(_text_of(c, r) for c in node.children)


def _cells(node: _Node) -> list[_Node]:
    out: list[_Node] = []
    for c in node.children:
        if isinstance(c, _Node):
            if c.tag in ("td", "th"):
                out.append(c)
            elif c.tag not in ("table",):
                out.extend(_cells(c))
    return out


def _rows(node: _Node) -> list[_Node]:
    out: list[_Node] = []
    for c in node.children:
        if isinstance(c, _Node):
            if c.tag == "tr":
                out.append(c)
            elif c.tag in ("thead", "tbody", "tfoot"):
                out.extend(_rows(c))
    return out


def _table(node: _Node, r: _Reading) -> FoundTable:
    inner = _Reading(r.line_breaks)  # a table's own pictures and nested tables are read as text
    caption = next((" ".join(emphasis.strip(_inner(c, inner)).split()) for c in node.children
                    if isinstance(c, _Node) and c.tag == "caption"), "")
    rows = []
    for tr in _rows(node):  # a table's cells are plain text (an exhibit has no bold)
        cells = tuple(" ".join(emphasis.strip(_inner(td, inner)).replace("\x00", " ").split()) for td in _cells(tr))
        if any(cells):
            rows.append(cells)
    r.images.extend(inner.images)
    return FoundTable(caption, tuple(rows))


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def table_lines(t: FoundTable) -> str:
    """A table kept in the text, one row a line, so cells never run together."""
    head = [t.caption] if t.caption else []
    return "\n".join(head + [" | ".join(row) for row in t.rows])


def table_exhibit(t: FoundTable) -> Exhibit | None:
    """The table as an exhibit when it fits beside a stem (header row, a few columns, short cells)."""
    if len(t.rows) < 2:
        return None
    width = max(len(r) for r in t.rows)
    if not TABLE_COLUMNS[0] <= width <= TABLE_COLUMNS[1] or not TABLE_ROWS[0] <= len(t.rows) - 1 <= TABLE_ROWS[1]:
        return None
    if any(len(c) > TABLE_CELL for r in t.rows for c in r):
        return None
    padded = [tuple(r) + ("",) * (width - len(r)) for r in t.rows]
    return Exhibit("table", t.caption or "Table from the question", padded[0], tuple(padded[1:]))


# ----------------------------------------------------------------------------- pictures


def _raster_size(data: bytes, mime: str) -> tuple[int, int] | None:
    try:
        if mime == "image/png" and data[:8] == b"\x89PNG\r\n\x1a\n":
            w, h = struct.unpack(">II", data[16:24])
            return w, h
        if mime == "image/gif" and data[:4] == b"GIF8":
            w, h = struct.unpack("<HH", data[6:10])
            return w, h
        if mime == "image/jpeg" and data[:2] == b"\xff\xd8":
            i = 2
            while i + 9 < len(data):
                if data[i] != 0xFF:
                    return None
                marker = data[i + 1]
                length = struct.unpack(">H", data[i + 2:i + 4])[0]
                if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                    h, w = struct.unpack(">HH", data[i + 5:i + 9])
                    return w, h
                i += 2 + length
    except struct.error:
        return None
    return None


_MIMES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml"}


def picture_svg(data: bytes, mime: str) -> tuple[str, str]:
    """(SVG text, "") for a picture the app can show, or ("", why not)."""
    if mime == "image/svg+xml":
        problems = svg_problems(data)
        if problems:
            return "", f"its SVG picture cannot be shown safely ({problems[0]})"
        return data.decode("utf-8", "replace"), ""
    if mime not in ("image/png", "image/jpeg", "image/gif"):
        return "", f"its picture is {mime or 'of an unknown kind'}; ASE Prep shows PNG, JPEG, GIF and SVG pictures"
    if len(data) > MAX_PICTURE_BYTES:
        return "", (f"its picture is {len(data) // 1000:,} KB; ASE Prep keeps pictures up to "
                    f"{MAX_PICTURE_BYTES // 1000} KB (save it smaller and import again)")
    size = _raster_size(data, mime)
    if size is None or min(size) <= 0:
        return "", "its picture is damaged (its size cannot be read)"
    w, h = size
    shown_w = min(w, 800)
    shown_h = max(1, round(h * shown_w / w))
    b64 = base64.b64encode(data).decode("ascii")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{shown_w}" height="{shown_h}" viewBox="0 0 {w} {h}">'
            f'<image width="{w}" height="{h}" xlink:href="data:{mime};base64,{b64}"/></svg>'), ""


_DATA_URI = re.compile(r"^data:(image/[a-z+.-]+)(;[^,]*)?,(.*)$", re.IGNORECASE | re.DOTALL)


def picture_bytes(src: str, files: Mapping[str, bytes]) -> tuple[bytes, str, str]:
    """(bytes, mime type, "") for an image the file itself carries, or (b"", "", why not)."""
    m = _DATA_URI.match(src.strip())
    if m:
        mime, params, payload = m.group(1).lower(), (m.group(2) or "").lower(), m.group(3)
        try:
            data = base64.b64decode(payload, validate=False) if "base64" in params else unquote(payload).encode()
        except (binascii.Error, ValueError):
            return b"", "", "its embedded picture is damaged (bad base64)"
        return data, mime, ""
    if src.startswith("@@PLUGINFILE@@/"):
        name = unquote(src[len("@@PLUGINFILE@@/"):].split("?", 1)[0])
        if name in files:
            ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            return files[name], _MIMES.get(ext, ""), ""
        return b"", "", (f"its picture {name} is not in this file (GIFT cannot carry pictures; export the "
                         "questions as Moodle XML to keep them)")
    where = src[:80] or "nowhere"
    return b"", "", f"its picture is outside the file ({where}); ASE Prep reads no files or web addresses"


# ----------------------------------------------------------------------------- reading a text


@dataclass(frozen=True)
class RichStem:
    text: str
    exhibit: Exhibit | None = None
    notes: tuple[str, ...] = ()
    problem: str = ""  # why the question cannot be kept as it means


def _read(fragment: str, fmt: str) -> tuple[str, _Reading]:
    """The fragment's text, its bold and italic as emphasis markers (study.classroom.lms.emphasis)."""
    r = _Reading(line_breaks=fmt == "moodle")
    fragment = emphasis.strip(fragment)  # only this reader writes markers
    if fmt == "plain":
        return fragment, r
    if fmt == "markdown":
        return emphasis.from_markdown(fragment), r
    b = _TreeBuilder()
    try:
        b.feed(fragment)
        b.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; a fragment it cannot read stays text
        return fragment, r
    return _inner(b.root, r), r


def read_stem(fragment: str, fmt: str, files: Mapping[str, bytes] | None = None) -> RichStem:
    """A question's text: its one table as a table exhibit where it fits, its one picture as a
    figure exhibit, other tables as text lines; a picture that cannot be kept is a problem."""
    text, r = _read(fragment, fmt)
    notes: list[str] = []
    exhibit: Exhibit | None = None
    if len(r.images) > 1:
        return RichStem("", problem=f"it has {len(r.images)} pictures; ASE Prep shows one figure per question")
    if r.images:
        img = r.images[0]
        data, mime, why = picture_bytes(img.src, files or {})
        svg, why = (picture_svg(data, mime) if not why else ("", why))
        if why:
            return RichStem("", problem=why)
        exhibit = Exhibit("figure", img.title or "Figure from the question", alt=img.alt, data=svg)
        if not img.alt:
            notes.append("its picture has no text description (alt text); add one so a screen reader can read it")
        text = text.replace("\x00I0\x00", "")
    for i, t in enumerate(r.tables):
        ex = table_exhibit(t) if exhibit is None else None
        if ex is not None:
            exhibit = ex
            text = text.replace(f"\x00T{i}\x00", "")
        else:
            text = text.replace(f"\x00T{i}\x00", table_lines(t))
            notes.append("a table is shown as text lines (it does not fit as an exhibit beside the question)")
    return RichStem(_tidy(emphasis.tight(text)), exhibit, tuple(notes))


def read_text(fragment: str, fmt: str) -> tuple[str, str]:
    """A choice or feedback as plain text: (text, ""), or ("", why it cannot be kept)."""
    text, r = _read(fragment, fmt)
    if r.images:
        return "", "a choice or feedback is a picture; ASE Prep choices and explanations are text"
    for i, t in enumerate(r.tables):
        text = text.replace(f"\x00T{i}\x00", table_lines(t))
    return _tidy(emphasis.tight(text)), ""
