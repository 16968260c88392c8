"""L3-E-0006: EVSE control pilot at a breakout adapter, +6 V / -12 V, 1 kHz, 20% duty: vehicle charging, EVSE offering 12 A."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _kit import save
from _pilot import draw

save(draw(6.0, 0.20), __file__)
