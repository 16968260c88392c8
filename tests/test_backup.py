"""Backups, the rota, restore, damaged files set aside, upgrades from the first schema."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from study.services import open_services
from study.storage.backup import BackupError, Backups, CorruptDatabase, check, mark_running, risky_location
from study.storage.database import open_database, upgrade
from study.storage.migrations import HEAD


def rows(path: Path, sql: str):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_backup_is_a_checked_copy_listed_with_date_and_size(tmp_path):
    s = open_services(tmp_path)
    s.settings.set("target", "0.8")
    b = s.backups.take("manual")
    assert b.path.exists() and check(b.path) == "ok" and b.size > 0
    assert rows(b.path, "SELECT value FROM setting WHERE key = 'target'") == [("0.8",)]
    assert [x.path for x in s.backups.all()] == [b.path]
    assert "manual" in b.label
    s.close()


def test_the_rota_keeps_7_daily_4_weekly_6_monthly(tmp_path):
    db = tmp_path / "x.sqlite3"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    clock = [datetime(2026, 1, 1, 12, 0, 0)]
    bk = Backups(db, tmp_path / "b", now=lambda: clock[0])
    for _ in range(200):  # a copy a day for 200 days
        bk.take("periodic")
        clock[0] += timedelta(hours=24)
    kept = bk.all()
    days = {b.taken.date() for b in kept}
    newest = kept[0].taken
    assert len(kept) <= 7 + 4 + 6 + 1
    # the newest copy of each of the last 7 days is there
    assert {(newest - timedelta(days=i)).date() for i in range(7)} <= days
    # the newest copy of each of the last 4 ISO weeks: the two before last week are kept by the weekly rule alone
    taken = [clock[0] - timedelta(hours=24 * (i + 1)) for i in range(200)]
    weeks = sorted({t.isocalendar()[:2] for t in taken}, reverse=True)[:4]
    newest_of_week = {w: max(t for t in taken if t.isocalendar()[:2] == w).date() for w in weeks}
    assert set(newest_of_week.values()) <= days
    # the newest copy of each of the last 6 months
    months = sorted({(t.year, t.month) for t in taken}, reverse=True)[:6]
    assert {max(t for t in taken if (t.year, t.month) == m).date() for m in months} <= days
    assert min(b.taken for b in kept) < newest - timedelta(days=140)


def test_restore_brings_back_the_copy_and_backs_up_the_current_data_first(tmp_path):
    s = open_services(tmp_path)
    s.settings.set("target", "0.7")
    good = s.backups.take("manual")
    s.settings.set("target", "0.9")
    backups = s.backups
    s.close()
    backups.restore(good)
    s2 = open_services(tmp_path)
    assert s2.settings.get("target") == "0.7"
    reasons = [b.reason for b in s2.backups.all()]
    assert "before-restore" in reasons
    before = next(b for b in s2.backups.all() if b.reason == "before-restore")
    assert rows(before.path, "SELECT value FROM setting WHERE key = 'target'") == [("0.9",)]
    s2.close()


def test_a_damaged_database_after_an_unclean_exit_is_refused_then_restored_and_kept_aside(tmp_path):
    s = open_services(tmp_path)
    s.settings.set("target", "0.65")
    s.backups.take("manual")
    path = s.backups.db_path
    s.db.dispose()  # the app dies: no clean-exit mark
    mark_running(tmp_path)
    with open(path, "r+b") as f:  # scribble over the pages after the header
        f.seek(4096)
        f.write(b"\xde\xad\xbe\xef" * 4096)
    with pytest.raises(CorruptDatabase) as err:
        open_services(tmp_path)
    damaged_bytes = path.read_bytes()
    bk = Backups(err.value.path)
    aside = bk.restore(bk.newest_good(), damaged=True)
    assert aside is not None and aside.read_bytes() == damaged_bytes  # set aside, never deleted
    s2 = open_services(tmp_path)
    assert s2.settings.get("target") == "0.65"
    s2.close()


def test_a_damaged_backup_is_never_restored(tmp_path):
    db = tmp_path / "x.sqlite3"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    bk = Backups(db, tmp_path / "b")
    b = bk.take("manual")
    b.path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match="integrity"):
        bk.restore(b)
    assert bk.newest_good() is None


def old_schema(folder: Path, revision: str):  # type: ignore[no-untyped-def]
    """A data folder's database as an older version left it, at `revision`, with one learner."""
    db = open_database(f"sqlite:///{folder / 'ase-prep.sqlite3'}", migrate=False)
    upgrade(db.engine, revision)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO learner (id, name, created_at) VALUES (1, 'Me', '2026-01-01 10:00:00')")
    return db


