"""A class lab under load: 30 simulated students answer against one PostgreSQL server, each on
their own login (row-level security on), one answer every few seconds (time compressed), and the
server is restarted in the middle. Prints the commit latency (p50/p95) and the number of lost and
duplicated answers, which must both be 0 (exit code 1 otherwise).

    python benchmarks/bench_class_load.py [--students 30] [--seconds 180] [--pace 0.6]

The server is a throwaway one (tests/pg.py) on a unix socket in a temporary folder: no network.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else float("nan")


@dataclass
class Student:
    url: str
    folder: Path
    seed: int
    acked: dict[str, tuple[str | None, int]] = field(default_factory=dict)  # uid -> (last choice, changes)
    online_ms: list[float] = field(default_factory=list)
    offline_ms: list[float] = field(default_factory=list)
    exams: int = 0
    errors: list[str] = field(default_factory=list)


def simulate(st: Student, bank, blueprints, stop: threading.Event, pace: float) -> None:  # type: ignore[no-untyped-def]
    from questions.exam import ExamMode, build_exam
    from study.exams import ExamService
    from study.storage.database import open_database
    from study.storage.sync import Outbox

    rng = random.Random(st.seed)
    db = open_database(st.url, migrate=False)
    box = Outbox(st.folder / "outbox.sqlite3", db.engine, retry_seconds=0.5)
    service = ExamService(db, bank, blueprints)
    service.outbox = box
    test = rng.choice(["A4", "A5", "A8"])
    try:
        while not stop.is_set():
            try:
                active = service.start(build_exam(blueprints.get(test), list(bank.for_test(test)), ExamMode.FULL,
                                                  seed=rng.randrange(1 << 30)))
            except Exception as e:  # noqa: BLE001 - starting needs the server: wait for it, as a student would
                st.errors.append(f"start: {e.__class__.__name__}")
                stop.wait(1.0)
                continue
            st.exams += 1
            active.start()
            for _ in range(len(active.run)):
                if stop.wait(rng.uniform(0.3, 1.7) * pace):
                    break
                letter = rng.choice("ABCD")
                was_offline = active.offline
                t = time.perf_counter()
                active.answer(letter)  # returns once committed: on the server, or in the outbox
                ms = (time.perf_counter() - t) * 1000
                (st.offline_ms if was_offline or active.offline else st.online_ms).append(ms)
                row = active._rows[active.run.position]
                st.acked[row["uid"]] = (letter, int(row["changes"]))
                if rng.random() < 0.85:
                    active.next()
                active.save_clock()
            else:
                active.finish()
                continue
            active.pause()
    finally:
        box.wait_until_sent(90)
        st.errors.extend([] if not box.offline else [f"outbox still holds {box.pending_count} entries"])
        box.close()
        db.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=180.0, help="how long the students answer (bounded)")
    ap.add_argument("--pace", type=float, default=0.6, help="mean seconds between a student's answers")
    args = ap.parse_args()
    seconds = min(args.seconds, 900.0)

    from sqlalchemy import create_engine, text

    from study.classroom.server import add_member, set_up_class
    from study.services import load_content
    from study.storage.database import open_database
    from tests.pg import ThrowawayServer, skip_reason

    reason = skip_reason()
    if reason:
        print(f"skipped: {reason}")
        return 0
    blueprints, bank = load_content()
    work = Path(tempfile.mkdtemp(prefix="ase-class-load-"))
    with ThrowawayServer() as server:
        owner_url = server.create_database("classlab")
        db = open_database(owner_url)
        set_up_class(db, {q.id: q.answer for q in bank.questions})
        students = [Student(add_member(db, f"Student {i + 1:02d}").url, work / f"s{i}", i) for i in range(args.students)]
        db.dispose()
        stop = threading.Event()
        threads = [threading.Thread(target=simulate, args=(s, bank, blueprints, stop, args.pace), daemon=True)
                   for s in students]
        t0 = time.monotonic()
        for th in threads:
            th.start()
        time.sleep(seconds / 2)
        r0 = time.monotonic()
        server.restart("immediate")  # a crash and a restart, with recovery, mid-exam for everyone
        downtime = time.monotonic() - r0
        time.sleep(max(0.0, seconds - (time.monotonic() - t0)))
        stop.set()
        for th in threads:
            th.join(120)
        elapsed = time.monotonic() - t0

        engine = create_engine(owner_url)
        lost = duplicated = 0
        with engine.connect() as conn:
            stored = {r[0]: (r[1], r[2]) for r in conn.execute(text("SELECT uid, choice, changes FROM response"))}
            dup_rows = conn.execute(text("SELECT (SELECT COUNT(*) FROM response) - (SELECT COUNT(*) FROM "
                                         "(SELECT DISTINCT exam_id, position FROM response) x)")).scalar_one()
        engine.dispose()
        duplicated += int(dup_rows)
        for s in students:
            for uid, (choice, changes) in s.acked.items():
                got = stored.get(uid)
                if got is None or got[0] != choice or got[1] < changes:
                    lost += 1
                elif got[1] > changes:
                    duplicated += 1  # an answer applied more often than it was given
        online = [x for s in students for x in s.online_ms]
        offline = [x for s in students for x in s.offline_ms]
        errors = [e for s in students for e in s.errors]
        print(f"{'students (each its own login, RLS on)':44} {len(students):8d}")
        print(f"{'answering for':44} {elapsed:8.1f} s   (one crash-restart of the server at {seconds / 2:.0f} s, "
              f"down {downtime:.1f} s)")
        print(f"{'exams started':44} {sum(s.exams for s in students):8d}")
        print(f"{'answers acknowledged':44} {len(online) + len(offline):8d}   ({len(online)} on the server, "
              f"{len(offline)} kept on the workstation while it was unreachable)")
        print(f"{'commit latency on the server p50':44} {pct(online, 0.5):8.2f} ms")
        print(f"{'commit latency on the server p95':44} {pct(online, 0.95):8.2f} ms")
        if offline:
            print(f"{'saved on the workstation p50 / p95':44} {pct(offline, 0.5):8.2f} / {pct(offline, 0.95):.2f} ms")
        print(f"{'exam starts refused while the server was down':44} {sum(1 for e in errors if e.startswith('start')):8d}")
        print(f"{'lost answers':44} {lost:8d}   (must be 0)")
        print(f"{'duplicated answers':44} {duplicated:8d}   (must be 0)")
        other = [e for e in errors if not e.startswith("start")]
        if other:
            print("problems:", "; ".join(other[:5]))
        if statistics.median(online or [0]) <= 0:
            print("no answers reached the server")
            return 1
        return 1 if lost or duplicated or other else 0


if __name__ == "__main__":
    sys.exit(main())
