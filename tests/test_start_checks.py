"""What a start finds in the data folder: an upgrade killed half-way, a database an older version
left half-upgraded, a first start that never finished, an empty or text file where the database
should be, damage found after a clean exit, and folders whose names hold URL characters. Each is
either opened as it should be or reported as damaged with the newest good backup offered."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from study.services import open_services
from study.storage.backup import Backups
from study.storage.database import DB_FILENAME, CorruptDatabase, HalfUpgraded, open_database, upgrade
from study.storage.health import check, mark_running
from study.storage.migrations import HEAD
from tests.dialogs import DialogAnswerer

ROOT = Path(__file__).resolve().parent.parent


def rows(path: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def tables(path: Path) -> set[str]:
    return {r[0] for r in rows(path, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def at_revision(folder: Path, revision: str) -> Path:
    """A data folder's database as an older version left it, at `revision`, with one learner."""
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(f"sqlite:///{folder / DB_FILENAME}", migrate=False)
    upgrade(db.engine, revision)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO learner (id, name, created_at) VALUES (1, 'Kim', '2026-01-01 10:00:00')")
    db.dispose()
    return folder / DB_FILENAME


# -- upgrades -------------------------------------------------------------------------------------------------


def test_an_upgrade_killed_half_way_leaves_the_database_exactly_as_it_was(tmp_path):
    path = at_revision(tmp_path, "0001")
    # the process is killed (SIGKILL) inside migration 0002, after its first statement made a table
    killer = textwrap.dedent(f"""
        import os, signal
        from alembic.operations import Operations
        def die(*a, **k):
            os.kill(os.getpid(), signal.SIGKILL)
        Operations.create_index = die
        from study.storage.database import open_database
        open_database({f"sqlite:///{path}"!r})
        """)
    done = subprocess.run([sys.executable, "-c", killer], cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == -9, done.stderr
    assert rows(path, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert "setting" not in tables(path)  # nothing of the killed upgrade stayed
    s = open_services(tmp_path)  # and the next start upgrades it whole
    try:
        assert rows(path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
        assert rows(path, "SELECT name FROM learner") == [("Kim",)]
    finally:
        s.close()


def half_upgraded(folder: Path) -> Path:
    """What an older version left after a kill inside migration 0002: at 0001, with 0002's table."""
    path = at_revision(folder, "0001")
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE setting (learner_id INTEGER NOT NULL, key VARCHAR(100) NOT NULL, value TEXT NOT NULL, "
                "PRIMARY KEY (learner_id, key))")
    con.commit()
    con.close()
    return path


def test_a_database_left_half_upgraded_is_reported_and_the_copy_from_before_the_upgrade_offered(tmp_path):
    path = at_revision(tmp_path, "0001")
    bk = Backups(path, tmp_path / "backups")
    before = bk.take("before-migration-from-0001")  # what the interrupted start took first
    path.unlink()
    half_upgraded(tmp_path)
    bk.take("before-migration-from-0001")  # every later start copied the broken file again
    with pytest.raises(CorruptDatabase) as err:
        open_services(tmp_path)
    assert isinstance(err.value, HalfUpgraded) and "half-upgraded" in str(err.value) and "0001" in str(err.value)
    good = bk.newest_good()
    assert good is not None and good.path == before.path  # not the newer copy of the half-upgraded file
    aside = bk.restore(good)
    assert aside is not None and "setting" in tables(aside)  # the broken file is kept, never deleted
    s = open_services(tmp_path)
    try:
        assert rows(path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
        assert rows(path, "SELECT name FROM learner") == [("Kim",)]
    finally:
        s.close()


def test_a_first_start_killed_while_the_tables_were_made_starts_again(tmp_path):
    path = tmp_path / DB_FILENAME
    con = sqlite3.connect(path)  # an older version made one table, then was killed
    con.execute("CREATE TABLE learner (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL, "
                "created_at DATETIME NOT NULL)")
    con.commit()
    con.close()
    s = open_services(tmp_path)
    try:
        assert rows(path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
        kept = [p.name for p in tmp_path.iterdir() if "interrupted-first-start" in p.name]
        assert len(kept) == 1  # the unfinished file is set aside, not deleted
    finally:
        s.close()


@pytest.mark.gui
def test_help_restore_backup_works_when_the_database_cannot_be_opened(qtbot, tmp_path, monkeypatch):
    import argparse

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog

    import app.backups_dialog
    from app.application import run_gui

    path = at_revision(tmp_path, "0001")
    Backups(path, tmp_path / "backups").take("before-migration-from-0001")
    path.unlink()
    half_upgraded(tmp_path)
    # the offer at start is declined; then the learner uses Help > Restore backup and picks the copy
    boxes = DialogAnswerer()
    monkeypatch.setattr(QSettings, "value", lambda self, key, default=None: default)

    def pick(dialog):  # type: ignore[no-untyped-def]
        dialog.chosen = dialog.backups.all()[0]
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(app.backups_dialog.RestoreDialog, "exec", pick)
    window = run_gui(argparse.Namespace(data_dir=tmp_path, db=None, command=None, file=None, json=False),
                     exec_loop=False)
    qtbot.addWidget(window)
    try:
        qtbot.waitUntil(lambda: len(boxes.shown) >= 2, timeout=20000)  # the offer, then "cannot open its data"
        assert any("half-upgraded" in t for t in boxes.shown), boxes.shown
        assert window.ctx.services is None
        window.restore_action.trigger()
        qtbot.waitUntil(lambda: window.ctx.services is not None, timeout=20000)
        assert rows(path, "SELECT name FROM learner") == [("Kim",)]
    finally:
        boxes.timer.stop()
        window.shutdown()


# -- files that are not a database ---------------------------------------------------------------------------


def folder_with_a_backup(folder: Path) -> Path:
    s = open_services(folder)
    s.settings.set("target", "0.66")
    s.backups.take("manual")
    path = s.backups.db_path
    s.close()
    return path


@pytest.mark.parametrize("content", [b"", b"my notes, saved over the database by mistake\n" * 20])
def test_an_empty_or_text_file_in_place_of_the_database_is_damage_when_backups_exist(tmp_path, content):
    path = folder_with_a_backup(tmp_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(content)
    with pytest.raises(CorruptDatabase, match="empty|not a SQLite database") as err:
        open_services(tmp_path)
    assert path.read_bytes() == content  # not turned into a fresh database
    bk = Backups(err.value.path)
    aside = bk.restore(bk.newest_good())
    assert aside is not None and aside.read_bytes() == content
    s = open_services(tmp_path)
    try:
        assert s.settings.get("target") == "0.66"
    finally:
        s.close()


def test_an_empty_file_and_no_backups_is_a_first_start(tmp_path):
    (tmp_path / DB_FILENAME).write_bytes(b"")
    s = open_services(tmp_path)
    try:
        assert rows(tmp_path / DB_FILENAME, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    finally:
        s.close()


def test_damage_found_after_a_clean_exit_is_reported_as_damage(tmp_path):
    path = folder_with_a_backup(tmp_path)  # closed cleanly
    with open(path, "r+b") as f:  # the schema page is overwritten (a bad sector, a sync tool)
        f.seek(100)
        f.write(b"\x13" * 3000)
    with pytest.raises(CorruptDatabase):
        open_services(tmp_path)


def test_the_health_check_answers_in_words_and_never_raises(tmp_path):
    from study.storage.health import risky_location

    folder = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))  # a folder name that is not UTF-8
    folder.mkdir()
    db = folder / DB_FILENAME
    sqlite3.connect(os.fsencode(db)).execute("CREATE TABLE t (x)").connection.close()
    assert check(db) == "ok"
    (folder / "not-a-db").write_bytes(b"\xff\xfe garbage" * 500)
    assert "not a database" in check(folder / "not-a-db")
    assert check(folder) != "ok" and check(tmp_path / "missing.sqlite3") != "ok"
    assert check(Path(f"{tmp_path}/nul\x00byte")) != "ok"
    # a USB drive whose name is not UTF-8, as /proc/mounts lists it
    mounts = tmp_path / "mounts"
    mounts.write_bytes(b"/dev/vda / ext4 rw 0 0\n/dev/sdb1 /media/cl\xe9 vfat rw 0 0\nsrv:/x /mnt/share nfs4 rw 0 0\n")
    assert risky_location(folder, mounts) is None
    assert "network share" in risky_location(Path("/mnt/share/ASE Prep"), mounts)


# -- folder names with URL characters -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["notes #1", "what?", "a%20b", "two  spaces", "Café Müller", "データ"])
def test_a_data_folder_named_with_url_characters_keeps_its_database_inside(tmp_path, name):
    folder = tmp_path / name
    s = open_services(folder)
    try:
        s.settings.set("target", "0.8")
        assert s.backups.db_path == folder / DB_FILENAME
    finally:
        s.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing made outside the folder
    assert (folder / DB_FILENAME).exists() and rows(folder / DB_FILENAME, "SELECT value FROM setting WHERE key = 'target'") == [("0.8",)]
    # and the health check looks at that file: damaged after a crash, it is found
    mark_running(folder)
    with open(folder / DB_FILENAME, "r+b") as f:
        f.seek(4096)
        f.write(b"\xde\xad\xbe\xef" * 4096)
    with pytest.raises(CorruptDatabase):
        open_services(folder)
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
