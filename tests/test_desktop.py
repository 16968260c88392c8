"""Installed like an app: `pip install .` gives an `ase-prep` command, `ase-prep desktop install`
(`make install-desktop`) puts it in the desktop's menus with its icon and makes .aseset and
.aseresult files open in it, and a double-clicked file reaches the window already running."""

from __future__ import annotations

import argparse
import configparser
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from cli.desktop import desktop_entry, exec_quote
from study.classroom.sets import PracticeSetService, ResultAnswer, build_result, build_set, save_result
from study.services import open_services

ROOT = Path(__file__).resolve().parent.parent


def run_main(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *argv], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen", **(env or {})), cwd=ROOT)


def test_the_package_declares_an_ase_prep_command_that_starts_main():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["ase-prep"] == "main:main"
    launcher = Path(sys.executable).with_name("ase-prep")  # the venv's, from the editable install
    assert launcher.exists(), "make .venv/.installed-stamp installs the package and its command"
    out = subprocess.run([str(launcher), "bank", "stats", "--json"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and '"tests"' in out.stdout


def test_desktop_install_writes_a_valid_entry_icons_and_file_types_and_remove_takes_them_away(tmp_path):
    data = tmp_path / "share"
    done = run_main("desktop", "install", env={"XDG_DATA_HOME": str(data)})
    assert done.returncode == 0, done.stderr
    entry_path = data / "applications" / "ase-prep.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(entry_path)
    d = entry["Desktop Entry"]
    assert d["Name"] == "ASE Prep" and d["Icon"] == "ase-prep" and d["Type"] == "Application"
    assert d["MimeType"] == "application/x-ase-prep-set;application/x-ase-prep-result;"
    command = exec_arguments(d["Exec"])
    assert command[-1] == "%f" and Path(command[0]).exists()
    assert (data / "icons/hicolor/scalable/apps/ase-prep.svg").read_bytes().startswith(b"<?xml")
    for kind in ("set", "result"):
        assert (data / f"icons/hicolor/scalable/mimetypes/application-x-ase-prep-{kind}.svg").exists()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry_path)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    # the desktop's own MIME database (Qt reads it as file managers do) now knows both kinds of file
    probe = subprocess.run([sys.executable, "-c", "from PySide6.QtCore import QMimeDatabase as M; d = M(); "
                            "print(d.mimeTypeForFile('/x/week3.aseset').name(), "
                            "d.mimeTypeForFile('/x/Dana.aseresult').name())"],
                           capture_output=True, text=True, timeout=60,
                           env=dict(os.environ, XDG_DATA_HOME=str(data), QT_QPA_PLATFORM="offscreen"))
    assert probe.stdout.split() == ["application/x-ase-prep-set", "application/x-ase-prep-result"], probe.stderr

    gone = run_main("desktop", "remove", env={"XDG_DATA_HOME": str(data)})
    assert gone.returncode == 0 and "Removed 5 file(s)" in gone.stdout
    assert not entry_path.exists() and not (data / "mime/packages/ase-prep.xml").exists()


def exec_arguments(value: str) -> list[str]:
    """A launcher's reading of an Exec key, by the Desktop Entry Specification: the string's escapes
    (\\\\ is one backslash), then arguments split at spaces outside double quotes, where a backslash
    keeps the next ", `, $ or \\ as it is; %% is one %."""
    value = value.replace("\\\\", "\\")
    args, cur, quoted, i, started = [], "", False, 0, False
    while i < len(value):
        ch = value[i]
        if quoted and ch == "\\" and value[i + 1] in '"`$\\':
            cur, i = cur + value[i + 1], i + 2
            continue
        if ch == '"':
            quoted, started = not quoted, True
        elif ch == " " and not quoted:
            if cur or started:
                args.append(cur)
            cur, started = "", False
        else:
            cur += ch
        i += 1
    if cur or started:
        args.append(cur)
    return [a.replace("%%", "%") if a != "%f" else a for a in args]


def test_exec_keeps_a_folder_with_spaces_quotes_and_dollars_whole():
    folder = '/home/lee/My "Apps"/$HOME/ase 100%'
    entry = desktop_entry([f"{folder}/ase-prep"])
    line = next(x for x in entry.splitlines() if x.startswith("Exec="))[len("Exec="):]
    assert exec_arguments(line) == [f"{folder}/ase-prep", "%f"]
    assert exec_quote("/usr/bin/ase-prep") == "/usr/bin/ase-prep"


def test_a_file_name_alone_starts_the_app_on_that_file():
    from main import app_start_args

    args = app_start_args(["--data-dir", "/tmp/d", "/home/lee/Dana Smith.aseresult"])
    assert args is not None and args.command == "open" and args.file == Path("/home/lee/Dana Smith.aseresult")
    assert app_start_args(["week3.aseset"]).command == "open"  # type: ignore[union-attr]
    assert app_start_args(["notes.txt"]) is None  # not ours: the full parser says what is wrong


@pytest.mark.gui
def test_a_double_clicked_result_file_is_imported_by_the_running_app(qtbot, tmp_path, monkeypatch):
    from app.application import run_gui

    data = tmp_path / "data"
    s = open_services(data)
    qs = s.bank.for_test("A5")[:4]
    ps = build_set("Friday quiz", "A5", qs, instructor="Ms. Rivera")
    PracticeSetService(s.db, s.blueprints).save(ps, tmp_path / "friday")  # the instructor's own copy
    s.close()
    answers = [ResultAnswer(q.id, "A", 30.0) for q in ps.questions]
    result = save_result(build_result(ps, "Dana Smith", answers, 300.0), tmp_path / "Dana.aseresult")
    monkeypatch.setattr(QSettings, "value", lambda self, key, default=None: default)
    window = run_gui(argparse.Namespace(data_dir=data, db=None, command=None, file=None, json=False), exec_loop=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.ctx.services is not None, timeout=20000)
    second = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data), str(result)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                              env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    try:
        qtbot.waitUntil(lambda: second.poll() is not None and window.current_page() == "instructor"
                        and getattr(window.page("instructor").klass, "last_import", None) is not None, timeout=60000)
        _, err = second.communicate(timeout=10)
        assert second.returncode == 0 and "Dana.aseresult" in err
        page = window.page("instructor")
        assert page.tabs.currentIndex() == 2  # Class results
        assert [o.status for o in page.klass.last_import.outcomes] == ["added"]
    finally:
        if second.poll() is None:
            second.kill()
        window.shutdown()
