"""A8-A-0007: manifold vacuum at idle, then held at 2500 rpm, slowly falling (exhaust restriction)."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 80, 800)
v = np.where(t < 10, 19.0, 0.0)
hold = (t >= 10) & (t < 70)
v = np.where(hold, 10.0 + 10.0 * np.exp(-(t - 10) / 22.0) - 0.0, v)
v = np.where(hold, v - (t - 10) / 60.0 * 10.0 * np.exp(-60 / 22.0), v)
after = t >= 70
v = np.where(after, 19.0 - 9.0 * np.exp(-(t - 70) / 1.5), v)
ax.plot(t, v, color="black", lw=1.6)
ax.axvline(10, color="#777777", lw=0.8, ls="--")
ax.axvline(70, color="#777777", lw=0.8, ls="--")
ax.text(5, 22.5, "idle", ha="center", fontsize=11)
ax.text(40, 22.5, "held at 2500 rpm", ha="center", fontsize=11)
ax.text(75, 22.5, "idle", ha="center", fontsize=11)
ax.set_xlim(0, 80)
ax.set_ylim(0, 25)
ax.set_xlabel("Time (s)", fontsize=11)
ax.set_ylabel("Vacuum (inHg)", fontsize=11)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=11)
sec = ax.secondary_yaxis("right", functions=(lambda x: x * 3.386, lambda k: k / 3.386))
sec.set_ylabel("kPa", fontsize=11)
sec.tick_params(labelsize=11)
fig.tight_layout()
save(fig, __file__)
