"""Fuzzed question files: any bytes give questions or problems naming the file, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questions.bank import load_file
from questions.blueprints import load_blueprints
from tests.test_bank_loader import GOOD

BP = load_blueprints()
DIR = Path(tempfile.mkdtemp(prefix="fuzz-bank-"))


def _load(data: bytes):  # type: ignore[no-untyped-def]
    p = DIR / "A5-C.yaml"
    p.write_bytes(data)
    bf, problems = load_file(p, BP)
    for prob in problems:
        assert prob.file.endswith("A5-C.yaml") and prob.message and prob.line >= 0
    assert bf is not None or problems, "a file with nothing loaded must say why"
    return bf, problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes(data):
    _load(data)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_good_files(data):
    text = GOOD
    lines = text.splitlines(keepends=True)
    op = data.draw(st.sampled_from(["drop", "dup", "truncate", "insert", "swap"]))
    i = data.draw(st.integers(0, len(lines) - 1))
    if op == "drop":
        lines.pop(i)
    elif op == "dup":
        lines.insert(i, lines[i])
    elif op == "truncate":
        lines = lines[:i] + [lines[i][: data.draw(st.integers(0, len(lines[i])))]]
    elif op == "insert":
        lines.insert(i, data.draw(st.text(max_size=40)) + "\n")
    else:
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    bf, problems = _load("".join(lines).encode("utf-8", "surrogatepass"))
    if bf is not None:
        for q in bf.questions:  # whatever loaded is a whole, valid question
            assert len(q.choices) == 4 and q.answer in "ABCD" and q.stem


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children,
                                                                                       max_size=4), max_leaves=20))
def test_any_yaml_structure(value):
    import yaml

    _load(yaml.safe_dump({"test": "A5", "area": "C", "questions": [value]}).encode())
