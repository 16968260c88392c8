"""Practice sets: build, save, open as a student, answer through the real ExamService, save the
result, import it as the instructor; and every kind of bad set or result file."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from questions.exam import ExamMode, build_exam
from study.classroom.imported import ImportedQuestions
from study.classroom.importers import parse_file, with_mapping
from study.classroom.results import ClassroomService
from study.classroom.sets import (
    MAX_QUESTIONS,
    NotEnoughForSet,
    PracticeSetService,
    ResultAnswer,
    SetBuildError,
    SetFileError,
    build_result,
    build_set,
    canonical_json,
    draw_questions,
    load_result,
    load_set,
    parse_set,
    renamed_id,
    save_result,
    save_set,
)
from study.services import open_services
from tests.conftest import make_question

DATA = Path(__file__).parent / "data"
WHEN = datetime(2026, 11, 20, 18, 30)


@pytest.fixture
def instructor(tmp_path):
    s = open_services(tmp_path / "instructor")
    ImportedQuestions(s.db, s.blueprints).store(with_mapping(parse_file(DATA / "brakes_aiken.txt"), "A5", "A"))
    s.refresh_bank()
    yield s
    s.close()


@pytest.fixture
def student(tmp_path):
    s = open_services(tmp_path / "student")
    yield s
    s.close()


def a5_set(services, feedback="exam", **kw):
    """Two questions from each A5 area, plus the instructor's imported questions."""
    mine = [q.id for q in services.bank.for_test("A5") if q.origin == "imported"]
    assert len(mine) == 2
    qs = draw_questions(services.bank.questions, "A5", per_area={"A": 2, "B": 2, "C": 2, "D": 2}, picked=mine, seed=3)
    return build_set("Week 3 brakes quiz", "A5", qs, instructor="Ms. Rivera", instructions="No notes. Go steady.",
                     time_limit_seconds=20 * 60, feedback=feedback, due=date.today() + timedelta(days=30), created=WHEN, **kw)


def take(services, path, choices_by_set_id, seed=5, student="Dana Smith"):
    """Open the set as a student, answer through ExamService, finish, save the result file."""
    opened = services.open_set(path, seed=seed)
    active = services.exams.start(opened.form, opened.title, source=opened.source)
    active.start()
    local_to_set = {}
    for q in opened.set.questions:
        local_to_set[q.id] = q.id
        local_to_set[renamed_id(q.id, opened.set.hash)] = q.id
    for i, item in enumerate(active.form.items):
        active.go(i)
        choice = choices_by_set_id.get(local_to_set[item.question_id])
        if choice:
            active.answer(choice)
    result = active.finish()
    sets = PracticeSetService(services.db, services.blueprints)
    out = save_result(sets.result_for_exam(result.summary.id, student), path.parent / f"{student}.aseresult")
    return opened, result, out


