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


TWO_EXAMS = (NOW - timedelta(days=9), NOW - timedelta(days=2))


def test_readiness_verdicts(blueprints):
    bp = blueprints.get("A5")
    ev = dict(timed_exams=TWO_EXAMS, now=NOW)
    strong = standing_from_counts(bp, counts(A=(200, 190), B=(60, 57), C=(100, 95), D=(100, 95)), AnalyticsSettings(),
                                  **ev)
    weak = standing_from_counts(bp, counts(A=(200, 80), B=(60, 25), C=(100, 40), D=(100, 40)), AnalyticsSettings(),
                                **ev)
    middling = standing_from_counts(bp, counts(A=(200, 152), B=(60, 45), C=(100, 76), D=(100, 76)),
                                    AnalyticsSettings(), **ev)
    empty = standing_from_counts(bp, {}, AnalyticsSettings(), **ev)
    assert strong.readiness.verdict == "likely to pass" and strong.readiness.day_low >= 0.75 * 45
    assert weak.readiness.verdict == "not yet" and weak.readiness.day_high < 0.75 * 45
    assert middling.readiness.verdict == "borderline"
    assert middling.readiness.day_low < 0.75 * 45 <= middling.readiness.day_high
    assert 0.2 < middling.readiness.chance_of_target < 0.8
    assert empty.readiness.verdict == "not enough data"
    assert weak.readiness.low < weak.readiness.predicted < weak.readiness.high
    assert strong.readiness.missing == "" and strong.readiness.scored_questions == 45


def test_the_day_range_is_wider_than_the_long_run_range_and_counts_questions(blueprints):
    """Long-run accuracy is known to +-2 points after 500 answers, but one sitting of 45 questions
    still varies by several questions: the day range adds the sitting's own variation."""
    st = standing_from_counts(blueprints.get("A5"), counts(A=(200, 160), B=(60, 48), C=(100, 80), D=(100, 80)),
                              AnalyticsSettings(), timed_exams=TWO_EXAMS, now=NOW)
    r = st.readiness
    assert r.high - r.low < 0.06
    assert r.day_high / 45 - r.day_low / 45 > 2 * (r.high - r.low)
    # one sitting at a long-run 80%: right answers ~ binomial(45, 0.8), whose central 80% is 33-39
    assert r.day_low <= 33 and r.day_high >= 39 and r.day_high - r.day_low <= 8
    assert r.day_text.startswith(f"What you might score on the day: {r.day_low} to {r.day_high} of 45 scored questions")
    assert r.long_run_text.startswith("Your long-run accuracy: 80% (80% range ")


def test_the_long_run_range_carries_the_shared_prior_between_areas(blueprints):
    """Three answers per area: every estimate leans on the same prior mean, so the errors move
    together and the range is much wider than the areas' variances added as if independent."""
    from study.analytics.readiness import long_run_variance

    bp = blueprints.get("A5")
    st = standing_from_counts(bp, counts(A=(3, 2), B=(3, 2), C=(3, 2), D=(3, 2)), AnalyticsSettings())
    share = [a.scored_questions / 45 for a in bp.areas]
    by = {a.area: a for a in st.areas}
    independent = sum((w * (by[a.letter].high - by[a.letter].low) / 2.563) ** 2
                      for w, a in zip(share, bp.areas, strict=True))
    r = st.readiness
    implied = ((r.high - r.low) / 2.563) ** 2
    assert implied > 1.5 * independent
    # by hand: the shared level p0 = (8 + 2.4) / 16; each area Beta(4 p0 + 2, 4 (1 - p0) + 1), lean 4/7;
    # level variance p0 (1 - p0) / (5 + 12 / D) with the design effect D = 1 + 2/5
    p0 = 10.4 / 16
    a, b = 4 * p0 + 2, 4 * (1 - p0) + 1
    v = a * b / (49 * 8)
    posterior = sum(w * w for w in share) * v + (4 / 7) ** 2 * p0 * (1 - p0) / (5 + 12 / 1.4)
    from study.analytics.readiness import AreaPosterior

    areas = [AreaPosterior(x.letter, x.scored_questions, 3, a, b, 3.0) for x in bp.areas]
    # the answers' own variation through the shared mean (d/dk: 4/16 x 1/7 in every area) and the area (w/7)
    sampling = sum(3 * (a / 7) * (b / 7) * (1 / 28 + w / 7) ** 2 for w in share)
    assert long_run_variance(areas, share, p0 * (1 - p0) / (5 + 12 / 1.4), 4 / 16) == pytest.approx(
        max(posterior, sampling))
    assert r.predicted == pytest.approx(a / 7)


