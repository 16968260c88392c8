"""L1-C-0004: primary current ramps at warm idle, coil 1 bends over and reaches only about 4 A by
the end of its 1.8 ms dwell (extra resistance in its feed); coil 2 normal, reaching the 7.5 A limit."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kit import save

from _wave import current_figure

fig = current_figure([("Coil 1", 0.55 + 2.4, 2.8e-3), ("Coil 2", 0.55, 2.8e-3)],
                     "Primary current, warm idle, 14.2 V")
save(fig, __file__)
