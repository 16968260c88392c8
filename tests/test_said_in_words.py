"""What goes wrong is said in a sentence that says what happened and what to do, in the GUI and the
command line alike (a read-only data folder, a full disk at start, a damaged database), and text
from outside the app reaches the terminal with its control characters made visible."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from study.classroom.sets import PracticeSetService, ResultAnswer, build_result, build_set, save_result
from study.services import open_services
from study.storage.health import mark_running
from tests.fsfaults import read_only_folder, small_disk  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parent.parent
NAME = "Eve\x1b]0;all marks 100\x07\x1b[2J\u202eyelseL\u202c"  # sets the window title, clears the screen, reverses


def run_main(*argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True, text=True,
                          timeout=120, env=env, cwd=ROOT)


def in_words(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    lines = [x for x in done.stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), done.stderr
    return lines[0]


def test_results_import_shows_a_students_name_with_its_control_characters_visible(tmp_path):
    s = open_services(tmp_path)
    try:
        ps = build_set("Week 3", "A5", s.bank.for_test("A5")[:3], instructor="Ms. Rivera")
        PracticeSetService(s.db, s.blueprints).save(ps, tmp_path / "week3.aseset")
        result = build_result(ps, NAME, [ResultAnswer(q.id, q.answer, 5.0) for q in ps.questions], 15.0)
        path = save_result(result, tmp_path / "eve.aseresult")
    finally:
        s.close()
    for argv in (("results", "import", str(path)), ("results", "report", "--test", "A5")):
        done = run_main("--data-dir", str(tmp_path), *argv)
        assert done.returncode == 0, done.stderr
        shown = done.stdout + done.stderr
        assert not [c for c in shown if (ord(c) < 32 and c not in "\n\t") or c in "\x7f\u202e\u202c"], repr(shown)
        assert "Eve\\x1b]0;all marks 100\\x07" in shown  # visible, not obeyed (the report cuts names short)


def gui_message(qtbot, data_dir: Path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """Start the app on `data_dir` and return what the dialog that comes up says."""
    from PySide6.QtCore import QSettings

    from app.application import run_gui
    from tests.dialogs import DialogAnswerer

    monkeypatch.setattr(QSettings, "value", lambda self, key, default=None: default)
    boxes = DialogAnswerer()
    window = run_gui(argparse.Namespace(data_dir=data_dir, db=None, command=None, file=None, json=False),
                     exec_loop=False)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(boxes.shown), timeout=20000)
        return boxes.shown[0]
    finally:
        boxes.timer.stop()
        window.close()


@pytest.mark.gui
def test_a_read_only_data_folder_is_said_as_such(qtbot, read_only_folder, monkeypatch):  # noqa: F811
    line = in_words(run_main("--data-dir", str(read_only_folder), "weak", "--test", "A5"))
    assert "cannot use its data folder" in line and ("read-only" in line or "permission" in line), line
    assert "--data-dir" in line
    text = gui_message(qtbot, read_only_folder, monkeypatch)
    assert "cannot use its data folder" in text and ("read-only" in text or "permission" in text), text


@pytest.mark.gui
def test_a_full_disk_at_start_is_said_as_such_never_as_damage(qtbot, small_disk, monkeypatch):  # noqa: F811
    data = small_disk.folder / "data"
    s = open_services(data)
    s.settings.set("target", "0.7")
    s.db.dispose()  # the app dies: the next start checks the file
    mark_running(data)
    small_disk.fill()
    line = in_words(run_main("--data-dir", str(data), "weak", "--test", "A5"))
    assert "the disk is full" in line and "damaged" not in line, line
    assert "Free some disk space" in line
    text = gui_message(qtbot, data, monkeypatch)
    assert "the disk is full" in text and "damaged" not in text, text


def test_a_damaged_database_from_the_command_line_says_how_to_get_the_backup_back(tmp_path):
    s = open_services(tmp_path)
    s.backups.take("manual")
    path = s.backups.db_path
    s.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_text("saved over by mistake\n" * 50)
    line = in_words(run_main("--data-dir", str(tmp_path), "weak", "--test", "A5"))
    assert "is damaged" in line and "newest good backup" in line and "python main.py" in line, line
    line = in_words(run_main("--data-dir", str(tmp_path), "certs", "--json"))
    assert "is damaged" in line
