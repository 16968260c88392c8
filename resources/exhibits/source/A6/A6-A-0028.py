"""A6-A-0028: blower high-speed circuit, test points 1-8 with voltages to battery negative."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _a6 import save_schematic  # noqa: E402
from _kit import schematic  # noqa: E402


def tp(d, n, volts, loc="top"):
    """A numbered test point with its reading."""
    d += elm.Dot().label(f"{n}: {volts}", loc=loc, fontsize=12)


d = schematic(unit=2.6)
bat = d.add(elm.Battery().up().reverse().label("battery", loc="bottom"))
d += elm.Line().up(0.6)
tp(d, 1, "12.5 V")
d += elm.Fuse().right().label("40 A fuse", loc="bottom")
tp(d, 2, "12.4 V")
d += elm.Switch(action="close").right().label("relay contacts", loc="bottom")
tp(d, 3, "10.2 V")
d += elm.Line().right(1.8)
tp(d, 4, "10.1 V")
d += elm.Line().right(1.3)
c2 = d.here
d += elm.Rect(corner1=(-0.22, -0.32), corner2=(0.22, 0.32)).at(c2)
d += elm.Label().at((c2[0], c2[1] + 0.3)).label("C2", loc="top")
d += elm.Line().at(c2).right(1.7)
d += elm.Line().down(0.6)
tp(d, 5, "10.0 V", loc="right")
d += elm.Motor().down().label("blower motor", loc="bottom")
tp(d, 6, "0.2 V", loc="right")
d += elm.Line().down(0.6)
d += elm.Line().left(3.4)
tp(d, 7, "0.1 V", loc="top")
d.push()
d += elm.Line().down(0.4)
d += elm.GroundChassis().label("G200", loc="right")
d.pop()
d += elm.Line().left().tox(bat.start)
tp(d, 8, "0 V", loc="bottom")
d += elm.Line().up().toy(bat.start)
save_schematic(d, __file__)
