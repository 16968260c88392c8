"""L3-D-0019: precharge into a bus loaded by a shorted component; the voltage rises quickly but
levels off near 140 V (divider with the 40-ohm precharge resistor) and the attempt times out."""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kit import save
from _precharge import draw


def volts(t):
    v = np.where(t >= 60, 140.0 * (1 - np.exp(-(t - 60) / 24.0)), 0.0)
    vend = 140.0 * (1 - np.exp(-(600 - 60) / 24.0))
    return np.where(t >= 600, vend * np.exp(-(t - 600) / 15.0), v)


fig = draw(volts, [(20, "negative main closes"), (60, "precharge contactor closes"),
                   (600, "time-out; all contactors open")])
save(fig, __file__)
