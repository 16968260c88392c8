"""A class lab under load: 100 simulated students answer against one PostgreSQL server, each in
its own process on their own login (row-level security on), one answer every few seconds (time
compressed), and the server is crashed and restarted in the middle. Prints what a workstation waits
for each answer (p50/p95) beside what the server spends on it (pg_stat_statements), and the lost
and duplicated answers and the failures of any student's process, which must all be 0.

    python benchmarks/bench_class_load.py [--students 100] [--seconds 120] [--pace 0.6]

Each student is a process forked after the bank is loaded (so the benchmark's own threads never
queue behind one interpreter lock), with its own engine, outbox and resend thread, as on a
workstation. The server is a throwaway one (tests/pg.py) on a unix socket in a temporary folder: no
network. Exit code 1 when a figure is over its budget.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

ANSWER_P95_BUDGET_MS = 50.0
CONTENT: Any = None  # (blueprints, bank), loaded once before the students fork


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else float("nan")


def student(url: str, folder: str, seed: int, stop: Any, pace: float) -> None:
    """One student's workstation: exams one after another until told to stop; what happened goes
    to folder/out.json (acknowledged answers, waits, and every failure by where it happened)."""
    from questions.exam import ExamMode, build_exam
    from study.exams import ExamService
    from study.storage.database import open_database
    from study.storage.sync import Outbox

    blueprints, bank = CONTENT
    out: dict[str, Any] = {"acked": {}, "online_ms": [], "offline_ms": [], "exams": 0, "refused_starts": 0,
                           "failures": []}
    here = Path(folder)
    here.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    db = open_database(url, migrate=False)
    box = Outbox(here / "outbox.sqlite3", db.engine, retry_seconds=0.5)
    service = ExamService(db, bank, blueprints)
    service.outbox = box
    test = rng.choice(["A4", "A5", "A8"])
    stop.wait(rng.uniform(0, 2 * pace))  # the class does not press Start in the same millisecond
    try:
        while not stop.is_set():
            try:
                active = service.start(build_exam(blueprints.get(test), list(bank.for_test(test)), ExamMode.FULL,
                                                  seed=rng.randrange(1 << 30)))
            except Exception:  # noqa: BLE001 - starting needs the server: wait for it, as a student would
                out["refused_starts"] += 1
                stop.wait(1.0)
                continue
            out["exams"] += 1
            step = "start"
            try:
                active.start()
                for _ in range(len(active.run)):
                    if stop.wait(rng.uniform(0.3, 1.7) * pace):
                        break
                    letter = rng.choice("ABCD")
                    was_offline = active.offline
                    step = "answer"
                    t = time.perf_counter()
                    active.answer(letter)  # returns once committed: on the server, or in the outbox
                    ms = (time.perf_counter() - t) * 1000
                    (out["offline_ms"] if was_offline or active.offline else out["online_ms"]).append(ms)
                    row = active._rows[active.run.position]
                    out["acked"][row["uid"]] = [letter, int(row["changes"])]
                    step = "move"
                    if rng.random() < 0.85:
                        active.next()
                    active.save_clock()
                else:
                    step = "finish"
                    active.finish()
                    continue
                step = "pause"
                active.pause()
            except Exception as e:  # noqa: BLE001 - counted: a failure the learner would have seen
                out["failures"].append(f"{step}: {e.__class__.__name__}: {str(e)[:200]}")
    except BaseException as e:  # noqa: BLE001 - the process itself broke: counted too
        out["failures"].append(f"process: {e.__class__.__name__}: {traceback.format_exc()[-300:]}")
    finally:
        try:
            if not box.wait_until_sent(90):
                out["failures"].append(f"outbox: still holds {box.pending_count} entries")
            box.close()
            db.dispose()
        finally:
            (here / "out.json").write_text(json.dumps(out))


def server_time(url: str) -> tuple[float, float, int]:
    """Mean server time of one response-row write (ms: its call of ase_save_answer, which checks
    and writes the row on the server, and a COMMIT), the slowest such statement, and the calls it covers (pg_stat_statements keeps
    no figures through a crash, so these are since the restart)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text(
                "SELECT query, calls, total_exec_time, max_exec_time FROM pg_stat_statements")).all()
    finally:
        engine.dispose()
    writes = [r for r in rows if "ase_save_answer(" in r[0]]  # the answer's one call (its statements inside)
    commits = [r for r in rows if r[0].strip().upper() == "COMMIT"]
    n = sum(int(r[1]) for r in writes)
    if not n:
        return float("nan"), float("nan"), 0
    commit_calls = sum(int(r[1]) for r in commits) or 1
    per_commit = sum(float(r[2]) for r in commits) / commit_calls
    return (sum(float(r[2]) for r in writes) / n + per_commit,
            max(float(r[3]) for r in writes + commits), n)


