"""A6-C-0002: generator output on a scope, AC-coupled, loaded: a row of small, even humps."""
import numpy as np
from _kit import figure, save

fig = figure(6.4, 3.2)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 10, 5001)  # milliseconds
period = 0.42  # one hump per rectifier pulse
frac = (t / period) % 1.0
v = 0.28 * np.sin(np.pi * frac) - 0.14
ax.plot(t, v, color="black", lw=1.3)
ax.axhline(0, color="0.6", lw=0.8)
ax.set_xlim(0, 10)
ax.set_ylim(-1.6, 0.8)
ax.set_xlabel("Time (ms)", fontsize=11)
ax.set_ylabel("Volts, AC-coupled", fontsize=11)
ax.set_yticks([-1.5, -1.0, -0.5, 0, 0.5])
ax.grid(True, color="0.85", lw=0.6)
ax.annotate("about 0.28 V peak to peak", xy=(0.21, 0.14), xytext=(0.3, 0.5), fontsize=10)
ax.tick_params(labelsize=10)
fig.tight_layout()
save(fig, __file__)
