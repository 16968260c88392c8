"""A2-A-0020: line pressure during a road test; pressure falls at the 2-3 shift and stays low in third and fourth."""
from _kit import figure, save

fig = figure(6.6, 3.8)
ax = fig.add_axes([0.11, 0.14, 0.76, 0.74])

n = 400
t = [40.0 * i / n for i in range(n + 1)]


def pressure(x):
    if x < 8.0:
        return 95.0
    if x < 8.6:  # brief dip as second applies
        return 95.0 - 9.0 * (1 - abs(x - 8.3) / 0.3)
    if x < 18.0:
        return 92.0
    if x < 18.8:  # falls as the 3-4 clutch is fed
        return 92.0 - 23.0 * (x - 18.0) / 0.8
    if x < 28.0:
        return 69.0 + 0.6 * ((int(x * 3) % 3) - 1) * 0.5
    return 68.0 + 0.6 * ((int(x * 3) % 3) - 1) * 0.5


p = [pressure(x) for x in t]
bands = [(0, 8, "1st"), (8, 18, "2nd"), (18, 28, "3rd"), (28, 40, "4th")]
for i, (a, b, label) in enumerate(bands):
    if i % 2 == 0:
        ax.axvspan(a, b, color="0.92", lw=0)
    ax.text((a + b) / 2, 121, label, ha="center", va="center", fontsize=11)
ax.axhspan(85, 100, fill=False, hatch="", lw=0)
ax.axhline(85, color="black", lw=1.0, ls=(0, (5, 3)))
ax.axhline(100, color="black", lw=1.0, ls=(0, (5, 3)))
ax.text(39.5, 101.5, "specification 85-100 psi", ha="right", va="bottom", fontsize=11)
ax.plot(t, p, color="black", lw=2.2)
ax.set_xlim(0, 40)
ax.set_ylim(40, 128)
ax.set_xlabel("Time, s", fontsize=11)
ax.set_ylabel("Line pressure, psi", fontsize=11)
ax.set_title("Line pressure, steady light throttle", fontsize=11)
ax.tick_params(labelsize=11)
ax.set_yticks([40, 60, 80, 100, 120])

kpa = ax.twinx()
kpa.set_ylim(40 * 6.895, 128 * 6.895)
kpa.set_yticks([300, 400, 500, 600, 700, 800])
kpa.set_ylabel("kPa", fontsize=11)
kpa.tick_params(labelsize=11)

save(fig, __file__)
