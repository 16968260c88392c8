"""The bank loader: good files load; broken files name the file, the line and every problem."""

from __future__ import annotations

import textwrap
from pathlib import Path

from questions.bank import load_bank, load_file

GOOD = """\
test: A5
area: C
written: 2026-11-25
reviewed: 2026-11-25
questions:
  - id: A5-C-0001
    area: C
    topic: rotor inspection
    style: technician_ab
    difficulty: 2
    stem: >
      A car's brake pedal pulsates during moderate stops from highway speed.
      Technician A says rotor thickness variation could be the cause.
      Technician B says a restricted brake hose could be the cause. Who is correct?
    choices: [A only, B only, Both A and B, Neither A nor B]
    answer: A
    explanation: >
      Thickness variation pushes the pistons in and out as the rotor turns. A restricted hose
      causes a pull, not a pulsation.
  - id: A5-C-0002
    area: C
    topic: pads and wear
    style: direct
    difficulty: 1
    stem: What does a pad wear sensor tab do when the pad lining is nearly worn out?
    choices:
      - It squeals against the rotor
      - It grounds the ABS sensor
      - It lowers the fluid level
      - It locks the caliper slide
    answer: A
    explanation: The tab touches the rotor and squeals. The other choices are not what it does.
"""


def write(tmp_path: Path, text: str, name: str = "A5-C.yaml") -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_a_good_file_loads_with_its_source_lines(tmp_path, blueprints):
    p = write(tmp_path, GOOD)
    bf, problems = load_file(p, blueprints)
    assert problems == []
    assert [q.id for q in bf.questions] == ["A5-C-0001", "A5-C-0002"]
    q = bf.questions[0]
    assert q.source.endswith(":6") and q.answer_index == 0
    assert "  " not in q.stem and q.stem.startswith("A car's brake pedal")
    assert bf.reviewed == "2026-11-25"


def test_every_problem_in_a_file_is_reported_with_its_line(tmp_path, blueprints):
    bad = GOOD.replace("answer: A\n    explanation: >", "answer: E\n    explanation: >", 1)
    bad = bad.replace("      - It locks the caliper slide\n", "")
    p = write(tmp_path, bad)
    bf, problems = load_file(p, blueprints)
    msgs = [str(x) for x in problems]
    assert any(":6: A5-C-0001: answer" in m for m in msgs), msgs
    assert any(":20: A5-C-0002: choices: needs exactly 4 choices, has 3" in m for m in msgs), msgs
    assert bf is not None and bf.questions == ()


def test_yaml_syntax_error_names_the_line(tmp_path, blueprints):
    p = write(tmp_path, GOOD.replace("    topic: pads and wear", "    topic: [pads and wear"))
    bf, problems = load_file(p, blueprints)
    assert bf is None and len(problems) == 1
    assert problems[0].file.endswith("A5-C.yaml") and problems[0].line > 20
    assert "YAML syntax error" in problems[0].message


def test_unknown_topic_test_and_area_are_problems(tmp_path, blueprints):
    p = write(tmp_path, GOOD.replace("topic: pads and wear", "topic: pad colour"))
    _, problems = load_file(p, blueprints)
    assert any("topic 'pad colour' is not one of A5 area C's topics" in str(x) for x in problems)
    p2 = write(tmp_path, GOOD.replace("test: A5", "test: Z9"), "z.yaml")
    assert "unknown test 'Z9'" in str(load_file(p2, blueprints)[1][0])
    p3 = write(tmp_path, GOOD.replace("area: C\nwritten", "area: Q\nwritten"), "q.yaml")
    assert "no content area 'Q'" in str(load_file(p3, blueprints)[1][0])


def test_technician_questions_need_the_fixed_choices(tmp_path, blueprints):
    p = write(tmp_path, GOOD.replace("[A only, B only, Both A and B, Neither A nor B]",
                                     "[A only, B only, Both, Neither]"))
    _, problems = load_file(p, blueprints)
    assert any("technician_ab questions use the choices" in str(x) for x in problems)


def test_duplicate_ids_across_files_and_non_utf8(tmp_path, blueprints):
    a = write(tmp_path, GOOD, "one.yaml")
    b = write(tmp_path, GOOD, "two.yaml")
    bank = load_bank([a, b], blueprints)
    assert len(bank) == 2
    dupes = [str(p) for p in bank.problems]
    assert len(dupes) == 2 and all("already used at" in d and "two.yaml" in d for d in dupes)
    c = tmp_path / "latin1.yaml"
    c.write_bytes(GOOD.replace("car's", "caf\xe9").encode("latin-1"))
    _, problems = load_file(c, blueprints)
    assert "not UTF-8" in problems[0].message and problems[0].line == 12


def test_python_tags_are_not_executed(tmp_path, blueprints):
    p = write(tmp_path, "!!python/object/apply:os.system ['echo pwned']\n")
    bf, problems = load_file(p, blueprints)
    assert bf is None and "YAML syntax error" in problems[0].message


def test_a_missing_file_and_a_list_file(tmp_path, blueprints):
    _, problems = load_file(tmp_path / "nope.yaml", blueprints)
    assert "cannot read the file" in problems[0].message
    p = write(tmp_path, "- just\n- a list\n")
    assert "expected a mapping" in load_file(p, blueprints)[1][0].message


def test_the_bundled_bank_loads_without_problems(blueprints):
    bank = load_bank(blueprints=blueprints)
    assert [str(p) for p in bank.problems] == []
    assert len(bank.for_test("A5")) >= 60
