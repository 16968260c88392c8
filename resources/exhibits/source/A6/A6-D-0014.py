"""A6-D-0014: stop lamp circuit with test points 1-7, voltages with the brake pedal pressed (resistive rear ground)."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _a6 import save_schematic  # noqa: E402
from _kit import schematic  # noqa: E402


def tp(d, xy, text, loc="top"):
    d.add(elm.Dot().at(xy).label(text, loc=loc, fontsize=12))


TOP, GND = 4.4, 0.0
P1, S1, C3, S2, RR = 4.2, 6.0, 9.0, 12.2, 15.4
d = schematic()
d += elm.Label().at((-0.9, TOP)).label("fused B+", fontsize=12)
d += elm.Line().at((0, TOP)).right(0.4)
d += elm.Switch(action="close").right().label("brake switch", loc="bottom")
d += elm.Line().right().tox(C3)
d += elm.Rect(corner1=(0, -0.32), corner2=(0.6, 0.32)).at((C3, TOP)).right()
d += elm.Label().at((C3 + 0.3, TOP - 0.75)).label("C300", fontsize=12)
d += elm.Line().at((C3 + 0.6, TOP)).right().tox(RR)
# CHMSL branch at S1
d += elm.Line().at((S1, TOP)).down(0.7)
d += elm.Lamp().down().label("CHMSL", loc="top")
d += elm.Line().down().toy(GND + 0.9)
d += elm.GroundChassis().label("G400", loc="right")
# rear lamps at S2
for x, name in ((S2, "left stop"), (RR, "right stop")):
    d += elm.Line().at((x, TOP)).down(0.7)
    d += elm.Lamp().down().label(name, loc="bottom")
    d += elm.Line().down().toy(GND)
mid = (S2 + RR) / 2
d += elm.Line().at((S2, GND)).to((RR, GND))
d += elm.Line().at((mid, GND)).down(0.3)
d += elm.GroundChassis().label("G301", loc="right")
tp(d, (P1, TOP), "1: 12.3 V", loc="top")
tp(d, (S1, TOP), "S1", loc="top")
tp(d, (S1, TOP - 0.7), "2: 12.2 V", loc="right")
tp(d, (C3 - 0.9, TOP), "3: 12.2 V", loc="top")
tp(d, (C3 + 1.5, TOP), "4: 12.1 V", loc="top")
tp(d, (S2, TOP), "S2", loc="top")
tp(d, (S2, TOP - 0.7), "5: 12.0 V", loc="left")
tp(d, (RR, TOP - 0.7), "6: 12.0 V", loc="right")
tp(d, (mid, GND), "7: 3.1 V", loc="top")
save_schematic(d, __file__)
