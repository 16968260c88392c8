"""A1-D-0009: cooling-system pressure tester gauge: holds cold with the engine off, then climbs in pulses once the cold engine runs."""
import numpy as np

from _kit import figure, save

fig = figure(6.8, 3.6)
ax_off, ax_run = fig.subplots(1, 2, sharey=True, gridspec_kw={"width_ratios": [1, 1.3]})

# Left: pumped to the cap rating, engine off and cold, 15 minutes.
t_off = np.linspace(0, 15, 300)
p_off = 110 - 2.0 * t_off / 15
ax_off.plot(t_off, p_off, color="black", lw=1.8)
ax_off.set_xlim(0, 15)
ax_off.set_xticks([0, 5, 10, 15])
ax_off.set_xlabel("Time (min)", fontsize=11)
ax_off.set_title("Engine off, cold", fontsize=12, loc="left")

# Right: pressure released, cold engine started; gauge climbs in pulses.
t_run = np.linspace(0, 60, 3000)
rise = 90 * (1 - np.exp(-t_run / 38)) / (1 - np.exp(-60 / 38))
pulse = 4.0 * np.clip(np.sin(2 * np.pi * t_run / 1.6), 0, None) ** 3 * np.clip(t_run / 5, 0, 1)
ax_run.plot(t_run, rise + pulse, color="black", lw=1.0)
ax_run.set_xlim(0, 60)
ax_run.set_xticks([0, 15, 30, 45, 60])
ax_run.set_xlabel("Time after start (s)", fontsize=11)
ax_run.set_title("Pressure released, cold engine started", fontsize=12, loc="left")
ax_run.axhline(110, color="black", lw=0.9, ls="--")
ax_run.text(2, 112, "cap rating 110 kPa (16 psi)", fontsize=10)

ax_off.set_ylim(0, 125)
ax_off.set_yticks([0, 20, 40, 60, 80, 100, 120])
ax_off.set_ylabel("Gauge pressure (kPa)", fontsize=11)
sec = ax_run.secondary_yaxis("right", functions=(lambda k: k / 6.895, lambda p: p * 6.895))
sec.set_ylabel("psi", fontsize=11)
sec.tick_params(labelsize=11)
for ax in (ax_off, ax_run):
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
fig.tight_layout()
save(fig, __file__)
