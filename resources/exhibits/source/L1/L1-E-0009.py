"""L1-E-0009: fuel tank pressure through PV-1's four-phase EVAP leak test: pull-down to -1.75 kPa,
a small decay, the vapour phase, then the vent commanded open at 59 s with the pressure staying
near -1.5 kPa instead of returning to zero (restricted vent path)."""
import numpy as np

from _kit import figure, save

FS = 11
t = np.linspace(0, 90, 3600)
p = np.zeros_like(t)
m = (t >= 5) & (t < 14)
p[m] = -1.75 * (t[m] - 5) / 9
m = (t >= 14) & (t < 34)
p[m] = -1.75 + 0.10 * (t[m] - 14) / 20
m = (t >= 34) & (t < 39)  # vent commanded open 5 s, restricted: barely recovers
p[m] = -1.65 + 0.05 * (t[m] - 34) / 5
m = (t >= 39) & (t < 59)
p[m] = -1.60 + 0.12 * (t[m] - 39) / 20
m = t >= 59
p[m] = -1.48 + 0.06 * (t[m] - 59) / 31
fig = figure(6.8, 3.6)
ax = fig.add_axes((0.12, 0.16, 0.74, 0.70))
ax.plot(t, p, color="black", lw=1.4)
ax.set_ylim(-2.5, 0.5)
ax.set_yticks([-2.5, -2.0, -1.5, -1.0, -0.5, 0, 0.5])
ax.set_ylabel("Tank pressure (kPa)", fontsize=FS)
ax.set_xlabel("Time (s)", fontsize=FS)
ax.set_xlim(0, 90)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=FS)
for x0, x1, label in ((5, 14, "1"), (14, 34, "2"), (34, 59, "3"), (59, 90, "4")):
    ax.axvspan(x0, x1, color="#eeeeee" if label in "13" else "#dddddd", lw=0)
    ax.text((x0 + x1) / 2, 0.25, f"phase {label}", ha="center", fontsize=FS - 1)
ax.annotate("vent commanded open", xy=(59, -1.48), xytext=(50, -0.6), fontsize=FS - 1,
            arrowprops=dict(arrowstyle="->", color="black", lw=1.0))
sec = ax.secondary_yaxis("right", functions=(lambda k: k * 4.015, lambda w: w / 4.015))
sec.set_ylabel("inH2O", fontsize=FS)
sec.tick_params(labelsize=FS)
ax.set_title("Fuel tank pressure during the EVAP leak test", fontsize=FS + 1, loc="left")
save(fig, __file__)
