"""Hostile bank files: an alias bomb, a huge value, deep nesting. Each is refused with the file,
the line and the reason before anything is expanded, and the rest of the bank still loads."""

from __future__ import annotations

from pathlib import Path

from questions.bank import load_bank
from questions.safe_yaml import MAX_SCALAR_CHARS
from tests.test_bank_loader import GOOD, write

# The bomb sits in `reviewed:`, a header field of any type: nine levels of nine aliases each
# expand to 9**9 strings the moment the value is turned into text.
BOMB = (
    "test: A5\narea: C\nreviewed:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    + "questions: []\n"
)


def test_an_alias_bomb_is_refused_without_expanding_it(tmp_path: Path, blueprints) -> None:
    bomb = write(tmp_path, BOMB, "A5-C.yaml")
    good = write(tmp_path, GOOD.replace("area: C", "area: D").replace("A5-C-", "A5-D-")
                 .replace("rotor inspection", "ABS diagnosis").replace("pads and wear", "ABS diagnosis"), "A5-D.yaml")
    bank = load_bank([bomb, good], blueprints)
    assert [str(p) for p in bank.problems] == [
        f"{bomb}:4: the file uses a YAML alias (*name) of the anchor (&name) on this line; bank files may not use anchors or aliases"
    ]
    assert len(bank) == 2  # the other file is untouched


def test_a_huge_value_and_deep_nesting_are_refused(tmp_path: Path, blueprints) -> None:
    huge = write(tmp_path, GOOD.replace("reviewed: 2026-11-25", "reviewed: " + "x" * (MAX_SCALAR_CHARS + 1)))
    bank = load_bank([huge], blueprints)
    assert [p.message for p in bank.problems] == [
        f"the file has a value of {MAX_SCALAR_CHARS + 1:,} characters; at most {MAX_SCALAR_CHARS:,} are allowed"
    ]
    deep = write(tmp_path, GOOD.replace("reviewed: 2026-11-25", "reviewed: " + "[" * 40 + "]" * 40), "deep.yaml")
    assert [p.message for p in load_bank([deep], blueprints).problems] == ["the file is nested more than 32 levels deep"]
