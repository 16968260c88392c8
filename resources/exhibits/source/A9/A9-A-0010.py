"""A9-A-0010: relative compression, starter current over two cycles of an inline six, cylinder 3 low."""
import numpy as np

from _kit import figure, save

fig = figure(6.8, 3.6)
ax = fig.add_subplot(1, 1, 1)
order = [1, 5, 3, 6, 2, 4] * 2
peaks = [170 if c == 3 else 230 for c in order]
interval = 0.1  # s between compression peaks at cranking speed
t = np.linspace(0, interval * 12.6, 4000)
i = np.full_like(t, 130.0)
for n, height in enumerate(peaks):
    centre = interval * (n + 0.6)
    i += (height - 130.0) * np.exp(-(((t - centre) / 0.018) ** 2))
ax.plot(t, i, color="black", lw=1.5)
for n, (cyl, height) in enumerate(zip(order, peaks)):
    ax.text(interval * (n + 0.6), height + 8, str(cyl), ha="center", va="bottom", fontsize=12,
            fontweight="bold" if cyl == 3 else "normal")
ax.set_ylim(80, 280)
ax.set_xlim(0, interval * 12.6)
ax.set_xlabel("Time (s)", fontsize=11)
ax.set_ylabel("Starter current (A)", fontsize=11)
ax.set_title("Peaks labelled by cylinder, firing order 1-5-3-6-2-4", fontsize=11)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=11)
fig.tight_layout()
save(fig, __file__)
