"""The app start pauses Python's cyclic garbage collector (main.py) while it builds the window and
loads the data: it is back on once the data has loaded, and also when it could not be loaded, so a
long session never runs without it."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.dialogs import DialogAnswerer

pytestmark = pytest.mark.gui


@pytest.fixture
def paused_collector() -> Iterator[None]:
    gc.disable()  # as main.py does before it starts the app
    try:
        yield
    finally:
        gc.unfreeze()
        gc.enable()


def start(data: Path, monkeypatch):  # type: ignore[no-untyped-def]
    from app.application import run_gui

    monkeypatch.setattr(QSettings, "value", lambda self, key, default=None: default)  # no saved settings
    return run_gui(argparse.Namespace(data_dir=data, db=None, command=None, file=None, json=False),
                   exec_loop=False, collect_when_loaded=True)


def test_the_collector_is_back_on_once_the_data_has_loaded(qtbot, tmp_path, monkeypatch, paused_collector) -> None:
    window = start(tmp_path / "data", monkeypatch)
    qtbot.addWidget(window)
    try:
        assert not gc.isenabled()  # the window is up; the data is still loading
        qtbot.waitUntil(lambda: window.ctx.services is not None, timeout=20000)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # what the start made is set aside, not walked by each collection
    finally:
        window.shutdown()


def test_the_collector_is_back_on_when_the_data_cannot_be_loaded(qtbot, tmp_path, monkeypatch,
                                                                 paused_collector) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "ase-prep.sqlite3").write_text("not a database, and no backup to offer\n")
    boxes = DialogAnswerer()
    window = start(data, monkeypatch)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: bool(boxes.shown), timeout=20000)  # "Your database is damaged"
        assert window.ctx.services is None
        assert gc.isenabled()
    finally:
        boxes.timer.stop()
        window.shutdown()
