"""L3-C-0005: resolver signals at the inverter connector while the drive wheel is turned by hand;
excitation and sine output normal, cosine output flat (open cosine winding circuit)."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 4.8)
axes = fig.subplots(3, 1, sharex=True)
t = np.linspace(0, 500, 2001)  # ms
theta = 2 * np.pi * t / 400.0  # one electrical turn in 400 ms
rng = np.random.default_rng(7)

bands = (
    ("Excitation (10 kHz carrier)", np.full_like(t, 10.0)),
    ("Sine output", 4.0 * np.abs(np.sin(theta))),
    ("Cosine output", np.full_like(t, 0.0)),
)
for ax, (title, env) in zip(axes, bands):
    if env.max() > 0:
        ax.fill_between(t, -env, env, color="0.72", lw=0)
        ax.plot(t, env, color="black", lw=1.0)
        ax.plot(t, -env, color="black", lw=1.0)
    else:
        ax.plot(t, 0.08 * rng.standard_normal(t.size), color="black", lw=0.8)
    ax.set_ylim(-12, 12)
    ax.set_yticks([-10, -5, 0, 5, 10])
    ax.set_ylabel("V", fontsize=11)
    ax.set_title(title, fontsize=11, loc="left")
    ax.grid(True, color="0.85", lw=0.6)
    ax.tick_params(labelsize=10)
axes[2].set_xlim(0, 500)
axes[2].set_xlabel("Time (ms); the 10 kHz carrier shows as a solid band at this time base", fontsize=10)
fig.tight_layout()
save(fig, __file__)
