"""L3-D-0023: HVIL loop with voltages at TP1-TP5; the loop is open at the coolant heater connector (between TP4 and TP5)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _hvil import draw
from _kit import save

save(draw(["5.0 V", "5.0 V", "5.0 V", "5.0 V", "0.0 V"]), __file__)
