"""Restoring a backup through the app's own dialogs: Help > Restore backup, worked as a person
works it (pick the copy, confirm), and the offer a start makes when the database is damaged, taken
or declined. Each brings back exactly the copy chosen, says so, and changes nothing else."""

from __future__ import annotations

import argparse
import hashlib
import threading
from pathlib import Path

import pytest

from study.day_words import moment_text
from study.services import open_services
from tests.conftest import open_window, settled
from tests.dialogs import ModalDriver

pytestmark = pytest.mark.gui


def target_of(folder: Path) -> str | None:
    """The learner's stored target, read straight from the file."""
    import sqlite3

    con = sqlite3.connect(folder / "ase-prep.sqlite3")
    try:
        row = con.execute("SELECT value FROM setting WHERE key = 'target'").fetchone()
    finally:
        con.close()
    return row[0] if row else None


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_in(folder: Path) -> dict[str, str]:
    """Every file under `folder` (but the start's running mark and the log) with its digest."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith("running-") and p.suffix not in (".log", ".ini")}


def test_help_restore_backup_through_its_dialog_brings_the_copy_back_and_says_so(qtbot, tmp_path):
    from app.backups_dialog import RestoreDialog

    services = open_services(tmp_path)
    services.settings.set("target", "0.66")
    kept = services.backups.take("manual")
    services.settings.set("target", "0.9")
    window = open_window(qtbot, tmp_path, services)
    window.ctx.loader = lambda: open_services(tmp_path)  # as the app's start sets it (app.application)
    settled(qtbot, window)  # Home has read what it shows, as by the time a person finds the Help menu
    picked = []

    def handle(widget) -> bool:  # type: ignore[no-untyped-def]
        if not isinstance(widget, RestoreDialog):
            return False
        rows = [widget.list.item(i) for i in range(widget.list.count())]
        from PySide6.QtCore import Qt

        row = next(r for r in rows if r.data(Qt.ItemDataRole.UserRole).path == kept.path)
        widget.list.setCurrentItem(row)
        picked.append(row.text())
        widget.restore_btn.click()  # then "Restore this backup?": Yes
        return True

    driver = ModalDriver(handle)
    try:
        window.restore_action.trigger()
        qtbot.waitUntil(lambda: len(driver.boxes) >= 2, timeout=20000)
    finally:
        driver.stop()
    assert picked, "the Restore dialog never showed"
    titles = [t for t, _ in driver.boxes]
    assert titles == ["Restore this backup?", "Backup restored"], driver.boxes
    assert f"Restored the copy from {moment_text(kept.taken)}" in driver.boxes[-1][1]
    assert window.ctx.services is not None and window.ctx.services.settings.get("target") == "0.66"
    assert target_of(tmp_path) == "0.66"
    # the data it replaced was backed up first
    reasons = [b.reason for b in window.ctx.services.backups.all()]
    assert "before-restore" in reasons
    window.shutdown()


def test_help_restore_waits_for_a_read_that_still_has_the_file_open(qtbot, tmp_path):
    """A report still reading when the learner restores: the restore waits for it and is carried
    out, instead of being refused as "another program has the file open"."""
    import threading

    services = open_services(tmp_path)
    services.settings.set("target", "0.66")
    kept = services.backups.take("manual")
    services.settings.set("target", "0.9")
    window = open_window(qtbot, tmp_path, services)
    window.ctx.loader = lambda: open_services(tmp_path)
    settled(qtbot, window)
    holding, restored = threading.Event(), threading.Event()
    restore = services.backups.restore

    def restore_then_let_the_read_go(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return restore(*args, **kwargs)
        finally:
            restored.set()

    services.backups.restore = restore_then_let_the_read_go  # type: ignore[method-assign]

    def slow_report() -> None:  # a read on a worker that keeps its connection until the restore ran (or 3 s)
        with services.db.engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM setting").fetchall()
            holding.set()
            restored.wait(3)

    window.ctx.ops.read(slow_report, lambda _r: None)
    assert holding.wait(10)
    window.ctx.dialogs.restore_backup = lambda parent, backups: kept  # type: ignore[method-assign]
    driver = ModalDriver()  # notes each message box and answers it
    try:
        window.restore_action.trigger()
        qtbot.waitUntil(lambda: len(driver.boxes) >= 1, timeout=20000)
    finally:
        driver.stop()
    assert [t for t, _ in driver.boxes] == ["Backup restored"], driver.boxes
    assert target_of(tmp_path) == "0.66"
    window.shutdown()


def damaged_folder(folder: Path) -> tuple[Path, object]:
    """A data folder whose database was overwritten by a text file, with a good backup kept."""
    s = open_services(folder)
    s.settings.set("target", "0.66")
    good = s.backups.take("manual")
    path = s.backups.db_path
    s.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"my notes, saved over the database by mistake\n" * 20)
    return path, good


def start(qtbot, folder: Path):  # type: ignore[no-untyped-def]
    from app.application import run_gui

    window = run_gui(argparse.Namespace(data_dir=folder, db=None, command=None, file=None, json=False),
                     exec_loop=False)
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize("restore", [True, False], ids=["restore", "decline"])
def test_a_damaged_database_at_start_gets_the_offer_and_the_choice_is_carried_out(qtbot, tmp_path, monkeypatch,
                                                                                  restore):
    path, good = damaged_folder(tmp_path)
    damaged_bytes = path.read_bytes()
    backups_before = files_in(tmp_path / "backups")
    asked = []

    def handle(widget) -> bool:  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QMessageBox

        from tests.dialogs import is_message

        if is_message(widget) and widget.windowTitle() == "Your database is damaged":
            asked.append(widget.text())
            yes = restore and len(asked) == 1  # asked again (the restore did not take): No
            widget.button(QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No).click()
            return True
        return False

    from study.storage import backup

    checked_on: list[bool] = []  # each backup's integrity check: on the GUI thread?
    real_check = backup.check
    monkeypatch.setattr(backup, "check", lambda path: checked_on.append(
        threading.current_thread() is threading.main_thread()) or real_check(path))
    driver = ModalDriver(handle)
    window = start(qtbot, tmp_path)
    try:
        if restore:
            qtbot.waitUntil(lambda: window.ctx.services is not None, timeout=20000)
            qtbot.waitUntil(lambda: any(t == "Backup restored" for t, _ in driver.boxes), timeout=20000)
        else:
            qtbot.waitUntil(lambda: any(t == "ASE Prep cannot open its data" for t, _ in driver.boxes), timeout=20000)
    finally:
        driver.stop()
    assert len(asked) == 1 and f"from {moment_text(good.taken)}" in asked[0]
    assert checked_on and not any(checked_on), "the backups were checked on the GUI thread, which froze"
    aside = [p for p in tmp_path.iterdir() if p.is_file() and p.name.startswith("ase-prep.sqlite3.")
             and not p.name.endswith(("-wal", "-shm"))]
    if restore:
        assert target_of(tmp_path) == "0.66" and window.ctx.services.settings.get("target") == "0.66"
        assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes  # kept beside it, byte for byte
        assert aside[0].name in driver.boxes[-1][1]
    else:
        assert window.ctx.services is None
        assert path.read_bytes() == damaged_bytes and aside == []  # the file has not been changed
    # the copies kept are as they were (a damaged file is never backed up over them)
    assert files_in(tmp_path / "backups") == backups_before
    window.shutdown()
