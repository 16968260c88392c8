"""A8-C-0020: rail pressure bleed-down after shutdown, as found and with the supply hose clamped (still falls)."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 3.6)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 5, 500)
test1 = np.clip(380.0 - 95.0 * t, 0, None)
test2 = np.clip(380.0 - 127.0 * t, 0, None)
ax.plot(t, test1, color="black", lw=1.8, label="Test 1: as found")
ax.plot(t, test2, color="black", lw=1.8, ls="--", label="Test 2: supply hose clamped")
ax.set_xlim(0, 5)
ax.set_ylim(0, 450)
ax.set_xlabel("Time after shutdown (min)", fontsize=11)
ax.set_ylabel("Rail pressure (kPa)", fontsize=11)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=11)
ax.legend(loc="upper right", fontsize=11, frameon=True, facecolor="white", edgecolor="white")
sec = ax.secondary_yaxis("right", functions=(lambda k: k / 6.895, lambda p: p * 6.895))
sec.set_ylabel("psi", fontsize=11)
sec.tick_params(labelsize=11)
fig.tight_layout()
save(fig, __file__)
