"""A8-E-0025: three-wire MAP sensor circuit, key on engine off, voltages at test points 1-6."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _circuit import box, finish, start  # noqa: E402
from _kit import save  # noqa: E402

fig, ax, d = start(7.2, 3.6)
box(d, 0, 1.4, 3.2, -3.4)
ax.text(1.6, 1.75, "ECM", ha="center", va="bottom", fontsize=12)
box(d, 11, 1.0, 14.2, -3.0)
ax.text(12.6, 1.35, "MAP sensor", ha="center", va="bottom", fontsize=12)
rows = (
    (0.4, "5 V ref", "REF", "1: 5.00 V", "2: 4.10 V"),
    (-1.0, "signal", "SIG", "4: 3.78 V", "3: 3.78 V"),
    (-2.4, "sensor gnd", "GND", "6: 0.01 V", "5: 0.02 V"),
)
for y, left, right, tp_ecm, tp_sensor in rows:
    ax.text(3.0, y, left, ha="right", va="center", fontsize=12)
    ax.text(11.2, y, right, ha="left", va="center", fontsize=12)
    d += elm.Line().at((3.2, y)).to((11, y))
    d += elm.Dot().at((4.6, y))
    d += elm.Dot().at((9.6, y))
    ax.text(4.6, y + 0.2, tp_ecm, ha="left", va="bottom", fontsize=12)
    ax.text(9.6, y + 0.2, tp_sensor, ha="right", va="bottom", fontsize=12)
ax.text(7.1, -3.7, "MAP sensor output is about 92% of its supply voltage at 101 kPa", ha="center", va="top",
        fontsize=11)
save(finish(fig, ax, d, xlim=(-0.6, 14.8), ylim=(-4.6, 2.4)), __file__)
