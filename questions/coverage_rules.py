"""The quality gate's rules for a test's whole set of questions: how many, spread over the areas
and topics as the blueprint weighs them, the shares of each question style and key, near-duplicate
stems, and the harder bar a test at `standard: 2` is held to (questions.quality runs them)."""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction

from questions.bank import BANK_DIR, BankProblem
from questions.blueprints import TestBlueprint
from questions.model import LETTERS, TECHNICIAN_AB_CHOICES, Question
from questions.percent import percent_text
from questions.question_rules import TOKEN, display_path, file_of, location_of

STRICT_TESTS: tuple[str, ...] = ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "G1")

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

# ---------------------------------------------------------------------------------------------
# Per-test rules
# ---------------------------------------------------------------------------------------------


def _pct(count: int, total: int, bounds: tuple[int | None, int | None]) -> str:
    """A share as a whole percent, with a decimal when rounding would make a miss look allowed."""
    if total == 0:
        return percent_text(0)
    exact = Fraction(100 * count, total)
    whole = round(exact)
    lo, hi = bounds
    looks_ok = (lo is None or whole >= lo) and (hi is None or whole <= hi)
    if exact != whole and looks_ok:
        return percent_text(float(exact), 1)
    return percent_text(whole)


def _allowed(lo: int | None, hi: int | None) -> str:
    if lo is not None and hi is not None:
        return f"allowed {lo}-{percent_text(hi)}"
    if lo is not None:
        return f"allowed at least {percent_text(lo)}"
    return f"allowed at most {percent_text(hi or 0)}"


def _share_ok(count: int, total: int, lo: int | None, hi: int | None) -> bool:
    # Exact integer arithmetic: 16 of 80 is exactly 20 %, never 19.999...
    if lo is not None and count * 100 < lo * total:
        return False
    return not (hi is not None and count * 100 > hi * total)


def _tokens(stem: str) -> frozenset[str]:
    return frozenset(TOKEN.findall(stem.lower()))


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


def max_jaccard(questions: Sequence[Question]) -> float:
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


def longest_is_key(q: Question) -> bool:
    """The key is strictly the longest choice; a tie for longest gives nothing away."""
    lengths = [len(c) for c in q.choices]
    longest = max(lengths)
    return lengths.count(longest) == 1 and lengths.index(longest) == q.answer_index


def test_folder(test: str, questions: Sequence[Question]) -> str:
    """The folder the test's files live in, as the loader displays paths."""
    parents = Counter(os.path.dirname(file_of(q)) for q in questions if file_of(q))
    if parents:
        return parents.most_common(1)[0][0]
    return display_path(BANK_DIR / test)


def _area_file(test: str, area: str, questions: Sequence[Question], folder: str) -> str:
    files = Counter(file_of(q) for q in questions if q.area == area and file_of(q))
    if files:
        return files.most_common(1)[0][0]
    return os.path.join(folder, f"{test}-{area}.yaml")


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
    folder = test_folder(test, questions)
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
                qf, ql = location_of(q)
                out.append(
                    BankProblem(
                        qf, ql, f"{q.id}: topic {q.topic!r} is not one of {test} area {area.letter}'s topics"
                    )
                )
        for topic, tq in uses.items():
            if len(tq) >= MIN_TOPIC_USES:
                continue
            line = location_of(tq[0])[1] if tq else 0
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
                qf, ql = location_of(q)
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
            folder_problem(f"{label} is {_pct(count, n, (lo, hi))} of {n} questions; {_allowed(lo, hi)}")

    # Key balance.
    keys = Counter(q.answer for q in questions)
    lo, hi = KEY_SHARE
    for letter in LETTERS:
        if not _share_ok(keys[letter], n, lo, hi):
            folder_problem(
                f"key {letter} is the answer of {_pct(keys[letter], n, (lo, hi))} of {n} questions "
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
                    f"technician_ab outcome '{outcome}' is the key of {_pct(c, len(tech), (lo, hi))} of "
                    f"{len(tech)} technician_ab questions ({c}); {_allowed(lo, hi)}"
                )

    # Longest-choice bias.
    written = [q for q in questions if q.style != "technician_ab"]
    longest_max = STANDARD2_LONGEST_IS_KEY_MAX if standard >= 2 else LONGEST_IS_KEY_MAX
    longest_min = STANDARD2_LONGEST_IS_KEY_MIN if standard >= 2 else None
    if written:
        longest = sum(1 for q in written if longest_is_key(q))
        m = len(written)
        if not _share_ok(longest, m, longest_min, longest_max):
            share = _pct(longest, m, (longest_min, longest_max))
            folder_problem(
                f"the longest choice is the key in {share} of {m} questions with written choices "
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
                folder_problem(f"{label} is {_pct(count, n, (lo, hi))} of {n} questions; {_allowed(lo, hi)}")
        with_exhibit = sum(1 for q in questions if q.exhibit is not None)
        lo = EXHIBIT_MIN.get(test, EXHIBIT_MIN_DEFAULT)
        if not _share_ok(with_exhibit, n, lo, None):
            folder_problem(
                f"{_pct(with_exhibit, n, (lo, None))} of {n} questions carry an exhibit ({with_exhibit}); "
                f"{_allowed(lo, None)}"
            )

    # Near-duplicate stems.
    for a, b, jac in near_duplicates(questions):
        af, al = location_of(a)
        bf, bl = location_of(b)
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
