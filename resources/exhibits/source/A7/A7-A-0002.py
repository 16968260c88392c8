"""A7-A-0002: vacuum decay after isolating the pump; the reading rises, then levels off near 2,600 microns."""
import numpy as np
from _kit import figure, save

fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 10, 501)
microns = 400 + 2200 * (1 - np.exp(-t / 1.6))
microns = np.minimum(microns, 2600)
ax.plot(t, microns, color="black", lw=1.8)
ax.axhline(1000, color="black", lw=1.0, ls="--")
ax.text(9.8, 1060, "acceptance limit 1,000 microns", fontsize=10, ha="right", va="bottom")
ax.plot([0], [400], marker="o", color="black", ms=4)
ax.annotate("400 at minute 0", xy=(0.05, 400), xytext=(0.6, 250), fontsize=10)
ax.annotate("levels off near 2,600", xy=(9.0, 2600), xytext=(5.6, 3050), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.set_xlim(0, 10)
ax.set_ylim(0, 3500)
ax.set_xticks(range(0, 11))
ax.set_yticks(range(0, 3501, 500))
ax.set_yticklabels([f"{v:,}" for v in range(0, 3501, 500)])
ax.set_xlabel("Minutes after the pump was isolated", fontsize=11)
ax.set_ylabel("Vacuum (microns)", fontsize=11)
ax.grid(True, color="0.85", lw=0.6)
ax.tick_params(labelsize=10)
fig.tight_layout()
save(fig, __file__)
