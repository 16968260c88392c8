#!/usr/bin/env python3
"""Draw the bank's figure exhibits from their sources: resources/exhibits/source/<TEST>/<NAME>.py.

    python scripts/draw_exhibits.py                 # every figure
    python scripts/draw_exhibits.py PATH.py ...     # just these
    python scripts/draw_exhibits.py --check         # exit 1 if a drawn SVG differs from the committed one
    python scripts/draw_exhibits.py --png DIR [PATH.py ...]   # also render each SVG as Qt shows it, to look at

Needs the dev dependencies (schemdraw, matplotlib); the app itself only reads the SVGs.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "exhibits" / "source"


def scripts(args: list[str]) -> list[Path]:
    if args:
        return [Path(a).resolve() for a in args]
    return sorted(p for p in SOURCE.glob("*/*.py") if not p.name.startswith("_"))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    png_dir = None
    if "--png" in args:
        i = args.index("--png")
        png_dir = Path(args[i + 1])
        del args[i : i + 2]
    sys.path.insert(0, str(SOURCE))
    import _kit  # noqa: E402  (the drawing scripts' shared helpers)

    failed = 0
    for script in scripts(args):
        out = _kit.out_path(script)
        before = out.read_bytes() if out.exists() else None
        try:
            runpy.run_path(str(script), run_name="__main__")
        except Exception as e:  # one broken script must not hide the others
            print(f"{script.relative_to(ROOT)}: {type(e).__name__}: {e}", file=sys.stderr)
            failed += 1
            continue
        if check and before is not None and out.read_bytes() != before:
            print(f"{out.relative_to(ROOT)} differs from what {script.name} draws", file=sys.stderr)
            out.write_bytes(before)
            failed += 1
        elif not check:
            print(f"drew {out.relative_to(ROOT)}")
        if png_dir is not None:
            print(f"  -> {render_png(out, png_dir)}")
    return 1 if failed else 0


def render_png(svg: Path, out_dir: Path) -> Path:
    """The SVG as Qt's renderer paints it (what the exam screen shows), at twice its natural size."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    size = renderer.defaultSize() * 2
    img = QImage(size, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    painter = QPainter(img)
    renderer.render(painter)
    painter.end()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{svg.stem}.png"
    img.save(str(path))
    return path


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
