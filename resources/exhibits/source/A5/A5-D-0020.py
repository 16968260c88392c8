"""A5-D-0020: scope patterns of the left and right rear passive wheel speed sensors; the right swells and fades once per turn."""
import math

from _kit import figure, save

fig = figure(7.0, 4.4)
top = fig.add_axes([0.10, 0.585, 0.84, 0.33])
bottom = fig.add_axes([0.10, 0.13, 0.84, 0.33])

f = 160.0  # Hz: 40-tooth ring at 4 rev/s
n = 4000
t = [0.5 * i / n for i in range(n + 1)]  # 0-500 ms
amp = 0.8


def wave(ti, swing=0.0):
    # swing: how far the peak voltage swells and fades once per revolution (4 rev/s)
    peak = amp + swing * math.sin(2 * math.pi * 4.0 * ti)
    return peak * math.sin(2 * math.pi * f * ti)


left = [wave(x) for x in t]
right = [wave(x, swing=0.5) for x in t]
ms = [1000 * x for x in t]

for ax, data, title in ((top, left, "Left rear sensor"), (bottom, right, "Right rear sensor")):
    ax.plot(ms, data, color="black", lw=0.8)
    ax.set_xlim(0, 500)
    ax.set_ylim(-1.6, 2.1)  # same scale on both traces
    ax.set_yticks([-1, 0, 1])
    ax.set_ylabel("Volts", fontsize=11)
    ax.set_title(title, fontsize=11, loc="left")
    ax.tick_params(labelsize=11)
    ax.grid(True, color="0.85", lw=0.6)

bottom.annotate("", xy=(312.5, 1.5), xytext=(62.5, 1.5),
                arrowprops=dict(arrowstyle="<->", color="black", lw=1.0))
bottom.text(187.5, 1.68, "250 ms = one wheel revolution", ha="center", va="bottom", fontsize=11)
bottom.set_xlabel("Time, ms (wheel turning steadily, 4 revolutions per second)", fontsize=11)

save(fig, __file__)
