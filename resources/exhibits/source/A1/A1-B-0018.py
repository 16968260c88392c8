"""A1-B-0018: intake cam phaser commanded 0 -> 20 -> 0 degrees; actual lags at hot idle, follows at 2000 rpm."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 4.6)
axes = fig.subplots(2, 1, sharex=True)
t = np.linspace(0, 10, 2001)
desired = np.where((t >= 2) & (t < 7), 20.0, 0.0)


def follow(tau_up, limit, tau_down):
    a = np.zeros_like(t)
    for i in range(1, t.size):
        dt = t[i] - t[i - 1]
        target = min(desired[i], limit)
        tau = tau_up if target > a[i - 1] else tau_down
        a[i] = a[i - 1] + (target - a[i - 1]) * dt / tau
    return a


for ax, actual, title in (
    (axes[0], follow(2.2, 13.0, 0.35), "Hot idle, 750 rpm"),
    (axes[1], follow(0.18, 20.0, 0.18), "Held at 2000 rpm"),
):
    ax.plot(t, desired, color="black", lw=1.4, ls="--", label="Desired angle")
    ax.plot(t, actual, color="black", lw=1.8, label="Actual angle")
    ax.set_ylim(-2, 25)
    ax.set_yticks([0, 5, 10, 15, 20, 25])
    ax.set_ylabel("Cam advance (°)", fontsize=11)
    ax.set_title(title, fontsize=12, loc="left")
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
axes[0].legend(loc="upper right", fontsize=10, frameon=True)
axes[1].set_xlabel("Time (s)", fontsize=11)
fig.tight_layout()
save(fig, __file__)