def test_upgrading_a_first_schema_database_keeps_every_answer_and_backs_it_up(tmp_path):
    db = old_schema(tmp_path, "0001")
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO exam (id, learner_id, test, mode, title, seed, question_count, time_limit_seconds, "
            "time_used_seconds, position, state, started_at, updated_at, source) VALUES "
            "(1, 1, 'A5', 'quick10', 'A5 Quick 10', 7, 2, NULL, 90, 1, 'finished', '2026-01-01 10:00:00', "
            "'2026-01-01 10:05:00', '')")
        conn.exec_driver_sql(
            "INSERT INTO response (exam_id, learner_id, position, question_id, test, area, topic, scored, choice, "
            "correct, flagged, crossed_out, seconds, changes, answered_at) VALUES "
            "(1, 1, 0, 'A5-A-0001', 'A5', 'A', 't', 1, 'B', 1, 0, 'C', 40.5, 2, '2026-01-01 10:01:00'), "
            "(1, 1, 1, 'A5-C-0002', 'A5', 'C', 't', 1, 'A', 0, 1, '', 49.5, 1, '2026-01-01 10:02:00')")
    db.dispose()
    cols = ("id, exam_id, learner_id, position, question_id, test, area, topic, scored, choice, correct, flagged, "
            "crossed_out, seconds, changes, answered_at")
    before = rows(tmp_path / "ase-prep.sqlite3", f"SELECT {cols} FROM response ORDER BY id")
    s = open_services(tmp_path)
    path = s.backups.db_path
    assert rows(path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert rows(path, f"SELECT {cols} FROM response ORDER BY id") == before
    # the answer tally (0006) starts from the answers already there: 2026-01-01 is day 20454
    assert rows(path, "SELECT learner_id, test, area, day, answered, correct FROM answer_tally ORDER BY area") == [
        (1, "A5", "A", 20454, 1, 1), (1, "A5", "C", 20454, 1, 0)]
    # answers given before questions carried versions (0008) were to version 1; they count unless the
    # bank has reworked their question since
    reworked = [int(getattr(s.bank.find(q), "version", 1) > 1) for q in ("A5-A-0001", "A5-C-0002")]
    assert rows(path, "SELECT question_version, superseded FROM response ORDER BY id") == [(1, r) for r in reworked]
    assert rows(path, "SELECT current_answered, current_correct FROM answer_tally ORDER BY area") == [
        (1 - reworked[0], 1 - reworked[0]), (1 - reworked[1], 0)]
    assert [b.reason for b in s.backups.all()] == ["before-migration-from-0001"]
    assert rows(s.backups.all()[0].path, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert s.exams.recent()[0].title == "A5 Quick 10"
    s.close()


def test_network_shares_and_synced_folders_get_a_warning(tmp_path):
    mounts = tmp_path / "mounts"
    mounts.write_text("/dev/vda / ext4 rw 0 0\nserver:/home /mnt/share nfs4 rw 0 0\n")
    assert "network share (nfs4)" in risky_location(Path("/mnt/share/me/ASE Prep"), mounts)
    assert risky_location(Path("/home/me/.local/share/ASE Prep"), mounts) is None
    assert "cloud-synced" in risky_location(Path("/home/me/Dropbox/ASE Prep"), mounts)


def test_an_import_does_not_go_ahead_when_its_backup_fails(tmp_path):
    from study.storage.backup import copy_before_import

    assert copy_before_import(None) is None  # a server database: nothing local to copy
    missing = Backups(tmp_path / "gone.sqlite3", tmp_path / "b")
    assert "Nothing was imported" in copy_before_import(missing)
    db = tmp_path / "x.sqlite3"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    ok = Backups(db, tmp_path / "b")
    assert copy_before_import(ok) is None and [b.reason for b in ok.all()] == ["before-import"]


def test_a_recertification_plan_keeps_its_kind_when_the_flag_gets_its_own_column(tmp_path):
    db = old_schema(tmp_path, "0006")
    with db.engine.begin() as conn:
        for pid, tests, active in ((1, "A1;recert", 1), (2, "A5,A4", 0)):
            conn.exec_driver_sql(
                "INSERT INTO study_plan (id, learner_id, tests, start_date, exam_date, evenings, minutes, start_time, "
                f"active, created_at, updated_at) VALUES ({pid}, 1, '{tests}', '2026-11-26', '2027-01-20', "
                f"'mon,wed,thu', 90, '19:00', {active}, '2026-11-26 10:00:00', '2026-11-26 10:00:00')")
    db.dispose()
    s = open_services(tmp_path)
    try:
        path = s.backups.db_path
        assert rows(path, "SELECT id, tests, recert FROM study_plan ORDER BY id") == [(1, "A1", 1), (2, "A5,A4", 0)]
        plan = s.plans().active()
        assert plan is not None and plan.settings.tests == ("A1",) and plan.settings.recert
    finally:
        s.close()


def test_many_copies_in_one_second_each_get_a_name_of_their_own(tmp_path):
    """take() used to loop for ever once 60 copies shared a name (it moved the second on, modulo 60)."""
    import threading

    db = tmp_path / "x.sqlite3"
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.close()
    bk = Backups(db, tmp_path / "b", now=lambda: datetime(2026, 3, 1, 9, 0, 0))
    taken: list = []
    worker = threading.Thread(target=lambda: taken.extend(bk.take("before-import") for _ in range(75)), daemon=True)
    worker.start()
    worker.join(120)
    assert not worker.is_alive(), f"take() did not finish: {len(taken)} of 75 copies"
    names = {b.path.name for b in taken}
    assert len(names) == 75 and {b.path for b in bk.all()} == {b.path for b in taken}
    assert all(check(b.path) == "ok" for b in taken)


KILLED_BACKUP = """
import os, signal, sqlite3, sys
from pathlib import Path
from study.storage.backup import Backups
def copy_then_die(self, tmp):
    src, dst = sqlite3.connect(self.db_path), sqlite3.connect(tmp)
    src.backup(dst, pages=1)  # part of the copy is written, then the process is killed
    os.kill(os.getpid(), signal.SIGKILL)
Backups._copy_to = copy_then_die
Backups(Path(sys.argv[1])).take("periodic")
"""


def test_what_a_killed_backup_or_restore_left_is_cleared_by_the_next_backup(tmp_path):
    import subprocess
    import sys

    s = open_services(tmp_path)
    s.settings.set("target", "0.7")
    path = s.backups.db_path
    s.close()
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(path)], cwd=root, capture_output=True)
    assert done.returncode == -9, done.stderr
    backup_dir = tmp_path / "backups"
    assert list(backup_dir.iterdir()) and not Backups(path).all()  # a leftover, and no copy among them
    # and what versions before this one left: *.partial, -wal, -shm and the restore's temporary file
    for name in ("ase-prep-20260101-120000-periodic.partial", "ase-prep-20260101-120000-periodic.partial-wal",
                 "ase-prep-20260101-120000-periodic.partial-shm"):
        (backup_dir / name).write_bytes(b"x" * 1000)
    (tmp_path / "ase-prep.restoring").write_bytes(b"x" * 1000)
    info = Backups(path).take("manual")
    assert sorted(p.name for p in backup_dir.iterdir()) == [info.path.name]
    assert not (tmp_path / "ase-prep.restoring").exists()


