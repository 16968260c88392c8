"""PV-1 reference figure: coil-on-plug circuits, feed from fuse F31 through splice S150, ECM
low-side drivers, coil grounds to G101."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import draw
from _kit import save

module = {"name": "ECM connector E1", "pins": {
    "E1-90": "coil 1 driver", "E1-91": "coil 2 driver", "E1-92": "coil 3 driver", "E1-93": "coil 4 driver"}}
components = [
    {"name": f"Coil {n} C16{n}", "pins": [(1, "B+", "feed"), (2, "driver", ("ecm", f"E1-9{n - 1}", col)), (3, "ground", "gnd")]}
    for n, col in ((1, "GN/RD"), (2, "GN/VT"), (3, "GN/BU"), (4, "GN/OG"))
]
buses = {
    "feed": {"kind": "feed", "label": "F31 20 A", "colour": "RD/BK", "splice": "S150"},
    "gnd": {"kind": "ground", "label": "G101", "colour": "BK", "splice": "S151"},
}
save(draw(module, components, buses), __file__)
