"""L3-D-0020: normal precharge, positive main commanded closed, but the bus decays once the
precharge contactor opens (positive main not closing)."""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kit import save
from _precharge import PACK, draw


def volts(t):
    v = np.where(t >= 60, PACK * (1 - np.exp(-(t - 60) / 60.0)), 0.0)
    v340 = PACK * (1 - np.exp(-(340 - 60) / 60.0))
    v = np.where(t >= 340, v340 * np.exp(-(t - 340) / 110.0), v)
    v560 = v340 * np.exp(-(560 - 340) / 110.0)
    return np.where(t >= 560, v560 * np.exp(-(t - 560) / 30.0), v)


fig = draw(volts, [(20, "negative main closes"), (60, "precharge contactor closes"),
                   (260, "positive main commanded closed"), (340, "precharge contactor opens"),
                   (560, "fault; contactors open")])
save(fig, __file__)
