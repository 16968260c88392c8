"""PV-1 reference figure: fuel pump control module (FPCM) connector C310: battery feed, ground,
ignition wake-up, HS-CAN pair, and the pump motor output to the tank connector C320."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import draw
from _kit import save

module = {"name": "FPCM connector C310", "pins": {
    "C310-1": "B+", "C310-2": "ground", "C310-3": "ignition run (wake)", "C310-4": "HS-CAN H",
    "C310-5": "HS-CAN L", "C310-6": "pump +", "C310-7": "pump -"}}
components = [
    {"name": "Fuse F21 25 A (battery)", "pins": [("F21", "out", ("ecm", "C310-1", "RD/BN"))]},
    {"name": "Ground G301", "pins": [("G301", "body", ("ecm", "C310-2", "BK"))]},
    {"name": "Fuse F8 10 A (run)", "pins": [("F8", "out", ("ecm", "C310-3", "PK/WH"))]},
    {"name": "HS-CAN bus (see CAN figure)", "pins": [("H", "CAN H", ("ecm", "C310-4", "GN/OG")), ("L", "CAN L", ("ecm", "C310-5", "GN"))]},
    {"name": "Fuel pump C320", "pins": [(1, "motor +", ("ecm", "C310-6", "GY")), (2, "motor -", ("ecm", "C310-7", "BK/WH"))]},
]
save(draw(module, components, {}, comp_x=4.7, width=7.2), __file__)
