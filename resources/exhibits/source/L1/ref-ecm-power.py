"""PV-1 reference figure: ECM power, grounds, ignition wake-up input, main relay control and the
cooling fan relay controls."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import draw
from _kit import save

module = {"name": "ECM connector E2", "pins": {
    "E2-1": "B+ keep-alive", "E2-3": "main relay power", "E2-4": "main relay power", "E2-5": "ignition run input",
    "E2-6": "main relay coil control", "E2-7": "ground", "E2-8": "ground", "E2-50": "fan 1 relay control",
    "E2-51": "fan 2 relay control"}}
components = [
    {"name": "Fuse F12 10 A (battery)", "pins": [("F12", "out", ("ecm", "E2-1", "RD"))]},
    {"name": "Fuse F18 15 A (main relay)", "pins": [("S260", "F18 out", ("ecm", "E2-3", "RD/WH")),
                                                    ("S260", "F18 out", ("ecm", "E2-4", "RD/WH"))]},
    {"name": "Fuse F5 5 A (run)", "pins": [("F5", "out", ("ecm", "E2-5", "PK"))]},
    {"name": "Main relay K1", "pins": [(85, "coil -", ("ecm", "E2-6", "BN/WH")), (86, "coil +", ("end", "F12", "RD"))]},
    {"name": "Ground G102 (engine)", "pins": [("S261", "G102", ("ecm", "E2-7", "BK")), ("S261", "G102", ("ecm", "E2-8", "BK"))]},
    {"name": "Fan 1 relay K5 (low)", "pins": [(85, "coil -", ("ecm", "E2-50", "BN/RD"))]},
    {"name": "Fan 2 relay K6 (high)", "pins": [(85, "coil -", ("ecm", "E2-51", "BN/BK"))]},
]
save(draw(module, components, {}), __file__)
