"""Shared drawing for the L3 precharge figures: HV bus voltage during a start attempt, with the
pack voltage, the 95% precharge threshold and the contactor events marked."""
import numpy as np

from _kit import figure

PACK = 356.0


def draw(volts, events, t_end=800):
    """volts(t_ms) -> bus voltage; events: list of (t_ms, label)."""
    fig = figure(6.6, 3.9)
    ax = fig.add_axes((0.11, 0.13, 0.86, 0.58))
    t = np.linspace(0, t_end, 4001)
    ax.plot(t, volts(t), color="black", lw=2.0)
    ax.axhline(PACK, color="black", lw=1.0, ls="--")
    ax.text(t_end - 6, PACK + 6, "pack voltage 356 V", ha="right", va="bottom", fontsize=10)
    ax.axhline(0.95 * PACK, color="black", lw=0.9, ls=":")
    ax.text(t_end - 6, 0.95 * PACK - 8, "95% = 338 V", ha="right", va="top", fontsize=10)
    for i, (te, _label) in enumerate(events, 1):
        ax.axvline(te, color="0.35", lw=0.9, ls="-.")
        ax.text(te, 418, str(i), ha="center", va="bottom", fontsize=11, fontweight="bold")
    ax.set_xlim(0, t_end)
    ax.set_ylim(0, 410)
    ax.set_yticks(range(0, 401, 50))
    ax.set_xticks(range(0, t_end + 1, 100))
    ax.set_xlabel("Time from start request (ms)", fontsize=11)
    ax.set_ylabel("HV bus voltage (V)", fontsize=11)
    ax.grid(True, color="0.88", lw=0.6)
    ax.tick_params(labelsize=10)
    lines = [f"{i}: {label} ({te} ms)" for i, (te, label) in enumerate(events, 1)]
    half = len(lines) if len(lines) <= 3 else (len(lines) + 1) // 2
    fig.text(0.11, 0.97, "\n".join(lines[:half]), ha="left", va="top", fontsize=10, linespacing=1.4)
    if lines[half:]:
        fig.text(0.55, 0.97, "\n".join(lines[half:]), ha="left", va="top", fontsize=10, linespacing=1.4)
    return fig
