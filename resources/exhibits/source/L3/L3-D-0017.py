"""L3-D-0017: precharge attempt with an open precharge resistor; the bus never leaves 0 V."""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kit import save
from _precharge import draw

fig = draw(lambda t: np.zeros_like(t) + 0.5,
           [(20, "negative main closes"), (60, "precharge contactor closes"),
            (600, "time-out; all contactors open")])
save(fig, __file__)
