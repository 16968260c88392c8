"""L3-D-0001: motor phase currents from three current probes at light load; phase U has no
positive half-cycles (open upper switch or gate driver in the U leg), V and W carry the difference."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 4.8)
axes = fig.subplots(3, 1, sharex=True)
t = np.linspace(0, 25, 2501)  # ms, 80 Hz electrical
w = 2 * np.pi * 80 * t / 1000.0
peak = 120.0
iu = peak * np.sin(w)
iv = peak * np.sin(w - 2 * np.pi / 3)
iw = peak * np.sin(w + 2 * np.pi / 3)
cut = iu - np.minimum(iu, 0)  # positive U current that cannot flow
iu2 = iu - cut
iv2 = iv + cut / 2
iw2 = iw + cut / 2
for ax, name, y in zip(axes, ("Phase U", "Phase V", "Phase W"), (iu2, iv2, iw2)):
    ax.plot(t, y, color="black", lw=1.4)
    ax.axhline(0, color="0.4", lw=0.8)
    ax.set_ylim(-160, 160)
    ax.set_yticks([-150, -100, -50, 0, 50, 100, 150])
    ax.set_ylabel("A", fontsize=11)
    ax.set_title(name, fontsize=11, loc="left")
    ax.grid(True, color="0.85", lw=0.6)
    ax.tick_params(labelsize=10)
axes[2].set_xlim(0, 25)
axes[2].set_xlabel("Time (ms)", fontsize=11)
fig.tight_layout()
save(fig, __file__)
