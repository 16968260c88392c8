"""L1-C-0007: coil-on-plug secondary patterns at 2,500 rpm no load: cylinder 3 fires at only about
4 kV with a long, low spark line (spark leaking to the head through a cracked boot); cylinder 4
normal at about 9 kV. Both coils ring normally after the spark line."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kit import save

from _wave import secondary_figure

fig = secondary_figure([("Cylinder 3", 4.0, 0.9, 0.05, 2.3, 4), ("Cylinder 4", 9.0, 1.6, 0.15, 1.5, 4)],
                       "Secondary voltage, 2,500 rpm, no load")
save(fig, __file__)
