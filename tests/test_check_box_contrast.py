"""A check box's (and a radio button's, and a table's or list's tick box's) box is seen on every
background it sits on: its border has 4.5:1 contrast or better against the page, a card and a
selected row, in the light and the dark theme, and a ticked box's tick stands out on its fill (the
style sheet's colours, WCAG's formula)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import theme
from tests.test_accessibility import contrast, rule

BACKGROUNDS = ("window", "panel", "sidebar", "hover", "selected")  # a page, a card, the side bar, rows


def border_colour(props: dict[str, str]) -> str:
    """The colour of a rule's border (`border: 2px solid #abc` or `border-color: #abc`)."""
    value = props.get("border-color") or props.get("border", "")
    found = re.search(r"#[0-9a-fA-F]{6}", value)
    assert found, f"no border colour in {props}"
    return found.group(0)


@pytest.mark.parametrize("name", ["light", "dark"])
@pytest.mark.parametrize("box", ["QCheckBox", "QRadioButton", "QTableView", "QListView", "QTreeView"])
def test_a_box_border_stands_out_on_every_background(name, box):
    c = theme.LIGHT if name == "light" else theme.DARK
    sheet = theme.stylesheet(c)
    found = {}
    for state in ("", ":checked"):
        try:
            props = rule(sheet, f"{box}::indicator{state}")
        except AssertionError:
            props = {}
        if state and "border-color" not in props and "border" not in props:
            continue  # a checked box keeps the unchecked border
        border = border_colour(props)
        found.update({f"{state or 'unchecked'} on {bg}": round(contrast(border, c[bg]), 2) for bg in BACKGROUNDS})
    failing = {k: v for k, v in found.items() if v < 4.5}
    assert found and not failing, f"{name} theme, {box}: border below 4.5:1: {failing}"


@pytest.mark.parametrize("name", ["light", "dark"])
@pytest.mark.parametrize("box", ["QCheckBox", "QTableView", "QListView", "QTreeView"])
def test_a_ticked_box_shows_its_tick_on_its_fill(name, box):
    c = theme.LIGHT if name == "light" else theme.DARK
    props = rule(theme.stylesheet(c), f"{box}::indicator:checked")
    image = re.search(r'url\("?([^")]+)"?\)', props.get("image", ""))
    assert image, "a checked box with a fill needs a tick image (Qt draws none once the box is styled)"
    svg = Path(image.group(1))
    assert svg.is_file() and svg.parent == theme.ICONS, svg
    tick = re.search(r'stroke="(#[0-9a-fA-F]{6})"', svg.read_text(encoding="utf-8"))
    assert tick and contrast(tick.group(1), props["background"]) >= 4.5, (svg.name, props["background"])
