"""A6-E-0032: rear defogger grid, voltage to ground at the middle of each line with the defogger on."""
from _kit import figure, save
from matplotlib.patches import Rectangle

fig = figure(6.4, 3.8)
ax = fig.add_axes([0.02, 0.02, 0.96, 0.96])
ax.set_xlim(-2.2, 12.2)
ax.set_ylim(-1.6, 10.2)
ax.axis("off")
ax.add_patch(Rectangle((0, 0), 0.35, 8.4, facecolor="white", edgecolor="black", lw=1.4))
ax.add_patch(Rectangle((9.65, 0), 0.35, 8.4, facecolor="white", edgecolor="black", lw=1.4))
ax.text(0.17, 8.75, "feed bus bar\n12.4 V", ha="center", va="bottom", fontsize=10)
ax.text(9.83, 8.75, "ground bus bar\n0 V", ha="center", va="bottom", fontsize=10)
readings = ["6.2 V", "6.1 V", "6.2 V", "12.4 V", "6.2 V", "6.1 V", "6.2 V", "6.2 V"]
for i, r in enumerate(readings):
    y = 7.6 - i * 1.0
    ax.plot([0.35, 9.65], [y, y], color="black", lw=1.2)
    ax.plot([5.0], [y], marker="o", color="black", ms=4)
    ax.text(-0.3, y, f"line {i + 1}", ha="right", va="center", fontsize=10)
    ax.text(5.25, y + 0.12, r, ha="left", va="bottom", fontsize=10)
ax.plot([5.0, 5.0], [-0.5, 8.1], color="0.5", lw=0.8, ls="--")
ax.text(5.0, -0.75, "readings taken at the midpoint of each line, meter to ground, defogger on",
        ha="center", va="top", fontsize=10)
save(fig, __file__)
