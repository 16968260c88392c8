"""A6-E-0009: window motor current during one up stroke, rising with travel until the protector opens."""
import numpy as np
from _kit import figure, save

fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 6, 3001)
cur = np.where(t < 0.5, 6.0, 6.0 + (t - 0.5) * (10.0 / 3.5))
cur = np.maximum(cur, 22.0 * np.exp(-t / 0.05))
cur = np.where(t > 4.0, 0.0, cur)
cur = np.where(t < 0.004, 0.0, cur)
ax.plot(t, cur, color="black", lw=1.6)
ax.set_xlim(0, 6)
ax.set_ylim(0, 25)
ax.set_xlabel("Time after UP is pressed (s)", fontsize=11)
ax.set_ylabel("Motor current (A)", fontsize=11)
ax.grid(True, color="0.85", lw=0.6)
ax.annotate("inrush about 20 A", xy=(0.03, 20), xytext=(0.35, 20.5), fontsize=10)
ax.annotate("about 6 A as the glass starts up", xy=(0.5, 6.1), xytext=(0.6, 2.0), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.annotate("rises steadily to about 16 A", xy=(3.8, 15.5), xytext=(1.6, 17.5), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.annotate("current stops at 4 s,\nglass short of the top", xy=(4.02, 8.0), xytext=(4.25, 10.0), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.tick_params(labelsize=10)
fig.tight_layout()
save(fig, __file__)