def test_a_backup_that_fails_is_remembered_until_one_works(tmp_path):
    s = open_services(tmp_path)
    backup_dir = tmp_path / "backups"
    shutil.rmtree(backup_dir, ignore_errors=True)
    backup_dir.write_text("a file where the backup folder should be")
    failed = s.close(backup=True)  # the copy taken when the app closes
    assert failed is not None and "backup folder" in failed
    backup_dir.unlink()
    backup_dir.mkdir()
    (backup_dir / "last-failure.json").write_text(
        '{"reason": "exit", "at": "2026-11-30T18:05:00", "error": "Could not write a backup: the disk is full"}')
    s2 = open_services(tmp_path)
    try:
        assert s2.backup_warning is not None
        assert "when ASE Prep closed on November 30, 2026 at 6:05 PM failed" in s2.backup_warning
        assert "the disk is full" in s2.backup_warning
        s2.backups.take("manual")  # a copy that works clears it
        assert s2.backups.last_failure() is None
    finally:
        s2.close()


@pytest.mark.gui
def test_a_periodic_backup_that_fails_is_said_and_tried_again(qtbot, tmp_path):
    from tests.conftest import open_window

    s = open_services(tmp_path)
    window = open_window(qtbot, tmp_path, s)
    try:
        s.settings.set("target", "0.8")  # a change since the last copy
        backup_dir = tmp_path / "backups"
        shutil.rmtree(backup_dir, ignore_errors=True)
        backup_dir.write_text("not a folder")
        window.periodic_backup()
        qtbot.waitUntil(lambda: "backup copy could not be taken" in window.statusBar().currentMessage(), timeout=10000)
        backup_dir.unlink()
        window.periodic_backup()  # the next timer tick tries again: nothing was recorded as done
        qtbot.waitUntil(lambda: any(b.reason == "periodic" for b in s.backups.all()), timeout=10000)
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "", timeout=10000)
    finally:
        window.shutdown()


