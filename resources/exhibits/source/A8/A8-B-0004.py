"""A8-B-0004: coil-on-plug feed circuit, engine running, voltages at test points 1-5 (coil 4 misfires)."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _circuit import box, finish, start
from _kit import save

fig, ax, d = start(7.6, 3.4)
box(d, -3.4, 0.5, 0, -0.5)
ax.text(-1.7, 0, "ignition relay", ha="center", va="center", fontsize=12)
d += elm.Fuse().at((0, 0)).to((3, 0)).label("15 A fuse", loc="top")
d += elm.Dot().at((3, 0)).label("1: 13.9 V", loc="bottom")
d += elm.Line().at((3, 0)).to((6, 0))
d += elm.Dot().at((6, 0)).label("2: 13.9 V", loc="bottom")
ax.text(5.9, 0.35, "splice", ha="right", va="bottom", fontsize=12)
d += elm.Line().at((6, 0)).to((6, 1.6))
d += elm.Arrow().at((6, 1.6)).to((8, 1.6)).label("to coils 1, 2 and 3", loc="right")
d += elm.Line().at((6, 0)).to((11, 0))
d += elm.Dot().at((9.5, 0)).label("3: 8.1 V", loc="top")
box(d, 11, 0.7, 14.4, -3.1)
for y, s in ((0.0, "B+"), (-1.2, "IGT"), (-2.4, "GND")):
    ax.text(11.2, y, s, ha="left", va="center", fontsize=12)
ax.text(12.7, -3.3, "coil 4 (built-in driver)", ha="center", va="top", fontsize=12)
d += elm.Line().at((11, -2.4)).to((8.0, -2.4))
d += elm.Dot().at((9.8, -2.4)).label("4: 0.05 V", loc="bottom")
d += elm.Ground().at((8.0, -2.4))
d += elm.Line().at((11, -1.2)).to((3, -1.2))
d += elm.Dot().at((7, -1.2)).label("5: 0-5 V pulses", loc="bottom")
box(d, 0.4, -0.8, 3, -1.8)
ax.text(1.7, -1.3, "ECM", ha="center", va="center", fontsize=12)
save(finish(fig, ax, d), __file__)
