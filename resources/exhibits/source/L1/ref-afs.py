"""PV-1 reference figure: upstream wideband air/fuel ratio sensor (6 pins) and downstream oxygen
sensor (4 pins), heater feed from fuse F15 through splice S160."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import draw
from _kit import save

module = {"name": "ECM connector E1", "pins": {
    "E1-70": "A/F heater control", "E1-71": "A/F pump current IP", "E1-72": "A/F common VM",
    "E1-73": "A/F sense cell UN", "E1-74": "A/F trim", "E1-75": "HO2S 2 heater control",
    "E1-76": "HO2S 2 signal", "E1-77": "HO2S 2 low"}}
components = [
    {"name": "A/F sensor S1 C140", "pins": [(1, "heater B+", "feed"), (2, "heater ctrl", ("ecm", "E1-70", "BN/YE")),
                                            (3, "IP", ("ecm", "E1-71", "OG")), (4, "VM", ("ecm", "E1-72", "OG/WH")),
                                            (5, "UN", ("ecm", "E1-73", "GY")), (6, "trim", ("ecm", "E1-74", "GY/WH"))]},
    {"name": "HO2S S2 C141", "pins": [(1, "heater B+", "feed"), (2, "heater ctrl", ("ecm", "E1-75", "BN/GN")),
                                      (3, "signal", ("ecm", "E1-76", "VT/GN")), (4, "low", ("ecm", "E1-77", "VT/BK"))]},
]
buses = {"feed": {"kind": "feed", "label": "F15 15 A", "colour": "RD/YE", "splice": "S160"}}
save(draw(module, components, buses), __file__)
