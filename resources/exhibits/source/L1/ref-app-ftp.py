"""PV-1 reference figure: accelerator pedal sensors on 5 V references C and D; 5 V reference D and
low reference D shared with the fuel tank pressure sensor; canister vent solenoid."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import draw
from _kit import save

module = {"name": "ECM connector E2", "pins": {
    "E2-14": "5 V REF C", "E2-15": "APP 1 signal", "E2-16": "LOW REF C", "E2-30": "5 V REF D",
    "E2-31": "APP 2 signal", "E2-32": "LOW REF D", "E2-33": "FTP signal", "E2-41": "vent solenoid control"}}
components = [
    {"name": "APP sensor C205", "pins": [(1, "5 V REF C", ("ecm", "E2-14", "BU")), (2, "APP 1", ("ecm", "E2-15", "BU/WH")),
                                         (3, "low ref C", ("ecm", "E2-16", "BK/BU")), (4, "5 V REF D", "ref"),
                                         (5, "APP 2", ("ecm", "E2-31", "YE/VT")), (6, "low ref D", "low")]},
    {"name": "FTP sensor C331", "pins": [(3, "5 V", "ref"), (2, "signal", ("ecm", "E2-33", "VT/YE")), (1, "low ref", "low")]},
    {"name": "Vent solenoid C330", "pins": [(1, "B+", ("end", "F17 5 A", "RD/PK")), (2, "control", ("ecm", "E2-41", "GY/YE"))]},
]
buses = {
    "ref": {"kind": "ecm", "end": "top", "pin": "E2-30", "colour": "GY/BU", "splice": "S250"},
    "low": {"kind": "ecm", "end": "bottom", "pin": "E2-32", "colour": "BK/VT", "splice": "S251"},
}
save(draw(module, components, buses), __file__)
