"""A8-B-0017: primary current ramps of two coil-on-plug coils at idle, same commanded dwell; coil 5 rises
at the same initial slope but bends over to a lower current (less voltage across the coil)."""
import numpy as np

from _kit import figure, save


def ramp(t, final, tau, dwell=3.0):
    i = final * (1 - np.exp(-np.clip(t, 0, None) / tau))
    return np.where((t >= 0) & (t < dwell), i, 0.0)


t = np.linspace(-0.5, 4.0, 3000)
fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
ax.plot(t, ramp(t, 14.0, 5.0), color="black", lw=1.6, label="Coil 2 (coils 1, 3, 4 and 6 alike)")
ax.plot(t, ramp(t, 5.0, 5.0 / 2.8), color="black", lw=1.6, ls="--", label="Coil 5")
ax.set_xlim(-0.5, 4.0)
ax.set_ylim(0, 10)
ax.set_xlabel("Time from start of dwell (ms)", fontsize=11)
ax.set_ylabel("Primary current (A)", fontsize=11)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=11)
ax.legend(loc="upper left", fontsize=11, frameon=False)
fig.tight_layout()
save(fig, __file__)
