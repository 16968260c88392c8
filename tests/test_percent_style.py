"""One way to write a percent, as US English does: "64%", the sign against the number. Every
percent the app writes for a person (its pages, charts, messages, PDFs, the calendar export, the
command line, the bank check) goes through questions/percent.py; this test reads the app's source
and fails on a percent written by hand ("{x:.0f} %", "{x:.0%}") or a "64 %" in its words, the
README's or the tests' notes (resources/blueprints.yaml). The question bank (every word a learner
reads: stem, choices, explanation, exhibit), its figures' drawing scripts and the practice
vehicle's reference are held to the same style."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from questions.percent import fraction_text, general_text, percent_text
from tests.test_us_english import docstrings

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("app", "study", "questions", "cli")
HELPER = ROOT / "questions" / "percent.py"
SPACED = re.compile(r"\d\s+%")
SUFFIX = re.compile(r"\s+%")  # a spin box's " %"


def by_hand(source: str) -> list[tuple[int, str]]:
    """(line, why) for each percent in `source` not written by the helpers."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    parts_of_f_strings = {id(p) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for p in n.values}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = node.values
            for a, b in zip(parts, parts[1:], strict=False):
                if (isinstance(a, ast.FormattedValue) and isinstance(b, ast.Constant) and isinstance(b.value, str)
                        and b.value.lstrip(" ").startswith("%")):
                    out.append((node.lineno, "a number then a % written by hand: use percent_text"))
            for part in parts:
                spec = part.format_spec if isinstance(part, ast.FormattedValue) else None
                if spec is not None and any(isinstance(s, ast.Constant) and str(s.value).endswith("%")
                                            for s in spec.values):
                    out.append((node.lineno, "a % format: use fraction_text"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if SPACED.search(node.value):
                out.append((node.lineno, f"{SPACED.search(node.value).group()!r}: the sign goes against the number"))
            elif SUFFIX.fullmatch(node.value) and id(node) not in parts_of_f_strings:
                out.append((node.lineno, "a ' %' suffix: the sign goes against the number"))
    return out


def test_every_percent_the_app_writes_is_64_percent_with_no_space():
    found = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == HELPER:
                continue
            found += [f"{path.relative_to(ROOT)}:{line}: {why}" for line, why in by_hand(path.read_text("utf-8"))]
    authored = ["resources/questions/README.md", "resources/reference/PV-1.md",
                *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "resources" / "exhibits" / "source").rglob("*.py")))]
    for words in ("README.md", "resources/blueprints.yaml", *authored):  # the tests' notes show on Practice and Certifications
        for n, line in enumerate((ROOT / words).read_text(encoding="utf-8").splitlines(), 1):
            if SPACED.search(line):
                found.append(f"{words}:{n}: {line[:70]!r}")
    assert not found, "percents not written '64%':\n" + "\n".join(found)


def test_the_scan_finds_each_way_of_writing_a_percent_by_hand():
    assert len(by_hand('x = f"{score:.0f} %"')) == 1
    assert len(by_hand('x = f"{score:.0f}%"')) == 1
    assert len(by_hand('x = f"{share:.0%}"')) == 1
    assert len(by_hand('x = "an 80 % interval"')) == 1
    assert len(by_hand('box.setSuffix(" %")')) == 1
    assert not by_hand('"""A docstring may say 80 % in passing."""\nx = percent_text(80)')


def test_the_helpers_write_64_percent():
    assert percent_text(64.2) == "64%"
    assert percent_text(33.333, 2) == "33.33%"
    assert fraction_text(0.642) == "64%"
    assert general_text(50.0) == "50%" and general_text(100 / 3) == "33.33%"


def test_every_percent_in_the_question_bank_is_64_percent_with_no_space():
    """What the learner reads of each question: its stem, choices, explanation and exhibit."""
    import yaml

    found = []
    for path in sorted((ROOT / "resources" / "questions").rglob("*.yaml")):
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        for q in doc.get("questions") or []:
            shown = [q.get("stem") or "", *(q.get("choices") or []), q.get("explanation") or "",
                     str(q.get("exhibit") or "")]
            found += [f"{path.name} {q.get('id')}: {m.group()!r}" for text in shown for m in SPACED.finditer(text)]
    assert not found, f"{len(found)} percents not written '64%', first: " + "; ".join(found[:5])
