"""The ranges the app shows hold the truth as often as they say (80 %), for learners whose true
accuracies are known: simulated learners answer through the real exam service with its clock
injected, and the real analytics read their record (study.calibration)."""

from __future__ import annotations

from sqlalchemy import event

from study.calibration import simulate, simulated_bank, sitting_scores
from study.storage.database import open_database

LEARNERS = 400  # a coverage of 80 % is measured to about +-2 points (one standard error)


def test_area_long_run_and_day_ranges_hold_the_truth_about_80_percent_of_the_time(tmp_path, blueprints):
    db = open_database(f"sqlite:///{tmp_path / 'calibration.sqlite3'}")

    @event.listens_for(db.engine, "connect")
    def _no_fsync(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.execute("PRAGMA synchronous=OFF")  # what is measured here is statistics, not durability

    db.engine.dispose()
    try:
        bank = simulated_bank(blueprints.get("A5"), 20)
        coverage = simulate(db, bank, blueprints, "A5", learners=LEARNERS, checkpoints=(5, 10, 20), seed=19)
    finally:
        db.dispose()
    table = "\n".join(["| answers per area | areas | long run | on the day |"] + [c.row() for c in coverage])
    assert [c.answers_per_area for c in coverage] == [5, 10, 20]
    for c in coverage:
        assert 0.75 <= c.area <= 0.85, table
        assert 0.75 <= c.long_run <= 0.85, table
        assert 0.75 <= c.day <= 0.85, table


def test_a_sittings_score_adds_each_areas_binomial():
    pmf = sitting_scores([(1, 0.5), (2, 0.5)])
    assert [round(p * 8) for p in pmf] == [1, 3, 3, 1]
    assert abs(sum(sitting_scores([(19, 0.8), (5, 0.6), (11, 0.7)])) - 1) < 1e-12