@pytest.mark.gui
def test_the_periodic_copy_is_taken_only_after_a_change_and_the_exit_copy_when_the_window_closes(qtbot, tmp_path):
    from app.main_window import BACKUP_EVERY_MS
    from tests.conftest import open_window, settled

    s = open_services(tmp_path)
    window = open_window(qtbot, tmp_path, s)
    try:
        assert window.backup_timer.isActive() and window.backup_timer.interval() == BACKUP_EVERY_MS == 30 * 60 * 1000
        s.settings.set("target", "0.8")
        window.periodic_backup()  # the timer's tick
        qtbot.waitUntil(lambda: any(b.reason == "periodic" for b in s.backups.all()), timeout=10000)
        settled(qtbot, window)
        periodic = [b for b in s.backups.all() if b.reason == "periodic"]
        assert len(periodic) == 1
        assert rows(periodic[0].path, "SELECT value FROM setting WHERE key = 'target'") == [("0.8",)]
        window.periodic_backup()  # nothing changed since: no second copy
        settled(qtbot, window)
        assert [b for b in s.backups.all() if b.reason == "periodic"] == periodic
        s.settings.set("target", "0.85")
    finally:
        window.close()  # the person closes it; the app, its event loop ended, shuts down (app.application)
        window.shutdown()
    assert window.ctx.services is None
    exits = [b for b in Backups(tmp_path / "ase-prep.sqlite3").all() if b.reason == "exit"]
    assert len(exits) == 1
    assert rows(exits[0].path, "SELECT value FROM setting WHERE key = 'target'") == [("0.85",)]
