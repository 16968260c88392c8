"""The quality gate (questions/quality.py): each rule fires where it should, with the file, line
and message a writer needs, and stays quiet on good questions and a balanced test."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from questions import quality as qc
from questions.bank import BankFile, BankProblem, QuestionBank
from questions.blueprints import Blueprints, ContentArea
from questions.blueprints import TestBlueprint as Blueprint
from questions.model import LETTERS, TECHNICIAN_AB_CHOICES, Question

FOLDER = "resources/questions/A5"
GOOD_EXPLANATION = (
    "A worn rotor with 0.05 mm of runout pushes the pads back, e.g. at highway speed, so the key is right. "
    "The other three choices affect pull or pedal height, not pulsation."
)


def make_q(n: int = 1, **changes: object) -> Question:
    """A good most_likely question; keyword arguments replace fields."""
    area = str(changes.pop("area", "A"))
    base = Question(
        id=f"A5-{area}-{n:04d}",
        test="A5",
        area=area,
        topic="t1" if area == "A" else "t3",
        style="most_likely",
        difficulty=2,
        stem=(
            f"A vehicle shows symptom q{n}a q{n}b q{n}c with reading q{n}d q{n}e q{n}f. "
            "What is the most likely cause?"
        ),
        choices=("Worn front rotor", "Stuck rear drums", "Low master fluid", "Loose wheel hubs"),
        answer="A",
        explanation=GOOD_EXPLANATION,
        source=f"{FOLDER}/A5-{area}.yaml:{3 + 12 * n}",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def make_tech(n: int, answer: str = "A", **changes: object) -> Question:
    fields: dict[str, object] = {
        "style": "technician_ab",
        "stem": (
            f"A car has complaint q{n}a q{n}b. Technician A says q{n}c q{n}d q{n}e. "
            f"Technician B says q{n}f q{n}g q{n}h. Who is correct?"
        ),
        "choices": TECHNICIAN_AB_CHOICES,
        "answer": answer,
    }
    return make_q(n, **{**fields, **changes})


def blueprint(scored: int = 20) -> Blueprint:
    return Blueprint(
        code="A5",
        name="Brakes",
        series="A",
        scored_questions=45,
        unscored_questions=10,
        time_minutes=90,
        verified=True,
        source=(),
        areas=(
            ContentArea("A", "Hydraulics", scored, True, "stated", ("t1", "t2")),
            ContentArea("B", "Drums", scored, True, "stated", ("t3", "t4")),
        ),
    )


def good_test() -> list[Question]:
    """80 questions that pass every per-test rule: 25% technician_ab, 50% most_likely, 10%
    except, 15% direct; every key 25%; every technician outcome 25%; choices of equal length
    so the longest is never the key; stems share too few words to be near-duplicates."""
    out: list[Question] = []
    for i in range(80):
        n = i + 1
        area = "A" if i % 2 == 0 else "B"
        topic = ("t1", "t2")[(i // 2) % 2] if area == "A" else ("t3", "t4")[(i // 2) % 2]
        if i < 20:
            q = make_tech(n, answer=LETTERS[i % 4], area=area, topic=topic)
        else:
            style = "most_likely" if i < 60 else ("except" if i < 68 else "direct")
            q = make_q(n, area=area, topic=topic, style=style, answer=LETTERS[i % 4])
            if style == "except":
                q = replace(
                    q, stem=q.stem.replace("What is the most likely cause?", "All could cause it EXCEPT:")
                )
        out.append(q)
    return out


def messages(problems: list[BankProblem]) -> list[str]:
    return [p.message for p in problems]


# --- per question -----------------------------------------------------------------------------


def test_good_question_has_no_problems() -> None:
    assert qc.question_problems(make_q()) == []
    assert qc.question_problems(make_tech(2)) == []


def test_all_of_the_above_is_reported_at_the_question() -> None:
    q = make_q(
        7, choices=("Worn front rotors", "Sticking rear drums", "Low master fluid", "All of the above")
    )
    assert qc.question_problems(q) == [
        BankProblem(
            f"{FOLDER}/A5-A.yaml",
            87,
            "A5-A-0007: choice D uses 'all/none of the above'; write a real distractor",
        )
    ]
    q = make_q(7, choices=("Worn front rotors", "Sticking rear drums", "None  of the ABOVE", "Loose hubs"))
    assert messages(qc.question_problems(q)) == [
        "A5-A-0007: choice C uses 'all/none of the above'; write a real distractor"
    ]


def test_except_is_required_in_capitals_and_only_in_except_style() -> None:
    good = make_q(
        1, style="except", stem="A car pulls right when braking. All of these could cause it EXCEPT:"
    )
    assert qc.question_problems(good) == []
    lower = replace(good, stem="A car pulls right when braking. All of these could cause it except:")
    assert messages(qc.question_problems(lower)) == [
        "A5-A-0001: except style needs the word EXCEPT in capitals in the stem (it is written in lower case)"
    ]
    wrong_style = replace(good, style="direct")
    assert messages(qc.question_problems(wrong_style)) == [
        "A5-A-0001: EXCEPT in capitals belongs only to the except style, not direct"
    ]
    # Lower-case "except" is ordinary English in any style.
    assert qc.question_problems(replace(lower, style="direct")) == []


def test_least_is_required_in_capitals_and_only_in_least_likely_style() -> None:
    good = make_q(
        1, style="least_likely", stem="A car pulls right when braking. Which is the LEAST likely cause?"
    )
    assert qc.question_problems(good) == []
    missing = replace(good, stem="A car pulls right when braking. Which is the least likely cause here?")
    assert messages(qc.question_problems(missing)) == [
        "A5-A-0001: least_likely style needs the word LEAST in capitals in the stem"
        " (it is written in lower case)"
    ]
    assert messages(qc.question_problems(replace(good, style="most_likely"))) == [
        "A5-A-0001: LEAST in capitals belongs only to the least_likely style, not most_likely"
    ]


def test_technician_ab_stem_must_name_both_technicians() -> None:
    q = make_tech(
        3, stem="A car pulls. Technician A says a caliper is seized. Another tech disagrees. Who is right?"
    )
    assert messages(qc.question_problems(q)) == [
        "A5-A-0003: technician_ab stem must name Technician A and Technician B (missing Technician B)"
    ]
    bad_choices = make_tech(3, choices=("A only", "B only", "Both", "Neither"))
    assert messages(qc.question_problems(bad_choices)) == [
        "A5-A-0003: technician_ab choices must be [A only, B only, Both A and B, Neither A nor B]"
    ]


@pytest.mark.parametrize(("length", "ok"), [(39, False), (40, True), (600, True), (601, False)])
def test_stem_length_limits(length: int, ok: bool) -> None:
    stem = ("x" * (length - 1)) + "?"
    found = messages(qc.question_problems(make_q(4, stem=stem)))
    assert found == ([] if ok else [f"A5-A-0004: stem is {length} characters; allowed 40-600"])


def test_choice_length_limit() -> None:
    assert qc.question_problems(make_q(5, choices=("a" * 140, "b", "c", "d"))) == []
    assert messages(qc.question_problems(make_q(5, choices=("a", "b" * 141, "c", "d")))) == [
        "A5-A-0005: choice B is 141 characters; allowed at most 140"
    ]


def test_explanation_sentence_count_and_length() -> None:
    one = make_q(
        6, explanation="Worn rotors pulse, e.g. at 0.05 mm of runout, approx. 12.6 V does not matter."
    )
    assert messages(qc.question_problems(one)) == ["A5-A-0006: explanation has 1 sentence; allowed 2-5"]
    six = make_q(6, explanation=" ".join(f"Sentence number {i} is here." for i in range(6)))
    assert messages(qc.question_problems(six)) == ["A5-A-0006: explanation has 6 sentences; allowed 2-5"]
    five = make_q(6, explanation=" ".join(f"Sentence number {i} is here." for i in range(5)))
    assert qc.question_problems(five) == []
    long = make_q(6, explanation="First part is fine. " + "Y" * 900 + ".")
    assert messages(qc.question_problems(long)) == [
        "A5-A-0006: explanation is 921 characters; allowed at most 900"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Runout over 0.05 mm pulses the pedal. Technician B is wrong.", 2),
        ("A full battery rests at approx. 12.6 V, i.e. fully charged. A reading of 12.2 V is about half.", 2),
        ("Use a gauge, e.g. A dial indicator, on the rotor face. Then compare with the specification.", 2),
        ("Set the gap to 0.030 in. (0.76 mm) on No. 1 cylinder. Others follow the firing order.", 2),
        ("Pressure is within spec. Technician B is wrong. So only A is right!", 3),
        ("Only Technician A. Technician B is wrong.", 2),
        ("One long sentence with 13.5 V and 0.8 bar, e.g. at idle, and no second one.", 1),
        ("Is the key right? Yes. It is.", 3),
        ("", 0),
    ],
)
def test_sentence_counter_handles_abbreviations_and_decimals(text: str, expected: int) -> None:
    assert qc.count_sentences(text) == expected


# --- per test ---------------------------------------------------------------------------------


def test_balanced_test_has_no_problems() -> None:
    assert qc.test_problems("A5", good_test(), blueprint()) == []


def test_too_few_questions() -> None:
    qs = good_test()[:79]
    assert BankProblem(FOLDER, 0, "A5 has 79 questions; needs at least 80") in qc.test_problems(
        "A5", qs, blueprint()
    )


def test_area_below_one_and_a_half_times_scored() -> None:
    problems = qc.test_problems("A5", good_test(), blueprint(scored=27))
    assert [p for p in problems if "needs at least 41" in p.message] == [
        BankProblem(
            f"{FOLDER}/A5-A.yaml", 0, "A5 area A has 40 questions; needs at least 41 (1.5 x 27 scored)"
        ),
        BankProblem(
            f"{FOLDER}/A5-B.yaml", 0, "A5 area B has 40 questions; needs at least 41 (1.5 x 27 scored)"
        ),
    ]


def test_topic_used_once_names_the_area_file_and_the_question() -> None:
    qs = good_test()
    t2 = [i for i, q in enumerate(qs) if q.topic == "t2"]
    for i in t2[1:]:
        qs[i] = replace(qs[i], topic="t1")
    only = qs[t2[0]]
    problems = qc.test_problems("A5", qs, blueprint())
    assert problems == [
        BankProblem(
            f"{FOLDER}/A5-A.yaml",
            int(only.source.rsplit(":", 1)[1]),
            f"A5 area A topic 't2' is used by 1 question ({only.id}); needs at least 2",
        )
    ]


def test_empty_area_is_one_problem_not_one_per_topic() -> None:
    qs = [q for q in good_test() if q.area == "A"]
    found = [p for p in qc.test_problems("A5", qs, blueprint()) if "area B" in p.message]
    assert found == [
        BankProblem(
            f"{FOLDER}/A5-B.yaml", 0, "A5 area B has 0 questions; needs at least 30 (1.5 x 20 scored)"
        )
    ]


def test_topic_outside_the_blueprint() -> None:
    qs = good_test()
    qs[0] = replace(qs[0], topic="made up")
    problems = qc.test_problems("A5", qs, blueprint())
    assert BankProblem(
        f"{FOLDER}/A5-A.yaml", 15, "A5-A-0001: topic 'made up' is not one of A5 area A's topics"
    ) in (problems)


def test_style_share_out_of_range_says_figure_and_range() -> None:
    qs = good_test()
    # 84 questions with 12 technician_ab: 14%, below 20%.
    qs = [
        replace(q, style="most_likely", choices=("w1", "w2", "w3", "w4")) if i in range(12, 20) else q
        for i, q in enumerate(qs)
    ]
    qs += [make_q(100 + i, area="A" if i % 2 else "B", answer=LETTERS[i % 4]) for i in range(4)]
    problems = qc.test_problems("A5", qs, blueprint())
    assert BankProblem(FOLDER, 0, "technician_ab is 14% of 84 questions; allowed 20-35%") in problems


def test_negative_and_direct_shares() -> None:
    qs = good_test()
    qs = [replace(q, style="direct") if 20 <= i < 40 else q for i, q in enumerate(qs)]
    found = messages(qc.test_problems("A5", qs, blueprint()))
    assert "direct is 40% of 80 questions; allowed at most 20%" in found
    assert "most_likely is 25% of 80 questions; allowed at least 30%" in found


def test_key_balance_failure() -> None:
    qs = good_test()
    # Move seven keys from D to A among the written questions: A 27 (33.8%), D 13 (16.3%).
    moved = 0
    for i, q in enumerate(qs):
        if q.style != "technician_ab" and q.answer == "D" and moved < 7:
            qs[i] = replace(q, answer="A")
            moved += 1
    found = messages(qc.test_problems("A5", qs, blueprint()))
    assert found == [
        "key A is the answer of 34% of 80 questions (27); allowed 18-32%",
        "key D is the answer of 16% of 80 questions (13); allowed 18-32%",
    ]


def test_key_share_boundary_is_allowed() -> None:
    qs = good_test()
    # D from 20 to 15 (18.75%) and A from 20 to 25 (31.25%): both inside 18-32%.
    moved = 0
    for i, q in enumerate(qs):
        if q.style != "technician_ab" and q.answer == "D" and moved < 5:
            qs[i] = replace(q, answer="A")
            moved += 1
    assert qc.test_problems("A5", qs, blueprint()) == []


def test_technician_outcome_balance() -> None:
    qs = good_test()
    tech = [i for i, q in enumerate(qs) if q.style == "technician_ab" and q.answer == "D"]
    for i in tech[:3]:  # Neither 2 of 20 (10%), Both 8 of 20 (40%)
        qs[i] = replace(qs[i], answer="C")
    found = messages(qc.test_problems("A5", qs, blueprint()))
    assert (
        "technician_ab outcome 'Both A and B' is the key of 40% of 20 technician_ab questions (8); "
        "allowed 15-35%" in found
    )
    assert (
        "technician_ab outcome 'Neither A nor B' is the key of 10% of 20 technician_ab questions (2); "
        "allowed 15-35%" in found
    )


def _make_key_longest(q: Question) -> Question:
    choices = list(q.choices)
    choices[q.answer_index] += " and more"
    return replace(q, choices=tuple(choices))  # type: ignore[arg-type]


def test_longest_choice_bias() -> None:
    qs = good_test()
    written = [i for i, q in enumerate(qs) if q.style != "technician_ab"]
    for i in written[:24]:  # 24 of 60 = 40%: allowed
        qs[i] = _make_key_longest(qs[i])
    assert qc.test_problems("A5", qs, blueprint()) == []
    qs[written[24]] = _make_key_longest(qs[written[24]])  # 25 of 60
    assert qc.test_problems("A5", qs, blueprint()) == [
        BankProblem(
            FOLDER,
            0,
            "the longest choice is the key in 42% of 60 questions with written choices (25); "
            "allowed at most 40%",
        )
    ]


def test_tie_for_longest_does_not_count_as_key_longest() -> None:
    qs = good_test()
    written = [i for i, q in enumerate(qs) if q.style != "technician_ab"]
    for i in written[:30]:
        q = _make_key_longest(qs[i])
        other = (q.answer_index + 1) % 4
        choices = list(q.choices)
        choices[other] = choices[other].ljust(len(choices[q.answer_index]), "z")
        qs[i] = replace(q, choices=tuple(choices))  # type: ignore[arg-type]
    assert qc.test_problems("A5", qs, blueprint()) == []


def test_near_duplicate_stems_name_both_questions() -> None:
    qs = good_test()
    a, b = qs[20], qs[21]
    qs[21] = replace(b, stem=a.stem.replace("What is the most likely cause?", "What is likely the cause?"))
    problems = qc.test_problems("A5", qs, blueprint())
    assert problems == [
        BankProblem(
            f"{FOLDER}/A5-B.yaml",
            3 + 12 * 22,
            f"A5-B-0022 ({FOLDER}/A5-B.yaml:267) and A5-A-0021 ({FOLDER}/A5-A.yaml:255): stems are "
            "near-duplicates, Jaccard 0.94; allowed below 0.6",
        )
    ]


def test_jaccard_threshold_is_inclusive_at_0_6() -> None:
    # 6 shared of 10 in the union: exactly 0.6, a near-duplicate; case and punctuation do not count.
    x = make_q(1, stem="S1 s2, s3 s4 s5 s6 a1 a2?")
    y = replace(make_q(2), stem="s1 s2 s3 s4 s5 s6 b1 b2")
    assert [(p[0].id, p[1].id) for p in qc.near_duplicates([x, y])] == [("A5-A-0001", "A5-A-0002")]
    z = replace(make_q(3), stem="s1 s2 s3 s4 s5 s6 c1 c2 c3")  # 6 of 11 with x: below 0.6
    assert qc.near_duplicates([x, z]) == []


# --- the whole gate and the figures -------------------------------------------------------------


def blueprints() -> Blueprints:
    return Blueprints(tests=(blueprint(),))


def test_check_strict_reports_missing_strict_tests_and_runs_question_rules_everywhere() -> None:
    bad = make_q(1, choices=("Worn front rotors", "b", "c", "None of the above"))
    bank = QuestionBank((bad,))
    found = [str(p) for p in qc.check_strict(bank, blueprints(), tests=["A5", "A1", "A9"])]
    assert (
        f"{FOLDER}/A5-A.yaml:15: A5-A-0001: choice D uses 'all/none of the above'; write a real distractor"
        in found
    )
    assert any(p.endswith("questions/A1: A1: no questions yet") for p in found)
    assert not any("A9" in p for p in found)  # not a STRICT test: no questions is fine
    # With no tests named, every STRICT test is judged: eight more have no questions.
    assert sum("no questions yet" in p for p in map(str, qc.check_strict(bank, blueprints()))) == 8


def test_check_strict_skips_per_test_rules_for_tests_not_included() -> None:
    bank = QuestionBank(tuple(good_test()[:10]))
    assert qc.check_strict(bank, blueprints(), tests=[]) == []
    assert (
        messages(qc.check_strict(bank, blueprints(), tests=["A5"]))[0]
        == "A5 has 10 questions; needs at least 80"
    )


def test_bank_stats_reports_the_gates_figures() -> None:
    qs = good_test()
    files = (
        BankFile(f"{FOLDER}/A5-A.yaml", "A5", "A", "2026-11-25", tuple(q for q in qs if q.area == "A")),
        BankFile(f"{FOLDER}/A5-B.yaml", "A5", "B", None, tuple(q for q in qs if q.area == "B")),
    )
    stats = qc.bank_stats(QuestionBank(tuple(qs), files), blueprints())
    json.dumps(stats)
    a5 = stats["tests"]["A5"]
    assert a5["questions"] == 80
    assert a5["areas"] == {"A": 40, "B": 40}
    assert a5["area_minimum"] == {"A": 30, "B": 30}
    assert a5["topics"] == {"A": {"t1": 20, "t2": 20}, "B": {"t3": 20, "t4": 20}}
    assert a5["styles"] == {
        "direct": 12,
        "technician_ab": 20,
        "most_likely": 40,
        "except": 8,
        "least_likely": 0,
    }
    assert a5["style_shares"]["technician_ab"] == 0.25
    assert a5["keys"] == {"A": 20, "B": 20, "C": 20, "D": 20}
    assert a5["key_shares"]["C"] == 0.25
    assert a5["technician_ab_keys"] == {"A": 5, "B": 5, "C": 5, "D": 5}
    assert a5["longest_choice_is_key_share"] == 0.0
    assert 0 < a5["max_stem_jaccard"] < 0.6
    assert (a5["reviewed_files"], a5["files"]) == (1, 2)
    assert list(stats["tests"]) == ["A5"]


def test_fully_included_tests(tmp_path: Path) -> None:
    root = tmp_path / "questions"
    for name in ("A5/A5-A.yaml", "A5/A5-B.yaml", "A1/A1-A.yaml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x")
    assert qc.fully_included_tests([root / "A5/A5-A.yaml"], root) == []
    assert qc.fully_included_tests([root / "A5/A5-A.yaml", root / "A5/A5-B.yaml"], root) == ["A5"]
    assert qc.fully_included_tests([root / "A5", root / "A1/A1-A.yaml"], root) == ["A1", "A5"]
    assert qc.fully_included_tests([root], root) == list(qc.STRICT_TESTS)


def test_gate_judges_a_full_bank() -> None:
    tests = [replace(blueprint(), code=c) for c in qc.STRICT_TESTS]
    qs = [
        replace(q, id=q.id.replace("A5", code), test=code, stem=f"{code} {q.stem} extra{j}")
        for code in qc.STRICT_TESTS
        for j, q in enumerate(good_test() + [make_q(200 + k) for k in range(10)])
    ]
    problems = qc.check_strict(QuestionBank(tuple(qs)), Blueprints(tests=tuple(tests)))
    assert qc.bank_stats(QuestionBank(tuple(qs)), Blueprints(tests=tuple(tests)))["tests"]["G1"]["questions"] == 90
    assert len(qs) == 810 and problems  # the ten extra questions unbalance the keys


def test_check_strict_judges_a_new_test_once_every_area_has_a_file() -> None:
    """A new test (P2, L1, ...) is held to the per-test rules too, once its last area file exists;
    while it is being written area by area only its questions are judged."""
    qs = tuple(replace(q, id=q.id.replace("A5", "P2"), test="P2") for q in good_test()[:79])
    bp = Blueprints(tests=(replace(blueprint(), code="P2"),))
    both = (BankFile("P2/P2-A.yaml", "P2", "A", None, qs[::2], 2), BankFile("P2/P2-B.yaml", "P2", "B", None, qs[1::2], 2))
    assert "P2 has 79 questions; needs at least 80" in messages(qc.check_strict(QuestionBank(qs, both), bp))
    assert not any("P2 has" in m for m in messages(qc.check_strict(QuestionBank(qs, both[:1]), bp)))
    assert "P2 has 79 questions; needs at least 80" in messages(qc.check_strict(QuestionBank(qs, both[:1]), bp, ["P2"]))


def test_a_stem_repeated_in_another_test_is_a_problem_of_the_whole_bank() -> None:
    a = make_q(1)
    b = replace(make_q(1), id="G1-E-0001", test="G1", area="E", source="resources/questions/G1/G1-E.yaml:7")
    problems = qc.check_strict(QuestionBank((a, b)), Blueprints(tests=()), tests=None)
    assert any("near-duplicates across tests" in p.message and p.file.endswith("G1-E.yaml") for p in problems)
    assert not any("across tests" in p.message for p in qc.check_strict(QuestionBank((a,)), Blueprints(tests=())))
