"""A7-A-0011: high and low side over a drive; after 16 min the low side pulls into a vacuum (moisture freeze-up)."""
import numpy as np
from _kit import figure, save

fig = figure(6.4, 4.6)
top = fig.add_subplot(2, 1, 1)
bot = fig.add_subplot(2, 1, 2, sharex=top)
t = np.linspace(0, 30, 601)


def ramp(t, t0, t1, v0, v1):
    """Hold v0 until t0, move smoothly to v1 by t1, then hold v1."""
    x = np.clip((t - t0) / (t1 - t0), 0, 1)
    return v0 + (v1 - v0) * (3 * x**2 - 2 * x**3)


high = ramp(t, 16, 21, 1400, 700)
low = ramp(t, 16, 20, 200, -20)
top.plot(t, high, color="black", lw=1.8)
bot.plot(t, low, color="black", lw=1.8)
top.set_ylim(0, 1800)
top.set_yticks([0, 400, 800, 1200, 1600])
top.set_ylabel("High side (kPa)", fontsize=11)
top.text(1, 1480, "about 1,400 kPa (203 psi)", fontsize=10)
top.text(22, 780, "about 700 kPa (102 psi)", fontsize=10)
bot.set_ylim(-90, 300)
bot.set_yticks([-50, 0, 50, 100, 150, 200, 250])
bot.axhline(0, color="black", lw=0.8)
bot.set_ylabel("Low side (kPa)", fontsize=11)
bot.text(1, 220, "about 200 kPa (29 psi)", fontsize=10)
bot.text(29.6, -68, "vacuum, about -20 kPa (6 inHg)", fontsize=10, ha="right")
bot.set_xlim(0, 30)
bot.set_xticks(range(0, 31, 2))
bot.set_xlabel("Minutes of driving", fontsize=11)
top.text(0.02, 0.06, "Center vent: 6 °C (43 °F) to minute 16, 20 °C (68 °F) from minute 22\nAirflow strong throughout",
         transform=top.transAxes, fontsize=9.5, ha="left", va="bottom")
for ax in (top, bot):
    ax.grid(True, color="0.85", lw=0.6)
    ax.tick_params(labelsize=10)
top.tick_params(labelbottom=False)
fig.tight_layout()
save(fig, __file__)
