"""A6-B-0019: starter current while cranking a V6, one low compression hump per engine cycle."""
import numpy as np
from _kit import figure, save

fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 1.2, 6001)
period = 0.1  # one compression event every 0.1 s (about 200 rpm, three per revolution)
phase = t / period
n = np.floor(phase)
frac = phase - n
peak = np.where((n.astype(int) % 6) == 2, 140.0, 185.0)
current = 120.0 + (peak - 120.0) * np.sin(np.pi * frac) ** 2
current = np.maximum(current, 560.0 * np.exp(-t / 0.012))
ax.plot(t, current, color="black", lw=1.4)
ax.set_xlim(0, 1.2)
ax.set_ylim(0, 600)
ax.set_xlabel("Time (s)", fontsize=11)
ax.set_ylabel("Starter current (A)", fontsize=11)
ax.set_yticks(range(0, 601, 100))
ax.grid(True, color="0.85", lw=0.6)
ax.annotate("inrush about 560 A", xy=(0.004, 540), xytext=(0.07, 500), fontsize=10)
ax.annotate("humps peak at about 185 A", xy=(0.15, 187), xytext=(0.07, 350), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.text(0.55, 255, "every sixth hump\npeaks at about 140 A", fontsize=10, va="bottom")
ax.annotate("", xy=(0.25, 143), xytext=(0.54, 262), arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.annotate("", xy=(0.85, 143), xytext=(0.78, 252), arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.tick_params(labelsize=10)
fig.tight_layout()
save(fig, __file__)
