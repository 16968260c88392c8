"""PV-1 reference figure: 5 V reference B and low reference B, shared by the crankshaft and both
camshaft position sensors, the EGR valve position sensor and the A/C pressure sensor; EGR motor pins."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import draw
from _kit import save

module = {"name": "ECM connector E1", "pins": {
    "E1-45": "5 V REF B", "E1-46": "LOW REF B", "E1-47": "CKP signal", "E1-48": "CMP intake signal",
    "E1-49": "CMP exhaust signal", "E1-3": "EGR motor +", "E1-4": "EGR motor -", "E1-50": "EGR position signal",
    "E1-51": "A/C pressure signal"}}
components = [
    {"name": "CKP sensor C120", "pins": [(1, "5 V", "ref"), (2, "signal", ("ecm", "E1-47", "WH/GN")), (3, "low ref", "low")]},
    {"name": "CMP intake C121", "pins": [(1, "5 V", "ref"), (2, "signal", ("ecm", "E1-48", "WH/VT")), (3, "low ref", "low")]},
    {"name": "CMP exhaust C122", "pins": [(1, "5 V", "ref"), (2, "signal", ("ecm", "E1-49", "WH/BN")), (3, "low ref", "low")]},
    {"name": "EGR valve C125", "pins": [(1, "motor +", ("ecm", "E1-3", "PK")), (2, "motor -", ("ecm", "E1-4", "PK/BK")),
                                        (3, "5 V", "ref"), (4, "position", ("ecm", "E1-50", "PK/GN")), (5, "low ref", "low")]},
    {"name": "A/C pressure C126", "pins": [(3, "5 V", "ref"), (2, "signal", ("ecm", "E1-51", "PK/BU")), (1, "low ref", "low")]},
]
buses = {
    "ref": {"kind": "ecm", "end": "top", "pin": "E1-45", "colour": "GY/OG", "splice": "S120"},
    "low": {"kind": "ecm", "end": "bottom", "pin": "E1-46", "colour": "BK/OG", "splice": "S121"},
}
save(draw(module, components, buses), __file__)