def test_a_verdict_waits_for_timed_exams_and_answers_in_most_areas(blueprints):
    bp = blueprints.get("A5")  # A 19, B 5, C 11, D 10 scored questions of 45
    plenty = counts(A=(40, 38), B=(40, 38), C=(40, 38), D=(40, 38))
    no_exams = standing_from_counts(bp, plenty, AnalyticsSettings(), now=NOW).readiness
    assert no_exams.verdict == "not enough data"
    assert no_exams.missing == "2 more timed practice exams (full or half length)"
    one = standing_from_counts(bp, plenty, AnalyticsSettings(), timed_exams=TWO_EXAMS[:1], now=NOW).readiness
    assert one.missing == "1 more timed practice exam (full or half length)"
    stale = standing_from_counts(bp, plenty, AnalyticsSettings(), now=NOW,
                                 timed_exams=(NOW - timedelta(days=40), NOW - timedelta(days=20))).readiness
    assert stale.missing == "a timed practice exam in the next few days (your last was 20 days ago)"
    assert stale.verdict == "not enough data"
    # counted in calendar days, so the verdict and its words hold all day (Home keeps them at close):
    # the last exam on November 10 at 10 PM is 15 days ago all through November 25, at 8 PM too
    late = standing_from_counts(bp, plenty, AnalyticsSettings(), now=NOW,
                                timed_exams=(NOW - timedelta(days=40), datetime(2026, 11, 10, 22, 0))).readiness
    assert late.missing == "a timed practice exam in the next few days (your last was 15 days ago)"
    # areas C and D short (21 of 45 questions): 4 + 5 more answers there; B alone may stay short
    short = standing_from_counts(bp, counts(A=(40, 38), C=(1, 1)), AnalyticsSettings(), now=NOW).readiness
    assert short.missing == "2 more timed practice exams (full or half length) and 9 more answers in areas C and D"
    small_gap = standing_from_counts(bp, counts(A=(40, 38), C=(40, 38), D=(40, 38), B=(2, 2)), AnalyticsSettings(),
                                     timed_exams=TWO_EXAMS, now=NOW).readiness
    assert small_gap.missing == "" and small_gap.verdict == "likely to pass"  # B is 11% of the test
    assert no_exams.low < no_exams.predicted < no_exams.high  # the ranges are shown all the same


def test_recency_weights_count_as_their_effective_sample_size():
    c = AreaCounts(answered=10, correct=5, w_answered=5.0, w_correct=3.0, w_squared=3.0)
    n, k = c.effective()
    assert n == pytest.approx(25 / 3) and k == pytest.approx(25 / 3 * 0.6)
    assert AreaCounts(4, 2, 4.0, 2.0).effective() == (4.0, 2.0)  # equal weights: the answers themselves
    assert AreaCounts().effective() == (0.0, 0.0)


def test_recency_weight_halves_each_half_life():
    assert recency_weight(0, 21) == 1
    assert recency_weight(21, 21) == pytest.approx(0.5)
    assert recency_weight(42, 21) == pytest.approx(0.25)


