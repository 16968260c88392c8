"""A8-A-0001: manifold vacuum traces at idle and at 2500 rpm, sharp drops at irregular times (not every cycle)."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 4.4)
axes = fig.subplots(2, 1, sharex=True)


def trace(t, rpm, base, dip, ripple, drops):
    fire = 30.0 / rpm  # seconds between firings, four cylinders
    v = base + ripple * np.sin(2 * np.pi * t / fire)
    width = fire * 0.35
    for at in drops:
        v -= dip * np.exp(-(((t - at) / width) ** 2))
    return v


t = np.linspace(0, 2.0, 8000)
for ax, rpm, base, dip, drops, title in (
    (axes[0], 700, 18.0, 4.0, (0.31, 1.02, 1.74), "Idle, 700 rpm"),
    (axes[1], 2500, 20.0, 3.0, (0.58, 0.77, 1.63), "Held at 2500 rpm"),
):
    ax.plot(t, trace(t, rpm, base, dip, 0.25, drops), color="black", lw=1.1)
    ax.set_ylim(10, 24)
    ax.set_yticks([10, 14, 18, 22])
    ax.set_ylabel("Vacuum (inHg)", fontsize=11)
    ax.set_title(title, fontsize=12, loc="left")
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
    sec = ax.secondary_yaxis("right", functions=(lambda x: x * 3.386, lambda k: k / 3.386))
    sec.set_ylabel("kPa", fontsize=11)
    sec.tick_params(labelsize=11)
axes[1].set_xlabel("Time (s)", fontsize=11)
axes[1].set_xlim(0, 2.0)
fig.tight_layout()
save(fig, __file__)
