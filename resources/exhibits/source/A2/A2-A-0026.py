"""A2-A-0026: scan graph at steady cruise; output speed drops to zero for an instant while input and ABS speeds stay steady."""
from _kit import figure, save

fig = figure(6.6, 5.2)
top = fig.add_axes([0.13, 0.50, 0.83, 0.43])
mid = fig.add_axes([0.13, 0.31, 0.83, 0.13], sharex=top)
low = fig.add_axes([0.13, 0.09, 0.83, 0.15], sharex=top)

n = 1000
t = [10.0 * i / n for i in range(n + 1)]
drops = [2.0, 3.5, 5.0]


def output(x):
    for d in drops:
        if d <= x < d + 0.1:
            return 0.0
    return 2000.0


def inp(x):
    if 5.5 <= x < 8.0:
        return 1700.0
    if 5.2 <= x < 5.5:
        return 1350.0 + 350.0 * (x - 5.2) / 0.3
    if 8.0 <= x < 8.3:
        return 1700.0 - 350.0 * (x - 8.0) / 0.3
    return 1350.0


top.plot(t, [output(x) for x in t], color="black", lw=2.0, label="Output shaft speed")
top.plot(t, [inp(x) for x in t], color="black", lw=1.2, ls=(0, (6, 3)), label="Input (turbine) speed")
top.set_ylim(0, 3200)
top.set_ylabel("rpm", fontsize=11)
top.set_title("Steady 100 km/h (62 mph), accelerator held still", fontsize=11)
top.tick_params(labelsize=11, labelbottom=False)
top.grid(True, color="0.85", lw=0.6)
top.legend(loc="lower right", fontsize=11, frameon=True, edgecolor="black")

mid.plot(t, [100.0 for _ in t], color="black", lw=2.0)
mid.set_ylim(0, 130)
mid.set_yticks([0, 50, 100])
mid.set_ylabel("ABS speed,\nkm/h", fontsize=11)
mid.tick_params(labelsize=11, labelbottom=False)
mid.grid(True, color="0.85", lw=0.6)


def gear(x):
    return 5 if 5.2 <= x < 8.0 else 6


low.step(t, [gear(x) for x in t], where="post", color="black", lw=2.0)
low.set_ylim(4.5, 6.5)
low.set_yticks([5, 6])
low.set_ylabel("Commanded\ngear", fontsize=11)
low.set_xlim(0, 10)
low.set_xlabel("Time, s", fontsize=11)
low.tick_params(labelsize=11)
low.grid(True, color="0.85", lw=0.6)

save(fig, __file__)
