"""A6-C-0013: generator output on a scope, AC-coupled, with one deep trough after every two humps."""
import numpy as np
from _kit import figure, save

fig = figure(6.4, 3.2)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 10, 5001)  # milliseconds
period = 0.42  # one hump per rectifier pulse
phase = t / period
n = np.floor(phase).astype(int)
frac = phase - n
hump = 0.25 * np.sin(np.pi * frac)
trough = -1.2 * np.sin(np.pi * frac)
v = np.where(n % 3 == 2, trough, hump) + 0.15
ax.plot(t, v, color="black", lw=1.3)
ax.axhline(0, color="0.6", lw=0.8)
ax.set_xlim(0, 10)
ax.set_ylim(-1.6, 0.8)
ax.set_xlabel("Time (ms)", fontsize=11)
ax.set_ylabel("Volts, AC-coupled", fontsize=11)
ax.set_yticks([-1.5, -1.0, -0.5, 0, 0.5])
ax.grid(True, color="0.85", lw=0.6)
ax.annotate("small humps peak near +0.4 V", xy=(0.21, 0.4), xytext=(0.3, 0.62), fontsize=10)
ax.annotate("deep dip to about -1.0 V", xy=(1.05, -1.03), xytext=(1.6, -1.45), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.tick_params(labelsize=10)
fig.tight_layout()
save(fig, __file__)
