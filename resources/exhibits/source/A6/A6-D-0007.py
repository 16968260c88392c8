"""A6-D-0007: left rear lamp assembly, three filaments on one ground, readings with park lamps and brake on."""
import sys
from pathlib import Path

import schemdraw.elements as elm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _a6 import save_schematic  # noqa: E402
from _kit import schematic  # noqa: E402


def tp(d, xy, text, loc="top"):
    d.add(elm.Dot().at(xy).label(text, loc=loc, fontsize=12))


TOP, BOT = 5.6, 1.6
xs = [0.0, 4.2, 8.4]
names = ["tail filament", "stop filament", "turn bulb"]
feeds = ["tail feed: 12.3 V", "stop feed: 12.3 V", "turn feed: 4.0 V"]
sources = ["from park lamp relay", "from brake switch", "from turn output"]
d = schematic()
for x, name, feed, src in zip(xs, names, feeds, sources):
    d.add(elm.Line().at((x, TOP + 0.9)).to((x, TOP)))
    d.add(elm.Label().at((x, TOP + 1.2)).label(src, fontsize=12))
    d.add(elm.Line().at((x, TOP)).down(0.4))
    d.add(elm.Lamp().down().label(name, loc="bottom"))
    d.add(elm.Line().down().toy(BOT))
    tp(d, (x, TOP), feed, loc="left" if x == 0 else "right")
d.add(elm.Line().at((xs[0], BOT)).to((xs[-1], BOT)))
d.add(elm.Line().at((xs[1], BOT)).to((xs[1], BOT - 1.6)))
d.add(elm.Dot().at((xs[1], BOT)))
d.add(elm.Label().at((xs[1] - 2.9, BOT - 0.5)).label("assembly ground terminal: 6.1 V", fontsize=12))
tp(d, (xs[1], BOT - 1.6), "G301 eyelet: 0.0 V", loc="right")
d.add(elm.GroundChassis().at((xs[1], BOT - 1.6)))
d.add(elm.Label().at((xs[1] + 1.2, BOT - 0.8)).label("ground wire", fontsize=12))
d.add(elm.Label().at((xs[1], -1.4)).label("readings to battery negative, park lamps on, brake pedal pressed",
                                          fontsize=12))
save_schematic(d, __file__)
