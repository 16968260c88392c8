"""The bank's quality gate: the writing rules of resources/questions/README.md, as code.

The loader (questions.bank) only rejects what the app cannot run; this module judges whether
a loadable question, and a test's whole set of questions, is good enough to ship. It is pure
data in, problems out, so the CLI (`bank check --strict`, `bank stats --json`) and the tests
share one definition of "good". Every problem names a file (and a line where one applies) so a
writer can go straight to it.
"""

from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from questions.bank import BANK_DIR, BankProblem, QuestionBank
from questions.blueprints import RESOURCES, Blueprints, TestBlueprint
from questions.exhibits import figure_path, source_path, svg_problems
from questions.model import LETTERS, STYLES, TECHNICIAN_AB_CHOICES, Question
from questions.references import reference_problems

STRICT_TESTS: tuple[str, ...] = ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "G1")

# Per-question limits.
STEM_MIN, STEM_MAX = 40, 600
CHOICE_MAX = 140
EXPLANATION_SENTENCES = (2, 5)
EXPLANATION_MAX = 900

# Per-test limits, in percent where a share (bounds are inclusive).
MIN_QUESTIONS = 80
AREA_FACTOR = Fraction(3, 2)
MIN_TOPIC_USES = 2
TECHNICIAN_AB_SHARE = (20, 35)
MOST_LIKELY_MIN = 30
NEGATIVE_MAX = 15  # except + least_likely
DIRECT_MAX = 20
KEY_SHARE = (18, 32)
TECHNICIAN_AB_OUTCOME_SHARE = (15, 35)
LONGEST_IS_KEY_MAX = 40
JACCARD_LIMIT = Fraction(3, 5)  # a pair at or above this is a near-duplicate

# A test whose files are all at `standard: 2` (reworked to be as hard as the real test and not
# guessable, ../shared/QUESTIONS.md) is held to these on top of the rules above.
STANDARD2_MIN_QUESTIONS = 120  # the nine original tests: two full-length forms without repeats
STANDARD2_AREA_FACTOR = Fraction(2)
STANDARD2_SIZED_TESTS = STRICT_TESTS
DIFFICULTY3_MIN = 35  # reasoning across two or more readings, where a first idea is wrong
DIFFICULTY1_MAX = 20
EXHIBIT_MIN = {"A6": 25, "A8": 25}  # the tests built on scan data, meter readings and diagrams
EXHIBIT_MIN_DEFAULT = 10
STANDARD2_LONGEST_IS_KEY_MAX = 30
# and at least this: a key that is almost never the longest teaches "never pick the longest"
STANDARD2_LONGEST_IS_KEY_MIN = 12

_ABOVE = re.compile(r"\b(?:all|none)\s+of\s+the\s+above\b", re.IGNORECASE)
_EXCEPT_CAPS = re.compile(r"\bEXCEPT\b")
_EXCEPT_ANY = re.compile(r"\bexcept\b", re.IGNORECASE)
_LEAST_CAPS = re.compile(r"\bLEAST\b")
_LEAST_ANY = re.compile(r"\bleast\b", re.IGNORECASE)
_TECH_A = re.compile(r"\b[Tt]echnician\s+A\b")
_TECH_B = re.compile(r"\b[Tt]echnician\s+B\b")
_TOKEN = re.compile(r"[a-z0-9]+")

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


def _location(q: Question) -> tuple[str, int]:
    file, sep, line = q.source.rpartition(":")
    if sep and line.isdigit():
        return file, int(line)
    return q.source, 0


def _file_of(q: Question) -> str:
    return _location(q)[0]


def question_problems(q: Question) -> list[BankProblem]:
    """Every writing rule one question breaks, each located at the question's file and line."""
    file, line = _location(q)
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
        return [f"exhibit figure {ex.file} is missing (looked for {_display(svg)})"]
    out = [f"exhibit figure {ex.file}: {m}" for m in svg_problems(data)]
    src = source_path(ex.file, resources)
    if not src.is_file():
        out.append(f"exhibit figure {ex.file} has no drawing source (expected {_display(src)})")
    return out


# ---------------------------------------------------------------------------------------------
# Per-test rules
# ---------------------------------------------------------------------------------------------


def _pct(count: int, total: int, bounds: tuple[int | None, int | None]) -> str:
    """A share as a whole percent, with a decimal when rounding would make a miss look allowed."""
    if total == 0:
        return "0"
    exact = Fraction(100 * count, total)
    whole = round(exact)
    lo, hi = bounds
    looks_ok = (lo is None or whole >= lo) and (hi is None or whole <= hi)
    if exact != whole and looks_ok:
        return f"{float(exact):.1f}"
    return str(whole)


