"""The quality gate's rules for one question: lengths, sentences in the explanation, the
choices, its figure and its reference (questions.quality runs them with the rest of the gate)."""

from __future__ import annotations

import re
from pathlib import Path

from questions.bank import BankProblem
from questions.blueprints import RESOURCES
from questions.exhibits import figure_path, source_path, svg_problems
from questions.model import LETTERS, STYLES, TECHNICIAN_AB_CHOICES, Question
from questions.references import reference_problems

# Per-question limits.
STEM_MIN, STEM_MAX = 40, 600
CHOICE_MAX = 140
EXPLANATION_SENTENCES = (2, 5)
EXPLANATION_MAX = 900

_ABOVE = re.compile(r"\b(?:all|none)\s+of\s+the\s+above\b", re.IGNORECASE)
_EXCEPT_CAPS = re.compile(r"\bEXCEPT\b")
_EXCEPT_ANY = re.compile(r"\bexcept\b", re.IGNORECASE)
_LEAST_CAPS = re.compile(r"\bLEAST\b")
_LEAST_ANY = re.compile(r"\bleast\b", re.IGNORECASE)
_TECH_A = re.compile(r"\b[Tt]echnician\s+A\b")
_TECH_B = re.compile(r"\b[Tt]echnician\s+B\b")
TOKEN = re.compile(r"[a-z0-9]+")

# ---------------------------------------------------------------------------------------------
# Sentence counting
# ---------------------------------------------------------------------------------------------

