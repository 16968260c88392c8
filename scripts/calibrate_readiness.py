"""How often do the app's 80 % ranges hold the truth? Simulated learners with known true
accuracies per content area answer through the app's own services (study.calibration); prints
the share of area intervals, long-run ranges and day ranges that held it, per answers per area.

    python scripts/calibrate_readiness.py [--tests A5 A8] [--learners 600] [--seed 1] [--spread 0.12]

The database is a throwaway file written without fsync (the statistics are what is measured).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402

from questions.blueprints import load_blueprints  # noqa: E402
from study.calibration import simulate, simulated_bank  # noqa: E402
from study.storage.database import open_database  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tests", nargs="+", default=["A5", "A8"])
    ap.add_argument("--learners", type=int, default=600)
    ap.add_argument("--checkpoints", type=int, nargs="+", default=[3, 5, 10, 20, 40])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--spread", type=float, default=0.12, help="sd of the areas' true accuracy around the level")
    args = ap.parse_args()
    blueprints = load_blueprints()
    for test in args.tests:
        with tempfile.TemporaryDirectory(prefix="ase-calibration-") as folder:
            db = open_database(f"sqlite:///{Path(folder) / 'calibration.sqlite3'}")

            @event.listens_for(db.engine, "connect")
            def _no_fsync(dbapi_conn, _record):  # type: ignore[no-untyped-def]
                dbapi_conn.execute("PRAGMA synchronous=OFF")

            db.engine.dispose()
            t = time.perf_counter()
            bank = simulated_bank(blueprints.get(test), max(args.checkpoints))
            rows = simulate(db, bank, blueprints, test, learners=args.learners, checkpoints=args.checkpoints,
                            seed=args.seed, spread=args.spread)
            db.dispose()
        print(f"\n{test}: {args.learners} learners, seed {args.seed}, area spread {args.spread:g} "
              f"({time.perf_counter() - t:.0f} s)")
        print("| answers per area | area intervals | long-run range | day range |")
        print("|---|---|---|---|")
        for c in rows:
            print(c.row())
    return 0


if __name__ == "__main__":
    sys.exit(main())
