"""Shared by the A6 drawing scripts: save a schemdraw Drawing so Qt's SVG renderer shows its text
where a browser would.

schemdraw's SVG backend places labels with `dominant-baseline` and puts each line in a <tspan>
moved by `dy`; Qt's SVG Tiny renderer ignores both, so labels drift onto the lines they name and
multi-line labels run together. `save_schematic` rewrites every <text> as one plain <text> per
line, at the alphabetic baseline a browser would use. Output stays deterministic.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from _kit import save

_TEXT = re.compile(r"<text ([^>]*)>(.*?)</text>", re.S)
_TSPAN = re.compile(r"<tspan ([^>]*)>(.*?)</tspan>", re.S)
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
# Where the alphabetic baseline sits below the point each dominant-baseline names, in em.
_SHIFT = {"hanging": 0.78, "central": 0.36, "middle": 0.36, "ideographic": -0.22, "alphabetic": 0.0}


def _fmt(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def fix_text(svg: str) -> str:
    def one(m: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(m.group(1)))
        body = m.group(2)
        spans = _TSPAN.findall(body)
        if not spans:
            return m.group(0)
        size = float(attrs.get("font-size", "13"))
        y0 = float(attrs.get("y", "0"))
        shift = _SHIFT.get(attrs.pop("dominant-baseline", "alphabetic"), 0.0) * size
        attrs.pop("y", None)
        out = []
        pos = y0
        for span_attrs, content in spans:
            sa = dict(_ATTR.findall(span_attrs))
            pos += float(sa.get("dy", size))
            a = dict(attrs)
            a["x"] = sa.get("x", attrs.get("x", "0"))
            a["y"] = _fmt(pos + shift)
            head = " ".join(f'{k}="{v}"' for k, v in a.items())
            out.append(f"<text {head}>{content}</text>")
        return "".join(out)

    return _TEXT.sub(one, svg)


def save_schematic(d: Any, script: str | Path) -> Path:
    """Save like _kit.save, then rewrite the text so Qt and browsers place it alike."""
    path = save(d, script)
    path.write_text(fix_text(path.read_text(encoding="utf-8")), encoding="utf-8")
    return path
