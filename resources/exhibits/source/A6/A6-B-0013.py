"""A6-B-0013: starter circuit with test points 1-5, voltages to engine ground with the key in START."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _a6 import save_schematic  # noqa: E402
from _kit import schematic  # noqa: E402


def tp(d, xy, text, loc="top"):
    d.add(elm.Dot().at(xy).label(text, loc=loc, fontsize=12))


TOP, CTRL, S = 3.4, 6.4, 5.1
B, M, MOTOR = 3.6, 7.0, 9.8
d = schematic()
d += elm.Battery().at((0, 0)).up().reverse().label("battery", loc="bottom")
d += elm.Line().up().toy(TOP)
d += elm.Line().right().tox(B)
d += elm.Label().at((1.6, TOP - 0.45)).label("positive cable", fontsize=13)
d += elm.Switch().right().tox(M).label("solenoid main contacts", loc="bottom")
d += elm.Line().right().tox(MOTOR)
d += elm.Motor().down().label("starter motor", loc="bottom")
d += elm.Line().down().toy(0)
d += elm.Line().left().tox(0).label("engine block and ground cable", loc="bottom")
tp(d, (0, TOP), "1: 12.3 V", loc="left")
tp(d, (B, TOP), "2 (B): 12.2 V")
tp(d, (M, TOP), "3 (M): 0.2 V")
tp(d, (MOTOR, 0.75), "5 (housing): 0.0 V", loc="right")
# control circuit
d += elm.Line().at((0, TOP)).up().toy(CTRL)
d += elm.Switch(action="close").at((0.6, CTRL)).to((3.0, CTRL)).label("ignition START", loc="top")
d += elm.Line().at((0, CTRL)).to((0.6, CTRL))
d += elm.Line().at((3.0, CTRL)).to((3.6, CTRL))
d += elm.Switch(action="close").at((3.6, CTRL)).to((6.0, CTRL)).label("starter relay", loc="top")
d += elm.Line().at((6.0, CTRL)).to((6.6, CTRL))
d += elm.Line().down().toy(S)
tp(d, (6.6, S), "4 (S): 11.6 V", loc="left")
d += elm.Inductor2(loops=3).at((6.6, S)).to((8.8, S))
d += elm.Label().at((9.0, S + 0.75)).label("solenoid windings")
d += elm.Line().down(0.2)
d += elm.GroundChassis()
save_schematic(d, __file__)
