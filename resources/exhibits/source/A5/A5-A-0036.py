"""A5-A-0036: diagonal-split brake hydraulic layout, one leak point marked, for a which-wheels-brake-and-pull question."""
import math

from matplotlib.patches import Circle, FancyBboxPatch, Rectangle

from _kit import figure, save

fig = figure(6.8, 5.0)
ax = fig.add_axes([0, 0, 1, 1])
ax.set_xlim(-4, 72)
ax.set_ylim(-4, 47)
ax.axis("off")

# Car outline, front at the top
ax.add_patch(FancyBboxPatch((16, 2), 36, 41, boxstyle="round,pad=0,rounding_size=5",
                            fill=False, lw=1.0, ls=(0, (2, 2)), ec="black"))
ax.text(34, 45.3, "FRONT", ha="center", va="center", fontsize=11)

# Wheels
wheels = {"LF": (14, 33), "RF": (54, 33), "LR": (14, 9), "RR": (54, 9)}
names = {"LF": "Left front", "RF": "Right front", "LR": "Left rear", "RR": "Right rear"}
for key, (x, y) in wheels.items():
    ax.add_patch(Rectangle((x - 2.5, y - 4.5), 5, 9, fill=True, fc="white", lw=1.6, ec="black", zorder=2))
    side = -1 if x < 34 else 1
    ax.text(x + side * 3.5, y, names[key], ha="right" if side < 0 else "left", va="center", fontsize=11)

# Master cylinder with two outlets
ax.add_patch(Rectangle((27, 37), 14, 5, fill=False, lw=1.6, ec="black"))
ax.text(34, 39.5, "Master cylinder", ha="center", va="center", fontsize=11)
ax.text(28.6, 35.6, "P", ha="right", va="center", fontsize=11, weight="bold")
ax.text(39.4, 35.6, "S", ha="left", va="center", fontsize=11, weight="bold")

lw = 1.8
dash = (0, (5, 3))
# Primary (P) circuit: solid lines to LF and RR
ax.plot([30, 30, 16.5], [37, 30, 30], color="black", lw=lw)
ax.plot([30, 30, 36.6], [30, 24, 24], color="black", lw=lw)
hop = [i / 20 for i in range(21)]
ax.plot([36.6 + 2.8 * t for t in hop], [24 + 1.4 * math.sin(math.pi * t) for t in hop], color="black", lw=lw)
ax.plot([39.4, 46, 46, 51.5], [24, 24, 11, 11], color="black", lw=lw)
# Secondary (S) circuit: dashed lines to RF and LR
ax.plot([38, 38, 51.5], [37, 31, 31], color="black", lw=lw, ls=dash)
ax.plot([38, 38, 22, 22, 16.5], [31, 19, 19, 7, 7], color="black", lw=lw, ls=dash)


# The leak point, on the secondary line to the left rear brake
ax.add_patch(Circle((22, 13), 1.5, fill=True, fc="white", ec="black", lw=1.6, zorder=3))
ax.plot([20.9, 23.1], [11.9, 14.1], color="black", lw=1.6, zorder=4)
ax.plot([20.9, 23.1], [14.1, 11.9], color="black", lw=1.6, zorder=4)
ax.text(24.2, 13, "LEAK", ha="left", va="center", fontsize=11, weight="bold")


# Legend, below the car
ax.plot([14, 19], [-1.5, -1.5], color="black", lw=lw)
ax.text(20, -1.5, "primary circuit (P)", va="center", fontsize=11)
ax.plot([38, 43], [-1.5, -1.5], color="black", lw=lw, ls=dash)
ax.text(44, -1.5, "secondary circuit (S)", va="center", fontsize=11)

save(fig, __file__)
