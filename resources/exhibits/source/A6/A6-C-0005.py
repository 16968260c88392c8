"""A6-C-0005: charging output circuit, test points 1-5 with voltages to battery negative under load."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _a6 import save_schematic  # noqa: E402
from _kit import schematic  # noqa: E402


def tp(d, xy, text, loc="top"):
    d.add(elm.Dot().at(xy).label(text, loc=loc, fontsize=12))


TOP = 3.6
G, F1, F2, BAT = 0.0, 3.8, 7.4, 11.2
d = schematic()
d += elm.SourceSin().at((G, 0.6)).up().toy(TOP - 0.6).label("generator", loc="top")
d += elm.Line().up().toy(TOP)
d += elm.Line().right().tox(F1).label("output cable", loc="bottom")
d += elm.Fuse().right().tox(F2).label("175 A mega fuse", loc="bottom")
d += elm.Line().right().tox(BAT)
d += elm.Line().down(0.5)
d += elm.Battery().down().toy(0.6).label("battery", loc="bottom")
d += elm.Line().down().toy(0)
d += elm.Line().left().tox(G).label("ground cable and engine block", loc="bottom")
d += elm.Line().up().toy(0.6)
tp(d, (G, TOP), "1 (output stud): 14.6 V", loc="top")
tp(d, (F1, TOP), "2: 13.3 V", loc="top")
tp(d, (F2, TOP), "3: 13.25 V", loc="top")
tp(d, (BAT, TOP), "4 (battery +): 13.2 V", loc="top")
tp(d, (G, 0.3), "5 (housing): 0.1 V", loc="left")
tp(d, (BAT, 0), "battery −: 0 V", loc="right")
save_schematic(d, __file__)
