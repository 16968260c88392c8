"""ASE Entry-Level tests in the bank: each draws the questions of the professional test it
mirrors that are tagged `entry_level` (EA5 draws A5's), so its figures are counted from those.

The gate holds an Entry-Level test to the bank's coverage rule like any other: every content
area has at least 1.5 times its scored count among the tagged questions of the mirrored area,
so a full-length Entry-Level exam can be drawn twice over without running dry.
"""

from __future__ import annotations

import math
from typing import Any

from questions.bank import BANK_DIR, BankProblem, QuestionBank, _display
from questions.blueprints import Blueprints, TestBlueprint
from questions.coverage_rules import AREA_FACTOR
from questions.model import Question


def pool(bank: QuestionBank, bp: TestBlueprint) -> list[Question]:
    """The questions an exam of `bp` may draw, by id."""
    return sorted((q for q in bank.questions if bp.holds(q)), key=lambda q: q.id)


def entry_level_tests(blueprints: Blueprints) -> list[TestBlueprint]:
    return [t for t in blueprints.tests if t.mirrors and t.areas and t.mirrors in blueprints]


def entry_level_stats(bank: QuestionBank, blueprints: Blueprints) -> dict[str, Any]:
    """Per Entry-Level test: what it mirrors, its questions per area and each area's minimum, and
    the share of the mirrored test's questions that are tagged; ready for json.dumps."""
    out: dict[str, Any] = {}
    for bp in entry_level_tests(blueprints):
        qs = pool(bank, bp)
        mirrored = [q for q in bank.questions if q.test == bp.mirrors]
        areas = {a.letter: sum(1 for q in qs if q.area == a.letter) for a in bp.areas}
        out[bp.code] = {
            "mirrors": bp.mirrors,
            "questions": len(qs),
            "areas": areas,
            "area_minimum": {a.letter: math.ceil(a.scored_questions * AREA_FACTOR) for a in bp.areas},
            "share_of_mirrored_test": round(len(qs) / len(mirrored), 3) if mirrored else 0.0,
        }
    return out


def entry_level_problems(bank: QuestionBank, blueprints: Blueprints) -> list[BankProblem]:
    """Areas of an Entry-Level test with too few tagged questions in the mirrored test's area,
    reported on the mirrored area's file (where the tags are written)."""
    out: list[BankProblem] = []
    for bp in entry_level_tests(blueprints):
        mirrored = [q for q in bank.questions if q.test == bp.mirrors]
        if not mirrored:
            continue  # the mirrored test's own gate says it has no questions
        qs = pool(bank, bp)
        for a in bp.areas:
            have = sum(1 for q in qs if q.area == a.letter)
            need = math.ceil(a.scored_questions * AREA_FACTOR)
            if have < need:
                files = sorted({q.source.rsplit(":", 1)[0] for q in mirrored if q.area == a.letter and q.source})
                where = files[0] if files else _display(BANK_DIR / str(bp.mirrors))
                out.append(BankProblem(where, 0, f"{bp.code} (Entry-Level, mirrors {bp.mirrors}) area {a.letter}: "
                                                 f"{have} questions tagged entry_level; needs at least {need} "
                                                 f"(1.5 x its {a.scored_questions} scored)"))
    return out
