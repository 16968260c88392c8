"""Helpers the exhibit drawing scripts share: where a figure goes and how it is saved.

Each script under resources/exhibits/source/<TEST>/<NAME>.py draws one figure and calls
``save(drawing_or_figure, __file__)``, which writes resources/exhibits/<TEST>/<NAME>.svg.
Run them with ``python scripts/draw_exhibits.py`` (all) or with the scripts' paths (some).
Output is deterministic (no dates, fixed ids), so re-drawing an unchanged figure changes no byte.

Conventions: black on white (the app shows figures on a white card in both themes), text at
least 11 px at the figure's natural size, brand-neutral labels, typical values, and test points
labelled with letters or numbers the question's stem can name.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).resolve().parent
EXHIBITS = SOURCE.parent


def out_path(script: str | Path) -> Path:
    script = Path(script).resolve()
    return EXHIBITS / script.parent.name / f"{script.stem}.svg"


def _clean(svg: str) -> str:
    svg = re.sub(r"<!DOCTYPE[^>]*>\s*", "", svg)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    return svg.strip() + "\n"


def save(obj: Any, script: str | Path) -> Path:
    """Write a schemdraw Drawing or a matplotlib Figure as the script's SVG."""
    path = out_path(script)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig, extra = obj, {}
    if not hasattr(fig, "savefig"):  # a schemdraw Drawing: drawn through matplotlib (see schematic)
        drawn = obj.draw(show=False)
        fig = getattr(drawn, "fig", drawn)
        extra = {"bbox_inches": "tight", "pad_inches": 0.08}  # the drawing's own extent, no empty axes
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "ase-prep"
    matplotlib.rcParams["svg.fonttype"] = "none"
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None}, facecolor="white", **extra)
    path.write_text(_clean(buf.getvalue()), encoding="utf-8")
    return path


def schematic(**kwargs: Any) -> Any:
    """A schemdraw Drawing set up for the bank: black on white, readable text.

    It draws through matplotlib, not schemdraw's own SVG backend: Qt's SVG renderer ignores
    dominant-baseline, which that backend uses to place labels, so its labels sit half a line high.
    """
    import schemdraw

    schemdraw.use("matplotlib")
    d = schemdraw.Drawing(show=False, **kwargs)
    d.config(fontsize=13, color="black", bgcolor="white", lw=1.6, margin=0.6)
    return d


def figure(width_in: float = 6.4, height_in: float = 3.2) -> Any:
    """A matplotlib Figure (no pyplot) for waveforms and graphs, sized for the exam screen."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), dpi=100)
    fig.set_facecolor("white")
    return fig
