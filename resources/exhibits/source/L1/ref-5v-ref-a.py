"""PV-1 reference figure: 5 V reference A and low reference A, shared by the throttle position
sensors, MAP, boost pressure/IAT 2, fuel rail pressure and low-side fuel pressure sensors; ETC motor pins."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import draw
from _kit import save

module = {"name": "ECM connector E1", "pins": {
    "E1-1": "ETC motor +", "E1-2": "ETC motor -", "E1-35": "5 V REF A", "E1-36": "LOW REF A", "E1-37": "TP 1 signal", "E1-38": "TP 2 signal",
    "E1-39": "MAP signal", "E1-40": "BPS signal", "E1-42": "IAT 2 signal", "E1-41": "FRP signal",
    "E1-34": "FPS-L signal"}}
components = [
    {"name": "Throttle body C105", "pins": [(1, "motor +", ("ecm", "E1-1", "RD/BU")), (2, "motor -", ("ecm", "E1-2", "BU/RD")), (3, "5 V", "ref"), (5, "TP 1", ("ecm", "E1-37", "VT")),
                                            (6, "TP 2", ("ecm", "E1-38", "VT/WH")), (4, "low ref", "low")]},
    {"name": "MAP sensor C112", "pins": [(3, "5 V", "ref"), (2, "signal", ("ecm", "E1-39", "GN/YE")), (1, "low ref", "low")]},
    {"name": "BPS / IAT 2 C113", "pins": [(3, "5 V", "ref"), (2, "BPS", ("ecm", "E1-40", "GN/BK")),
                                          (4, "IAT 2", ("ecm", "E1-42", "YE/GN")), (1, "low ref", "low")]},
    {"name": "FRP sensor C114", "pins": [(3, "5 V", "ref"), (2, "signal", ("ecm", "E1-41", "YE/BU")), (1, "low ref", "low")]},
    {"name": "FPS-L sensor C115", "pins": [(3, "5 V", "ref"), (2, "signal", ("ecm", "E1-34", "OG/BK")), (1, "low ref", "low")]},
]
buses = {
    "ref": {"kind": "ecm", "end": "top", "pin": "E1-35", "colour": "GY/RD", "splice": "S110"},
    "low": {"kind": "ecm", "end": "bottom", "pin": "E1-36", "colour": "BK/GY", "splice": "S111"},
}
save(draw(module, components, buses), __file__)
