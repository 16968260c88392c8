"""L1-C-0006: coil-on-plug secondary patterns at 2,500 rpm no load: cylinder 2 fires at about 17 kV
with a short, rising spark line (wide plug gap); cylinder 1 normal at about 9 kV."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kit import save

from _wave import secondary_figure

fig = secondary_figure([("Cylinder 1", 9.0, 1.6, 0.15, 1.5, 4), ("Cylinder 2", 17.0, 3.4, 1.4, 0.75, 4)],
                       "Secondary voltage, 2,500 rpm, no load")
save(fig, __file__)
