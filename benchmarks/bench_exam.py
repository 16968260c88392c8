"""Answering a question: key press to the next question painted (p50/p95), and the commit of
one answer beside a bare sqlite3 insert + commit on the same disk with the same settings;
resident memory after a full-length exam."""

from __future__ import annotations

import os
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def bare_commit_ms(folder: Path, n: int = 200) -> float:
    con = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, exam INTEGER, pos INTEGER, choice TEXT, at TEXT)")
    times = []
    for i in range(n):
        t = time.perf_counter()
        con.execute("BEGIN")
        con.execute("INSERT INTO t (exam, pos, choice, at) VALUES (?, ?, ?, ?)", (1, i, "A", "2026-11-25"))
        con.execute("COMMIT")
        times.append(time.perf_counter() - t)
    con.close()
    return statistics.median(times) * 1000


def wait(app, until, seconds: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while not until():
        if time.monotonic() > end:
            raise SystemExit("the exam did not get there in time")
        app.processEvents()
        time.sleep(0.002)


def main() -> int:
    from budget import Budgets
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.context import AppContext
    from app.lagprobe import LagProbe
    from app.main_window import MainWindow
    from app.theme import apply_theme
    from study.services import open_services

    folder = Path(tempfile.mkdtemp(prefix="ase-exam-bench-"))
    app = QApplication.instance() or QApplication([])
    apply_theme(app)
    services = open_services(folder)
    ctx = AppContext(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    w = MainWindow(ctx)
    w.resize(1280, 800)
    w.show()
    ctx.set_services(services)
    app.processEvents()
    commit_ms: list[float] = []

    def start(test: str, mode: str):  # type: ignore[no-untyped-def]
        """An exam started as a learner starts it; its answers' commits (on the write worker) timed."""
        before = w.pages.get("exam")
        old = getattr(before, "active", None)
        ctx.practise.emit(test, mode)
        wait(app, lambda: w.current_page() == "exam" and w.exam_page.active is not None
             and w.exam_page.active is not old)
        exam = w.exam_page
        active = exam.active
        original = active.store

        def timed_store(wr):  # type: ignore[no-untyped-def]
            t = time.perf_counter()
            original(wr)
            if wr.kind == "answer":
                commit_ms.append((time.perf_counter() - t) * 1000)

        active.store = timed_store
        return exam

    def settle(exam) -> None:  # type: ignore[no-untyped-def]
        wait(app, lambda: ctx.ops.idle and (exam.writes is None or exam.writes.idle))

    exam = start("A5", "full")
    key_ms: list[float] = []
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
    for i in range(len(exam.active.run) - 1):
        t = time.perf_counter()
        QTest.keyClick(exam.focusWidget(), keys[i % 4])
        QTest.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
        exam.repaint()  # paint now, not at the next idle moment
        key_ms.append((time.perf_counter() - t) * 1000)
        app.processEvents()  # the stored answer comes back between key presses, as it does for a learner
    settle(exam)
    exam.end_exam()
    settle(exam)
    # a second sitting answered with the event loop running, watched by a lag probe
    exam = start("A5", "half")
    probe = LagProbe()
    probe.start()
    for i in range(len(exam.active.run) - 1):
        QTest.keyClick(exam.focusWidget(), keys[i % 4])
        QTest.qWait(20)
        QTest.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
        QTest.qWait(20)
    probe.stop()
    settle(exam)
    exam.end_exam()
    settle(exam)
    # a sitting of questions that carry figures (wiring diagrams, waveforms): drawing them must not
    # cost the key press its frame
    from questions.exam import ExamMode, build_custom

    figured = [q for q in services.bank.questions if q.exhibit is not None and q.exhibit.kind == "figure"][:40]
    fig_ms: list[float] = []
    if len(figured) >= 5:
        form = build_custom("A8", ExamMode.DRILL, [q.id for q in figured], {q.id: q.area for q in figured}, 3, None)
        active = services.exams.start(form, title="figures")
        ctx.start_exam(active)
        wait(app, lambda: w.exam_page.active is active)
        exam = w.exam_page
        for i in range(len(exam.active.run) - 1):
            QTest.keyClick(exam.focusWidget(), keys[i % 4])
            QTest.qWait(60)  # the learner reads before moving on (the next figure is drawn meanwhile)
            t = time.perf_counter()
            QTest.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
            exam.repaint()
            fig_ms.append((time.perf_counter() - t) * 1000)
            app.processEvents()
        settle(exam)
        exam.end_exam()
        settle(exam)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    floor = bare_commit_ms(folder)
    c50 = statistics.median(commit_ms)
    b = Budgets()
    print(f"{'key press to next question painted p50':44} {pct(key_ms, 0.5):8.2f} ms")
    b.under("key press to next question painted p95", pct(key_ms, 0.95), 16.0, "ms", "  one frame")
    if fig_ms:
        b.under("next question with a figure painted p95", pct(fig_ms, 0.95), 16.0, "ms", f"  {len(figured)} figures")
    print(f"{'bare sqlite3 insert + commit (floor)':44} {floor:8.2f} ms")
    b.ratio("one answer committed (on the write worker)", c50, floor, 3.0)
    b.under("event loop blocked at most (lag probe)", probe.worst * 1000, 50.0, "ms")
    b.under("peak resident memory after a full exam", rss_mb, 300.0, "MB")
    w.shutdown()
    return b.verdict()


if __name__ == "__main__":
    sys.exit(main())
