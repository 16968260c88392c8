"""A8-C-0006: injector control-side voltage at idle; injector 1 switches normally, injector 2 sits at 14 V with no pull-down over a full engine cycle (failed ECM driver)."""
import numpy as np

from _kit import figure, save


def injector(t, period=171.0, start=4.0, width=3.0):
    v = np.full_like(t, 14.0)
    ph = t % period
    on = (ph >= start) & (ph < start + width)
    v = np.where(on, 0.3, v)
    after = ph - (start + width)
    spike = (after >= 0) & (after < 1.2)
    kick = 14.0 + 51.0 * np.exp(-after / 0.12) * (after >= 0.02) + 51.0 * (after < 0.02)
    return np.where(spike, np.minimum(kick, 65.0), v)


t = np.linspace(0, 180, 36000)
fig = figure(6.4, 4.2)
axes = fig.subplots(2, 1, sharex=True)
for ax, title, v in (
    (axes[0], "Injector 1 (injectors 3 and 4 alike)", injector(t, start=20.0)),
    (axes[1], "Injector 2", np.full_like(t, 14.0)),
):
    ax.plot(t, v, color="black", lw=1.3)
    ax.set_title(title, fontsize=12, loc="left")
    ax.set_ylim(-5, 75)
    ax.set_yticks([0, 14, 35, 65])
    ax.set_ylabel("Volts", fontsize=11)
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
axes[1].set_xlabel("Time (ms)", fontsize=11)
axes[1].set_xlim(0, 180)
fig.tight_layout()
save(fig, __file__)
