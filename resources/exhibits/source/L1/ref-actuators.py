"""PV-1 reference figure: engine actuator feed from fuse F16 through splice S170 to the purge
valve, both cam phaser oil control valves, the wastegate solenoid and the compressor bypass valve,
each switched to ground by an ECM low-side driver."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import draw
from _kit import save

module = {"name": "ECM connector E1", "pins": {
    "E1-20": "purge valve control", "E1-21": "intake OCV control", "E1-22": "exhaust OCV control",
    "E1-23": "wastegate solenoid control", "E1-24": "bypass valve control"}}
components = [
    {"name": name, "pins": [(1, "B+", "feed"), (2, "control", ("ecm", pin, col))]}
    for name, pin, col in (("Purge valve C170", "E1-20", "GY/GN"), ("Intake OCV C171", "E1-21", "BN/BU"),
                           ("Exhaust OCV C172", "E1-22", "BN/VT"), ("Wastegate sol. C173", "E1-23", "BN/OG"),
                           ("Bypass valve C174", "E1-24", "BN/PK"))
]
buses = {"feed": {"kind": "feed", "label": "F16 10 A", "colour": "RD/OG", "splice": "S170"}}
save(draw(module, components, buses), __file__)
