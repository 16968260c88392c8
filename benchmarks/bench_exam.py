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


def main() -> list[tuple[str, float, float]]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.context import AppContext
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
    ctx.practise.emit("A5", "full")
    app.processEvents()
    exam = w.exam_page
    run = exam.active.run
    key_ms, commit_ms = [], []
    active = exam.active
    original = active._store  # one answer: its row, stored before the screen shows it

    def timed_write(*a, **k):  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        original(*a, **k)
        if k.get("clock") is False:  # an answer, not a move
            commit_ms.append((time.perf_counter() - t) * 1000)

    active._store = timed_write
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
    for i in range(len(run) - 1):
        t = time.perf_counter()
        QTest.keyClick(exam.focusWidget(), keys[i % 4])
        QTest.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
        exam.repaint()  # paint now, not at the next idle moment
        app.processEvents()
        key_ms.append((time.perf_counter() - t) * 1000)
    exam.end_exam()
    app.processEvents()
    # a second sitting answered with the event loop running, watched by a lag probe
    from app.lagprobe import LagProbe

    ctx.practise.emit("A5", "half")
    app.processEvents()
    exam = w.exam_page
    probe = LagProbe()
    probe.start()
    for i in range(len(exam.active.run) - 1):
        QTest.keyClick(exam.focusWidget(), keys[i % 4])
        QTest.qWait(20)
        QTest.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
        QTest.qWait(20)
    probe.stop()
    exam.end_exam()
    app.processEvents()
    # a sitting of questions that carry figures (wiring diagrams, waveforms): drawing them must not
    # cost the key press its frame
    from questions.exam import ExamMode, build_custom

    figured = [q for q in services.bank.questions if q.exhibit is not None and q.exhibit.kind == "figure"][:40]
    fig_ms: list[float] = []
    if len(figured) >= 5:
        form = build_custom("A8", ExamMode.DRILL, [q.id for q in figured], {q.id: q.area for q in figured}, 3, None)
        ctx.start_exam(services.exams.start(form, title="figures"))
        app.processEvents()
        exam = w.exam_page
        for i in range(len(exam.active.run) - 1):
            QTest.keyClick(exam.focusWidget(), keys[i % 4])
            QTest.qWait(60)  # the learner reads before moving on (the next figure is drawn meanwhile)
            t = time.perf_counter()
            QTest.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
            exam.repaint()
            app.processEvents()
            fig_ms.append((time.perf_counter() - t) * 1000)
        exam.end_exam()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    floor = bare_commit_ms(folder)
    c50 = statistics.median(commit_ms)
    print(f"{'key press to next question painted p50':42} {pct(key_ms, 0.5):8.2f} ms")
    print(f"{'key press to next question painted p95':42} {pct(key_ms, 0.95):8.2f} ms   (budget 50 ms)")
    if fig_ms:
        print(f"{'next question with a figure painted p95':42} {pct(fig_ms, 0.95):8.2f} ms   (budget 16 ms, "
              f"{len(figured)} figures)")
    print(f"{'bare sqlite3 insert + commit (floor)':42} {floor:8.2f} ms")
    print(f"{'one answer committed':42} {c50:8.2f} ms   {c50 / floor:5.2f}x floor  (budget 3x)")
    print(f"{'event loop blocked at most (lag probe)':42} {probe.worst * 1000:8.2f} ms   (budget 50 ms)")
    print(f"{'peak resident memory after a full exam':42} {rss_mb:8.1f} MB   (budget 300 MB)")
    w.shutdown()
    out = [("answer p95", pct(key_ms, 0.95), 50.0), ("commit", c50, floor)]
    if fig_ms:
        out.append(("figure p95", pct(fig_ms, 0.95), 16.0))
    return out


if __name__ == "__main__":
    main()