def test_a_set_round_trip_from_instructor_to_student_and_back(instructor, student, tmp_path):
    ps = a5_set(instructor)
    assert len(ps.questions) == 10 and ps.area_counts() == {"A": 4, "B": 2, "C": 2, "D": 2}
    path = PracticeSetService(instructor.db, instructor.blueprints).save(ps, tmp_path / "week3")
    assert path.name == "week3.aseset"
    raw = json.loads(path.read_text(encoding="utf-8"))
    # the documented hash: sha256 of the canonical JSON of everything but the hash
    assert raw["hash"] == hashlib.sha256(canonical_json({k: v for k, v in raw.items() if k != "hash"})).hexdigest()
    assert raw["instructor"] == "Ms. Rivera" and len(raw["questions"]) == 10
    assert raw["version"] == (3 if any(q.exhibit for q in ps.questions) else 2)  # 3: exhibits inside

    # the student answers: right on every area A question, wrong on B, C right, D unanswered
    key = {q.id: q.answer for q in ps.questions}
    wrong = {"A": "B", "B": "C", "C": "D", "D": "A"}
    plan = {}
    for q in ps.questions:
        if q.area in ("A", "C"):
            plan[q.id] = q.answer
        elif q.area == "B":
            plan[q.id] = wrong[q.answer]
    opened, result, result_path = take(student, path, plan)
    assert opened.form.mode is ExamMode.SET and not ExamMode.SET.gives_feedback
    assert opened.form.time_limit_seconds == 20 * 60
    assert result.score.correct == 6 and result.score.total == 10
    assert result.summary.title == "Week 3 brakes quiz"
    # the instructor's own questions were not in the student's bank: they resolve for this exam all the
    # same, without joining the bank
    mine = [q for q in ps.questions if q.id.startswith("U-")]
    assert all(student.exams.get_question(q.id).stem == q.stem for q in mine)
    assert not any(student.bank.find(q.id) for q in mine)
    assert all(i.question is not None for i in result.items)

    # the student's own analytics count the set too
    st = student.analytics().standing(student.exams.learner_id, "A5")
    assert {a.area: (a.answered, a.correct) for a in st.areas} == {"A": (4, 4), "B": (2, 0), "C": (2, 2), "D": (0, 0)}

    saved = load_result(result_path)
    assert saved.student == "Dana Smith" and saved.set_hash == ps.hash
    assert [a.question_id for a in saved.answers] == [q.id for q in ps.questions]
    assert saved.score(ps) == (6, 10)
    assert sum(1 for a in saved.answers if a.choice is None) == 2

    classroom = ClassroomService(instructor.db, instructor.blueprints)
    out = classroom.import_results([result_path])
    assert [o.status for o in out.outcomes] == ["added"]
    report = classroom.report("A5")
    assert report.students == ("Dana Smith",)
    assert dict(zip(report.areas, report.heat[0], strict=True)) == {"A": 100.0, "B": 0.0, "C": 100.0, "D": 0.0}
    assert report.gradebook[0].best_percent == 60.0 and report.gradebook[0].attempts == 1
    assert not report.gradebook[0].late
    facility = {it.question_id: it.facility for it in report.items}
    assert facility == {qid: (100.0 if plan.get(qid) == key[qid] else 0.0) for qid in key}


def test_a_bank_question_reworded_since_keeps_the_sets_words_and_key(instructor, student, tmp_path):
    ps = a5_set(instructor)
    q0 = ps.questions[2]
    changed = type(q0)(**{**q0.__dict__, "stem": "Reworded in the instructor's version: " + q0.stem,
                          "answer": "D" if q0.answer != "D" else "A"})
    ps2 = build_set(ps.title, "A5", [changed, *ps.questions[3:]], created=WHEN)
    path = PracticeSetService(instructor.db, instructor.blueprints).save(ps2, tmp_path / "s2.aseset")
    opened, result, result_path = take(student, path, {changed.id: changed.answer})
    local = renamed_id(changed.id, ps2.hash)
    assert student.exams.get_question(local).stem == changed.stem
    assert student.bank.get(changed.id).stem == q0.stem  # the student's own bank question is untouched
    assert result.score.correct == 1
    # the answer given to the set's wording is filed under the set's id, with the set's key
    first = load_result(result_path).answers[0]
    assert (first.question_id, first.choice) == (changed.id, changed.answer)
    assert changed.answer != q0.answer


def test_study_feedback_sets_keep_their_mode_through_a_restart(instructor, tmp_path):
    ps = a5_set(instructor, feedback="study")
    path = PracticeSetService(instructor.db, instructor.blueprints).save(ps, tmp_path / "study.aseset")
    s = open_services(tmp_path / "learner")
    opened = s.open_set(path, seed=1)
    assert opened.form.mode is ExamMode.SET_STUDY
    active = s.exams.start(opened.form, opened.title, source=opened.source)
    assert active.feedback
    active.start()
    active.answer("A")
    active.pause()
    exam_id = active.exam_id
    s.close()
    again = open_services(tmp_path / "learner")
    try:
        resumed = again.exams.resume(exam_id)  # the set's questions come back from the database
        assert resumed.feedback and resumed.run.states[0].choice == "A"
        assert all(again.exams.question(i.question_id) for i in resumed.form.items)
    finally:
        again.close()


def test_extra_time_applies_to_a_set(instructor, student, tmp_path):
    ps = a5_set(instructor)
    path = PracticeSetService(instructor.db, instructor.blueprints).save(ps, tmp_path / "t.aseset")
    student.settings.set_extra_time(1.5)
    assert student.open_set(path, seed=2).form.time_limit_seconds == 30 * 60


