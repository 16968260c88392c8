"""A6-A-0025: parasitic draw from lock-up on a log scale, settling at 25 mA with brief check-in spikes."""
import numpy as np
from _kit import figure, save

fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 60, 6001)
draw = np.where(t < 2, 1200.0, np.where(t < 12, 450.0, np.where(t < 32, 180.0, 25.0)))
for start in (40.0, 50.0):
    draw[(t >= start) & (t <= start + 0.05)] = 300.0
ax.semilogy(t, draw, color="black", lw=1.6)
ax.axhline(50, color="black", lw=1.0, ls="--")
ax.text(58.5, 56, "specification 50 mA", fontsize=10, ha="right", va="bottom")
ax.set_xlim(0, 60)
ax.set_ylim(10, 3000)
ax.set_yticks([10, 25, 50, 100, 200, 500, 1000, 2000])
ax.set_yticklabels(["10", "25", "50", "100", "200", "500", "1000", "2000"])
ax.set_xticks(range(0, 61, 10))
ax.set_xlabel("Minutes since the doors were locked", fontsize=11)
ax.set_ylabel("Draw (mA)", fontsize=11)
ax.grid(True, which="major", color="0.85", lw=0.6)
ax.text(2.4, 1250, "1200 mA", fontsize=10)
ax.text(4.5, 480, "450 mA", fontsize=10)
ax.text(17, 195, "180 mA", fontsize=10)
ax.text(33, 15.5, "steady 25 mA", fontsize=10)
ax.annotate("2 s spikes to 300 mA", xy=(50.0, 290), xytext=(37.5, 700), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.annotate("", xy=(40.0, 290), xytext=(41.5, 640), arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.tick_params(labelsize=10)
fig.tight_layout()
save(fig, __file__)
