"""A3-E-0004: ring gear tooth contact pattern, drive and coast sides, both low on the flank."""
from matplotlib.patches import Ellipse, Polygon

from _kit import figure, save

fig = figure(6.8, 3.3)
ax = fig.add_axes([0.01, 0.01, 0.98, 0.98])
ax.set_xlim(0, 10)
ax.set_ylim(0, 5)
ax.axis("off")


def tooth(x0, title):
    # A ring gear tooth seen flat: toe (inner end) narrow on the left, heel (outer end) wide on the right.
    w = 4.0
    top, bottom = 3.7, 1.3
    outline = [(x0, top - 0.25), (x0 + w, top), (x0 + w, bottom), (x0, bottom + 0.25)]
    ax.add_patch(Polygon(outline, closed=True, fill=False, ec="black", lw=1.6))
    mid = (top + bottom) / 2
    ax.plot([x0, x0 + w], [mid, mid], color="#999999", lw=0.8, ls=":")
    # Contact pattern: centred toe to heel, low on the flank near the root.
    ax.add_patch(Ellipse((x0 + w / 2, bottom + 0.65), 2.2, 0.55, fc="#555555", ec="black", lw=1.0))
    ax.text(x0 + w / 2, 4.55, title, ha="center", va="center", fontsize=11.5, weight="bold")
    ax.text(x0 - 0.05, 0.9, "TOE", ha="left", va="center", fontsize=10)
    ax.text(x0 + w + 0.05, 0.9, "HEEL", ha="right", va="center", fontsize=10)
    ax.text(x0 + w / 2, 4.05, "face (top land)", ha="center", va="center", fontsize=9.5)
    ax.text(x0 + w / 2, 1.05, "flank (root)", ha="center", va="center", fontsize=9.5)


tooth(0.6, "Drive side (convex)")
tooth(5.4, "Coast side (concave)")
ax.text(5.0, 0.3, "Shaded area = contact pattern; the same on teeth at three places around the gear",
        ha="center", va="center", fontsize=10)
save(fig, __file__)
