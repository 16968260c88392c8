"""Start to first painted window: the app beside a bare PySide6 QMainWindow, same machine, same run.

Heavy modules (pandas, matplotlib, the bank, the database) load after the window shows, so the
app's start should stay close to the bare floor.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1180, 780); w.show()
QTimer.singleShot(0, lambda: (print(f"SHOWN {time.time():.6f}", flush=True), app.quit()))
app.exec()
"""


def once(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.time()
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60).stdout
    shown = next(float(line.split()[1]) for line in out.splitlines() if line.startswith("SHOWN"))
    return shown - t0


def main(runs: int = 7) -> list[tuple[str, float, float]]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), ASE_PREP_EXIT_WHEN_SHOWN="1")
    data = tempfile.mkdtemp(prefix="ase-start-")
    # An installed app starts from compiled bytecode; with PYTHONDONTWRITEBYTECODE set (as on some
    # machines) nothing would ever be cached and every start would compile the app's sources again.
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app", "questions", "study", "main.py"], cwd=ROOT,
                   check=True)
    app_cmd = [sys.executable, "main.py", "--data-dir", data]
    once(app_cmd, env)  # warm the OS file cache for both
    once([sys.executable, "-c", BARE], env)
    bare, app = [], []
    for _ in range(runs):
        bare.append(once([sys.executable, "-c", BARE], env))
        app.append(once(app_cmd, env))
    b, a = statistics.median(bare), statistics.median(app)
    print(f"{'bare QMainWindow to first paint (floor)':42} {b * 1000:8.1f} ms")
    print(f"{'ASE Prep to first paint':42} {a * 1000:8.1f} ms   {a / b:5.2f}x floor  (budget 1.5x)")
    return [("startup", a, b)]


if __name__ == "__main__":
    main()
