"""`python main.py open SET.aseset` starts the app and the practice set, as a double-click would."""

from __future__ import annotations

import argparse

import pytest
from PySide6.QtCore import QSettings

from app.application import run_gui
from questions.bank import load_bank
from questions.blueprints import load_blueprints
from study.classroom.sets import build_set, save_set


@pytest.mark.gui
def test_open_command_starts_the_set_in_the_app(qtbot, tmp_path, monkeypatch):
    bp = load_blueprints()
    qs = load_bank(blueprints=bp).for_test("A5")[:6]
    path = save_set(build_set("Week 3 brakes", "A5", qs, instructor="Ms. Rivera"), tmp_path / "week3.aseset")
    monkeypatch.setattr(QSettings, "value", lambda self, key, default=None: default)  # no saved settings
    # the set's summary asks "Start?": the student answers Start
    from app.dialogs import Dialogs

    asked = []
    monkeypatch.setattr(Dialogs, "ask", lambda self, parent, title, text, yes: asked.append(text) or True)
    window = run_gui(argparse.Namespace(data_dir=tmp_path / "data", db=None, command="open", file=path, json=False),
                     exec_loop=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.current_page() == "exam", timeout=20000)
    assert window.exam_page.active.title.startswith("Week 3 brakes")
    assert len(window.exam_page.active.run) == 6
    assert "Week 3 brakes" in asked[0]
    window.exam_page.pause_and_leave()
    window.shutdown()


@pytest.mark.parametrize("argv", [[], ["--data-dir", "/tmp/x"], ["--db", "sqlite:///x.db", "--data-dir", "d"]])
def test_the_quick_start_parser_reads_a_plain_start_as_the_full_parser_does(argv):
    import main

    assert vars(main.app_start_args(argv)) == vars(main.parser().parse_args(argv))


@pytest.mark.parametrize("argv", [["-h"], ["weak", "--test", "A5"], ["open", "x.aseset"], ["--data-dir"], ["--x"]])
def test_anything_else_goes_to_the_full_parser(argv):
    import main

    assert main.app_start_args(argv) is None


def test_an_uncaught_error_is_shown_in_words_and_logged(qtbot, tmp_path, monkeypatch):
    import sqlite3
    from types import SimpleNamespace

    from sqlalchemy.exc import OperationalError

    from app.application import report_unexpected_error
    from app.message_box import MessageBox

    shown = []
    monkeypatch.setattr(MessageBox, "exec", lambda self: shown.append((self.text(), self.detailedText())) or 0)
    ctx = SimpleNamespace(services=SimpleNamespace(db=SimpleNamespace(url=f"sqlite:///{tmp_path / 'x.sqlite3'}"),
                                                   data_dir=tmp_path))
    exc = OperationalError("UPDATE response", {}, sqlite3.OperationalError("database or disk is full"))
    report_unexpected_error(None, ctx, exc, "Traceback: the details")
    report_unexpected_error(None, ctx, KeyError("plan"), "Traceback: another")
    assert "cannot be written" in shown[0][0] and shown[0][1] == "Traceback: the details"
    assert shown[1][0].startswith("Something went wrong: 'plan'")
    log = (tmp_path / "errors.log").read_text()
    assert "the details" in log and "another" in log
