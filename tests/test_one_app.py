"""One running app per data folder: a second start hands its file to the running window and exits;
a command run beside the app is safe; a restore waits until nobody else has the database open;
and a copy whose exam was taken over elsewhere never overwrites it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from questions.exam import ExamMode, build_exam
from study.classroom.sets import build_set, save_set
from study.exams import ExamTakenOver
from study.services import open_services
from study.storage.backup import BackupError
from study.storage.health import was_unclean_exit

ROOT = Path(__file__).resolve().parent.parent


def run_main(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT)


@pytest.mark.gui
def test_a_second_start_hands_its_practice_set_to_the_running_window_and_exits(qtbot, tmp_path, monkeypatch):
    from app.application import run_gui
    from app.dialogs import Dialogs

    data = tmp_path / "data"
    services = open_services(data)
    qs = services.bank.for_test("A5")[:5]
    services.close()
    path = save_set(build_set("Friday quiz", "A5", qs, instructor="Ms. Rivera"), tmp_path / "friday.aseset")
    monkeypatch.setattr(QSettings, "value", lambda self, key, default=None: default)  # no saved settings
    monkeypatch.setattr(Dialogs, "ask", lambda self, parent, title, text, yes: True)  # "Start"
    window = run_gui(argparse.Namespace(data_dir=data, db=None, command=None, file=None, json=False),
                     exec_loop=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.ctx.services is not None, timeout=20000)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    second = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), "open", str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        # the second start ends by itself, and the running window opens the set it was given
        qtbot.waitUntil(lambda: second.poll() is not None and window.current_page() == "exam", timeout=60000)
        _, err = second.communicate(timeout=10)
        assert second.returncode == 0, err
        assert "already running" in err and "friday.aseset" in err
        assert window.exam_page.active.title == "Friday quiz" and len(window.exam_page.active.run) == 5
    finally:
        if second.poll() is None:
            second.kill()
        window.exam_page.pause_and_leave()
        window.shutdown()


APP = """
import sys
from questions.exam import ExamMode, build_exam
from study.services import open_services
s = open_services(__import__("pathlib").Path(sys.argv[1]))
bp = s.blueprints.get("A5")
active = s.exams.start(build_exam(bp, s.bank.for_test("A5"), ExamMode.QUICK10, seed=2))
active.start()
for line in sys.stdin:
    active.answer(line.strip())
    active.next()
    print(active.exam_id, flush=True)
"""


def test_a_command_run_beside_the_app_keeps_both_their_writes_and_the_apps_crash_check(tmp_path):
    """The app (a process of its own) answers, a command records a certification meanwhile, the app
    answers again and then dies: everything is stored, and the next start still knows to check."""
    app = subprocess.Popen([sys.executable, "-c", APP, str(tmp_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           text=True, cwd=ROOT)
    try:
        app.stdin.write("A\n")
        app.stdin.flush()
        exam_id = int(app.stdout.readline())
        done = run_main("--data-dir", str(tmp_path), "certs", "add", "A5", "2024-03-01")
        assert done.returncode == 0, done.stderr
        app.stdin.write("B\n")  # the app carries on writing after the command
        app.stdin.flush()
        assert int(app.stdout.readline()) == exam_id
    finally:
        app.kill()  # the app dies mid-exam, without a clean exit
        app.wait()
    assert was_unclean_exit(tmp_path)  # the command's clean exit was its own, not the app's
    s = open_services(tmp_path)
    try:
        with s.db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT test, passed_on FROM certification").all() == [("A5", "2024-03-01")]
            assert conn.exec_driver_sql(f"SELECT choice FROM response WHERE exam_id = {exam_id} "
                                        "AND choice IS NOT NULL ORDER BY position").all() == [("A",), ("B",)]
    finally:
        s.close()


def test_a_restore_waits_until_no_other_program_has_the_database_open(tmp_path):
    s = open_services(tmp_path)
    s.settings.set("target", "0.7")
    good = s.backups.take("manual")
    s.settings.set("target", "0.9")
    backups = s.backups
    s.close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys
        c = sqlite3.connect({str(backups.db_path)!r})
        c.execute("SELECT COUNT(*) FROM setting").fetchall()
        print("open", flush=True)
        sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(BackupError, match="Another program has ase-prep.sqlite3 open"):
            backups.restore(good)
    finally:
        holder.communicate("\n", timeout=30)
    again = open_services(tmp_path)
    try:
        assert again.settings.get("target") == "0.9"  # nothing was replaced
        again.close()
        backups.restore(good)  # nobody else has it open now
        again = open_services(tmp_path)
        assert again.settings.get("target") == "0.7"
    finally:
        again.close()


def test_a_window_whose_exam_was_taken_over_never_overwrites_it(tmp_path):
    first, second = open_services(tmp_path), open_services(tmp_path)  # two copies on one folder
    try:
        bp = first.blueprints.get("A5")
        stale = first.exams.start(build_exam(bp, first.bank.for_test("A5"), ExamMode.FULL, seed=4))
        stale.start()
        stale.answer("A")
        taken = second.exams.resume(stale.exam_id)  # the same exam, opened in the other copy
        taken.start()
        taken.answer("C")
        taken.next()
        taken.answer("D")
        with pytest.raises(ExamTakenOver):  # even moving on: the other copy has the exam now
            stale.next()
        with pytest.raises(ExamTakenOver):
            stale.answer("B")
        with pytest.raises(ExamTakenOver):
            stale.finish()
        result = taken.finish()
        with first.db.engine.connect() as conn:
            assert conn.exec_driver_sql(f"SELECT position, choice FROM response WHERE exam_id = {stale.exam_id} "
                                        "AND choice IS NOT NULL ORDER BY position").all() == [(0, "C"), (1, "D")]
            state, right = conn.exec_driver_sql(f"SELECT state, score_correct FROM exam WHERE id = {stale.exam_id}").one()
        assert state == "finished" and right == result.score.correct
        stale.pause()  # closing the stale window writes nothing either
        with first.db.engine.connect() as conn:
            assert conn.exec_driver_sql(f"SELECT state FROM exam WHERE id = {stale.exam_id}").scalar() == "finished"
    finally:
        first.close()
        second.close()
