"""A6-A-0005: two-channel road-test recording at the radio connector (feed drops out, ground steady)."""
import numpy as np
from _kit import figure, save

fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 10, 4001)
feed = np.full_like(t, 12.4)
for start in (3.1, 7.4):
    feed[(t >= start) & (t <= start + 0.08)] = 0.5
ground = np.full_like(t, 0.05)
ax.plot(t, feed, color="black", lw=1.6, label="Channel 1: radio feed terminal")
ax.plot(t, ground, color="black", lw=1.6, ls="--", label="Channel 2: radio ground terminal")
ax.set_xlim(0, 10)
ax.set_ylim(-1, 15)
ax.set_yticks([0, 2, 4, 6, 8, 10, 12, 14])
ax.set_xlabel("Time (s)", fontsize=11)
ax.set_ylabel("Volts to battery negative", fontsize=11)
ax.grid(True, color="0.85", lw=0.6)
ax.annotate("12.4 V", xy=(0.3, 12.4), xytext=(0.3, 13.4), fontsize=10)
ax.annotate("drops to 0.5 V\nfor about 80 ms", xy=(3.14, 0.6), xytext=(3.6, 5.0), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.annotate("", xy=(7.44, 0.6), xytext=(5.75, 5.6), arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.annotate("0.05 V throughout", xy=(8.3, 0.05), xytext=(8.0, 1.4), fontsize=10)
ax.legend(loc="center right", fontsize=9, frameon=True, edgecolor="0.6", bbox_to_anchor=(1.0, 0.62))
ax.tick_params(labelsize=10)
fig.tight_layout()
save(fig, __file__)
