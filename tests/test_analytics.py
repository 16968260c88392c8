"""Analytics from hand-computed histories: estimates, ranking, small samples, recency, readiness."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import insert

from study.analytics.standings import (
    Analytics,
    AnalyticsSettings,
    AreaCounts,
    recency_weight,
    standing_from_counts,
)
from study.storage.records import Exam, Learner, Response

NOW = datetime(2026, 11, 25, 20, 0, 0)


def counts(**areas: tuple[int, int]) -> dict[str, AreaCounts]:
    return {a: AreaCounts(n, k, float(n), float(k)) for a, (n, k) in areas.items()}


def test_estimates_and_ranking_match_the_hand_computed_posterior(blueprints):
    st = standing_from_counts(blueprints.get("A5"), counts(A=(20, 10), B=(3, 3)), AnalyticsSettings())
    by = {a.area: a for a in st.areas}
    # prior mean: (13 + 0.6 * 4) / (23 + 4) = 0.570370; prior weight 4 answers
    p0 = 15.4 / 27
    assert by["A"].estimate == pytest.approx((p0 * 4 + 10) / 24)
    assert by["C"].estimate == pytest.approx(p0) and by["D"].estimate == pytest.approx(p0)
    assert by["A"].points_at_stake == pytest.approx(19 * (0.75 - (p0 * 4 + 10) / 24))
    assert by["C"].points_at_stake == pytest.approx(11 * (0.75 - p0))
    assert [a.area for a in st.areas] == ["A", "C", "D", "B"]
    assert by["A"].low < by["A"].estimate < by["A"].high


def test_fewer_than_five_answers_is_never_weak(blueprints):
    st = standing_from_counts(blueprints.get("A5"), counts(A=(4, 0), B=(30, 6)), AnalyticsSettings())
    by = {a.area: a for a in st.areas}
    assert by["A"].status == "not enough data"
    assert by["B"].status == "weak"
    assert by["C"].status == "not enough data"


def test_a_weak_big_area_outranks_an_equally_weak_small_one(blueprints):
    st = standing_from_counts(blueprints.get("A5"), counts(A=(40, 20), B=(40, 20), C=(40, 38), D=(40, 38)),
                              AnalyticsSettings())
    assert [a.area for a in st.areas][:2] == ["A", "B"]  # 19 scored questions beat 5
    assert st.areas[0].points_at_stake > st.areas[1].points_at_stake


def test_more_answers_narrow_the_interval(blueprints):
    few = standing_from_counts(blueprints.get("A5"), counts(A=(6, 3)), AnalyticsSettings())
    many = standing_from_counts(blueprints.get("A5"), counts(A=(600, 300)), AnalyticsSettings())
    w = lambda s: next(a for a in s.areas if a.area == "A")  # noqa: E731
    assert (w(many).high - w(many).low) < (w(few).high - w(few).low) / 4


def test_readiness_verdicts(blueprints):
    bp = blueprints.get("A5")
    strong = standing_from_counts(bp, counts(A=(200, 190), B=(60, 57), C=(100, 95), D=(100, 95)), AnalyticsSettings())
    weak = standing_from_counts(bp, counts(A=(200, 80), B=(60, 25), C=(100, 40), D=(100, 40)), AnalyticsSettings())
    empty = standing_from_counts(bp, {}, AnalyticsSettings())
    assert strong.readiness.verdict == "likely to pass" and strong.readiness.low >= 0.75
    assert weak.readiness.verdict == "not yet"
    assert empty.readiness.verdict == "not enough data"
    assert weak.readiness.low < weak.readiness.predicted < weak.readiness.high


def test_recency_weight_halves_each_half_life():
    assert recency_weight(0, 21) == 1
    assert recency_weight(21, 21) == pytest.approx(0.5)
    assert recency_weight(42, 21) == pytest.approx(0.25)


def _history(db, rows):
    """rows: (area, correct, days_ago, seconds)"""
    with db.engine.begin() as conn:
        conn.execute(insert(Learner.__table__).values(id=1, name="Me", created_at=NOW))
        exam_id = conn.execute(insert(Exam.__table__).values(
            learner_id=1, test="A5", mode="quick10", title="t", seed=1, question_count=len(rows),
            time_limit_seconds=None, time_used_seconds=0, position=0, state="finished", started_at=NOW,
            updated_at=NOW, source="")).inserted_primary_key[0]
        conn.execute(insert(Response.__table__), [
            dict(exam_id=exam_id, learner_id=1, position=i, question_id=f"A5-{a}-{i:04d}", test="A5", area=a,
                 topic="t", scored=True, choice="A", correct=ok, flagged=False, crossed_out="", seconds=s, changes=1,
                 answered_at=NOW - timedelta(days=d))
            for i, (a, ok, d, s) in enumerate(rows)])


def test_sql_aggregation_weights_old_answers_less(db, blueprints):
    # area A: 5 wrong answers 42 days ago (weight 0.25 each) and 5 right answers today
    _history(db, [("A", False, 42, 30.0)] * 5 + [("A", True, 0, 50.0)] * 5 + [("C", True, 1, 70.0)])
    an = Analytics(db, blueprints, now=lambda: NOW)
    c = an.area_counts(1, "A5")
    assert c["A"].answered == 10 and c["A"].correct == 5
    assert c["A"].w_answered == pytest.approx(5 * 0.25 + 5) and c["A"].w_correct == pytest.approx(5)
    assert c["C"].w_answered == pytest.approx(0.5 ** (1 / 21))
    st = an.standing(1, "A5")
    a = next(x for x in st.areas if x.area == "A")
    assert a.median_seconds == pytest.approx(40.0)
    assert a.pace_seconds == pytest.approx(75 * 60 / 55)
    assert a.estimate > 0.6  # the recent right answers count more than the old wrong ones
    assert an.tests_studied(1) == ["A5"]


def test_weak_command_prints_the_ranked_json(tmp_path, capsys):
    from main import main

    assert main(["--data-dir", str(tmp_path), "weak", "--test", "A5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["test"] == "A5" and [a["area"] for a in out["areas"]] == ["A", "C", "D", "B"]
    assert all(a["status"] == "not enough data" for a in out["areas"])
    assert set(out["areas"][0]) >= {"area", "title", "answered", "correct", "estimate", "low", "high",
                                    "points_at_stake", "status"}
    assert out["readiness"]["verdict"] == "not enough data"


def test_topic_estimates_lean_on_their_area(db, blueprints):
    _history(db, [("A", True, 0, 40.0)] * 12 + [("A", False, 0, 40.0)] * 8)
    an = Analytics(db, blueprints, now=lambda: NOW)
    st = an.standing(1, "A5")
    (topic,) = an.topics(1, "A5", st)
    area = next(a for a in st.areas if a.area == "A")
    assert topic.answered == 20 and topic.correct == 12
    assert min(area.estimate, 0.6) <= topic.estimate <= max(area.estimate, 0.6)


def test_settings_change_the_target(db, blueprints):
    from study.settings import LearnerSettings

    _history(db, [("A", True, 0, 40.0)] * 20)
    settings = LearnerSettings(db, 1)
    assert settings.analytics() == AnalyticsSettings(0.75, 21.0)
    settings.set("target", "0.9")
    settings.set("half_life_days", "30")
    assert settings.analytics() == AnalyticsSettings(0.9, 30.0)
    st = Analytics(db, blueprints, now=lambda: NOW, settings=settings.analytics()).standing(1, "A5")
    assert st.readiness.target == 0.9
