"""A2-A-0042: converter clutch slip, command and throttle on a grade; slip rises to 200 rpm with full apply commanded."""
from _kit import figure, save

fig = figure(6.6, 5.0)
ax1 = fig.add_axes([0.13, 0.62, 0.83, 0.30])
ax2 = fig.add_axes([0.13, 0.36, 0.83, 0.20], sharex=ax1)
ax3 = fig.add_axes([0.13, 0.10, 0.83, 0.20], sharex=ax1)

n = 800
t = [20.0 * i / n for i in range(n + 1)]


def slip(x):
    if x < 2.0:
        return 90.0
    if x < 5.0:
        return 90.0 - 75.0 * (x - 2.0) / 3.0
    if x < 11.0:
        return 15.0
    if x < 12.0:
        return 15.0 + 185.0 * (x - 11.0)
    import math

    return 200.0 + 12.0 * math.sin(2.3 * x) + 7.0 * math.sin(5.1 * x + 1.0)


def cmd(x):
    if x < 2.0:
        return 0.0
    if x < 4.0:
        return 50.0 * (x - 2.0)
    return 100.0


def tp(x):
    return 15.0 if x < 11.0 else 30.0


ax1.plot(t, [slip(x) for x in t], color="black", lw=2.0)
ax1.set_ylim(0, 260)
ax1.set_ylabel("Slip, rpm", fontsize=11)
ax1.set_title("Converter clutch data, 90 km/h (56 mph), top gear", fontsize=11)
ax2.plot(t, [cmd(x) for x in t], color="black", lw=2.0)
ax2.set_ylim(-5, 115)
ax2.set_yticks([0, 50, 100])
ax2.set_ylabel("TCC\ncommand, %", fontsize=11)
ax3.plot(t, [tp(x) for x in t], color="black", lw=2.0)
ax3.set_ylim(0, 40)
ax3.set_yticks([0, 15, 30])
ax3.set_ylabel("Throttle, %", fontsize=11)
ax3.set_xlim(0, 20)
ax3.set_xticks([0, 5, 10, 15, 20])
ax3.set_xlabel("Time, s", fontsize=11)
for ax in (ax1, ax2, ax3):
    ax.grid(True, color="0.85", lw=0.6)
    ax.tick_params(labelsize=11)
for ax in (ax1, ax2):
    ax.tick_params(labelbottom=False)

save(fig, __file__)
