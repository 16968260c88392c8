"""Shared by the A6 drawing scripts (kept so their imports stay short): a schemdraw Drawing is
saved by _kit.save, which draws it through matplotlib so Qt's SVG renderer places every label."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from _kit import save


def save_schematic(d: Any, script: str | Path) -> Path:
    return save(d, script)
