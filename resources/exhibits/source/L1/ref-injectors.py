"""PV-1 reference figure: direct injector circuits (high sides shared by cylinders 1 and 4 and by
2 and 3, one low side each) and the high-pressure pump control valve."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import draw
from _kit import save

module = {"name": "ECM connector E1", "pins": {
    "E1-80": "injector high side A", "E1-81": "injector high side B", "E1-82": "injector 1 low side",
    "E1-83": "injector 2 low side", "E1-84": "injector 3 low side", "E1-85": "injector 4 low side",
    "E1-86": "pump valve high side", "E1-87": "pump valve low side"}}
components = [
    {"name": "Injector 1 C151", "pins": [(1, "high", "hsa"), (2, "low", ("ecm", "E1-82", "BU/WH"))]},
    {"name": "Injector 4 C154", "pins": [(1, "high", "hsa"), (2, "low", ("ecm", "E1-85", "BU/OG"))]},
    {"name": "Injector 2 C152", "pins": [(1, "high", "hsb"), (2, "low", ("ecm", "E1-83", "BU/YE"))]},
    {"name": "Injector 3 C153", "pins": [(1, "high", "hsb"), (2, "low", ("ecm", "E1-84", "BU/GN"))]},
    {"name": "HP pump valve C155", "pins": [(1, "high", ("ecm", "E1-86", "OG/RD")), (2, "low", ("ecm", "E1-87", "OG/BU"))]},
]
buses = {
    "hsa": {"kind": "ecm", "end": "top", "pin": "E1-80", "colour": "RD/WH", "splice": "S140"},
    "hsb": {"kind": "ecm", "end": "bottom", "pin": "E1-81", "colour": "RD/VT", "splice": "S141"},
}
save(draw(module, components, buses), __file__)