# -- building -----------------------------------------------------------------------------------------


def test_drawing_by_area_topic_and_hand_picked(a5_bank):
    pool = a5_bank.questions
    topic = pool[0].topic
    picked = [pool[1].id, pool[1].id, "NOPE"]
    got = draw_questions(pool, "A5", per_area={"C": 3}, per_topic={("A", topic): 2}, picked=picked, seed=9)
    assert got[0].id == pool[1].id and len(got) == 6
    assert sum(1 for q in got[1:] if q.area == "A" and q.topic == topic) >= 2
    assert sum(1 for q in got if q.area == "C") >= 3
    assert len({q.id for q in got}) == 6
    assert got == draw_questions(pool, "A5", per_area={"C": 3}, per_topic={("A", topic): 2}, picked=picked, seed=9)
    with pytest.raises(NotEnoughForSet, match="Area B: .* 500 asked"):
        draw_questions(pool, "A5", per_area={"B": 500})


def test_a_set_that_makes_no_sense_is_refused(a5_bank):
    qs = list(a5_bank.questions[:3])
    with pytest.raises(SetBuildError, match="title"):
        build_set("  ", "A5", qs)
    with pytest.raises(SetBuildError, match="no questions"):
        build_set("T", "A5", [])
    with pytest.raises(SetBuildError, match="twice"):
        build_set("T", "A5", qs + qs[:1])
    with pytest.raises(SetBuildError, match="for A5; some are for A4"):
        build_set("T", "A5", qs + [make_question("A4", "A", 1)])


# -- bad files ----------------------------------------------------------------------------------------


@pytest.fixture
def set_file(a5_bank, tmp_path):
    ps = build_set("Quiz", "A5", list(a5_bank.questions[:4]), instructor="Mr. Ode", created=WHEN)
    p = tmp_path / "quiz.aseset"
    p.write_text(ps.to_json(), encoding="utf-8")
    return ps, p


