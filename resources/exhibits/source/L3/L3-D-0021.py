"""L3-D-0021: HVIL loop with voltages at TP1-TP5; the loop is open at the service disconnect plug (between TP1 and TP2)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _hvil import draw
from _kit import save

save(draw(["5.0 V", "0.0 V", "0.0 V", "0.0 V", "0.0 V"]), __file__)
