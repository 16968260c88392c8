"""A4-C-0019: bump steer check, toe change against wheel travel for the left and right front (both alike)."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
travel = np.linspace(-50, 50, 101)
# both sides curve toward toe-in as the wheel rises (about -0.25 at -50, 0 at 0, +0.45 at +50)
left = 0.007 * travel + 0.00004 * travel**2
right = 0.0068 * travel + 0.000042 * travel**2
ax.plot(travel, left, color="black", lw=2.0, label="Left front")
ax.plot(travel, right, color="black", lw=1.4, ls="--", dashes=(4, 3), marker="o", markersize=6,
        markerfacecolor="white", markevery=10, label="Right front")
ax.axhline(0, color="#888888", lw=0.8)
ax.axvline(0, color="#888888", lw=0.8)
ax.set_xlim(-55, 55)
ax.set_ylim(-0.6, 0.6)
ax.set_xticks(range(-50, 51, 25))
ax.set_yticks([-0.6, -0.4, -0.2, 0.0, 0.2, 0.4, 0.6])
ax.set_xlabel("Wheel travel from ride height (mm; - = rebound, + = jounce)", fontsize=11)
ax.set_ylabel("Toe change (deg; + = toe-in)", fontsize=11)
ax.tick_params(labelsize=10)
ax.grid(True, color="#cccccc", lw=0.6)
ax.legend(loc="upper left", fontsize=10, frameon=True, edgecolor="black")
ax.annotate("both about +0.45° at +50 mm", xy=(50, 0.45), xytext=(2, 0.52), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black"))
ax.annotate("both about -0.25° at -50 mm", xy=(-50, -0.25), xytext=(-30, -0.48), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black"))
fig.tight_layout()
save(fig, __file__)
