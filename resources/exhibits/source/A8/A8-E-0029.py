"""A8-E-0029: high-speed CAN bus layout, terminators in ECM and cluster, 120 ohms read at the DLC."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _circuit import box, finish, start  # noqa: E402
from _kit import save  # noqa: E402

fig, ax, d = start(7.6, 3.0)
nodes = [(0.0, "ECM", "120 Ω inside"), (3.2, "TCM", ""), (6.4, "ABS", ""), (9.6, "DLC", ""),
         (12.8, "BCM", ""), (16.0, "Cluster", "120 Ω inside")]
w = 2.2
for x, name, note in nodes:
    box(d, x, 1.0, x + w, 0.0)
    ax.text(x + w / 2, 0.5, name, ha="center", va="center", fontsize=12)
    if note:
        ax.text(x + w / 2, 1.15, note, ha="center", va="bottom", fontsize=11)
for (x1, *_), (x2, *_) in zip(nodes, nodes[1:]):
    d += elm.Line().at((x1 + w, 0.65)).to((x2, 0.65))
    d += elm.Line().at((x1 + w, 0.35)).to((x2, 0.35))
ax.text(1.1, -0.25, "CAN High (upper) and CAN Low (lower) pair", ha="left", va="top", fontsize=11)
d += elm.Line().at((10.7, 0.0)).to((10.7, -1.2))
box(d, 8.9, -1.2, 12.5, -2.2)
ax.text(10.7, -1.7, "meter: 120 Ω", ha="center", va="center", fontsize=12)
ax.text(10.7, -2.4, "ohmmeter at the DLC, CAN H to CAN L, battery disconnected", ha="center", va="top",
        fontsize=11)
save(finish(fig, ax, d, xlim=(-0.4, 18.6), ylim=(-3.2, 1.9)), __file__)
