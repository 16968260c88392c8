"""A6-E-0036: power mirror circuit, two motors sharing a common wire back to the switch."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _a6 import save_schematic  # noqa: E402
from _kit import schematic  # noqa: E402

d = schematic()
d.add(elm.Rect(corner1=(0, 0), corner2=(2.6, 4.8)).at((0, 0)).right())
d.add(elm.Label().at((1.3, 5.3)).label("mirror switch", fontsize=12))
ys = {"U/D": 4.0, "COM": 2.4, "L/R": 0.8}
for name, y in ys.items():
    d.add(elm.Label().at((2.3, y)).label(name, halign="right", fontsize=12))
    d.add(elm.Line().at((2.6, y)).to((6.0, y)))
d.add(elm.Label().at((4.3, 4.0)).label("up/down wire", loc="top", fontsize=11))
d.add(elm.Label().at((4.3, 2.4)).label("common wire", loc="top", fontsize=11))
d.add(elm.Label().at((4.3, 0.8)).label("left/right wire", loc="top", fontsize=11))
d.add(elm.Dot().at((6.0, 2.4)))
d.add(elm.Line().at((6.0, 4.0)).to((7.2, 4.0)))
d.add(elm.Motor().at((7.2, 4.0)).down().toy(2.4).label("vertical motor", loc="bottom"))
d.add(elm.Line().at((6.0, 2.4)).to((7.2, 2.4)))
d.add(elm.Motor().at((7.2, 2.4)).down().toy(0.8).label("horizontal motor", loc="bottom"))
d.add(elm.Line().at((6.0, 0.8)).to((7.2, 0.8)))
d.add(elm.Rect(corner1=(0, 0), corner2=(5.8, 5.2)).at((5.5, -0.2)).right())
d.add(elm.Label().at((8.4, 5.3)).label("mirror assembly", fontsize=12))
notes = [
    "UP or LEFT: B+ on U/D or L/R, COM grounded.",
    "DOWN or RIGHT: B+ on COM, U/D or L/R grounded.",
    "At rest: U/D and L/R grounded.",
]
for i, line in enumerate(notes):
    d.add(elm.Label().at((0.0, -0.9 - 0.55 * i)).label(line, halign="left", fontsize=12))
save_schematic(d, __file__)
