"""A8-B-0005: secondary ignition patterns at idle, cylinder 1 (typical) beside cylinder 2."""
import numpy as np

from _kit import figure, save


def pattern(t, fire_kv, spark_kv, spark_ms, slope):
    v = np.zeros_like(t)
    t0 = 0.5
    rise = (t >= t0) & (t < t0 + 0.04)
    v = np.where(rise, fire_kv, v)
    spark = (t >= t0 + 0.04) & (t < t0 + spark_ms)
    v = np.where(spark, spark_kv + slope * (t - t0), v)
    ring = t >= t0 + spark_ms
    tr = t - (t0 + spark_ms)
    v = np.where(ring, 2.5 * np.exp(-tr / 0.35) * np.cos(2 * np.pi * tr / 0.28), v)
    return v


t = np.linspace(0, 3.5, 4000)
fig = figure(6.4, 3.6)
axes = fig.subplots(1, 2, sharey=True)
for ax, title, args in (
    (axes[0], "Cylinder 1 (1, 3, 4 alike)", (9.0, 1.6, 1.6, 0.15)),
    (axes[1], "Cylinder 2", (18.0, 3.2, 0.7, 1.6)),
):
    ax.plot(t, pattern(t, *args), color="black", lw=1.3)
    ax.set_title(title, fontsize=12)
    ax.set_xlim(0, 3.5)
    ax.set_ylim(-4, 22)
    ax.set_xlabel("Time (ms)", fontsize=11)
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
axes[0].set_ylabel("Secondary (kV)", fontsize=11)
fig.tight_layout()
save(fig, __file__)
