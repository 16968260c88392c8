"""The bank's quality gate: the writing rules of resources/questions/README.md, as code.

The loader (questions.bank) only rejects what the app cannot run; this module judges whether
a loadable question, and a test's whole set of questions, is good enough to ship. It is pure
data in, problems out, so the CLI (`bank check --strict`, `bank stats --json`) and the tests
share one definition of "good". Every problem names a file (and a line where one applies) so a
writer can go straight to it. The rules live in questions.question_rules (one question) and
questions.coverage_rules (a test's whole set); this module runs them over the bank and gives the
figures behind them (`bank stats`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from questions.bank import BANK_DIR, BankProblem, QuestionBank
from questions.blueprints import Blueprints, TestBlueprint
from questions.coverage_rules import (
    JACCARD_LIMIT,
    STRICT_TESTS,
    longest_is_key,
    max_jaccard,
    near_duplicates,
    size_rules,
    test_folder,
    test_problems,
)
from questions.model import LETTERS, STYLES, Question
from questions.question_rules import count_sentences, display_path, exhibit_problems, location_of, question_problems

__all__ = ["STRICT_TESTS", "bank_stats", "check_strict", "count_sentences", "cross_test_duplicates", "exhibit_problems",
           "fully_included_tests", "near_duplicates", "question_problems", "test_problems", "test_standard"]

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
                out.append(BankProblem(display_path(BANK_DIR / test), 0, f"{test}: no questions yet"))
            continue
        if test not in blueprints:
            out.append(
                BankProblem(test_folder(test, qs), 0, f"{test}: unknown test (not in blueprints.yaml)")
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
            af, al = location_of(a)
            bf, bl = location_of(b)
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
        longest = sum(1 for q in written if longest_is_key(q))
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
            "max_stem_jaccard": round(max_jaccard(qs), 3),
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