def _allowed(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"allowed {lo}-{hi} %"
    if lo is not None:
        return f"allowed at least {lo} %"
    return f"allowed at most {hi} %"


def _share_ok(count: int, total: int, lo: int | None, hi: int | None) -> bool:
    # Exact integer arithmetic: 16 of 80 is exactly 20 %, never 19.999...
    if lo is not None and count * 100 < lo * total:
        return False
    return not (hi is not None and count * 100 > hi * total)


def _tokens(stem: str) -> frozenset[str]:
    return frozenset(_TOKEN.findall(stem.lower()))


def near_duplicates(
    questions: Sequence[Question], limit: Fraction = JACCARD_LIMIT
) -> list[tuple[Question, Question, Fraction]]:
    """Pairs of stems with token-set Jaccard >= limit, in bank order.

    Pairwise over sets in integer arithmetic (exact at the 0.6 boundary), skipping pairs whose
    sizes alone rule the limit out (|small|/|large| bounds the Jaccard from above): ~100 stems a
    test is a few thousand cheap set intersections.
    """
    num, den = limit.numerator, limit.denominator
    sets = [_tokens(q.stem) for q in questions]
    sizes = [len(s) for s in sets]
    pairs: list[tuple[Question, Question, Fraction]] = []
    for i, a in enumerate(sets):
        la = sizes[i]
        for j in range(i + 1, len(sets)):
            lb = sizes[j]
            if min(la, lb) * den < num * max(la, lb):
                continue
            inter = len(a & sets[j])
            union = la + lb - inter
            if union and inter * den >= num * union:
                pairs.append((questions[i], questions[j], Fraction(inter, union)))
    return pairs


def _max_jaccard(questions: Sequence[Question]) -> float:
    """The highest stem similarity in a test, so a writer sees how close to the limit it runs."""
    sets = [_tokens(q.stem) for q in questions]
    sizes = [len(s) for s in sets]
    best = 0.0
    for i, a in enumerate(sets):
        la = sizes[i]
        for j in range(i + 1, len(sets)):
            lb = sizes[j]
            if not la or not lb or min(la, lb) / max(la, lb) <= best:
                continue
            inter = len(a & sets[j])
            best = max(best, inter / (la + lb - inter))
    return best


def _longest_is_key(q: Question) -> bool:
    """The key is strictly the longest choice; a tie for longest gives nothing away."""
    lengths = [len(c) for c in q.choices]
    longest = max(lengths)
    return lengths.count(longest) == 1 and lengths.index(longest) == q.answer_index


def _test_folder(test: str, questions: Sequence[Question]) -> str:
    """The folder the test's files live in, as the loader displays paths."""
    parents = Counter(os.path.dirname(_file_of(q)) for q in questions if _file_of(q))
    if parents:
        return parents.most_common(1)[0][0]
    return _display(BANK_DIR / test)


def _area_file(test: str, area: str, questions: Sequence[Question], folder: str) -> str:
    files = Counter(_file_of(q) for q in questions if q.area == area and _file_of(q))
    if files:
        return files.most_common(1)[0][0]
    return os.path.join(folder, f"{test}-{area}.yaml")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def size_rules(test: str, standard: int) -> tuple[int, Fraction]:
    """(minimum questions, area factor) for a test at a standard."""
    if standard >= 2 and test in STANDARD2_SIZED_TESTS:
        return STANDARD2_MIN_QUESTIONS, STANDARD2_AREA_FACTOR
    return MIN_QUESTIONS, AREA_FACTOR


def _factor_text(f: Fraction) -> str:
    return str(f.numerator) if f.denominator == 1 else f"{float(f):g}"


def test_problems(
    test: str, questions: list[Question], blueprint: TestBlueprint, standard: int = 1
) -> list[BankProblem]:
    """Every per-test rule the test's questions break: size, coverage, style mix, key balance,
    longest-choice bias and near-duplicate stems, and at standard 2 the difficulty mix and the
    share of questions with an exhibit. Test-wide figures are reported on the test's folder,
    area figures on the area's file, each with the measured figure and the allowed range.
    """
    folder = _test_folder(test, questions)
    n = len(questions)
    out: list[BankProblem] = []
    min_questions, area_factor = size_rules(test, standard)

    def folder_problem(message: str) -> None:
        out.append(BankProblem(folder, 0, message))

    if n < min_questions:
        folder_problem(f"{test} has {n} questions; needs at least {min_questions}")

    # Coverage: area sizes and topics.
    by_area: dict[str, list[Question]] = {}
    for q in questions:
        by_area.setdefault(q.area, []).append(q)
    known_areas = set(blueprint.area_letters)
    for area in blueprint.areas:
        qs = by_area.get(area.letter, [])
        file = _area_file(test, area.letter, questions, folder)
        need = math.ceil(area.scored_questions * area_factor)
        if len(qs) < need:
            out.append(
                BankProblem(
                    file,
                    0,
                    f"{test} area {area.letter} has {len(qs)} questions; needs at least {need} "
                    f"({_factor_text(area_factor)} x {area.scored_questions} scored)",
                )
            )
        if not area.topics or not qs:
            continue  # an empty area is one problem above, not one per unused topic as well
        uses: dict[str, list[Question]] = {t: [] for t in area.topics}
        for q in qs:
            if q.topic in uses:
                uses[q.topic].append(q)
            else:
                qf, ql = _location(q)
                out.append(
                    BankProblem(
                        qf, ql, f"{q.id}: topic {q.topic!r} is not one of {test} area {area.letter}'s topics"
                    )
                )
        for topic, tq in uses.items():
            if len(tq) >= MIN_TOPIC_USES:
                continue
            line = _location(tq[0])[1] if tq else 0
            used_by = f" ({', '.join(q.id for q in tq)})" if tq else ""
            out.append(
                BankProblem(
                    file,
                    line,
                    f"{test} area {area.letter} topic {topic!r} is used by {len(tq)} question"
                    f"{'' if len(tq) == 1 else 's'}{used_by}; needs at least {MIN_TOPIC_USES}",
                )
            )
    for area_letter, qs in sorted(by_area.items()):
        if known_areas and area_letter not in known_areas:
            for q in qs:
                qf, ql = _location(q)
                out.append(BankProblem(qf, ql, f"{q.id}: {test} has no content area {area_letter!r}"))

    if n == 0:
        return out

    # Style mix.
    styles = Counter(q.style for q in questions)
    negative = styles["except"] + styles["least_likely"]
    for label, count, lo, hi in (
        ("technician_ab", styles["technician_ab"], *TECHNICIAN_AB_SHARE),
        ("most_likely", styles["most_likely"], MOST_LIKELY_MIN, None),
        ("except + least_likely", negative, None, NEGATIVE_MAX),
        ("direct", styles["direct"], None, DIRECT_MAX),
    ):
        if not _share_ok(count, n, lo, hi):
            folder_problem(f"{label} is {_pct(count, n, (lo, hi))} % of {n} questions; {_allowed(lo, hi)}")

    # Key balance.
    keys = Counter(q.answer for q in questions)
    lo, hi = KEY_SHARE
    for letter in LETTERS:
        if not _share_ok(keys[letter], n, lo, hi):
            folder_problem(
                f"key {letter} is the answer of {_pct(keys[letter], n, (lo, hi))} % of {n} questions "
                f"({keys[letter]}); {_allowed(lo, hi)}"
            )
    tech = [q for q in questions if q.style == "technician_ab"]
    if tech:
        outcomes = Counter(q.answer for q in tech)
        lo, hi = TECHNICIAN_AB_OUTCOME_SHARE
        for letter, outcome in zip(LETTERS, TECHNICIAN_AB_CHOICES, strict=True):
            c = outcomes[letter]
            if not _share_ok(c, len(tech), lo, hi):
                folder_problem(
                    f"technician_ab outcome '{outcome}' is the key of {_pct(c, len(tech), (lo, hi))} % of "
                    f"{len(tech)} technician_ab questions ({c}); {_allowed(lo, hi)}"
                )

    # Longest-choice bias.
    written = [q for q in questions if q.style != "technician_ab"]
    longest_max = STANDARD2_LONGEST_IS_KEY_MAX if standard >= 2 else LONGEST_IS_KEY_MAX
    longest_min = STANDARD2_LONGEST_IS_KEY_MIN if standard >= 2 else None
    if written:
        longest = sum(1 for q in written if _longest_is_key(q))
        m = len(written)
        if not _share_ok(longest, m, longest_min, longest_max):
            share = _pct(longest, m, (longest_min, longest_max))
            folder_problem(
                f"the longest choice is the key in {share} % of {m} questions with written choices "
                f"({longest}); {_allowed(longest_min, longest_max)}"
            )

    if standard >= 2:
        # Difficulty and exhibits: as hard as the real test, built on the data it shows.
        diff = Counter(q.difficulty for q in questions)
        for label, count, lo, hi in (
            ("difficulty 3", diff[3], DIFFICULTY3_MIN, None),
            ("difficulty 1", diff[1], None, DIFFICULTY1_MAX),
        ):
            if not _share_ok(count, n, lo, hi):
                folder_problem(f"{label} is {_pct(count, n, (lo, hi))} % of {n} questions; {_allowed(lo, hi)}")
        with_exhibit = sum(1 for q in questions if q.exhibit is not None)
        lo = EXHIBIT_MIN.get(test, EXHIBIT_MIN_DEFAULT)
        if not _share_ok(with_exhibit, n, lo, None):
            folder_problem(
                f"{_pct(with_exhibit, n, (lo, None))} % of {n} questions carry an exhibit ({with_exhibit}); "
                f"{_allowed(lo, None)}"
            )

    # Near-duplicate stems.
    for a, b, jac in near_duplicates(questions):
        af, al = _location(a)
        bf, bl = _location(b)
        out.append(
            BankProblem(
                bf,
                bl,
                f"{b.id} ({bf}:{bl}) and {a.id} ({af}:{al}): stems are near-duplicates, "
                f"Jaccard {float(jac):.2f}; allowed below {float(JACCARD_LIMIT):.1f}",
            )
        )
    return out


# Not a pytest test, despite the name.
test_problems.__test__ = False  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# The whole gate, and the figures behind it
# ---------------------------------------------------------------------------------------------


def check_strict(
    bank: QuestionBank, blueprints: Blueprints, tests: Iterable[str] | None = None
) -> list[BankProblem]:
    """Per-question rules on every question, per-test rules on `tests` (default: STRICT_TESTS and
    every other test with questions).

    Pass only the tests whose files were all loaded (see fully_included_tests): judging the key
    balance of half a test would report faults that are not there. A STRICT test with no
    questions at all is a problem in its own right. Load problems (bank.problems) are not
    repeated here; the caller reports them alongside.
    """
    out: list[BankProblem] = []
    for q in bank.questions:
        out.extend(question_problems(q))
    by_test: dict[str, list[Question]] = {}
    for q in bank.questions:
        by_test.setdefault(q.test, []).append(q)
    if tests is None:  # the whole bank: a learner who studies two tests should not meet one question twice
        out.extend(cross_test_duplicates(bank.questions))
    # by default the nine required tests and every other test whose every content area has a file
    # (a new test being written area by area is judged as a whole once its last area file exists;
    # `bank check --strict resources/questions/P2` judges it whole at any time)
    if tests is None:
        tests = [*STRICT_TESTS, *(t for t in by_test if t in blueprints and _all_areas_filed(bank, blueprints.get(t)))]
    for test in dict.fromkeys(tests):
        qs = by_test.get(test, [])
        if not qs:
            if test in STRICT_TESTS:
                out.append(BankProblem(_display(BANK_DIR / test), 0, f"{test}: no questions yet"))
            continue
        if test not in blueprints:
            out.append(
                BankProblem(_test_folder(test, qs), 0, f"{test}: unknown test (not in blueprints.yaml)")
            )
            continue
        out.extend(test_problems(test, qs, blueprints.get(test), test_standard(bank, test)))
    return out


def _all_areas_filed(bank: QuestionBank, bp: TestBlueprint) -> bool:
    filed = {f.area for f in bank.files if f.test == bp.code}
    return bool(bp.area_letters) and set(bp.area_letters) <= filed


def cross_test_duplicates(questions: Sequence[Question]) -> list[BankProblem]:
    """Near-duplicate stems in two different tests (the same Jaccard limit as within a test)."""
    out = []
    for a, b, jac in near_duplicates([q for q in questions if q.origin == "bank"]):
        if a.test != b.test:
            af, al = _location(a)
            bf, bl = _location(b)
            out.append(BankProblem(bf, bl, f"{b.id} ({bf}:{bl}) and {a.id} ({af}:{al}) in {a.test}: stems are "
                                   f"near-duplicates across tests, Jaccard {float(jac):.2f}; allowed below "
                                   f"{float(JACCARD_LIMIT):.1f}"))
    return out


def test_standard(bank: QuestionBank, test: str) -> int:
    """The standard a whole test is held to: the lowest of its files' (1 until all are reworked)."""
    levels = [f.standard for f in bank.files if f.test == test]
    return min(levels) if levels else 1


test_standard.__test__ = False  # type: ignore[attr-defined]


def fully_included_tests(paths: Iterable[Path | str], root: Path = BANK_DIR) -> list[str]:
    """The tests whose every bank file under `root` is among `paths` (files or folders).

    `bank check --strict some/file.yaml` should judge that file's questions but not call its
    test unbalanced because the other areas were left out. Naming `root` itself (or a folder
    above it) includes every test, STRICT ones without a folder too.
    """
    root = root.resolve()
    files: set[Path] = set()
    dirs: list[Path] = []
    for p in paths:
        path = Path(p).resolve()
        if path.is_dir():
            dirs.append(path)
            files.update(f.resolve() for f in path.rglob("*.yaml") if f.is_file())
        else:
            files.add(path)
    if any(root == d or root.is_relative_to(d) for d in dirs):
        existing = sorted(d.name for d in root.iterdir() if d.is_dir()) if root.is_dir() else []
        return list(dict.fromkeys([*STRICT_TESTS, *existing]))
    out: list[str] = []
    if not root.is_dir():
        return out
    for folder in sorted(d for d in root.iterdir() if d.is_dir()):
        test_files = {f.resolve() for f in folder.rglob("*.yaml") if f.is_file()}
        if test_files and test_files <= files:
            out.append(folder.name)
    return out


def _shares(counts: dict[str, int], total: int) -> dict[str, float]:
    return {k: round(v / total, 3) if total else 0.0 for k, v in counts.items()}


def bank_stats(bank: QuestionBank, blueprints: Blueprints) -> dict[str, Any]:
    """The figures the gate checks, per test that has questions, ready for json.dumps."""
    by_test: dict[str, list[Question]] = {}
    for q in bank.questions:
        by_test.setdefault(q.test, []).append(q)
    order = [t for t in blueprints.codes if t in by_test] + sorted(t for t in by_test if t not in blueprints)
    tests: dict[str, Any] = {}
    for test in order:
        qs = by_test[test]
        n = len(qs)
        bp = blueprints.get(test) if test in blueprints else None
        letters = list(bp.area_letters) if bp else []
        letters += sorted({q.area for q in qs} - set(letters))
        areas = {a: 0 for a in letters}
        topics: dict[str, dict[str, int]] = {a: {} for a in letters}
        if bp:
            for area in bp.areas:
                topics[area.letter] = {t: 0 for t in area.topics}
        for q in qs:
            areas[q.area] += 1
            topics[q.area][q.topic] = topics[q.area].get(q.topic, 0) + 1
        styles = {s: 0 for s in STYLES}
        for q in qs:
            styles[q.style] = styles.get(q.style, 0) + 1
        keys = {k: 0 for k in LETTERS}
        for q in qs:
            keys[q.answer] = keys.get(q.answer, 0) + 1
        tech = [q for q in qs if q.style == "technician_ab"]
        tech_keys = {k: 0 for k in LETTERS}
        for q in tech:
            tech_keys[q.answer] = tech_keys.get(q.answer, 0) + 1
        written = [q for q in qs if q.style != "technician_ab"]
        longest = sum(1 for q in written if _longest_is_key(q))
        files = [f for f in bank.files if f.test == test]
        standard = test_standard(bank, test)
        _, factor = size_rules(test, standard)
        difficulty = {str(d): sum(1 for q in qs if q.difficulty == d) for d in (1, 2, 3)}
        exhibits = {k: sum(1 for q in qs if q.exhibit and q.exhibit.kind == k) for k in ("table", "figure")}
        tests[test] = {
            "questions": n,
            "standard": standard,
            "areas": areas,
            "area_minimum": {a.letter: math.ceil(a.scored_questions * factor) for a in bp.areas}
            if bp
            else {},
            "difficulty": difficulty,
            "difficulty_shares": _shares(difficulty, n),
            "exhibits": exhibits,
            "exhibit_share": round(sum(exhibits.values()) / n, 3) if n else 0.0,
            "entry_level": sum(1 for q in qs if q.entry_level),
            "topics": topics,
            "styles": styles,
            "style_shares": _shares(styles, n),
            "keys": keys,
            "key_shares": _shares(keys, n),
            "technician_ab_keys": tech_keys,
            "technician_ab_key_shares": _shares(tech_keys, len(tech)),
            "longest_choice_is_key_share": round(longest / len(written), 3) if written else 0.0,
            "max_stem_jaccard": round(_max_jaccard(qs), 3),
            "reviewed_files": sum(1 for f in files if f.reviewed),
            "files": len(files),
        }
    return {"tests": tests}


__all__ = [
    "STRICT_TESTS",
    "bank_stats",
    "exhibit_problems",
    "size_rules",
    "test_standard",
    "check_strict",
    "count_sentences",
    "fully_included_tests",
    "near_duplicates",
    "question_problems",
    "test_problems",
]
