"""Shared drawing for the L3 HVIL figures: the interlock loop from the battery management module
through four HV connectors and back, with the voltage read at test points 1-5."""
from matplotlib.patches import Rectangle

from _kit import figure

PARTS = ("Service\ndisconnect\nplug", "Inverter\nHV\nconnector", "Electric\ncompressor\nconnector",
         "Coolant\nheater\nconnector")


def draw(readings):
    """readings: five strings for test points 1-5."""
    fig = figure(8.4, 3.7)
    ax = fig.add_axes((0.01, 0.02, 0.98, 0.96))
    ax.set_xlim(-0.2, 20.6)
    ax.set_ylim(-4.0, 2.6)
    ax.set_axis_off()
    yt, yb = 0.55, -2.45
    ax.add_patch(Rectangle((0, -3.0), 3.0, 4.2, fill=False, lw=1.6))
    ax.text(1.5, -0.9, "Battery\nmanagement\nmodule", ha="center", va="center", fontsize=11)
    ax.text(2.9, yt + 0.25, "HVIL out", ha="right", va="bottom", fontsize=9)
    ax.text(2.9, yb + 0.25, "HVIL return", ha="right", va="bottom", fontsize=9)
    w, h = 2.5, 2.0
    xs = [6.2, 10.1, 14.0, 17.9]
    for x, name in zip(xs, PARTS):
        ax.add_patch(Rectangle((x - w / 2, yt - h / 2), w, h, fill=False, lw=1.6))
        ax.text(x, yt, name, ha="center", va="center", fontsize=9.5)
    ax.plot([3.0, xs[0] - w / 2], [yt, yt], color="black", lw=1.5)
    for a, b in zip(xs[:-1], xs[1:]):
        ax.plot([a + w / 2, b - w / 2], [yt, yt], color="black", lw=1.5)
    xr = xs[-1] + w / 2 + 0.8
    ax.plot([xs[-1] + w / 2, xr, xr, 3.0], [yt, yt, yb, yb], color="black", lw=1.5)
    tps = [((3.0 + xs[0] - w / 2) / 2, yt)]
    tps += [((a + w / 2 + b - w / 2) / 2, yt) for a, b in zip(xs[:-1], xs[1:])]
    tps += [(12.0, yb)]
    for i, ((x, y), reading) in enumerate(zip(tps, readings), 1):
        ax.plot([x], [y], marker="o", color="black", ms=7)
        if y > 0:
            ax.text(x, y + 0.3, reading, ha="center", va="bottom", fontsize=11)
            ax.text(x, y + 0.95, f"TP{i}", ha="center", va="bottom", fontsize=11, fontweight="bold")
        else:
            ax.text(x, y - 0.3, reading, ha="center", va="top", fontsize=11)
            ax.text(x, y - 0.95, f"TP{i}", ha="center", va="top", fontsize=11, fontweight="bold")
    ax.text(10.3, 2.55, "Ignition on; voltage to ground, back-probed at each test point",
            ha="center", va="top", fontsize=10)
    return fig
