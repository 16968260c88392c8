"""L1-E-0004: A/F sensor lambda and Sensor 2 voltage over a 60 s road test with a decel fuel cut
(20-28 s) and a full-throttle enrichment (40-46 s); Sensor 2 stays flat at 0.45 V throughout."""
import numpy as np

from _kit import figure, save

FS = 11
t = np.linspace(0, 60, 3000)
lam = 1.0 + 0.01 * np.sin(2 * np.pi * t / 1.3)
lam = np.where((t > 20) & (t < 28), 2.0, lam)
lam = np.where((t > 40) & (t < 46), 0.92, lam)
s2 = 0.45 + 0.003 * np.sin(2 * np.pi * t / 7.0)
fig = figure(6.8, 4.2)
ax1, ax2 = fig.subplots(2, 1, sharex=True)
ax1.plot(t, lam, color="black", lw=1.3)
ax1.set_ylim(0.7, 2.2)
ax1.set_yticks([1.0, 1.5, 2.0])
ax1.set_yticklabels(["1.00", "1.50", "air"])
ax1.set_ylabel("lambda", fontsize=FS)
ax1.set_title("A/F sensor (Sensor 1)", fontsize=FS + 1, loc="left")
ax2.plot(t, s2, color="black", lw=1.3)
ax2.set_ylim(0, 1.0)
ax2.set_yticks([0, 0.2, 0.45, 0.7, 1.0])
ax2.set_ylabel("V", fontsize=FS)
ax2.set_title("Sensor 2", fontsize=FS + 1, loc="left")
for ax in (ax1, ax2):
    ax.axvspan(20, 28, color="#dddddd", lw=0)
    ax.axvspan(40, 46, color="#eeeeee", lw=0)
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=FS)
ax1.text(24, 1.45, "decel\nfuel cut", ha="center", fontsize=FS - 1)
ax1.text(43, 1.2, "full throttle,\nlambda 0.92", ha="center", fontsize=FS - 1)
ax2.set_xlabel("Time (s)", fontsize=FS)
ax2.set_xlim(0, 60)
fig.tight_layout()
save(fig, __file__)
