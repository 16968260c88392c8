#!/usr/bin/env python3
"""Screenshots of every page, and of the exam with an exhibit, at the sizes the app promises.

    python scripts/screenshots.py OUT_DIR [--sizes 1024x700@1.0,1366x768@2.0] [--themes light,dark]
                                          [--question A8-E-0003] [--empty] [--no-flows]

Each page is shown in the real main window over real services in a throwaway data folder
(offscreen Qt, so no display is needed) and saved as OUT_DIR/<page>-<W>x<H>-<scale>[-dark].png;
so are Practice on C1 (its notes), each Instructor tab, Live class, and a timed full-length exam
(its quiet warning strip, the 5- and 1-minute warnings, the review screen, the end confirmation, its
results once shown), unless
--no-flows. The
folder holds a learner's history (three months of practice on A5, a study plan, two
certifications) unless --empty asks for a first start. Open the pictures: a screen that looks
off to you looks off to a user. tests/test_layout.py walks the same pages with `fill_history`
and `settle`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PAGES = ("home", "practice", "plan", "progress", "instructor", "certs", "settings", "about")


def fill_history(services) -> None:  # type: ignore[no-untyped-def]
    """Three months of practice on A5 and A4 (quick tens, half and full exams), an A5 study plan,
    two certifications and a purchase: every page has something to show."""
    from datetime import date, timedelta

    from study.certs import CertificationService
    from study.demo import seed_demo
    from study.planning.planner import PlanRequest

    seed_demo(services.db, services.bank, services.blueprints, learners=1, responses=1500, seed=4)
    today = date.today()
    services.plans().create(PlanRequest(("A5",), ("mon", "wed", "thu"), today + timedelta(weeks=7)))
    certs = CertificationService(services.db, services.blueprints, services.exams.learner_id)
    certs.add("A4", today - timedelta(days=700))
    certs.add("A1", today - timedelta(days=5 * 365 - 90))  # due for recertification soon
    certs.add_purchase("A5", today - timedelta(days=10))


def settle(app, rounds: int = 200) -> None:  # type: ignore[no-untyped-def]
    """Let the pages' background reads finish and their results paint."""
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    quiet = 0
    for _ in range(rounds):
        app.processEvents()
        pool.waitForDone(20)
        app.processEvents()
        quiet = quiet + 1 if pool.activeThreadCount() == 0 else 0
        if quiet >= 5:
            return


def flows(app, win, services, out: Path, tag: str) -> None:  # type: ignore[no-untyped-def]
    """Practice on C1, the Instructor tabs, Live class, and a timed full-length exam to its results."""
    from questions.exam import ExamMode, build_exam

    def shot(name: str) -> None:
        settle(app)
        win.grab().save(str(out / f"{name}-{tag}.png"))

    win.show_page("practice")
    win.page("practice").select_test("C1")
    shot("practice-C1")
    win.show_page("instructor")
    tabs = win.page("instructor").tabs
    for i in range(1, tabs.count()):
        tabs.setCurrentIndex(i)
        shot(f"instructor-{tabs.tabText(i).lower().replace(' ', '-')}")
    tabs.setCurrentIndex(0)
    win.show_page("live")
    shot("live")
    bp = services.blueprints.get("A5")
    active = services.exams.start(build_exam(bp, services.bank.for_test("A5"), ExamMode.FULL, seed=4))
    win.ctx.start_exam(active)
    shot("exam-full")
    page = win.exam_page
    run = page.active.run
    run._used_before += run.form.time_limit_seconds - 4 * 60  # the 5-minute warning
    page._tick()
    shot("exam-full-warning")
    run._used_before += 3 * 60 + 10  # the 1-minute warning
    page._tick()
    shot("exam-full-warning-1min")
    for _ in range(3):
        page.choose("B")
        page.next()
    page.toggle_flag()
    page.show_review()
    shot("exam-review")
    page.ask_end()
    shot("exam-end-confirmation")
    exam_id = page.active.exam_id
    page.end_exam()
    # the exam ends on the write worker: wait for its result on screen, not for a quiet moment
    results = win.page("results")

    def shown() -> bool:
        summary = getattr(getattr(results, "result", None), "summary", None)
        return win.current_page() == "results" and getattr(summary, "id", None) == exam_id

    wait_for(app, shown, what="the full exam's results")
    shot("results-full")


def wait_for(app, done, what: str, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Let events run until `done()`, or fail after `seconds` saying `what` never came."""
    import time

    end = time.monotonic() + seconds
    while not done():
        if time.monotonic() > end:
            raise SystemExit(f"screenshots: {what} did not show within {seconds:.0f} s")
        settle(app, 5)
        time.sleep(0.02)


def parse_sizes(text: str) -> list[tuple[int, int, float]]:
    out = []
    for part in text.split(","):
        wh, _, scale = part.partition("@")
        w, h = wh.split("x")
        out.append((int(w), int(h), float(scale or 1)))
    return out


def open_window(app, data: Path, services, w: int, h: int, scale: float, theme: str = "light"):  # type: ignore[no-untyped-def]
    """The main window at w x h with text at `scale` in `theme` ("light", "dark" or "system"), over
    `services` and the settings in `data`, shown and settled (tests/layout_checks.py uses it too)."""
    from PySide6.QtCore import QSettings

    from app.context import AppContext
    from app.main_window import MainWindow
    from app.theme import apply_theme

    apply_theme(app, scale, theme=theme)
    ctx = AppContext(QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(ctx)
    win.resize(w, h)
    win.show()
    ctx.set_services(services)
    settle(app)
    return win


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--sizes", default="1024x700@1.0,1366x768@2.0")
    ap.add_argument("--question", action="append", default=[], help="show the exam on these question ids")
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--empty", action="store_true", help="a first start: no history")
    ap.add_argument("--themes", default="light,dark", help="light, dark or both")
    ap.add_argument("--no-flows", action="store_true", help="only the pages, not the exam and the tabs")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QApplication

    from questions.exam import ExamMode, build_custom
    from study.services import open_services

    app = QApplication(sys.argv[:1])
    data = Path(tempfile.mkdtemp(prefix="ase-shots-"))
    services = open_services(data)
    if not args.empty:
        fill_history(services)
    looks = [(w, h, s, theme) for w, h, s in parse_sizes(args.sizes) for theme in args.themes.split(",")]
    for w, h, scale, theme in looks:
        win = open_window(app, data, services, w, h, scale, theme)
        tag = f"{w}x{h}-{int(scale * 100)}" + ("-dark" if theme == "dark" else "")
        for page in args.pages.split(","):
            win.show_page(page)
            settle(app)
            win.grab().save(str(args.out / f"{page}-{tag}.png"))
        if not args.no_flows and not args.empty:
            flows(app, win, services, args.out, tag)
        for qid in args.question:
            q = services.bank.get(qid)
            form = build_custom(q.test, ExamMode.DRILL, [q.id], {q.id: q.area}, 1, None)
            active = services.exams.start(form, title=f"{q.test} drill")
            win.ctx.start_exam(active)
            settle(app)
            win.grab().save(str(args.out / f"exam-{qid}-{tag}.png"))
            win.exam_page.suspend()
            win.exam_page.active = None
            services.exams.abandon(active.exam_id)
        win.shutdown() if hasattr(win, "shutdown") else win.close()
    print(f"screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
