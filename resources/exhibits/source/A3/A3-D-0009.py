"""A3-D-0009: driveline side view after a lift, with the transmission, driveshaft and pinion angles."""
import numpy as np
from matplotlib.patches import Circle, Polygon

from _kit import figure, save

fig = figure(6.8, 3.6)
ax = fig.add_axes([0.01, 0.01, 0.98, 0.98])
ax.set_xlim(0, 10)
ax.set_ylim(0, 5.2)
ax.axis("off")

K = 2.5  # slopes drawn exaggerated so they can be seen; the labels give the measured values


def down(p, length, deg):
    """Point `length` to the right of p on a line sloping down toward the rear by deg (drawn)."""
    a = np.radians(deg * K)
    return (p[0] + length * np.cos(a), p[1] - length * np.sin(a))


front = (2.9, 3.9)
# Transmission: its centreline runs from the box into the front joint, 3.0 deg down toward rear.
a = np.radians(3.0 * K)
ux, uy = np.cos(a), -np.sin(a)          # along the centreline, rearward
nx, ny = np.sin(a), np.cos(a)            # normal, upward
tail = (front[0] - 2.6 * ux, front[1] - 2.6 * uy)
box_end = (front[0] - 0.5 * ux, front[1] - 0.5 * uy)
h = 0.45
corners = [
    (tail[0] + h * nx, tail[1] + h * ny), (box_end[0] + h * nx, box_end[1] + h * ny),
    (box_end[0] - h * nx, box_end[1] - h * ny), (tail[0] - h * nx, tail[1] - h * ny),
]
ax.add_patch(Polygon(corners, closed=True, fill=False, ec="black", lw=1.6))
ax.plot([box_end[0], front[0]], [box_end[1], front[1]], color="black", lw=3.0)
mid = ((tail[0] + box_end[0]) / 2, (tail[1] + box_end[1]) / 2)
ax.text(mid[0], mid[1], "Transmission", ha="center", va="center", fontsize=11, rotation=-3.0 * K)

rear = down(front, 4.7, 7.0)
ax.plot([front[0], rear[0]], [front[1], rear[1]], color="black", lw=3.0)
pin_end = down(rear, 0.9, 0.5)
ax.plot([rear[0], pin_end[0]], [rear[1], pin_end[1]], color="black", lw=3.0)
r = 0.6
ax.add_patch(Circle((pin_end[0] + r, pin_end[1]), r, fill=False, ec="black", lw=1.6))
ax.text(pin_end[0] + r, pin_end[1], "Rear\naxle", ha="center", va="center", fontsize=10)
for p in (front, rear):
    ax.plot(*p, "o", ms=8, mfc="white", mec="black", mew=1.6, zorder=5)

for x0, x1, y in [(0.3, 4.6, front[1]), (6.3, 9.95, rear[1])]:
    ax.plot([x0, x1], [y, y], color="#777777", lw=1.0, ls="--")
ax.text(4.65, front[1], "level", ha="left", va="center", fontsize=9, color="#444444")

box = dict(boxstyle="round,pad=0.3", fc="white", ec="black", lw=1.0)
ax.text(1.6, 2.2, "A  transmission output\n3.0° down toward rear", ha="center", va="center", fontsize=10.5, bbox=box)
ax.text(4.6, 1.2, "B  driveshaft\n7.0° down toward rear", ha="center", va="center", fontsize=10.5, bbox=box)
ax.text(8.3, 0.6, "C  pinion centreline\n0.5° nose up toward front", ha="center", va="center", fontsize=10.5, bbox=box)
ax.text(5.0, 4.95, "Single-cardan U-joints at both ends; angles from level, slopes drawn exaggerated",
        ha="center", va="center", fontsize=10)
save(fig, __file__)
