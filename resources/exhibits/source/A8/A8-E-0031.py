"""A8-E-0031: TP sensor sweep, key on engine off, one sharp dropout near 1.6 V (worn track)."""
import numpy as np

from _kit import figure, save

t = np.linspace(0, 5, 5001)
v = np.where(t < 4, 0.6 + (4.5 - 0.6) * t / 4, 4.5)
v = np.where((t > 1.2) & (t < 1.206), 0.1, v)
fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
ax.plot(t, v, color="black", lw=1.4)
ax.set_xlim(0, 5)
ax.set_ylim(0, 5)
ax.set_xlabel("Time (s)", fontsize=11)
ax.set_ylabel("TP signal (V)", fontsize=11)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=11)
fig.tight_layout()
save(fig, __file__)
