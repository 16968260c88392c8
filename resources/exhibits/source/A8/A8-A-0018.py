"""A8-A-0018: relative compression, starter current over two cycles with a cylinder 1 trigger."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 3.6)
ax = fig.add_subplot(1, 1, 1)
peaks = [200, 200, 150, 200] * 2
interval = 0.15  # s between compression peaks at cranking speed
t = np.linspace(0, interval * 8.5, 3000)
i = np.full_like(t, 120.0)
for n, height in enumerate(peaks):
    centre = interval * (n + 0.5)
    i += (height - 120.0) * np.exp(-(((t - centre) / 0.028) ** 2))
ax.plot(t, i, color="black", lw=1.5)
for n in (0, 4):
    x = interval * (n + 0.5)
    ax.annotate("cyl 1 trigger", xy=(x, 208), xytext=(x + 0.06, 232), ha="left", fontsize=11,
                arrowprops={"arrowstyle": "->", "color": "black"})
ax.set_ylim(80, 250)
ax.set_xlim(0, interval * 8.5)
ax.set_xlabel("Time (s)", fontsize=11)
ax.set_ylabel("Starter current (A)", fontsize=11)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=11)
fig.tight_layout()
save(fig, __file__)
