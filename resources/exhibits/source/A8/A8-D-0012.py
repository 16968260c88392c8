"""A8-D-0012: upstream and downstream O2 at warm idle and at 2500 rpm; downstream steady at 2500 rpm
but dipping sharply lean at idle, out of step with the upstream switching (exhaust leak ahead of it)."""
import numpy as np

from _kit import figure, save

t = np.linspace(0, 10, 8000)
up_idle = 0.5 + 0.4 * np.tanh(4 * np.sin(2 * np.pi * t / 1.6))
up_2500 = 0.5 + 0.4 * np.tanh(4 * np.sin(2 * np.pi * t / 1.0))
down_idle = 0.62 + 0.02 * np.sin(2 * np.pi * t / 2.3)
for c in (0.7, 1.9, 2.35, 4.1, 5.6, 6.05, 7.7, 9.2):
    down_idle = down_idle - 0.5 * np.exp(-(((t - c) / 0.06) ** 2))
down_2500 = 0.70 + 0.015 * np.sin(2 * np.pi * t / 3.1)
fig = figure(7.2, 4.6)
axes = fig.subplots(2, 2, sharex=True, sharey=True)
panels = (
    (axes[0, 0], "Upstream O2, warm idle", up_idle),
    (axes[1, 0], "Downstream O2, warm idle", down_idle),
    (axes[0, 1], "Upstream O2, 2500 rpm", up_2500),
    (axes[1, 1], "Downstream O2, 2500 rpm", down_2500),
)
for ax, title, v in panels:
    ax.plot(t, v, color="black", lw=1.2)
    ax.set_title(title, fontsize=12, loc="left")
    ax.set_ylim(0, 1.0)
    ax.set_yticks([0, 0.2, 0.45, 0.7, 1.0])
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
for ax in axes[:, 0]:
    ax.set_ylabel("Volts", fontsize=11)
for ax in axes[1, :]:
    ax.set_xlabel("Time (s)", fontsize=11)
    ax.set_xlim(0, 10)
fig.tight_layout()
save(fig, __file__)
