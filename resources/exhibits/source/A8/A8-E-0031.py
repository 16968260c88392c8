"""A8-E-0031: TP sensor, two slow sweeps key on engine off; sharp dropouts at different points on
each sweep (connector terminal losing contact, not a worn track)."""
import numpy as np

from _kit import figure, save

t = np.linspace(0, 5, 5001)
base = np.where(t < 4, 0.6 + (4.5 - 0.6) * t / 4, 4.5)


def drop(v, at):
    return np.where((t > at) & (t < at + 0.006), 0.1, v)


sweep1 = drop(base, 0.9)
sweep2 = drop(drop(base, 0.45), 2.8)
fig = figure(6.4, 4.6)
axes = fig.subplots(2, 1, sharex=True)
for ax, title, v in ((axes[0], "Sweep 1", sweep1), (axes[1], "Sweep 2", sweep2)):
    ax.plot(t, v, color="black", lw=1.4)
    ax.set_title(title, fontsize=12, loc="left")
    ax.set_ylim(0, 5)
    ax.set_ylabel("TP signal (V)", fontsize=11)
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
axes[1].set_xlabel("Time (s)", fontsize=11)
axes[1].set_xlim(0, 5)
fig.tight_layout()
save(fig, __file__)
