"""A8-D-0012: upstream and downstream O2 at 2500 rpm, downstream copying the upstream switching."""
import numpy as np

from _kit import figure, save

t = np.linspace(0, 10, 4000)
up = 0.5 + 0.4 * np.tanh(4 * np.sin(2 * np.pi * t / 1.0))
down = 0.475 + 0.325 * np.tanh(3 * np.sin(2 * np.pi * (t - 0.15) / 1.0))
fig = figure(6.4, 4.2)
axes = fig.subplots(2, 1, sharex=True)
for ax, title, v in ((axes[0], "Upstream O2, bank 1", up), (axes[1], "Downstream O2, bank 1", down)):
    ax.plot(t, v, color="black", lw=1.3)
    ax.set_title(title, fontsize=12, loc="left")
    ax.set_ylim(0, 1.0)
    ax.set_yticks([0, 0.2, 0.45, 0.8, 1.0])
    ax.set_ylabel("Volts", fontsize=11)
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
axes[1].set_xlabel("Time (s)", fontsize=11)
axes[1].set_xlim(0, 10)
fig.tight_layout()
save(fig, __file__)
