"""US English throughout what a user reads ("Practice", not "Practise"): every string the app, the
command line and the domain can show, and the README, are free of British spellings. Docstrings
and comments are the team's and are not checked."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ("cancelled" is iCalendar's own word for a withdrawn event, and US usage too)
BRITISH = re.compile(
    r"\b(practis(e|es|ed|ing)|centre[sd]?|favou?rit|behaviour|honour|labour|"
    r"organis(e|es|ed|ing|ation)|recognis(e|es|ed|ing|able|ably)|summaris(e|es|ed|ing)|prioritis(e|es|ed|ing)|"
    r"analys(e|es|ed|ing)(?= )|licence|catalogue|travelled|modelling|labelled|programme|"
    r"judgement|grey|whilst|enrol(?!l)|fulfil(?!l)|artefact)\b", re.IGNORECASE)
COLOUR = re.compile(r"\bcolour", re.IGNORECASE)


def british(text: str) -> list[str]:
    found = [m.group(0) for m in BRITISH.finditer(text)]
    found += [m.group(0) for m in COLOUR.finditer(text)]
    return [f for f in found if f.lower() != "analyses"]


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring constants in `tree` (module, class and function docstrings)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def shown_strings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = docstrings(tree)
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docs]


def test_what_a_user_reads_is_in_us_english():
    found = []
    for folder in ("app", "cli", "study", "questions"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for line, text in shown_strings(path):
                for word in british(text):
                    found.append(f"{path.relative_to(ROOT)}:{line}: {word!r} in {text[:70]!r}")
    for n, line in enumerate((ROOT / "README.md").read_text(encoding="utf-8").splitlines(), 1):
        for word in british(line):
            found.append(f"README.md:{n}: {word!r} in {line[:70]!r}")
    assert not found, "\n".join(found)
