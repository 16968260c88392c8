"""Exhibits: the loader takes well-formed tables and figures and names what is wrong with the rest;
the gate checks a figure's SVG, its drawing source, and (at standard 2) the test's exhibit share
and difficulty mix."""

from __future__ import annotations

import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from questions import quality as qc
from questions.bank import load_file
from questions.exhibits import svg_problems
from questions.model import Exhibit
from tests.test_quality import FOLDER, blueprint, good_test, make_q

HEAD = """\
test: A5
area: C
questions:
  - id: A5-C-0001
    area: C
    topic: rotor inspection
    style: most_likely
    difficulty: 3
    stem: >
      The readings in the exhibit were taken on a car whose pedal pulsates. What is the most likely cause?
    choices: [Thickness variation, Lateral runout, Glazed pads, A sticking slide]
    answer: A
    explanation: Variation pushes the pistons in and out. The others do not pulse the pedal.
"""


def load(tmp_path: Path, exhibit: str, blueprints) -> tuple[object, list[str]]:
    p = tmp_path / "A5-C.yaml"
    p.write_text(HEAD + textwrap.indent(textwrap.dedent(exhibit), "    "), encoding="utf-8")
    bf, problems = load_file(p, blueprints)
    return bf, [p.message for p in problems]


TABLE = """\
exhibit:
  kind: table
  caption: Rotor measurements
  columns: [Point, Thickness]
  rows:
    - ["1", "27.95 mm"]
    - ["2", "27.90 mm"]
"""


def test_a_table_exhibit_loads_as_text_cells(tmp_path, blueprints):
    bf, problems = load(tmp_path, TABLE, blueprints)
    assert problems == []
    ex = bf.questions[0].exhibit
    assert ex == Exhibit("table", "Rotor measurements", ("Point", "Thickness"), (("1", "27.95 mm"), ("2", "27.90 mm")))
    assert "27.90 mm" in ex.as_text()


@pytest.mark.parametrize(
    ("exhibit", "expected"),
    [
        (TABLE.replace('["2", "27.90 mm"]', '["2"]'), "row 2 has 1 cells; the table has 2 columns"),
        (TABLE.replace('"27.90 mm"', "27.90"), "cell 27.9 is not text; put it in quotes"),
        (TABLE.replace("columns: [Point, Thickness]", "columns: [Point]").replace(', "27.95 mm"', "").replace(
            ', "27.90 mm"', ""), "a table needs 2-6 columns, has 1"),
        (TABLE + "  file: exhibits/A5/x.svg\n", "a table exhibit has caption, columns and rows"),
        ("exhibit:\n  kind: figure\n  caption: Circuit\n  file: ../../etc/passwd\n  alt: " + "x" * 90 + "\n",
         "a figure's file must look like exhibits/A6/A6-A-0004.svg"),
        ("exhibit:\n  kind: figure\n  caption: Circuit\n  file: exhibits/A5/A5-C-0001.svg\n  alt: too short\n",
         "a figure's alt text is 9 characters; it needs 80-1500"),
        ("exhibit:\n  kind: chart\n  caption: Circuit\n", "exhibit.kind"),
    ],
)
def test_a_broken_exhibit_is_named(tmp_path, blueprints, exhibit, expected):
    bf, problems = load(tmp_path, exhibit, blueprints)
    assert bf.questions == ()
    assert any(expected in m for m in problems), problems
    assert all(m.startswith("A5-C-0001: exhibit") for m in problems), problems


GOOD_SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0 L10 10"/></svg>'


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (GOOD_SVG, None),
        (b"<svg", "not well-formed"),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "root element is not an SVG"),
        (GOOD_SVG.replace(b'viewBox="0 0 10 10"', b""), "neither a viewBox"),
        (GOOD_SVG.replace(b"<path", b"<script>alert(1)</script><path"), "<script>"),
        (GOOD_SVG.replace(b"<path", b'<image href="file:///etc/passwd"/><path'), "outside resource"),
        (GOOD_SVG.replace(b"<path", b'<image href="http://x.example/a.png"/><path'), "outside resource"),
        (GOOD_SVG.replace(b"<path", b'<path onload="x()"/><path'), "event attribute"),
        (b'<!DOCTYPE svg [<!ENTITY a "b">]>' + GOOD_SVG, "DOCTYPE"),
        (GOOD_SVG + b" " * 400_001, "allowed at most"),
    ],
)
def test_svg_safety(data, expected):
    problems = svg_problems(data)
    if expected is None:
        assert problems == []
    else:
        assert any(expected in p for p in problems), problems


def figure_question(file: str = "exhibits/A5/A5-A-0001.svg"):
    return make_q(1, exhibit=Exhibit("figure", "Circuit", file=file, alt="a" * 90))


def test_the_gate_wants_the_svg_and_its_drawing_source(tmp_path):
    q = figure_question()
    assert qc.exhibit_problems(q, tmp_path) == [
        f"exhibit figure {q.exhibit.file} is missing (looked for {tmp_path / q.exhibit.file})"
    ]
    svg = tmp_path / "exhibits/A5/A5-A-0001.svg"
    svg.parent.mkdir(parents=True)
    svg.write_bytes(GOOD_SVG)
    assert qc.exhibit_problems(q, tmp_path) == [
        f"exhibit figure {q.exhibit.file} has no drawing source "
        f"(expected {tmp_path / 'exhibits/source/A5/A5-A-0001.py'})"
    ]
    src = tmp_path / "exhibits/source/A5/A5-A-0001.py"
    src.parent.mkdir(parents=True)
    src.write_text("# draws it\n")
    assert qc.exhibit_problems(q, tmp_path) == []
    svg.write_bytes(GOOD_SVG.replace(b"<path", b"<script/><path"))
    assert qc.exhibit_problems(q, tmp_path) == [f"exhibit figure {q.exhibit.file}: the SVG contains a <script> element"]