def _history(db, rows):
    """rows: (area, correct, days_ago, seconds[, topic]). The question ids are not the bank's, so a
    start with the real bank (whose reworked questions retire older answers) leaves them alone."""
    with db.engine.begin() as conn:
        conn.execute(insert(Learner.__table__).values(id=1, name="Me", created_at=NOW))
        exam_id = conn.execute(insert(Exam.__table__).values(
            learner_id=1, test="A5", mode="quick10", title="t", seed=1, question_count=len(rows),
            time_limit_seconds=None, time_used_seconds=0, position=0, state="finished", started_at=NOW,
            updated_at=NOW, source="")).inserted_primary_key[0]
        conn.execute(insert(Response.__table__), [
            dict(exam_id=exam_id, learner_id=1, position=i, question_id=f"A5-{a}-H{i:03d}", test="A5", area=a,
                 topic=(r[4] if len(r) > 4 else "t"), scored=True, choice="A", correct=ok, flagged=False,
                 crossed_out="", seconds=s, changes=1, answered_at=NOW - timedelta(days=d))
            for i, r in enumerate(rows) for (a, ok, d, s) in [r[:4]]])


def _history_exam(db, mode, days_ago, answered=True):  # type: ignore[no-untyped-def]
    """One more finished exam of two questions in area A, ended `days_ago` days before NOW."""
    when = NOW - timedelta(days=days_ago)
    with db.engine.begin() as conn:
        exam_id = conn.execute(insert(Exam.__table__).values(
            learner_id=1, test="A5", mode=mode, title="t", seed=1, question_count=2, time_limit_seconds=600,
            time_used_seconds=0, position=0, state="finished", started_at=when, updated_at=when, finished_at=when,
            source="")).inserted_primary_key[0]
        conn.execute(insert(Response.__table__), [
            dict(exam_id=exam_id, learner_id=1, position=i, question_id=f"A5-A-9{i:03d}", test="A5", area="A",
                 topic="t", scored=True, choice="A" if answered else None, correct=True if answered else None,
                 flagged=False, crossed_out="", seconds=30.0, changes=1, answered_at=when if answered else None)
            for i in range(2)])


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
    """Area A: 18 of 20 right on brake lines, 1 of 4 on ABS. Each topic's estimate is a Beta
    posterior centred on the area's estimate (not the global 60%, not the raw rate)."""
    _history(db, [("A", True, 0, 40.0, "lines")] * 18 + [("A", False, 0, 40.0, "lines")] * 2
             + [("A", True, 0, 40.0, "abs")] + [("A", False, 0, 40.0, "abs")] * 3)
    an = Analytics(db, blueprints, now=lambda: NOW)
    st = an.standing(1, "A5")
    topics = {t.topic: t for t in an.topics(1, "A5", st)}
    area = next(a for a in st.areas if a.area == "A")
    p0 = (19 + 2.4) / 28
    assert area.estimate == pytest.approx((4 * p0 + 19) / 28)
    p = area.estimate
    assert (topics["abs"].answered, topics["abs"].correct) == (4, 1)
    assert topics["abs"].estimate == pytest.approx((4 * p + 1) / 8)
    assert topics["lines"].estimate == pytest.approx((4 * p + 18) / 24)
    assert topics["abs"].status == "not enough data" and topics["lines"].status == "answered"
    assert topics["abs"].low < topics["abs"].estimate < topics["abs"].high


def test_settings_are_stored_per_learner_and_clamped(db, blueprints):
    from study.settings import LearnerSettings

    _history(db, [("A", True, 0, 40.0)] * 20)
    settings = LearnerSettings(db, 1)
    assert settings.analytics() == AnalyticsSettings(0.75, 21.0)
    settings.set("target", "0.9")
    settings.set("half_life_days", "30")
    assert settings.analytics() == AnalyticsSettings(0.9, 30.0)
    settings.set("target", "1.5")
    settings.set("half_life_days", "0")
    assert settings.analytics() == AnalyticsSettings(0.99, 1.0)


def _standing_with(db, blueprints, **stored):  # type: ignore[no-untyped-def]
    """The standing as the app computes it, with these settings stored for the learner."""
    from study.settings import LearnerSettings

    settings = LearnerSettings(db, 1)
    for k, v in stored.items():
        settings.set(k, v)
    return Analytics(db, blueprints, now=lambda: NOW, settings=settings.analytics()).standing(1, "A5")


