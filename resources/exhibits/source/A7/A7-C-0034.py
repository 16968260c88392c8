"""A7-C-0034: five-wire blend door actuator; test points 1-4 show an open sensor ground between actuator and module."""
import schemdraw.elements as elm
from _kit import save, schematic

d = schematic(unit=2.5)

# Climate control module: a box with its five pins on the right-hand edge.
d += elm.Rect(corner1=(0, 0), corner2=(3.2, 10.5))
d += elm.Label().at((1.6, 11.1)).label("Climate control module", fontsize=13)
Y = {"ma": 9.5, "mb": 7.0, "ref": 5.5, "sig": 3.5, "gnd": 1.5}
NAMES = {"ma": "MOTOR A", "mb": "MOTOR B", "ref": "5 V REF", "sig": "SIGNAL", "gnd": "SENSOR GND"}
for key, y in Y.items():
    d += elm.Label().at((3.0, y)).label(NAMES[key], fontsize=11, halign="right")

# Actuator outline with its DC motor and position potentiometer.
d += elm.Rect(corner1=(9.2, 0.6), corner2=(17.0, 10.5)).linestyle("--")
d += elm.Label().at((13.1, 11.1)).label("Blend door actuator", fontsize=13)

X_MOTOR, X_POT = 14.8, 12.6
d += elm.Line().at((3.2, Y["ma"])).to((7.6, Y["ma"])).label("motor A", loc="top", fontsize=11)
d += elm.Line().at((7.6, Y["ma"])).to((X_MOTOR, Y["ma"]))
d += elm.Motor().at((X_MOTOR, Y["ma"])).to((X_MOTOR, Y["mb"]))
d += elm.Label().at((X_MOTOR - 1.0, (Y["ma"] + Y["mb"]) / 2)).label("DC motor", fontsize=11, halign="right")
d += elm.Line().at((X_MOTOR, Y["mb"])).to((7.6, Y["mb"]))
d += elm.Line().at((7.6, Y["mb"])).to((3.2, Y["mb"])).label("motor B", loc="bottom", fontsize=11)

d += elm.Line().at((3.2, Y["ref"])).to((7.6, Y["ref"])).label("5 V reference", loc="top", fontsize=11)
d += elm.Line().at((7.6, Y["ref"])).to((X_POT, Y["ref"]))
pot = elm.Potentiometer().at((X_POT, Y["ref"])).to((X_POT, Y["gnd"])).flip()
d += pot
d += elm.Label().at((X_POT + 0.6, Y["sig"])).label("position sensor", fontsize=11, halign="left")
d += elm.Line().at(pot.tap).to((7.6, Y["sig"]))
d += elm.Line().at((7.6, Y["sig"])).to((3.2, Y["sig"])).label("signal", loc="top", fontsize=11)
d += elm.Line().at((X_POT, Y["gnd"])).to((7.6, Y["gnd"]))
d += elm.Line().at((7.6, Y["gnd"])).to((3.2, Y["gnd"])).label("sensor ground", loc="top", fontsize=11)

# Test points: 1-3 at the actuator's terminals, 4 at the module's sensor ground pin.
for name, x, y, volts in (("1", 10.6, Y["ref"], "5.0 V"), ("2", 10.6, Y["sig"], "5.0 V"),
                          ("3", 10.6, Y["gnd"], "5.0 V"), ("4", 5.0, Y["gnd"], "0.0 V")):
    d += elm.Dot().at((x, y))
    d += elm.Label().at((x, y - 0.6)).label(f"TP{name}  {volts}", fontsize=11)
save(d, __file__)
