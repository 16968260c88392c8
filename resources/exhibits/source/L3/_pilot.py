"""Shared drawing for the L3 EVSE pilot figures: the control pilot measured at a breakout adapter,
1 kHz square wave between a positive level set by the vehicle's state and -12 V."""
import numpy as np
from matplotlib.ticker import MultipleLocator

from _kit import figure


def draw(high, duty, cycles=3):
    fig = figure(6.4, 3.3)
    ax = fig.add_subplot(1, 1, 1)
    t = np.linspace(0, cycles, 6001)  # ms
    v = np.where((t % 1.0) < duty, high, -12.0)
    ax.plot(t, v, color="black", lw=1.8, drawstyle="steps-post")
    ax.axhline(0, color="0.4", lw=0.8)
    ax.set_xlim(0, cycles)
    ax.set_ylim(-14, 14)
    ax.set_yticks(range(-12, 13, 3))
    ax.xaxis.set_major_locator(MultipleLocator(0.5))
    ax.xaxis.set_minor_locator(MultipleLocator(0.1))
    ax.grid(True, which="major", color="0.75", lw=0.7)
    ax.grid(True, which="minor", color="0.9", lw=0.5)
    ax.set_xlabel("Time (ms); minor grid 0.1 ms", fontsize=11)
    ax.set_ylabel("Pilot voltage (V)", fontsize=11)
    ax.tick_params(labelsize=10)
    fig.tight_layout()
    return fig
