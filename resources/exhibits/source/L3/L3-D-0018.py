"""L3-D-0018: start attempt with a welded positive main; full pack voltage the instant the negative
main closes, before precharge is commanded; the check fails and the contactors are opened."""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kit import save
from _precharge import PACK, draw


def volts(t):
    v = np.where(t >= 20, PACK, 0.0)
    return np.where(t >= 140, PACK * np.exp(-(t - 140) / 45.0), v)


fig = draw(volts, [(20, "negative main closes"), (140, "fault set; contactors open")])
save(fig, __file__)