def main() -> int:
    global CONTENT
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=100)
    ap.add_argument("--seconds", type=float, default=120.0, help="how long the students answer (bounded)")
    ap.add_argument("--pace", type=float, default=0.6, help="mean seconds between a student's answers")
    args = ap.parse_args()
    seconds = min(args.seconds, 900.0)

    from budget import Budgets
    from sqlalchemy import create_engine, text

    from study.classroom.server import add_member, set_up_class
    from study.services import load_content
    from study.storage.database import open_database
    from tests.pg import ThrowawayServer, skip_reason

    reason = skip_reason()
    if reason:
        print(f"skipped: {reason}")
        return 0
    CONTENT = blueprints, bank = load_content()
    work = Path(tempfile.mkdtemp(prefix="ase-class-load-"))
    settings = {"max_connections": str(3 * args.students + 20), "shared_preload_libraries": "pg_stat_statements",
                "pg_stat_statements.track_utility": "on"}
    with ThrowawayServer(settings=settings) as server:
        owner_url = server.create_database("classlab")
        db = open_database(owner_url)
        set_up_class(db, {q.id: q.answer for q in bank.questions})
        with db.engine.begin() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_stat_statements"))
        urls = [add_member(db, f"Student {i + 1:03d}").url for i in range(args.students)]
        db.dispose()
        forked = mp.get_context("fork")
        stop = forked.Event()
        procs = [forked.Process(target=student, args=(u, str(work / f"s{i}"), i, stop, args.pace), daemon=True)
                 for i, u in enumerate(urls)]
        t0 = time.monotonic()
        for p in procs:
            p.start()
        time.sleep(seconds / 2)
        r0 = time.monotonic()
        server.restart("immediate")  # a crash and a restart, with recovery, mid-exam for everyone
        downtime = time.monotonic() - r0
        time.sleep(max(0.0, seconds - (time.monotonic() - t0)))
        stop.set()
        for p in procs:
            p.join(150)
        elapsed = time.monotonic() - t0
        crashed = [i for i, p in enumerate(procs) if p.exitcode != 0]
        for p in procs:
            if p.is_alive():
                p.kill()
        server_ms, server_max_ms, server_n = server_time(owner_url)

        engine = create_engine(owner_url)
        with engine.connect() as conn:
            stored = {r[0]: (r[1], r[2]) for r in conn.execute(text("SELECT uid, choice, changes FROM response"))}
            dup_rows = conn.execute(text("SELECT (SELECT COUNT(*) FROM response) - (SELECT COUNT(*) FROM "
                                         "(SELECT DISTINCT exam_id, position FROM response) x)")).scalar_one()
        engine.dispose()

    outs: list[dict[str, Any]] = []
    failures: list[str] = [f"student {i + 1}: process ended with exit code {procs[i].exitcode}" for i in crashed]
    for i in range(args.students):
        try:
            outs.append(json.loads((work / f"s{i}" / "out.json").read_text()))
        except (OSError, ValueError):
            failures.append(f"student {i + 1}: left no record of what happened")
    lost, duplicated = 0, int(dup_rows)
    for o in outs:
        failures += o["failures"]
        for uid, (choice, changes) in o["acked"].items():
            got = stored.get(uid)
            if got is None or got[0] != choice or got[1] < changes:
                lost += 1
            elif got[1] > changes:
                duplicated += 1  # an answer applied more often than it was given
    online = [x for o in outs for x in o["online_ms"]]
    offline = [x for o in outs for x in o["offline_ms"]]
    b = Budgets()
    print(f"{'students (each its own process and login)':44} {args.students:8d}")
    print(f"{'answering for':44} {elapsed:8.1f} s   (one crash-restart of the server at {seconds / 2:.0f} s, "
          f"down {downtime:.1f} s)")
    print(f"{'exams started':44} {sum(o['exams'] for o in outs):8d}")
    print(f"{'answers acknowledged':44} {len(online) + len(offline):8d}   ({len(online)} on the server, "
          f"{len(offline)} kept on the workstation while it was unreachable)")
    print(f"{'a workstation waits for an answer p50':44} {pct(online, 0.5):8.2f} ms")
    b.under("a workstation waits for an answer p95", pct(online, 0.95), ANSWER_P95_BUDGET_MS, "ms")
    print(f"{'the server spends on a row write (mean)':44} {server_ms:8.2f} ms   (ase_save_answer and COMMIT, "
          f"pg_stat_statements over {server_n} calls since the restart: an answer, and the time on the question "
          f"left; slowest statement {server_max_ms:.1f} ms)")
    if offline:
        print(f"{'saved on the workstation p50 / p95':44} {pct(offline, 0.5):8.2f} / {pct(offline, 0.95):.2f} ms")
    print(f"{'exam starts refused while the server was down':44} {sum(o['refused_starts'] for o in outs):8d}")
    b.zero("lost answers", lost)
    b.zero("duplicated answers", duplicated)
    b.zero("failures in a student's answer, move, finish or process", len(failures))
    for f in failures[:8]:
        print(f"    {f}")
    if not online:
        b.fail("no answers reached the server")
    return b.verdict()


if __name__ == "__main__":
    sys.exit(main())
