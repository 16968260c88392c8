"""A5-D-0020: scope patterns of the left and right rear passive wheel speed sensors; the right shows a gap once per turn."""
import math

from _kit import figure, save

fig = figure(7.0, 4.4)
top = fig.add_axes([0.10, 0.60, 0.84, 0.30])
bottom = fig.add_axes([0.10, 0.12, 0.84, 0.36])

f = 160.0  # Hz: 40-tooth ring at 4 rev/s
n = 4000
t = [0.5 * i / n for i in range(n + 1)]  # 0-500 ms
amp = 0.8


def wave(ti, gaps=()):
    for g in gaps:
        if g <= ti < g + 2 / f:
            return 0.0
    return amp * math.sin(2 * math.pi * f * ti)


left = [wave(x) for x in t]
right = [wave(x, gaps=(0.0875, 0.3375)) for x in t]
ms = [1000 * x for x in t]

for ax, data, title in ((top, left, "Left rear sensor"), (bottom, right, "Right rear sensor")):
    ax.plot(ms, data, color="black", lw=0.8)
    ax.set_xlim(0, 500)
    ax.set_ylim(-1.2, 1.2)
    ax.set_yticks([-1, 0, 1])
    ax.set_ylabel("Volts", fontsize=11)
    ax.set_title(title, fontsize=11, loc="left")
    ax.tick_params(labelsize=11)
    ax.grid(True, color="0.85", lw=0.6)

bottom.set_ylim(-1.2, 2.0)
bottom.annotate("", xy=(337.5, 1.25), xytext=(87.5, 1.25),
                arrowprops=dict(arrowstyle="<->", color="black", lw=1.0))
bottom.text(212.5, 1.38, "250 ms = one wheel revolution", ha="center", va="bottom", fontsize=11)
bottom.set_xlabel("Time, ms (wheel turning steadily, 4 revolutions per second)", fontsize=11)

save(fig, __file__)
