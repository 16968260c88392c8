"""Analytics at scale: one learner's weak-category ranking and the Progress page's data over
1,000,000 stored answers from 200 learners, each beside the bare SQL GROUP BY on the same table.

    python benchmarks/bench_analytics.py [--responses 1000000] [--learners 200] [--db PATH]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from study.analytics.standings import Analytics  # noqa: E402
from study.demo import seed_demo  # noqa: E402
from study.services import open_services  # noqa: E402


def best_of(fn, n: int = 7) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--responses", type=int, default=1_000_000)
    ap.add_argument("--learners", type=int, default=200)
    ap.add_argument("--data-dir", type=Path, default=None, help="reuse a seeded folder")
    args = ap.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="ase-bench-"))
    s = open_services(data_dir)
    with s.db.engine.connect() as conn:
        have = conn.exec_driver_sql("SELECT COUNT(*) FROM response").scalar() or 0
    if have < args.responses:
        t = time.perf_counter()
        seed_demo(s.db, s.bank, s.blueprints, learners=args.learners, responses=args.responses - have, seed=11)
        print(f"seeded {args.responses - have:,} answers in {time.perf_counter() - t:.1f} s ({data_dir})")
    path = s.db.url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    learner, test, n = con.execute(
        "SELECT learner_id, test, COUNT(*) FROM response GROUP BY learner_id, test ORDER BY 3 DESC LIMIT 1").fetchone()
    total = con.execute("SELECT COUNT(*) FROM response").fetchone()[0]
    print(f"{total:,} answers stored; measuring learner {learner} on {test} ({n:,} of their answers)")

    def bare() -> None:
        con.execute("SELECT area, COUNT(*), SUM(correct) FROM response WHERE learner_id = ? AND test = ? "
                    "GROUP BY area", (learner, test)).fetchall()

    analytics = Analytics(s.db, s.blueprints)
    progress = s.progress()
    floor = best_of(bare)
    ranking = best_of(lambda: analytics.standing(learner, test, with_pace=False))
    page = best_of(lambda: progress.report(learner, test), n=3)
    print(f"{'bare SQL GROUP BY (floor)':42} {floor * 1000:8.2f} ms")
    print(f"{'weak-category ranking':42} {ranking * 1000:8.2f} ms   {ranking / floor:5.2f}x floor")
    print(f"{'Progress page data (all charts)':42} {page * 1000:8.2f} ms   {page / floor:5.2f}x floor")
    s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