def standard2(qs, n_d3: int, n_d1: int, n_exhibit: int, longest_every: int | None = 4):
    """The questions with a difficulty mix and exhibits; every `longest_every`-th written key is the longest choice."""
    out = []
    for i, q in enumerate(qs):
        d = 3 if i < n_d3 else (1 if i >= len(qs) - n_d1 else 2)
        ex = Exhibit("table", "Readings", ("a", "b"), (("1", "2"),)) if i < n_exhibit else None
        q = replace(q, difficulty=d, exhibit=ex)
        if longest_every and q.style != "technician_ab" and i % longest_every == 0:
            k = q.answer_index
            q = replace(q, choices=tuple(c + " too" if j == k else c for j, c in enumerate(q.choices)))
        out.append(q)
    return out


def test_standard_2_holds_a_test_to_the_difficulty_mix_and_the_exhibit_share():
    qs = good_test()  # 80 questions, a test outside the nine sized ones (the A5 code is replaced)
    bp = replace(blueprint(), code="P2")
    qs = [replace(q, test="P2") for q in qs]
    ok = standard2(qs, n_d3=28, n_d1=16, n_exhibit=8)  # 35%, 20%, 10%: every bound is inclusive
    assert qc.test_problems("P2", ok, bp, standard=2) == []
    assert qc.test_problems("P2", standard2(qs, 0, 80, 0), bp, standard=1) == []  # old rules: no mix asked
    bad = qc.test_problems("P2", standard2(qs, n_d3=27, n_d1=17, n_exhibit=7), bp, standard=2)
    assert sorted(p.message for p in bad) == [
        "9% of 80 questions carry an exhibit (7); allowed at least 10%",
        "difficulty 1 is 21% of 80 questions; allowed at most 20%",
        "difficulty 3 is 34% of 80 questions; allowed at least 35%",
    ]
    assert all(p.file == FOLDER for p in bad)


def test_standard_2_sizes_the_nine_tests_at_120_and_areas_at_twice_their_count():
    qs = standard2(good_test(), 40, 0, 30)
    messages = [p.message for p in qc.test_problems("A5", qs, blueprint(scored=21), standard=2)]
    assert "A5 has 80 questions; needs at least 120" in messages
    assert "A5 area A has 40 questions; needs at least 42 (2 x 21 scored)" in messages
    assert not any("needs at least" in m for m in qc.test_problems("A5", qs, blueprint(scored=21), standard=1))


def test_a6_and_a8_need_a_quarter_with_exhibits():
    bp = replace(blueprint(), code="A6")
    qs = [replace(q, test="A6") for q in standard2(good_test(), 40, 0, 16)]  # 20%
    assert "20% of 80 questions carry an exhibit (16); allowed at least 25%" in [
        p.message for p in qc.test_problems("A6", qs, bp, standard=2)
    ]


def test_the_per_question_gate_reports_a_missing_figure():
    q = figure_question("exhibits/A5/no-such-figure.svg")
    assert any("exhibit figure exhibits/A5/no-such-figure.svg is missing" in p.message for p in qc.question_problems(q))


def test_standard_2_wants_the_longest_choice_to_be_the_key_now_and_then():
    """A key that is never the longest choice is a tell of its own ("never pick the longest")."""
    qs = standard2(good_test(), 40, 0, 30, longest_every=None)  # equal lengths: the longest is never the key
    assert any(
        p.message.startswith("the longest choice is the key in 0% of 60 questions") and "allowed 12-30%" in p.message
        for p in qc.test_problems("A5", qs, blueprint(), standard=2)
    )


def test_a_reference_must_name_a_document_and_a_section_it_has(tmp_path):
    from questions.references import reference_problems, sections, slug

    doc = tmp_path / "PV-1.md"
    doc.write_text("# PV-1 practice vehicle\n\n## Sensor data (typical)\n\n```\n# not a heading\n```\n## Wiring: 5 V reference\n")
    assert [a for a, _ in sections(doc)] == ["pv-1-practice-vehicle", "sensor-data-typical", "wiring-5-v-reference"]
    assert slug("Wiring: 5 V reference") == "wiring-5-v-reference"
    assert reference_problems("PV-1#sensor-data-typical", tmp_path) == []
    assert reference_problems("PV-1", tmp_path) == []
    assert reference_problems("PV-1#dtc-list", tmp_path) == ["reference PV-1#dtc-list: PV-1 has no section 'dtc-list'"]
    assert reference_problems("PV-2#x", tmp_path) == [f"reference document PV-2 is missing (looked for {tmp_path / 'PV-2.md'})"]


def test_every_committed_figure_is_what_its_source_draws():
    """A figure is corrected by editing its script: the committed SVG must be what the script draws."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    run = subprocess.run([sys.executable, "scripts/draw_exhibits.py", "--check"], cwd=root, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
