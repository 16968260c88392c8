"""Bold and italic in an instructor's own questions, kept so they go back to the LMS as they came.

An imported stem's or explanation's bold and italic (HTML's <b>, <strong>, <i>, <em>; Markdown's
**bold** and *italic*) are kept beside its plain text as spans over it; the exam and the set
preview show them (app.pages.common.show_marked: the escaped text with only these tags), and every export (Moodle XML, GIFT, QTI 1.2 and 2.1) writes them back as HTML.

While a file is read, each span is a pair of private markers inside the text (control characters
no decoded file keeps: study.classroom.importers takes them out of what it reads), so the text can
be tidied and joined as plain text is; `split` then takes them out as spans.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from questions.model import Question

ON = {"b": "\x01", "i": "\x03"}
OFF = {"b": "\x02", "i": "\x04"}
MARKERS = "\x01\x02\x03\x04"
_KIND_OF = {**{v: k for k, v in ON.items()}, **{v: k for k, v in OFF.items()}}
_NO_MARKERS = str.maketrans("", "", MARKERS)
TAGS = {"b": "b", "strong": "b", "i": "i", "em": "i"}

Span = tuple[int, int, str]  # start and end in the plain text, "b" or "i"


@dataclass(frozen=True)
class MarkedQuestion(Question):
    """A question with the bold and italic it came with: ("stem" or "explanation", its spans)."""

    emphasis: tuple[tuple[str, tuple[Span, ...]], ...] = ()


def marked(inner: str, kind: str) -> str:
    return f"{ON[kind]}{inner}{OFF[kind]}"


def strip(text: str) -> str:
    """The text without its markers (a choice, a table cell: kept as plain text)."""
    return text.translate(_NO_MARKERS)


_OPEN_SPACE = re.compile(r"([\x01\x03])(\s+)")
_SPACE_CLOSE = re.compile(r"(\s+)([\x02\x04])")
_EMPTY = re.compile(r"\x01\x02|\x03\x04")


def tight(text: str) -> str:
    """Markers moved inside the words they mark and empty spans dropped, so the text tidies to the
    same words as it would without them ("<b> NOT </b>" marks "NOT", not the spaces)."""
    before = None
    while before != text:
        before = text
        text = _EMPTY.sub("", _SPACE_CLOSE.sub(r"\2\1", _OPEN_SPACE.sub(r"\2\1", text)))
    return text


_MD_BOLD = re.compile(r"(?<![\w*])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)")


def from_markdown(text: str) -> str:
    """Markdown's **bold** and *italic* (or __ and _) as markers; other Markdown stays as written."""
    text = _MD_BOLD.sub(lambda m: marked(m.group(1) or m.group(2), "b"), text)
    return _MD_ITALIC.sub(lambda m: marked(m.group(1) or m.group(2), "i"), text)


def split(text: str) -> tuple[str, tuple[Span, ...]]:
    """(the plain text, its bold and italic spans) of a marked text; a marker without its pair is dropped."""
    plain: list[str] = []
    at = 0
    opened: list[tuple[str, int]] = []
    spans: list[Span] = []
    for ch in text:
        kind = _KIND_OF.get(ch)
        if kind is None:
            plain.append(ch)
            at += 1
        elif ch == ON[kind]:
            opened.append((kind, at))
        else:
            for i in range(len(opened) - 1, -1, -1):
                if opened[i][0] == kind:
                    start = opened.pop(i)[1]
                    if at > start:
                        spans.append((start, at, kind))
                    break
    return "".join(plain), normal(spans)


def normal(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Spans sorted, each inside the text once: a span inside another of its kind says nothing more."""
    good = sorted({(s, e, k) for s, e, k in spans if k in ON and s < e}, key=lambda x: (x[0], -x[1], x[2]))
    out: list[Span] = []
    for s, e, k in good:
        if not any(k == k2 and s2 <= s and e <= e2 for s2, e2, k2 in out):
            out.append((s, e, k))
    return tuple(out)


def to_html(text: str, spans: Sequence[Span], start: int = 0, end: int | None = None) -> str:
    """text[start:end] as HTML: escaped, its spans as <b> and <i>, each line break a <br>."""
    end = len(text) if end is None else end
    cut = sorted(((max(s, start), min(e, end), k) for s, e, k in spans if max(s, start) < min(e, end)),
                 key=lambda x: (x[0], -x[1]))
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (end, kind) of the open tags, innermost last
    pos = start
    opens = iter(cut)
    nxt = next(opens, None)
    while pos < end or stack:
        # close what ends here (inner first; an outer tag ending here closes the inner ones, which reopen)
        while stack and min(e for e, _ in stack) <= pos:
            reopen = []
            while stack and stack[-1][0] > pos:
                reopen.append(stack.pop())
                out.append(f"</{reopen[-1][1]}>")
            e, k = stack.pop()
            out.append(f"</{k}>")
            for e2, k2 in reversed(reopen):
                stack.append((e2, k2))
                out.append(f"<{k2}>")
        if pos >= end:
            break
        while nxt is not None and nxt[0] == pos:
            stack.append((nxt[1], nxt[2]))
            out.append(f"<{nxt[2]}>")
            nxt = next(opens, None)
        stops = [e for e, _ in stack] + ([nxt[0]] if nxt is not None else []) + [end]
        upto = min(p for p in stops if p > pos)
        out.append(html.escape(text[pos:upto], quote=False).replace("\n", "<br>"))
        pos = upto
    return "".join(out)


def spans_json(emphasis: Mapping[str, Sequence[Span]]) -> dict[str, list[list[object]]]:
    return {field: [list(s) for s in spans] for field, spans in emphasis.items() if spans}


def spans_from_json(raw: object, texts: Mapping[str, str]) -> dict[str, tuple[Span, ...]]:
    """The stored spans, each checked against its text (a span past the text's end is dropped)."""
    if not isinstance(raw, dict):
        return {}
    out: dict[str, tuple[Span, ...]] = {}
    for field, text in texts.items():
        items = raw.get(field)
        if not isinstance(items, list):
            continue
        ok = [(x[0], x[1], x[2]) for x in items
              if isinstance(x, list) and len(x) == 3 and all(type(v) is int for v in x[:2])
              and x[2] in ON and 0 <= x[0] < x[1] <= len(text)]
        if ok:
            out[field] = normal(ok)
    return out


def of(q: object) -> dict[str, tuple[Span, ...]]:
    """The bold and italic a question carries ({"stem": spans, "explanation": spans}; none for the bank's)."""
    return dict(getattr(q, "emphasis", ()) or ())