def rewrite(path: Path, change, *, rehash=False, _n=[0]) -> Path:  # noqa: B006 - a counter for file names
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    if rehash:
        data["hash"] = hashlib.sha256(canonical_json({k: v for k, v in data.items() if k != "hash"})).hexdigest()
    _n[0] += 1
    out = path.with_name(f"changed-{_n[0]}-{path.name}")
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def test_each_bad_set_file_gets_a_message_naming_it(set_file, tmp_path):
    ps, p = set_file
    assert load_set(p).payload() == ps.payload() and load_set(p).hash == ps.hash

    def expect(path, pattern):
        with pytest.raises(SetFileError, match=pattern) as e:
            load_set(path)
        assert str(e.value).startswith(path.name + ":")

    expect(rewrite(p, lambda d: d.update(version=6), rehash=True), "newer version of ASE Prep .*format 6")
    expect(rewrite(p, lambda d: d.update(version="one"), rehash=True), "unknown practice set version")
    expect(rewrite(p, lambda d: d["questions"][0]["key"].update(hash="0" * 64)), "has been changed since it was saved")
    expect(rewrite(p, lambda d: d["questions"][0]["key"].update(hash="0" * 64), rehash=True),
           "question 1: its key matches none of A, B, C, D")
    expect(rewrite(p, lambda d: d.pop("hash")), "no valid content hash")
    expect(rewrite(p, lambda d: d["questions"][1].update(choices=["a", "b", "c"]), rehash=True),
           "question 2: needs exactly four choices")
    expect(rewrite(p, lambda d: d.update(due="next week"), rehash=True), "due date 'next week' is not a date")
    expect(rewrite(p, lambda d: d.update(format="something-else"), rehash=True), "is not an ASE Prep practice set")

    text = p.read_bytes()
    cut = tmp_path / "cut.aseset"
    cut.write_bytes(text[: len(text) // 2])
    expect(cut, "cut short")
    junk = tmp_path / "junk.aseset"
    junk.write_bytes(b"{\"format\": nope}")
    expect(junk, "not valid JSON at line 1")
    empty = tmp_path / "empty.aseset"
    empty.write_bytes(b"")
    expect(empty, "is empty")
    huge = tmp_path / "huge.aseset"
    with huge.open("wb") as f:
        f.truncate(21 * 1024 * 1024)
    expect(huge, "larger than 20 MB")
    latin = tmp_path / "latin.aseset"
    latin.write_bytes(ps.to_json().replace("Mr. Ode", "M. Odé").encode("latin-1"))
    expect(latin, "is not UTF-8 text")
    # UTF-8 with a BOM and UTF-16 are read
    for enc, name in (("utf-8-sig", "bom.aseset"), ("utf-16", "utf16.aseset")):
        other = tmp_path / name
        other.write_bytes(ps.to_json().encode(enc))
        assert load_set(other).hash == ps.hash


def test_a_result_opened_as_a_set_and_a_set_for_an_unknown_test(set_file, student, tmp_path):
    ps, p = set_file
    answered = build_result(ps, "Pat Doe", [ResultAnswer(q.id, q.answer, 5.0) for q in ps.questions], 20.0)
    with pytest.raises(SetFileError, match="r.aseset: is a result file"):
        parse_set(answered.to_json().encode("utf-8"), "r.aseset")  # a real result file, named like a set
    odd = rewrite(p, lambda d: d.update(test="Q9") or [q.update(test="Q9") for q in d["questions"]], rehash=True)
    with pytest.raises(SetFileError, match="for test Q9, which this version of ASE Prep does not know"):
        student.open_set(odd)
    with student.db.engine.connect() as conn:  # refused before anything was kept
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM practice_set").scalar() == 0


def test_a_sets_questions_belong_to_that_set_only(student, tmp_path):
    """A 500-question set supplied 48 of 55 full-length questions once it had been opened."""
    bp = student.blueprints.get("A5")
    own = [make_question("A5", a.letter, 7000 + i * 10 + n, "ABCD"[n % 4])
           for i, a in enumerate(bp.areas) for n in range(3 * a.scored_questions)]
    path = save_set(build_set("Everything", "A5", own[:MAX_QUESTIONS], created=WHEN), tmp_path / "big.aseset")
    ids = {q.id for q in own}
    opened = student.open_set(path, seed=1)
    student.exams.start(opened.form, opened.title, source=opened.source).close()  # the set is started
    drawn = build_exam(bp, student.bank.for_test("A5"), ExamMode.FULL, seed=11)
    assert not ids & {i.question_id for i in drawn.items}
    assert not any(student.bank.find(qid) for qid in ids)
    student.close()
    again = open_services(tmp_path / "student")  # and after a restart
    try:
        assert again.exams.question(opened.form.items[0].question_id) is not None  # its own exam still resumes
        drawn = build_exam(bp, again.bank.for_test("A5"), ExamMode.FULL, seed=12)
        assert not ids & {i.question_id for i in drawn.items}
    finally:
        again.close()


def class_rows(db):
    with db.engine.connect() as conn:
        return (conn.exec_driver_sql("SELECT * FROM class_result ORDER BY id").fetchall(),
                conn.exec_driver_sql("SELECT * FROM class_student ORDER BY id").fetchall())


def test_each_bad_result_file_is_refused_and_changes_nothing(instructor, student, tmp_path):
    sets = PracticeSetService(instructor.db, instructor.blueprints)
    ps = a5_set(instructor)
    path = sets.save(ps, tmp_path / "week3.aseset")
    other = sets.save(build_set("Another quiz", "A5", list(ps.questions[:5]), created=WHEN), tmp_path / "other.aseset")
    _, _, good = take(student, path, {q.id: q.answer for q in ps.questions})
    _, _, for_other = take(student, other, {}, student="Lee Park")

    classroom = ClassroomService(instructor.db, instructor.blueprints)
    first = classroom.import_results([good])
    assert len(first.added) == 1
    before = class_rows(instructor.db)

    tampered = rewrite(good, lambda d: d["answers"][0].update(choice="D" if d["answers"][0]["choice"] != "D" else "A"))
    newer = rewrite(good, lambda d: d.update(version=9), rehash=True)
    shuffled = rewrite(good, lambda d: d["answers"].reverse(), rehash=True)
    unknown = rewrite(good, lambda d: d.update(set_hash="0" * 64), rehash=True)
    cut = tmp_path / "cut.aseresult"
    cut.write_bytes(good.read_bytes()[:100])
    latin = tmp_path / "latin.aseresult"
    latin.write_bytes(good.read_text(encoding="utf-8").replace("Dana Smith", "Dana Smíth").encode("latin-1"))

    out = classroom.import_results([good, tampered, newer, shuffled, unknown, cut, latin, for_other],
                                   set_hash=ps.hash)
    status = {o.file: (o.status, o.message) for o in out.outcomes}
    assert status[good.name][0] == "duplicate" and "counts once" in status[good.name][1]
    assert "has been changed since it was saved" in status[tampered.name][1]
    assert "newer version" in status[newer.name][1]
    assert "do not match the questions" in status[shuffled.name][1]
    assert "a set this app does not have" in status[unknown.name][1]
    assert "cut short" in status[cut.name][1]
    assert "not UTF-8" in status[latin.name][1]
    assert "is a result for another set" in status[for_other.name][1] and "Another quiz" in status[for_other.name][1]
    assert all(msg.startswith(name) for name, (_, msg) in status.items())
    assert out.added == [] and len(out.rejected) == 7
    assert class_rows(instructor.db) == before  # nothing stored changed

    # without the set filter, the other set's result is welcome; a copy of a file in a folder counts once
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.aseresult").write_bytes(for_other.read_bytes())
    (folder / "copy-of-a.aseresult").write_bytes(for_other.read_bytes())
    (folder / "notes.txt").write_text("not a result")
    out = classroom.import_results([folder])
    assert [o.status for o in out.outcomes] == ["skipped", "added", "duplicate"]  # notes.txt: named, left alone
    assert len(class_rows(instructor.db)[0]) == 2
    assert classroom.report("A5").students == ("Dana Smith", "Lee Park")


# -- what a set file shows, and what a result file proves -------------------------------------------------


def test_a_set_file_does_not_show_its_key_and_a_student_still_takes_it(set_file, student, tmp_path):
    ps, p = set_file
    text = p.read_text(encoding="utf-8")
    raw = json.loads(text)
    for q, item in zip(ps.questions, raw["questions"], strict=True):
        assert "answer" not in item and "explanation" not in item  # no key, and no explanation that names it
        assert set(item["key"]) == {"salt", "hash"} and len(item["key"]["hash"]) == 64
        assert q.explanation not in text
    # the app checks each letter against the salted hash: the student's exam knows right from wrong
    opened = student.open_set(p, seed=1)
    active = student.exams.start(opened.form, opened.title, source=opened.source)
    active.start()
    by_id = {q.id: q for q in ps.questions}
    for i, item in enumerate(active.form.items):
        active.go(i)
        mine = by_id[item.question_id.split("~")[0]]  # (renamed where the student's bank words it otherwise)
        assert active.question().explanation == mine.explanation
        active.answer(mine.answer)
    assert active.finish().score.correct == len(ps.questions)


def test_a_set_file_of_the_first_format_is_still_read(a5_bank, tmp_path):
    from dataclasses import replace

    from study.classroom.sets import content_hash

    old = replace(build_set("Old quiz", "A5", list(a5_bank.questions[:3]), created=WHEN), version=1, salts=())
    old = replace(old, hash=content_hash(old.payload()))
    path = tmp_path / "old.aseset"
    path.write_text(old.to_json(), encoding="utf-8")
    assert json.loads(path.read_text())["questions"][0]["answer"] == a5_bank.questions[0].answer
    back = load_set(path)
    assert back.version == 1 and [q.answer for q in back.questions] == [q.answer for q in a5_bank.questions[:3]]
    assert back.hash == old.hash


def test_the_instructors_import_scores_a_result_from_its_answers_whatever_the_file_claims(instructor, student,
                                                                                          tmp_path):
    sets = PracticeSetService(instructor.db, instructor.blueprints)
    ps = a5_set(instructor)
    path = sets.save(ps, tmp_path / "week3.aseset")
    _, _, honest = take(student, path, {})  # nothing answered
    forged = rewrite(honest, lambda d: d.update(score=100, correct=10, percent=100.0, student="Lee Park"), rehash=True)
    out = ClassroomService(instructor.db, instructor.blueprints).import_results([forged])
    assert [o.status for o in out.outcomes] == ["added"]
    row = class_rows(instructor.db)[0][0]
    assert (row.correct, row.total) == (0, 10)  # scored again from its answers against the instructor's copy
