"""A8-D-0019: EVAP leak test, tank vacuum keeps deepening after the purge valve is commanded closed."""
import numpy as np

from _kit import figure, save

t = np.linspace(0, 40, 800)
p = np.where(t < 5, 0.0, -8.0 * (1 - np.exp(-(t - 5) / 4.0)) / (1 - np.exp(-10 / 4.0)))
hold = t >= 15
p = np.where(hold, -8.0 - 0.3 * (t - 15), p)
fig = figure(6.4, 3.6)
ax = fig.add_subplot(1, 1, 1)
ax.plot(t, p, color="black", lw=1.8)
ax.axvline(5, color="#777777", lw=0.8, ls="--")
ax.axvline(15, color="#777777", lw=0.8, ls="--")
ax.text(5.5, 1.2, "vent closes", fontsize=11)
ax.text(15.5, 1.2, "purge commanded closed", fontsize=11)
ax.set_xlim(0, 40)
ax.set_ylim(-18, 3)
ax.set_xlabel("Time (s)", fontsize=11)
ax.set_ylabel("Tank pressure (inH2O)", fontsize=11)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=11)
sec = ax.secondary_yaxis("right", functions=(lambda x: x * 0.2491, lambda k: k / 0.2491))
sec.set_ylabel("kPa", fontsize=11)
sec.tick_params(labelsize=11)
fig.tight_layout()
save(fig, __file__)
