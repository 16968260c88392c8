"""Reference documents a question is answered with, as the real L1 test hands out its composite
vehicle booklet: Markdown under resources/reference/<NAME>.md, whose headings are the sections a
question can point to (``reference: PV-1#sensor-data``)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from questions.blueprints import RESOURCES

REFERENCE_DIR = RESOURCES / "reference"
# a document's name, then (optionally) a section's anchor: "PV-1#sensor-data"
REFERENCE_FORM = re.compile(r"^[A-Z][A-Z0-9-]{1,15}(#[a-z0-9][a-z0-9-]{0,60})?$")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")


def slug(heading: str) -> str:
    """A heading's anchor: lower case, words joined by hyphens ("Sensor data (typical)" -> "sensor-data-typical")."""
    words = re.findall(r"[a-z0-9]+", heading.lower())
    return "-".join(words)


def document_path(name: str, root: Path = REFERENCE_DIR) -> Path:
    return root / f"{name}.md"


@lru_cache(maxsize=8)
def sections(path: Path) -> tuple[tuple[str, str], ...]:
    """(anchor, heading) for every heading of the document, in order; empty if it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return ()
    out = []
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        m = None if fenced else _HEADING.match(line)
        if m:
            out.append((slug(m.group(1)), m.group(1)))
    return tuple(out)


def split(reference: str) -> tuple[str, str]:
    name, _, anchor = reference.partition("#")
    return name, anchor


def reference_problems(reference: str | None, root: Path = REFERENCE_DIR) -> list[str]:
    """Why a question's reference does not lead to a section a learner can open."""
    if not reference:
        return []
    name, anchor = split(reference)
    path = document_path(name, root)
    if not path.is_file():
        return [f"reference document {name} is missing (looked for {path})"]
    anchors = {a for a, _ in sections(path)}
    if anchor and anchor not in anchors:
        return [f"reference {reference}: {name} has no section {anchor!r}"]
    return []
