"""L3-E-0007: EVSE control pilot at a breakout adapter, +9 V / -12 V, 1 kHz, 53% duty: vehicle connected but not requesting charge, 32 A offered."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kit import save
from _pilot import draw

save(draw(9.0, 0.533), __file__)