def test_the_target_setting_moves_the_points_at_stake_the_weak_areas_and_the_verdict(db, blueprints):
    # 34 of 40 right in every area (85%), and two recent timed exams: ready at 75%, not at 95%
    _history(db, [(a, i % 20 < 17, 0, 40.0) for a in "ABCD" for i in range(40)])
    _history_exam(db, "half", days_ago=8)
    _history_exam(db, "full", days_ago=1)
    at_75 = _standing_with(db, blueprints)
    at_95 = _standing_with(db, blueprints, target="0.95")
    assert at_75.readiness.target == 0.75 and at_95.readiness.target == 0.95
    assert all(a.status == "ok" and a.points_at_stake == 0 for a in at_75.areas)
    assert all(a.status == "weak" for a in at_95.areas)
    by = {a.area: a for a in at_95.areas}
    assert by["A"].points_at_stake == pytest.approx(19 * (0.95 - by["A"].estimate))
    assert at_75.readiness.verdict == "likely to pass"
    assert at_95.readiness.verdict == "not yet"
    assert at_95.readiness.chance_of_target < 0.1 < 0.9 < at_75.readiness.chance_of_target


def test_the_half_life_setting_decides_how_fast_old_answers_fade(db, blueprints):
    # area A: 20 wrong answers 60 days ago, 10 right answers today
    _history(db, [("A", False, 60, 40.0)] * 20 + [("A", True, 0, 40.0)] * 10)
    a = lambda st: next(x for x in st.areas if x.area == "A")  # noqa: E731
    slow = a(_standing_with(db, blueprints, half_life_days="365"))
    default = a(_standing_with(db, blueprints, half_life_days="21"))
    fast = a(_standing_with(db, blueprints, half_life_days="7"))
    assert slow.estimate < 0.45 < 0.7 < default.estimate < fast.estimate
    # with a 21-day half-life the old answers weigh 0.5 ** (60 / 21) each
    w = 0.5 ** (60 / 21)
    n = (20 * w + 10) ** 2 / (20 * w * w + 10)
    k = n * 10 / (20 * w + 10)
    p0 = (k + 2.4) / (n + 4)
    assert default.estimate == pytest.approx((4 * p0 + k) / (4 + n))


def test_only_finished_timed_exams_mostly_answered_count_as_evidence(db, blueprints):
    _history(db, [("A", True, 0, 40.0)] * 5)  # a Quick 10: answers, but no timed exam
    _history_exam(db, "half", days_ago=30)
    _history_exam(db, "full", days_ago=3)
    _history_exam(db, "full", days_ago=1, answered=False)  # ended at once, nothing answered
    _history_exam(db, "drill", days_ago=1)
    an = Analytics(db, blueprints, now=lambda: NOW)
    assert an.timed_exams(1, "A5") == [NOW - timedelta(days=3), NOW - timedelta(days=30)]
    assert an.timed_exams(1, "A5", limit=1) == [NOW - timedelta(days=3)]
    r = an.standing(1, "A5").readiness
    assert r.timed_exams == 2
    assert "timed practice exam" not in r.missing  # two of them, the last 3 days ago
    assert r.missing.endswith("more answers in areas C and D") and r.verdict == "not enough data"


@pytest.mark.parametrize("mean, n", [(0.85, 400), (0.6, 1000), (0.95, 450), (0.5, 5000), (0.7, 30)])
def test_the_long_run_range_is_the_betas_central_80_percent(mean, n):
    from study.analytics.betastats import beta_ppf
    from study.analytics.readiness import beta_range

    var = mean * (1 - mean) / (n + 1)  # Beta(mean n, (1 - mean) n)
    low, high = beta_range(mean, var)
    assert low == pytest.approx(beta_ppf(0.1, mean * n, (1 - mean) * n), abs=2e-4)
    assert high == pytest.approx(beta_ppf(0.9, mean * n, (1 - mean) * n), abs=2e-4)
