"""A9-E-0014: DPF differential pressure and calculated soot load over a drive with a full regeneration (ash)."""
import numpy as np

from _kit import figure, save

fig = figure(6.8, 4.6)
top = fig.add_subplot(2, 1, 1)
bottom = fig.add_subplot(2, 1, 2, sharex=top)
t = np.linspace(0, 40, 801)
start, end = 12.0, 30.0
frac = np.clip((t - start) / (end - start), 0, 1)
dp = 9.5 - 2.5 * frac + 0.08 * np.sin(t * 3.1) + 0.05 * np.sin(t * 7.3)
soot = 100 - 97 * frac
for ax in (top, bottom):
    ax.axvspan(start, end, color="#e6e6e6", lw=0)
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
top.plot(t, dp, color="black", lw=1.6)
top.axhline(2.5, color="black", lw=1.2, ls="--")
top.text(39.5, 2.9, "new filter at this flow", ha="right", va="bottom", fontsize=11)
top.text((start + end) / 2, 11.0, "active regeneration", ha="center", va="center", fontsize=11)
top.set_ylim(0, 12)
top.set_ylabel("DPF diff.\npressure (kPa)", fontsize=11)
bottom.plot(t, soot, color="black", lw=1.6)
bottom.set_ylim(0, 120)
bottom.set_ylabel("Calculated\nsoot load (%)", fontsize=11)
bottom.set_xlabel("Time (min)", fontsize=11)
bottom.set_xlim(0, 40)
fig.tight_layout()
save(fig, __file__)
