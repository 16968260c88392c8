"""A9-F-0018: intake air heater circuit, heater commanded on, readings at test points 1-5 (open element)."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "A8"))
from _circuit import box, finish, start  # noqa: E402
from _kit import save  # noqa: E402

fig, ax, d = start(8.4, 3.9)
# battery, positive at top
d += elm.Battery().at((0, -3.2)).to((0, 0)).label("battery", loc="bottom", ofst=0.3)
d += elm.Dot().at((0, 0)).label("1", loc="left")
d += elm.Fuse().at((0, 0)).to((3, 0)).label("fusible link", loc="top")
d += elm.Dot().at((3, 0)).label("2", loc="bottom")
d += elm.Switch(action="close").at((3, 0)).to((5.5, 0))
ax.text(4.25, -0.75, "relay contacts", ha="center", va="top", fontsize=11)
d += elm.Dot().at((5.5, 0)).label("3", loc="bottom")
d += elm.Line().at((5.5, 0)).to((8.5, 0))
d += elm.Dot().at((8.5, 0)).label("4  feed stud", loc="right")
d += elm.Resistor().at((8.5, 0)).to((8.5, -2.2)).label("heater\ngrid", loc="bottom", ofst=0.3)
d += elm.Dot().at((8.5, -2.2)).label("5  ground stud", loc="right")
d += elm.Line().at((8.5, -2.2)).to((8.5, -3.2))
d += elm.Line().at((8.5, -3.2)).to((0, -3.2))
d += elm.Ground().at((4.2, -3.2))
ax.text(4.3, -3.05, "ground strap to block", ha="left", va="bottom", fontsize=11)
# relay coil above the contacts, switched by the ECM
box(d, 3.4, 1.1, 5.1, 1.9)
ax.text(4.25, 1.5, "relay coil", ha="center", va="center", fontsize=11)
d += elm.Line().at((4.25, 1.1)).to((4.25, 0.45)).linestyle("--")
ax.text(4.25, 2.05, "switched by the ECM", ha="center", va="bottom", fontsize=11)
# readings box
box(d, 12.4, 2.2, 17.6, -3.2)
lines = ["Heater commanded on,", "volts to battery negative:", "point 1:  12.5 V", "point 2:  12.5 V",
         "point 3:  12.5 V", "point 4:  12.5 V", "point 5:  0.0 V", "heater current:  0 A",
         "battery before:  12.5 V"]
for k, s in enumerate(lines):
    ax.text(12.6, 1.85 - k * 0.6, s, ha="left", va="center", fontsize=11)
save(finish(fig, ax, d, xlim=(-1.8, 17.9), ylim=(-3.9, 2.7)), __file__)
