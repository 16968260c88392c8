"""A8-A-0007: manifold vacuum at idle, then held at 2000 and at 3000 rpm: a rapid flutter that widens with speed."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 3.6)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 80, 16000)
rng = np.random.default_rng(8007)
wobble = np.sin(2 * np.pi * 2.7 * t) * (0.75 + 0.25 * rng.random(t.size))
v = 19.0 + 0.2 * np.sin(2 * np.pi * 0.9 * t)
mid = (t >= 10) & (t < 40)
high = (t >= 40) & (t < 70)
v = np.where(mid, 20.0 + 2.0 * wobble, v)
v = np.where(high, 19.5 + 4.0 * wobble, v)
ax.plot(t, v, color="black", lw=0.7)
for x in (10, 40, 70):
    ax.axvline(x, color="#777777", lw=0.8, ls="--")
ax.text(5, 26.0, "idle", ha="center", fontsize=11)
ax.text(25, 26.0, "2000 rpm", ha="center", fontsize=11)
ax.text(55, 26.0, "3000 rpm", ha="center", fontsize=11)
ax.text(75, 26.0, "idle", ha="center", fontsize=11)
ax.set_xlim(0, 80)
ax.set_ylim(0, 28)
ax.set_xlabel("Time (s)", fontsize=11)
ax.set_ylabel("Vacuum (inHg)", fontsize=11)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=11)
sec = ax.secondary_yaxis("right", functions=(lambda x: x * 3.386, lambda k: k / 3.386))
sec.set_ylabel("kPa", fontsize=11)
sec.tick_params(labelsize=11)
fig.tight_layout()
save(fig, __file__)
