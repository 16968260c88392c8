"""A6-A-0027: high-speed CAN bus layout, terminating resistors in the ECM and the cluster, DLC at S1."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _a6 import save_schematic  # noqa: E402
from _kit import schematic  # noqa: E402

H, L = 3.2, 0.0  # CAN high and CAN low lines
X0, X1 = 0.4, 13.6  # the two ends of the bus
d = schematic()
d += elm.Line().at((X0, H)).to((X1, H))
d += elm.Line().at((X0, L)).to((X1, L))
d += elm.Label().at((9.45, H + 0.45)).label("CAN high")
d += elm.Label().at((9.45, L - 0.45)).label("CAN low")


def box(x0, y0, x1, y1):
    d.add(elm.Rect(corner1=(0, 0), corner2=(x1 - x0, y1 - y0)).at((x0, y0)).right())


def end_module(x, name, side):
    """A module at one end of the bus holding a 120-ohm terminating resistor."""
    d.add(elm.Dot().at((x, H)))
    d.add(elm.Dot().at((x, L)))
    left = side == "left"
    d.add(elm.Resistor().at((x, H)).to((x, L)).label("120 Ω", loc="bottom" if left else "top"))
    x0, x1 = (x - 0.6, x + 1.5) if left else (x - 1.5, x + 0.6)
    box(x0, -0.55, x1, H + 0.55)
    d.add(elm.Label().at(((x0 + x1) / 2, H + 1.0)).label(name))


def module(x, name, splice=None, half=0.95):
    """A module between the lines, with a stub to each."""
    d.add(elm.Dot().at((x, H)))
    d.add(elm.Dot().at((x, L)))
    d.add(elm.Line().at((x, H)).to((x, 2.25)))
    d.add(elm.Line().at((x, L)).to((x, 0.95)))
    box(x - half, 0.95, x + half, 2.25)
    d.add(elm.Label().at((x, 1.6)).label(name))
    if splice:
        d.add(elm.Dot().at((x, H)))
        d.add(elm.Label().at((x, H + 0.55)).label(splice))


end_module(X0, "ECM", "left")
module(3.2, "TCM")
module(5.7, "DLC\npins 6, 14", splice="splice S1", half=1.15)
module(8.2, "ABS")
module(10.7, "BCM")
end_module(X1, "Cluster", "right")
save_schematic(d, __file__)
