"""A4-D-0017: radial runout of a tire-and-wheel assembly and of the bare wheel, for match mounting."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
pos = np.linspace(0, 360, 361)
assembly = 0.95 * np.cos(np.radians(pos))
wheel = 0.40 * np.cos(np.radians(pos))
ax.plot(pos, assembly, color="black", lw=2.0, label="Tire and wheel assembly (tread)")
ax.plot(pos, wheel, color="black", lw=2.0, ls="--", label="Bare wheel (bead seats)")
ax.axhline(0, color="#888888", lw=0.8)
ax.set_xlim(0, 360)
ax.set_ylim(-1.1, 1.5)
ax.set_xticks(range(0, 361, 45))
ax.set_yticks([-1.0, -0.5, 0.0, 0.5, 1.0])
ax.set_xlabel("Position from valve stem (degrees)", fontsize=11)
ax.set_ylabel("Radial runout (mm)", fontsize=11)
ax.tick_params(labelsize=10)
ax.grid(True, color="#cccccc", lw=0.6)
ax.legend(loc="upper center", fontsize=10, ncol=2, frameon=True, edgecolor="black")
ax.set_title("Limits (peak to peak): assembly 1.3 mm, bare wheel 1.0 mm", fontsize=11)
fig.tight_layout()
save(fig, __file__)
