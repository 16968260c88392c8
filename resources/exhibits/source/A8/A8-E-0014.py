"""A8-E-0014: upstream O2 signal at warm idle, low until propane is added at 5 s, back low at 12 s."""
import numpy as np

from _kit import figure, save

t = np.linspace(0, 16, 4000)
base = 0.2 + 0.05 * np.sin(2 * np.pi * t / 0.9) * np.cos(2 * np.pi * t / 2.3)
rise = 1 / (1 + np.exp(-(t - 5.05) / 0.02))
fall = 1 / (1 + np.exp(-(t - 12.1) / 0.04))
v = base + (0.85 - base) * rise * (1 - fall)
fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
ax.plot(t, v, color="black", lw=1.4)
for x, s, dx, ha in ((5, "propane\nadded", -0.2, "right"), (12, "propane\nremoved", 0.2, "left")):
    ax.axvline(x, color="#777777", lw=0.8, ls="--")
    ax.text(x + dx, 0.95, s, fontsize=11, va="top", ha=ha)
ax.set_xlim(0, 16)
ax.set_ylim(0, 1.0)
ax.set_xlabel("Time (s)", fontsize=11)
ax.set_ylabel("O2 sensor (V)", fontsize=11)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=11)
fig.tight_layout()
save(fig, __file__)
