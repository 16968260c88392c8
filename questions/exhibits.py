"""Exhibit files: where a figure lives, where its drawing source lives, and whether it is a safe SVG.

A figure is shown by Qt's SVG renderer, printed into PDFs and carried inside practice-set files,
so it must be a self-contained SVG: no scripts, no external references, no DTD, and small.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from questions.blueprints import RESOURCES

SVG_NS = "http://www.w3.org/2000/svg"
SVG_MAX_BYTES = 400_000
EXHIBITS_DIR = RESOURCES / "exhibits"
SOURCE_DIR = EXHIBITS_DIR / "source"

_HREF = re.compile(r"\{http://www\.w3\.org/1999/xlink\}href|href")


def figure_path(file: str, resources: Path = RESOURCES) -> Path:
    """The SVG a figure exhibit names (``file`` is relative to resources/)."""
    return resources / file


def source_path(file: str, resources: Path = RESOURCES) -> Path:
    """The script a figure is drawn from: exhibits/A6/X.svg <- exhibits/source/A6/X.py."""
    p = Path(file)
    return resources / "exhibits" / "source" / p.parent.name / f"{p.stem}.py"


def svg_problems(data: bytes) -> list[str]:
    """Why these bytes are not a figure the app may show; an empty list means they are fine."""
    if len(data) > SVG_MAX_BYTES:
        return [f"the SVG is {len(data):,} bytes; allowed at most {SVG_MAX_BYTES:,}"]
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        return ["the SVG has a DOCTYPE or ENTITY declaration; write it without one"]
    try:
        root = ET.fromstring(data)  # noqa: S314 - no DTD (checked above), so no entity expansion
    except ET.ParseError as e:
        return [f"the SVG is not well-formed XML ({e})"]
    if root.tag != f"{{{SVG_NS}}}svg":
        return ["the file's root element is not an SVG <svg> element"]
    out: list[str] = []
    if not root.get("viewBox") and not (root.get("width") and root.get("height")):
        out.append("the SVG has neither a viewBox nor a width and height")
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject", "iframe", "object", "embed"):
            out.append(f"the SVG contains a <{tag}> element")
            break
        for name, value in el.attrib.items():
            if _HREF.fullmatch(name) and not (value.startswith("#") or value.startswith("data:image/")):
                out.append(f"the SVG refers to an outside resource ({value[:60]})")
                break
            if name.startswith("on"):
                out.append(f"the SVG has an event attribute ({name})")
                break
    return out[:3]
