"""PV-1 reference figure: HS-CAN (ECM, TCM, ABS, FPCM, BCM-GW, DLC 6/14) and MS-CAN (BCM-GW, IMMO,
HVAC, audio, IPC, DLC 3/11), with the four 120 ohm terminating resistors."""
from matplotlib.patches import Rectangle

from _kit import figure, save

FS = 9
fig = figure(8.0, 5.0)
ax = fig.add_axes((0, 0, 1, 1))
ax.set_xlim(0, 8.0)
ax.set_ylim(0, 5.0)
ax.set_axis_off()


def box(x1, y1, x2, y2, lines, weight="bold"):
    ax.add_patch(Rectangle((x1, y1), x2 - x1, y2 - y1, fill=False, lw=1.4))
    cy = (y1 + y2) / 2 + 0.11 * (len(lines) - 1)
    for i, t in enumerate(lines):
        ax.text((x1 + x2) / 2, cy - 0.22 * i, t, ha="center", va="center", fontsize=FS,
                weight=weight if i == 0 else "normal")


def line(x1, y1, x2, y2):
    ax.plot([x1, x2], [y1, y2], color="black", lw=1.2)


def dot(x, y):
    ax.plot([x], [y], "o", color="black", ms=4)


HS_H, HS_L, MS_H, MS_L = 3.95, 3.65, 1.45, 1.15
X0, X1 = 1.6, 6.55
line(X0, HS_H, X1, HS_H)
line(X0, HS_L, X1, HS_L)
line(X0, MS_H, X1, MS_H)
line(X0, MS_L, X1, MS_L)
ax.text(X0 + 0.08, HS_H + 0.04, "H: GN/OG", fontsize=FS, va="bottom")
ax.text(X0 + 0.08, HS_L - 0.04, "L: GN", fontsize=FS, va="top")
ax.text(X0 + 0.08, MS_H + 0.04, "H: VT/WH", fontsize=FS, va="bottom")
ax.text(X0 + 0.08, MS_L - 0.04, "L: VT", fontsize=FS, va="top")
ax.text(4.1, 4.95, "HS-CAN 500 kbit/s", ha="center", va="top", fontsize=FS + 1, weight="bold")
ax.text(4.1, 0.05, "MS-CAN 125 kbit/s", ha="center", va="bottom", fontsize=FS + 1, weight="bold")

# end modules with terminators
box(0.15, 3.3, X0, 4.3, ["ECM", "E2-10 H, E2-11 L", "120 ohm inside"])
box(0.15, 0.8, X0, 1.8, ["IPC", "pins 12 H, 13 L", "120 ohm inside"])
box(X1, 0.8, 7.85, 4.3, ["BCM-GW", "gateway", "HS pins 1 H, 2 L", "MS pins 7 H, 8 L", "120 ohm on HS", "120 ohm on MS"])

# stub modules on HS-CAN (above)
for x, lines_, pins in ((3.0, ["TCM"], ("9", "10")), (4.1, ["ABS"], ("14", "15")), (5.9, ["FPCM", "C310"], ("4", "5"))):
    box(x - 0.36, 4.3, x + 0.36, 4.78, lines_)
    line(x - 0.15, 4.3, x - 0.15, HS_H)
    dot(x - 0.15, HS_H)
    line(x + 0.15, 4.3, x + 0.15, HS_L)
    dot(x + 0.15, HS_L)
    ax.text(x - 0.19, 4.12, pins[0], ha="right", va="center", fontsize=FS)
    ax.text(x + 0.19, 4.12, pins[1], ha="left", va="center", fontsize=FS)

# stub modules on MS-CAN (below)
for x, name, pins in ((3.0, "IMMO", ("3", "4")), (4.1, "HVAC", ("6", "7")), (5.9, "Audio", ("11", "12"))):
    box(x - 0.36, 0.35, x + 0.36, 0.83, [name])
    line(x - 0.15, 0.83, x - 0.15, MS_H)
    dot(x - 0.15, MS_H)
    line(x + 0.15, 0.83, x + 0.15, MS_L)
    dot(x + 0.15, MS_L)
    ax.text(x - 0.19, 0.98, pins[0], ha="right", va="center", fontsize=FS)
    ax.text(x + 0.19, 0.98, pins[1], ha="left", va="center", fontsize=FS)

# DLC between the buses
box(4.15, 2.15, 5.65, 3.0, ["DLC C250", "4, 5 ground", "16 B+"])
for x, y_end, pin, _splice in ((4.75, HS_H, "6", "S201"), (5.05, HS_L, "14", "S202")):
    line(x, 3.0, x, y_end)
    dot(x, y_end)
    ax.text(x - 0.05, 3.3, pin, ha="right", va="center", fontsize=FS)
for x, y_end, pin in ((4.75, MS_H, "3"), (5.05, MS_L, "11")):
    line(x, 2.15, x, y_end)
    dot(x, y_end)
    ax.text(x - 0.05, 1.8, pin, ha="right", va="center", fontsize=FS)
ax.text(5.1, HS_L - 0.04, "S201, S202", ha="left", va="top", fontsize=FS)
ax.text(5.1, MS_H + 0.04, "S203, S204", ha="left", va="bottom", fontsize=FS)
save(fig, __file__)
