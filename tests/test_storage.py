"""Storage: every change durable at once, migrations from empty, foreign and newer files refused."""

from __future__ import annotations

import sqlite3

import pytest

from questions.exam import ExamMode, build_exam
from study.storage.database import DatabaseError, known_revisions, open_database
from study.storage.migrations import HEAD
from tests.conftest import synthetic_bank


def _raw(db_url: str, sql: str):
    path = db_url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _start(exam_service, blueprints, mode=ExamMode.FULL, seed=4):
    bp = blueprints.get("A5")
    form = build_exam(bp, synthetic_bank(bp), mode, seed=seed)
    return exam_service.start(form)


def test_migrations_build_every_table_from_an_empty_file(db, db_url):
    tables = {r[0] for r in _raw(db_url, "SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"learner", "exam", "response", "alembic_version"} <= tables
    assert _raw(db_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert HEAD in known_revisions()
    assert _raw(db_url, "PRAGMA journal_mode") == [("wal",)]


def test_each_answer_is_on_disk_before_the_call_returns(exam_service, blueprints, db_url, clock):
    active = _start(exam_service, blueprints)
    active.start()
    clock.advance(20)
    active.answer("C")
    # a separate connection (another process would see the same) reads it straight away
    rows = _raw(db_url, "SELECT position, choice, changes FROM response WHERE choice IS NOT NULL")
    assert rows == [(0, "C", 1)]
    active.toggle_flag()
    active.toggle_cross_out("A")
    active.answer("D")
    assert _raw(db_url, "SELECT choice, flagged, crossed_out, changes FROM response WHERE position = 0") == [("D", 1, "A", 2)]
    # the clock is saved by save_clock (every second) and with every move
    active.save_clock()
    assert _raw(db_url, "SELECT time_used_seconds FROM exam")[0][0] == pytest.approx(20)
    clock.advance(5)
    active.next()
    assert _raw(db_url, "SELECT time_used_seconds, position FROM exam")[0] == (pytest.approx(25), 1)


def test_correctness_is_recorded_with_the_answer(exam_service, blueprints, db_url):
    active = _start(exam_service, blueprints)
    active.start()
    key = active.question().answer
    wrong = next(L for L in "ABCD" if L != key)
    assert active.answer(wrong) is False
    assert active.answer(key) is True
    assert _raw(db_url, "SELECT correct FROM response WHERE position = 0") == [(1,)]


def test_resume_returns_to_the_same_question_with_every_answer_and_the_unused_time(exam_service, blueprints, clock):
    active = _start(exam_service, blueprints)
    active.start()
    for letter in "ABC":
        clock.advance(30)
        active.answer(letter)
        active.next()
    active.toggle_flag()
    clock.advance(10)
    active.save_clock()
    clock.advance(5000)  # the app is gone; this time must not count
    pending = exam_service.in_progress()
    assert pending is not None and pending.answered == 3 and pending.position == 3
    again = exam_service.resume(pending.id)
    assert again.run.position == 3
    assert [s.choice for s in again.run.states[:3]] == ["A", "B", "C"]
    assert again.run.states[3].flagged
    assert again.run.remaining() == pytest.approx(75 * 60 - 100)


def test_finishing_stores_the_score_and_lists_the_exam(exam_service, blueprints):
    active = _start(exam_service, blueprints, mode=ExamMode.QUICK10)
    active.start()
    right = 0
    for i in range(10):
        key = active.question().answer
        choice = key if i % 2 == 0 else next(L for L in "ABCD" if L != key)
        right += active.answer(choice)
        active.next()
    result = active.finish()
    assert result.score.correct == right == 5 and result.score.total == 10
    assert exam_service.in_progress() is None
    recent = exam_service.recent()
    assert [e.id for e in recent] == [active.exam_id] and recent[0].percent == 50
    assert sum(1 for i in result.items if i.correct) == 5


def test_a_database_from_a_newer_version_is_refused_and_left_unchanged(db, db_url):
    db.dispose()
    path = db_url.removeprefix("sqlite:///")
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = open(path, "rb").read()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(db_url)
    assert open(path, "rb").read() == before


def test_a_foreign_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="not ASE Prep"):
        open_database(f"sqlite:///{path}")


def test_an_abandoned_exam_is_no_longer_offered(exam_service, blueprints):
    active = _start(exam_service, blueprints)
    exam_service.abandon(active.exam_id)
    assert exam_service.in_progress() is None


def test_the_fast_answer_path_stores_values_exactly_as_sqlalchemy_does(exam_service, blueprints, db_url):
    """Answers on a local file skip SQLAlchemy's statement building; what lands on disk must not differ."""
    active = _start(exam_service, blueprints)
    active.answer("C")
    ((at, at_type, correct_type, seconds_type, day),) = _raw(
        db_url, "SELECT answered_at, typeof(answered_at), typeof(correct), typeof(seconds), answered_day "
                "FROM response WHERE position = 0")
    ((started,),) = _raw(db_url, "SELECT started_at FROM exam")  # written through SQLAlchemy
    assert (at_type, correct_type, seconds_type) == ("text", "integer", "real")
    assert at == "2026-11-25 19:00:00.000000" and len(at) == len(started)
    assert day == 20782  # 2026-11-25
    resumed = exam_service.resume(active.exam_id)
    assert resumed.run.states[0].choice == "C"


def test_database_failures_are_explained_in_words_and_a_server_password_stays_hidden(tmp_path):
    from sqlalchemy.exc import OperationalError

    from study.storage.failures import explain_failure

    local = f"sqlite:///{tmp_path / 'ase-prep.sqlite3'}"
    assert explain_failure(ValueError("not storage"), local) is None
    locked = OperationalError("UPDATE response", {}, sqlite3.OperationalError("database is locked"))
    assert "Another program is using the data file" in explain_failure(locked, local)
    assert str(tmp_path / "ase-prep.sqlite3") in explain_failure(locked, local)
    full = OperationalError("UPDATE response", {}, sqlite3.OperationalError("database or disk is full"))
    assert "cannot be written" in explain_failure(full, local)
    server = "postgresql+psycopg://s_ana:s3cret@lab-pc/aseprep"
    gone = OperationalError("INSERT INTO exam", {}, Exception("connection to server at lab-pc failed: refused"))
    said = explain_failure(gone, server)
    assert "class server" in said and "cannot be reached" in said and "lab-pc" in said
    assert "s3cret" not in said
