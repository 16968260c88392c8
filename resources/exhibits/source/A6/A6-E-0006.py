"""A6-E-0006: driver window switch and motor (each contact rests on ground), readings UP and DOWN."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _a6 import save_schematic  # noqa: E402
from _kit import schematic  # noqa: E402

BPLUS, GND, MID = 5.0, 0.0, 2.5
LEFT, RIGHT = 0.6, 10.4
d = schematic()
d.add(elm.Line().at((LEFT, BPLUS)).to((RIGHT, BPLUS)))
d.add(elm.Label().at((LEFT - 0.25, BPLUS)).label("fused B+", loc="left", fontsize=12))
d.add(elm.Line().at((LEFT, GND)).to((RIGHT, GND)))
d.add(elm.Label().at((LEFT - 0.25, GND)).label("switch ground", loc="left", fontsize=12))
d.add(elm.GroundChassis().at((LEFT + 0.4, GND)))


def contact(x, side, name):
    """One SPDT contact: the lever rests on the ground contact; pressing it moves it to B+."""
    cx = x - 0.8 if side == "left" else x + 0.8
    up, down = (cx, MID + 1.0), (cx, MID - 1.0)
    d.add(elm.Line().at((cx, BPLUS)).to(up))
    d.add(elm.Line().at((cx, GND)).to(down))
    d.add(elm.Dot(open=True).at(up))
    d.add(elm.Dot(open=True).at(down))
    d.add(elm.Dot().at((x, MID)))
    tip = (cx + 0.12, down[1] + 0.15) if side == "left" else (cx - 0.12, down[1] + 0.15)
    d.add(elm.Line().at((x, MID)).to(tip))
    lx = cx - 0.3 if side == "left" else cx + 0.3
    ha = "right" if side == "left" else "left"
    d.add(elm.Label().at((lx, MID + 1.6)).label(name, fontsize=12, halign=ha, valign="center"))
    d.add(elm.Label().at((lx, MID - 1.0)).label("rest (ground)", fontsize=12, halign=ha, valign="center"))

contact(2.6, "left", "UP contact")
contact(8.4, "right", "DOWN contact")
d.add(elm.Line().at((2.6, MID)).to((3.9, MID)))
d.add(elm.Motor().at((3.9, MID)).right().label("window motor", loc="top"))
d.add(elm.Line().right().tox(8.4))
d.add(elm.Dot().at((3.9, MID)).label("M1", loc="bottom", fontsize=12))
d.add(elm.Dot().at((6.9, MID)).label("M2", loc="bottom", fontsize=12))
notes = [
    "Each contact rests on ground and moves to B+ when pressed.",
    "Readings at the motor connector, to ground:",
    "UP pressed: M1 12.3 V, M2 12.3 V, window does not move",
    "DOWN pressed: M1 0.1 V, M2 12.3 V, window moves down",
]
for i, line in enumerate(notes):
    d.add(elm.Label().at((LEFT - 1.6, -1.1 - 0.6 * i)).label(line, halign="left", fontsize=12))
save_schematic(d, __file__)
