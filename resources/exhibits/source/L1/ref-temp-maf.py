"""PV-1 reference figure: ECT sensor and MAF/IAT 1 sensor circuits (1 kOhm pull-ups to 5 V in the
ECM, low reference E shared), MAF feed and ground, knock sensor."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import draw
from _kit import save

module = {"name": "ECM connector E1", "pins": {
    "E1-55": "ECT signal (1 k to 5 V)", "E1-56": "LOW REF E", "E1-43": "MAF signal",
    "E1-44": "IAT 1 signal (1 k to 5 V)", "E1-60": "knock signal", "E1-61": "knock low"}}
components = [
    {"name": "ECT sensor C130", "pins": [(1, "signal", ("ecm", "E1-55", "YE")), (2, "low ref", "low")]},
    {"name": "MAF / IAT 1 C111", "pins": [(1, "B+", ("end", "F14 10 A", "RD/GN")), (2, "ground", ("end", "G101", "BK")),
                                          (3, "MAF", ("ecm", "E1-43", "GN/WH")), (4, "IAT 1", ("ecm", "E1-44", "YE/RD")),
                                          (5, "low ref", "low")]},
    {"name": "Knock sensor C135", "pins": [(1, "signal", ("ecm", "E1-60", "WH")), (2, "low", ("ecm", "E1-61", "WH/BK"))]},
]
buses = {"low": {"kind": "ecm", "end": "bottom", "pin": "E1-56", "colour": "BK/YE", "splice": "S130"}}
save(draw(module, components, buses), __file__)
