"""Start to first painted window, and start to ready (bank loaded, Home filled), beside a bare PySide6
QMainWindow on the same machine in the same run.

The app runs from a copy of the source folder whose bank is topped up to 2,000 questions (copies
of real questions under new ids, exhibits included, as many with exhibits as the real bank has or
more), over a data folder with a learner's history, so Home has exams, readiness and a plan to
show. "Later start" is every start after the first (the parsed bank is cached in the data folder);
"first start" parses the YAML and creates the database.

Ready means what ASE_PREP_EXIT_WHEN_READY marks: the bank is loaded and Home shows what is stored
(on a later start, the figures kept at the last close while the database has not changed since,
study/storage/snapshot.py). The database layer then loads behind it; "every service loaded" is
reported beside it (no budget): a press made before then waits for it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from budget import Budgets  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BANK_SIZE = 2000
BARE = """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1180, 780); w.show()
QTimer.singleShot(0, lambda: (print(f"SHOWN {time.time():.6f}", flush=True), app.quit()))
app.exec()
"""


def once(cmd: list[str], env: dict[str, str], cwd: Path, mark: str = "SHOWN") -> float:
    t0 = time.time()
    out = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=120).stdout
    try:
        at = next(float(line.split()[1]) for line in out.splitlines() if line.startswith(mark))
    except StopIteration:
        raise SystemExit(f"{' '.join(cmd)} never printed {mark}:\n{out}") from None
    return at - t0


def big_tree(dest: Path, size: int = BANK_SIZE) -> tuple[int, int, int]:
    """A copy of the app whose bank holds `size` questions. Returns (real questions, of them with
    exhibits, synthetic added)."""
    for part in ("app", "cli", "questions", "study", "main.py"):
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / part)
    shutil.copytree(ROOT / "resources", dest / "resources", ignore=shutil.ignore_patterns("source", "__pycache__"))
    files = sorted((dest / "resources" / "questions").rglob("*.yaml"))
    docs = [(f, yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)) for f in files]
    real = sum(len(d["questions"]) for _, d in docs)
    with_exhibit = sum(1 for _, d in docs for q in d["questions"] if q.get("exhibit"))
    need, added, serial = max(0, size - real), 0, 0
    while added < need:  # round the files: each gets copies of its own questions, exhibits first
        serial += 1
        for f, d in docs:
            if added >= need:
                break
            pool = sorted(d["questions"], key=lambda q: not q.get("exhibit"))
            take = pool[: min(len(pool), max(1, (need - added) // len(docs) + 1), need - added)]
            copies = []
            for i, q in enumerate(take):
                c = dict(q)
                c["id"] = f"{d['test']}-{d['area']}-{8000 + serial * 100 + i:04d}"
                copies.append(c)
            head = {k: v for k, v in d.items() if k != "questions"}
            out = f.with_name(f"{f.stem}-bench{serial}.yaml")
            out.write_text(yaml.safe_dump({**head, "questions": copies}, sort_keys=False, allow_unicode=True),
                           encoding="utf-8")
            added += len(copies)
    subprocess.run([sys.executable, "-m", "compileall", "-q", "app", "cli", "questions", "study", "main.py"],
                   cwd=dest, check=True)
    return real, with_exhibit, added


def main(runs: int = 31) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    shown_env = dict(env, ASE_PREP_EXIT_WHEN_SHOWN="1")
    ready_env = dict(env, ASE_PREP_EXIT_WHEN_READY="1")
    loaded_env = dict(env, ASE_PREP_EXIT_WHEN_LOADED="1")
    work = Path(tempfile.mkdtemp(prefix="ase-start-"))
    tree = work / "app"
    tree.mkdir()
    real, with_ex, added = big_tree(tree)
    data = work / "data"
    app_cmd = [sys.executable, "main.py", "--data-dir", str(data)]
    seeded = subprocess.run([*app_cmd[:2], "--data-dir", str(data), "demo", "seed", "--learners", "1",
                             "--responses", "3000"], cwd=tree, env=env, capture_output=True, text=True)
    if seeded.returncode:
        raise SystemExit(seeded.stderr)
    plan = subprocess.run([sys.executable, "main.py", "--data-dir", str(data), "plan", "--test", "A5", "--exam-date",
                           time.strftime("%Y-%m-%d", time.localtime(time.time() + 45 * 86400)), "--evenings",
                           "mon,wed,thu"], cwd=tree, env=env, capture_output=True, text=True)
    cold_data = work / "cold"
    once(app_cmd, ready_env, tree, "READY")  # warms the OS file cache and writes the bank cache
    once([sys.executable, "-c", BARE], env, tree)
    bare, shown, ready, loaded, cold = [], [], [], [], []
    for _ in range(runs):
        bare.append(once([sys.executable, "-c", BARE], env, tree))
        shown.append(once(app_cmd, shown_env, tree))
        ready.append(once(app_cmd, ready_env, tree, "READY"))
        loaded.append(once(app_cmd, loaded_env, tree, "LOADED"))
    for _ in range(3):
        shutil.rmtree(cold_data, ignore_errors=True)
        cold.append(once([sys.executable, "main.py", "--data-dir", str(cold_data)], ready_env, tree, "READY"))
    b, s, r, ld, c = (statistics.median(x) for x in (bare, shown, ready, loaded, cold))
    print(f"bank: {real + added} questions ({real} real, {with_ex} of them with exhibits, {added} copies added); "
          f"history: 3,000 answers{', a study plan' if plan.returncode == 0 else ''}; medians of {runs} runs")
    print(f"{'bare QMainWindow to first paint (floor)':42} {b * 1000:8.1f} ms")
    budgets = Budgets()
    budgets.ratio("ASE Prep to first paint", s * 1000, b * 1000, 1.5)
    budgets.ratio("ASE Prep to ready, later starts", r * 1000, b * 1000, 1.5)
    print(f"{'ASE Prep to every service loaded, later':42} {ld * 1000:8.1f} ms   {ld / b:5.2f}x floor  (the database "
          "layer behind Home)")
    print(f"{'ASE Prep to ready, first start':42} {c * 1000:8.1f} ms   {c / b:5.2f}x floor  (parses the bank, "
          "builds the database)")
    shutil.rmtree(work, ignore_errors=True)
    return budgets.verdict()


if __name__ == "__main__":
    sys.exit(main())
