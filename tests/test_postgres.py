"""Every feature on PostgreSQL: the same migrations build the schema, and the storage, analytics,
study-plan, certification and question-version tests that run on SQLite run here again against a real throwaway
server (tests/pg.py), unchanged. The tests that read the SQLite file itself have PostgreSQL twins
below."""

from __future__ import annotations

import inspect
import json
from datetime import datetime

import pytest
from sqlalchemy import create_engine, text

from questions.exam import ExamMode, build_exam
from study.storage.database import DatabaseError, open_database
from study.storage.migrations import HEAD
from tests import test_analytics, test_certs, test_plans, test_storage, test_tally, test_versions
from tests.conftest import synthetic_bank


# The `db` fixture (and so exam_service, world, certs) opens `db_url`: here, a fresh PostgreSQL database.
@pytest.fixture
def db_url(pg_url: str) -> str:
    return pg_url


ENGINE_FIXTURES = {"db", "exam_service", "world", "certs"}


def _rerun_here(module) -> None:  # type: ignore[no-untyped-def]
    """Collect a module's database tests (and its own fixtures) in this module, so they get this `db_url`.

    Tests that name `db_url` read the SQLite file directly and are left to their twins below."""
    for name, obj in vars(module).items():
        if type(obj).__name__ == "FixtureFunctionDefinition" or hasattr(obj, "_pytestfixturefunction"):
            if name not in globals() and name not in ("db_url",):
                globals()[name] = obj
        elif name.startswith("test_") and callable(obj):
            params = set(inspect.signature(obj).parameters)
            if params & ENGINE_FIXTURES and "db_url" not in params:
                globals()[name] = obj


for _module in (test_storage, test_analytics, test_plans, test_certs, test_tally, test_versions):
    _rerun_here(_module)


def _rows(url: str, sql: str, **params: object) -> list[tuple]:  # type: ignore[type-arg]
    """Read through a separate connection, as another workstation would."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def test_rerun_covers_the_sqlite_suites():
    here = {n for n in globals() if n.startswith("test_")}
    for needed in ("test_resume_returns_to_the_same_question_with_every_answer_and_the_unused_time",
                   "test_sql_aggregation_weights_old_answers_less",
                   "test_a_poor_exam_in_one_area_moves_time_toward_it_and_the_past_keeps_its_record",
                   "test_the_same_pass_twice_is_stored_once",
                   "test_random_inserts_updates_and_deletes_keep_the_tally_exact",
                   "test_answers_to_a_reworked_question_stop_counting_but_stay_in_the_record"):
        assert needed in here


def test_the_same_migrations_build_the_schema_on_postgresql(db, db_url):
    tables = {r[0] for r in _rows(db_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert {"learner", "exam", "response", "setting", "certification", "study_plan", "plan_session",
            "review_card", "class_member", "answer_tally", "alembic_version"} <= tables
    assert _rows(db_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    indexes = {r[0] for r in _rows(db_url, "SELECT indexname FROM pg_indexes WHERE tablename = 'response'")}
    assert {"uq_response_uid", "ix_response_learner_test_area"} <= indexes
    triggers = {r[0] for r in _rows(db_url, "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
    assert "response_tally" in triggers


def test_each_answer_is_committed_on_the_server_before_the_call_returns(exam_service, blueprints, db_url, clock):
    bp = blueprints.get("A5")
    active = exam_service.start(build_exam(bp, synthetic_bank(bp), ExamMode.FULL, seed=4))
    active.start()
    clock.advance(20)
    key = active.question().answer
    wrong = next(L for L in "ABCD" if L != key)
    assert active.answer(wrong) is False
    assert _rows(db_url, "SELECT position, choice, correct, changes FROM response WHERE choice IS NOT NULL") == [
        (0, wrong, False, 1)]
    active.toggle_flag()
    assert active.answer(key) is True
    day = (datetime(2026, 11, 25).date() - datetime(1970, 1, 1).date()).days
    assert _rows(db_url, "SELECT choice, correct, flagged, changes, answered_day FROM response WHERE position = 0") == [
        (key, True, True, 2, day)]
    active.save_clock()
    assert _rows(db_url, "SELECT time_used_seconds FROM exam")[0][0] == pytest.approx(20)
    uids = _rows(db_url, "SELECT COUNT(DISTINCT uid), COUNT(*) FROM response")[0]
    assert uids[0] == uids[1] == len(active.run)


def test_weak_command_runs_on_postgresql(db, db_url, tmp_path, capsys):
    from main import main

    test_analytics._history(db, [("A", False, 0, 30.0)] * 6 + [("C", True, 0, 30.0)] * 6)
    assert main(["--data-dir", str(tmp_path), "--db", db_url, "weak", "--test", "A5", "--learner", "1",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    by = {a["area"]: a for a in out["areas"]}
    assert by["A"]["answered"] == 6 and by["A"]["correct"] == 0 and by["A"]["status"] == "weak"
    assert by["C"]["correct"] == 6


def test_a_postgresql_database_from_a_newer_version_is_refused_unchanged(db, db_url):
    db.dispose()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(db_url)
    assert _rows(db_url, "SELECT version_num FROM alembic_version") == [("9999",)]


def test_an_unreachable_server_is_a_clear_error_not_a_hang(pg_server):
    url = pg_server.url("postgres").replace(f"port={pg_server.port}", f"port={pg_server.port + 1}")
    with pytest.raises(DatabaseError, match="Cannot open the database"):
        open_database(url)
