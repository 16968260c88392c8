"""Shared waveform helpers for the L1 ignition figures: coil primary current ramps and
coil-on-plug secondary patterns, drawn on a plain matplotlib Figure."""
import numpy as np

from _kit import figure

FS = 11


def ramp(t, r_total, l_h=2.8e-3, volts=14.2, limit=7.5, dwell=1.8e-3, start=0.5e-3):
    """Primary current of an ECM-driven coil: exponential rise, clipped at the driver's limit."""
    i = np.zeros_like(t)
    on = (t >= start) & (t <= start + dwell)
    tt = t[on] - start
    i[on] = np.minimum(volts / r_total * (1 - np.exp(-tt * r_total / l_h)), limit)
    return i


def current_figure(traces, title):
    """traces: [(label, r_total, l_h)] drawn one panel each on a shared time axis (ms)."""
    fig = figure(6.6, 1.7 + 1.45 * len(traces))
    axes = fig.subplots(len(traces), 1, sharex=True)
    t = np.linspace(0, 3.0e-3, 3000)
    for ax, (label, r, l_h) in zip(np.atleast_1d(axes), traces):
        ax.plot(t * 1e3, ramp(t, r, l_h=l_h), color="black", lw=1.4)
        ax.set_ylim(-0.5, 9)
        ax.set_yticks([0, 2.5, 5, 7.5])
        ax.set_ylabel("A", fontsize=FS)
        ax.set_title(label, fontsize=FS + 1, loc="left")
        ax.grid(True, color="#bbbbbb", lw=0.6)
        ax.tick_params(labelsize=FS)
    axes[-1].set_xlabel("Time (ms)", fontsize=FS)
    axes[-1].set_xlim(0, 3.0)
    fig.suptitle(title, fontsize=FS + 1, x=0.02, ha="left")
    fig.tight_layout()
    return fig


def secondary(t, fire_kv, spark_kv, spark_slope, spark_ms, rings=4, ring_kv=2.5, t0=0.5):
    """A coil-on-plug secondary pattern: firing spike, spark line, then coil oscillations."""
    v = np.zeros_like(t)
    w = 0.03
    spike = (t >= t0) & (t < t0 + w)
    v[spike] = fire_kv * (1 - (t[spike] - t0) / w) + spark_kv * (t[spike] - t0) / w
    line = (t >= t0 + w) & (t < t0 + w + spark_ms)
    v[line] = spark_kv + spark_slope * (t[line] - t0 - w)
    after = t >= t0 + w + spark_ms
    ta = t[after] - (t0 + w + spark_ms)
    v[after] = ring_kv * np.exp(-ta / 0.35) * np.cos(2 * np.pi * ta * rings / 1.2)
    return v


def secondary_figure(traces, title):
    """traces: [(label, fire_kv, spark_kv, slope kV/ms, spark_ms, rings)]."""
    fig = figure(6.6, 1.7 + 1.45 * len(traces))
    axes = fig.subplots(len(traces), 1, sharex=True)
    t = np.linspace(0, 4.0, 4000)
    for ax, (label, fk, sk, sl, sm, rg) in zip(np.atleast_1d(axes), traces):
        ax.plot(t, secondary(t, fk, sk, sl, sm, rings=rg), color="black", lw=1.3)
        ax.set_ylim(-4, 20)
        ax.set_yticks([0, 5, 10, 15, 20])
        ax.set_ylabel("kV", fontsize=FS)
        ax.set_title(label, fontsize=FS + 1, loc="left")
        ax.grid(True, color="#bbbbbb", lw=0.6)
        ax.tick_params(labelsize=FS)
    axes[-1].set_xlabel("Time (ms)", fontsize=FS)
    axes[-1].set_xlim(0, 4.0)
    fig.suptitle(title, fontsize=FS + 1, x=0.02, ha="left")
    fig.tight_layout()
    return fig
