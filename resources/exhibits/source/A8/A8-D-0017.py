"""A8-D-0017: commanded rich and lean steps; upstream AF sensor follows, downstream O2 flat at 0.45 V."""
import numpy as np

from _kit import figure, save

t = np.linspace(0, 30, 3000)
target = np.where(t < 10, 1.00, np.where(t < 18, 0.95, 1.05))
lam = target + 0.004 * np.sin(2 * np.pi * t / 0.7)
down = np.full_like(t, 0.45)
fig = figure(6.4, 4.2)
axes = fig.subplots(2, 1, sharex=True)
axes[0].plot(t, lam, color="black", lw=1.4)
axes[0].set_title("Upstream air-fuel sensor", fontsize=12, loc="left")
axes[0].set_ylabel("Lambda", fontsize=11)
axes[0].set_ylim(0.90, 1.10)
axes[0].set_yticks([0.90, 0.95, 1.00, 1.05, 1.10])
axes[1].plot(t, down, color="black", lw=1.4)
axes[1].set_title("Downstream oxygen sensor", fontsize=12, loc="left")
axes[1].set_ylabel("Volts", fontsize=11)
axes[1].set_ylim(0, 1.0)
axes[1].set_yticks([0, 0.2, 0.45, 0.8, 1.0])
axes[1].set_xlabel("Time (s)", fontsize=11)
axes[1].set_xlim(0, 30)
for ax in axes:
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
    ax.axvline(10, color="#777777", lw=0.8, ls="--")
    ax.axvline(18, color="#777777", lw=0.8, ls="--")
axes[0].text(14, 1.075, "rich step", ha="center", fontsize=11)
axes[0].text(24, 1.075, "lean step", ha="center", fontsize=11)
fig.tight_layout()
save(fig, __file__)