# Words that end in a full stop but never end a sentence in a technician's explanation. "etc."
# and everyday words that double as abbreviations ("spec.", "temp.", "max.") are left out on
# purpose: "...is within spec. Technician B..." is two sentences.
_ABBREVIATIONS = frozenset(
    {"e.g", "eg", "i.e", "ie", "approx", "vs", "cf", "viz", "incl", "esp", "mr", "mrs", "dr", "fig", "figs"}
)
# Units and numbering words that are abbreviations when a number or a bracket follows:
# "0.030 in. (0.76 mm)", "No. 1 cylinder"; before a capital they may well end the sentence.
_BEFORE_NUMBER = frozenset("no nos in ft lb lbs oz qt qts gal pt sec min hr hrs deg approx".split())
# A candidate sentence end: terminal punctuation, optional closing quotes or brackets, then
# whitespace and something that can start a sentence. Requiring whitespace after the stop keeps
# decimals ("0.05 mm", "12.6 V") in one piece.
_BOUNDARY = re.compile(r"([.!?]+)[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_DOTTED = re.compile(r"^(?:[a-z]\.)+[a-z]$")  # e.g, i.e, u.s (the final stop is stripped)
_WORDY = re.compile(r"[A-Za-z0-9]")


def count_sentences(text: str) -> int:
    """Sentences in an explanation, robust to abbreviations ("e.g.", "approx.") and decimals.

    A naive split on "." would count "about 12.6 V, e.g. at rest" as three sentences and let a
    one-line explanation through or fail a good one; the gate has to count the way a reader does.
    """
    text = " ".join(text.split())
    pieces = 0
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(1) == "." and _is_abbreviation(text, m.start(1), m.end()):
            continue
        if _WORDY.search(text[start : m.start(1)]):
            pieces += 1
        start = m.end()
    if _WORDY.search(text[start:]):
        pieces += 1
    return pieces


def _is_abbreviation(text: str, dot: int, after: int) -> bool:
    """Whether the full stop at `dot` closes an abbreviation rather than a sentence."""
    word_start = text.rfind(" ", 0, dot) + 1
    word = text[word_start:dot].lstrip("\"'([").lower()
    if word in _ABBREVIATIONS or _DOTTED.match(word):
        return True
    return word in _BEFORE_NUMBER and text[after : after + 1] in set("0123456789([")


# ---------------------------------------------------------------------------------------------
# Per-question rules
# ---------------------------------------------------------------------------------------------


def location_of(q: Question) -> tuple[str, int]:
    file, sep, line = q.source.rpartition(":")
    if sep and line.isdigit():
        return file, int(line)
    return q.source, 0


def file_of(q: Question) -> str:
    return location_of(q)[0]


def question_problems(q: Question) -> list[BankProblem]:
    """Every writing rule one question breaks, each located at the question's file and line."""
    file, line = location_of(q)
    out: list[str] = []
    stem = " ".join(q.stem.split())
    explanation = " ".join(q.explanation.split())

    if len(q.choices) != 4:
        out.append(f"needs exactly 4 choices, has {len(q.choices)}")
    elif len({c.strip().casefold() for c in q.choices}) != 4:
        out.append("two choices are the same")
    if q.answer not in LETTERS:
        out.append(f"answer {q.answer!r} is not one of A, B, C, D")
    if q.style not in STYLES:
        out.append(f"unknown style {q.style!r}")
    for letter, choice in zip(LETTERS, q.choices, strict=False):
        if _ABOVE.search(choice):
            out.append(f"choice {letter} uses 'all/none of the above'; write a real distractor")
        if len(choice) > CHOICE_MAX:
            out.append(f"choice {letter} is {len(choice)} characters; allowed at most {CHOICE_MAX}")
    if _ABOVE.search(stem):
        out.append("the stem refers to 'all/none of the above'")

    if q.style == "technician_ab":
        missing = [
            t for t, pat in (("Technician A", _TECH_A), ("Technician B", _TECH_B)) if not pat.search(stem)
        ]
        if missing:
            out.append(
                f"technician_ab stem must name Technician A and Technician B (missing {', '.join(missing)})"
            )
        if tuple(q.choices) != TECHNICIAN_AB_CHOICES:
            out.append("technician_ab choices must be [A only, B only, Both A and B, Neither A nor B]")

    texts = (stem, *q.choices)
    if q.style == "except":
        if not _EXCEPT_CAPS.search(stem):
            hint = " (it is written in lower case)" if _EXCEPT_ANY.search(stem) else ""
            out.append(f"except style needs the word EXCEPT in capitals in the stem{hint}")
    elif any(_EXCEPT_CAPS.search(t) for t in texts):
        out.append(f"EXCEPT in capitals belongs only to the except style, not {q.style}")
    if q.style == "least_likely":
        if not _LEAST_CAPS.search(stem):
            hint = " (it is written in lower case)" if _LEAST_ANY.search(stem) else ""
            out.append(f"least_likely style needs the word LEAST in capitals in the stem{hint}")
    elif any(_LEAST_CAPS.search(t) for t in texts):
        out.append(f"LEAST in capitals belongs only to the least_likely style, not {q.style}")

    if not STEM_MIN <= len(stem) <= STEM_MAX:
        out.append(f"stem is {len(stem)} characters; allowed {STEM_MIN}-{STEM_MAX}")
    lo, hi = EXPLANATION_SENTENCES
    sentences = count_sentences(explanation)
    if not lo <= sentences <= hi:
        out.append(f"explanation has {sentences} sentence{'s' if sentences != 1 else ''}; allowed {lo}-{hi}")
    if len(explanation) > EXPLANATION_MAX:
        out.append(f"explanation is {len(explanation)} characters; allowed at most {EXPLANATION_MAX}")
    out.extend(exhibit_problems(q))
    if q.origin == "bank":
        out.extend(reference_problems(q.reference))
    return [BankProblem(file, line, f"{q.id}: {m}") for m in out]


def exhibit_problems(q: Question, resources: Path = RESOURCES) -> list[str]:
    """A figure's SVG must exist, be safe to render, and have the script it is drawn from."""
    ex = q.exhibit
    if ex is None or ex.kind != "figure" or q.origin != "bank":
        return []
    svg = figure_path(ex.file, resources)
    try:
        data = svg.read_bytes()
    except OSError:
        return [f"exhibit figure {ex.file} is missing (looked for {display_path(svg)})"]
    out = [f"exhibit figure {ex.file}: {m}" for m in svg_problems(data)]
    src = source_path(ex.file, resources)
    if not src.is_file():
        out.append(f"exhibit figure {ex.file} has no drawing source (expected {display_path(src)})")
    return out


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
