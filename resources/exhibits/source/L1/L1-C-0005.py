"""L1-C-0005: primary current ramps at warm idle, coil 3 rises steeply and sits on the 7.5 A limit
from about 0.7 ms (shorted primary turns, low inductance); coil 4 normal."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kit import save

from _wave import current_figure

fig = current_figure([("Coil 3", 0.42, 1.0e-3), ("Coil 4", 0.55, 2.8e-3)],
                     "Primary current, warm idle, 14.2 V")
save(fig, __file__)
