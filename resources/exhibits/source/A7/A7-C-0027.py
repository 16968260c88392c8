"""A7-C-0027: low-side pressure while the clutch cycles; the switch opens near 100 kPa, below its 170-200 kPa band."""
import numpy as np
from _kit import figure, save

fig = figure(6.4, 4.0)
grid = fig.add_gridspec(4, 1, hspace=0.08)
ax = fig.add_subplot(grid[0:3, 0])
strip = fig.add_subplot(grid[3, 0], sharex=ax)

on_periods = [(0, 30), (40, 70), (80, 110)]
t = np.linspace(0, 120, 1201)
p = np.empty_like(t)
for i, x in enumerate(t):
    for a, b in on_periods:
        if a <= x < b:  # clutch on: pressure falls from 300 to 100 kPa
            p[i] = 300 - 200 * (x - a) / (b - a)
            break
    else:  # clutch off: pressure recovers quickly to 300 kPa
        start = max(b for a, b in on_periods if b <= x)
        p[i] = 100 + 200 * min(1.0, (x - start) / 8.0) ** 0.6

ax.axhspan(170, 200, color="0.72", label="switch should open: 170-200 kPa (25-29 psi)")
ax.axhspan(290, 330, color="0.88", label="switch should close: 290-330 kPa (42-48 psi)")
ax.legend(loc="upper center", fontsize=9.5, frameon=True, edgecolor="0.6", ncol=1)
ax.plot(t, p, color="black", lw=1.8)
ax.annotate("opens at about 100 kPa (15 psi)", xy=(30, 102), xytext=(33, 45), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.set_ylim(0, 480)
ax.set_yticks(range(0, 401, 50))
ax.set_ylabel("Low side (kPa)", fontsize=11)
ax.grid(True, color="0.85", lw=0.6)
ax.tick_params(labelsize=10, labelbottom=False)

for a, b in on_periods:
    strip.fill_between([a, b], 0, 1, color="0.35", step="pre")
    strip.text((a + b) / 2, 0.5, "clutch ON", color="white", fontsize=9.5, ha="center", va="center")
for a, b in [(30, 40), (70, 80), (110, 120)]:
    strip.text((a + b) / 2, 0.5, "OFF", fontsize=9, ha="center", va="center")
strip.set_ylim(0, 1)
strip.set_yticks([])
strip.set_xlim(0, 120)
strip.set_xticks(range(0, 121, 10))
strip.set_xlabel("Time (s)", fontsize=11)
strip.tick_params(labelsize=10)
fig.subplots_adjust(left=0.11, right=0.98, top=0.97, bottom=0.13)
save(fig, __file__)
