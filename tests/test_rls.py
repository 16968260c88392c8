"""Who sees what in a class lab: the instructor sets up the class with the command line, each
student logs in with their own PostgreSQL role, and row-level security keeps every student to
their own rows, even against hand-written SQL, while the instructor reads the whole class."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from main import main
from questions.exam import ExamMode, build_exam
from study.exams import ExamService
from study.storage.database import DatabaseError, open_database
from tests.conftest import synthetic_bank

NOW = datetime(2026, 11, 25, 19, 0, 0)


def cli(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


@pytest.fixture
def lab(pg_url, capsys):  # type: ignore[no-untyped-def]
    """A class with two students and an instructor, made through the commands an instructor types."""
    rc, out, err = cli(capsys, "--db", pg_url, "class", "init")
    assert rc == 0, err
    assert "response" in out and "review_card" in out
    people = {}
    for cmd, name in (("add-student", "Ana Díaz"), ("add-student", "Ben Ng"), ("add-instructor", "Mr Cole")):
        rc, out, err = cli(capsys, "--db", pg_url, "class", cmd, name, "--json")
        assert rc == 0, err
        people[name] = json.loads(out)
    return pg_url, people


def engine_for(person: dict):  # type: ignore[no-untyped-def]
    return create_engine(person["url"])


def take_exam(url: str, a5_bank, blueprints, letters: str, now=lambda: NOW) -> int:  # type: ignore[no-untyped-def]
    db = open_database(url)
    try:
        service = ExamService(db, a5_bank, blueprints, now=now)
        bp = blueprints.get("A5")
        active = service.start(build_exam(bp, synthetic_bank(bp), ExamMode.QUICK10, seed=len(letters)))
        active.start()
        for letter in letters:
            active.answer(letter)
            active.next()
        active.close()
        return service.learner_id
    finally:
        db.dispose()


def test_add_student_prints_the_password_once_and_the_command_to_type(pg_url, capsys):
    import re

    assert cli(capsys, "--db", pg_url, "class", "init")[0] == 0
    rc, out, _ = cli(capsys, "--db", pg_url, "class", "add-student", "María López")
    assert rc == 0
    first = re.search(r"login (s_[0-9a-f]{10}), password ", out)
    assert first, out  # a login that does not say whose it is
    assert f"python main.py --db 'postgresql+psycopg://{first.group(1)}:" in out
    rc, out, _ = cli(capsys, "--db", pg_url, "class", "add-student", "María López")
    second = re.search(r"login (s_[0-9a-f]{10}), password ", out)
    assert second and second.group(1) != first.group(1)  # a namesake gets their own login
    rc, out, _ = cli(capsys, "--db", pg_url, "class", "list")
    assert f"{first.group(1)} " in out and second.group(1) in out and "María López" in out


def test_class_commands_refuse_a_sqlite_file(tmp_path, capsys):
    rc, _, err = cli(capsys, "--db", f"sqlite:///{tmp_path / 'x.sqlite3'}", "class", "init")
    assert rc == 2 and "PostgreSQL server" in err


def test_a_student_cannot_read_or_change_another_students_answers(lab, a5_bank, blueprints):
    url, people = lab
    ana, ben, cole = people["Ana Díaz"], people["Ben Ng"], people["Mr Cole"]
    # each student takes an exam through the app's own code, on their own login
    assert take_exam(ana["url"], a5_bank, blueprints, "ABCD") == ana["learner_id"]
    assert take_exam(ben["url"], a5_bank, blueprints, "DDDDDD") == ben["learner_id"]

    e = engine_for(ana)
    try:
        with e.connect() as c:
            assert c.execute(text("SELECT DISTINCT learner_id FROM response")).all() == [(ana["learner_id"],)]
            assert c.execute(text("SELECT name FROM learner")).all() == [("Ana Díaz",)]
            assert c.execute(text("SELECT COUNT(*) FROM exam")).scalar() == 1
            # asking for Ben's rows by id finds nothing
            assert c.execute(text("SELECT COUNT(*) FROM response WHERE learner_id = :b"),
                             {"b": ben["learner_id"]}).scalar() == 0
            # the answer tally the triggers kept for her (and only her) is readable; Ben's is not
            assert c.execute(text("SELECT learner_id, SUM(answered) FROM answer_tally GROUP BY learner_id")).all() == [
                (ana["learner_id"], 4)]
        forbidden = [
            ("UPDATE response SET choice = 'A' WHERE learner_id = :b", "permission denied"),
            ("UPDATE exam SET state = 'finished', score_correct = 99", "permission denied"),  # a score of its choice
            # an answer into Ben's exam, under her own learner id
            ("INSERT INTO response (exam_id, learner_id, position, question_id, test, area, topic, scored, flagged, "
             "crossed_out, seconds, changes, uid) SELECT id, ase_learner_id(), 99, 'x', 'A5', 'A', '', true, false, "
             "'', 0, 0, 'forged' FROM exam WHERE learner_id = :b", "permission denied"),
            ("DELETE FROM response", "permission denied"),
            ("UPDATE answer_tally SET answered = 0", "permission denied"),  # only the trigger writes it
            ("SELECT * FROM class_member", "permission denied"),
            ("SELECT * FROM question_key", "permission denied"),  # the server's keys
            ("LOCK TABLE response, exam IN ACCESS EXCLUSIVE MODE", "permission denied"),  # stalling the class
            ("LOCK TABLE setting IN EXCLUSIVE MODE", "permission denied"),
            ("DELETE FROM setting", "permission denied"),
            ("ALTER TABLE response DISABLE ROW LEVEL SECURITY", "must be owner"),
            (f"SET ROLE {ben['login']}", "permission denied"),
            ("CREATE ROLE sneaky LOGIN", "permission denied"),
        ]
        for sql, why in forbidden:
            with pytest.raises(DBAPIError, match=why), e.begin() as c:
                c.execute(text(sql), {"b": ben["learner_id"]})
        owner = create_engine(url)
        with owner.connect() as c:
            uid, exam_id, writer = c.execute(text(
                "SELECT r.uid, e.id, e.writer FROM response r JOIN exam e ON e.id = r.exam_id "
                "WHERE r.learner_id = :b AND r.position = 0"), {"b": ben["learner_id"]}).one()
        owner.dispose()
        with e.begin() as c:  # the server's functions refuse Ben's rows, even named by their ids: nothing changes
            assert c.execute(text("SELECT ase_save_answer(:u, :w, 'A', true, false, '', 0, 9, now()::timestamp, 1, "
                                  "false)"), {"u": uid, "w": writer}).scalar() is False
            assert c.execute(text("SELECT ase_finish_exam(:x, :w, 1, 0, now()::timestamp)"),
                             {"x": exam_id, "w": writer}).scalar() is False
            assert c.execute(text("SELECT ase_claim_exam(:x, 'mine')"), {"x": exam_id}).scalar() is False
    finally:
        e.dispose()

    # Ben's answers are exactly as he left them
    owner = create_engine(url)
    try:
        with owner.connect() as c:
            assert c.execute(text("SELECT choice, COUNT(*) FROM response WHERE learner_id = :b AND choice IS NOT NULL "
                                  "GROUP BY choice"), {"b": ben["learner_id"]}).all() == [("D", 6)]
            assert c.execute(text("SELECT COUNT(*) FROM response WHERE uid = 'forged'")).scalar() == 0
    finally:
        owner.dispose()

    # the instructor reads the whole class, but changes nothing
    e = engine_for(cole)
    try:
        with e.connect() as c:
            per = dict(c.execute(text("SELECT l.name, COUNT(r.choice) FROM response r JOIN learner l ON "
                                      "l.id = r.learner_id GROUP BY l.name")).all())
            assert per == {"Ana Díaz": 4, "Ben Ng": 6}
        with pytest.raises(DBAPIError, match="permission denied"), e.begin() as c:
            c.execute(text("UPDATE response SET choice = 'A'"))
    finally:
        e.dispose()


def test_a_wrong_password_is_refused(lab):
    _, people = lab
    bad = people["Ana Díaz"]["url"].replace(people["Ana Díaz"]["password"], "guess")
    with pytest.raises(DatabaseError, match="password authentication failed"):
        open_database(bad)


def test_the_app_on_a_students_login_is_that_student(lab, tmp_path, a5_bank, blueprints):
    from study.analytics.standings import Analytics

    _, people = lab
    ben = people["Ben Ng"]
    take_exam(people["Ana Díaz"]["url"], a5_bank, blueprints, "AAAAA")
    take_exam(ben["url"], a5_bank, blueprints, "BBBBBBB")
    db = open_database(ben["url"])
    try:
        service = ExamService(db, a5_bank, blueprints, now=lambda: NOW)
        assert service.learner_id == ben["learner_id"]
        pending = service.in_progress()
        assert pending is not None and pending.answered == 7  # his own exam, not Ana's
        counts = Analytics(db, blueprints, now=lambda: NOW).area_counts(ana_id := people["Ana Díaz"]["learner_id"], "A5")
        assert counts == {}, f"Ben's login must not see learner {ana_id}'s answers"
    finally:
        db.dispose()


@pytest.mark.gui
def test_the_live_class_page_shows_who_is_taking_what_on_the_instructors_login(lab, qtbot, tmp_path, a5_bank,
                                                                               blueprints):
    from study.services import open_services
    from tests.conftest import open_window

    _, people = lab
    ana, ben = people["Ana Díaz"], people["Ben Ng"]
    take_exam(ana["url"], a5_bank, blueprints, "ABC", now=datetime.now)  # today's answers: the heat map's
    take_exam(ben["url"], a5_bank, blueprints, "DDDDD", now=datetime.now)
    window = open_window(qtbot, tmp_path, open_services(tmp_path, people["Mr Cole"]["url"]))
    try:
        window.live_action.trigger()  # Instructor > Live class
        page = window.page("live")
        assert window.current_page() == "live"
        qtbot.waitUntil(lambda: page.table.rowCount() == 2, timeout=15000)
        rows = {page.table.item(r, 0).text(): page.table.item(r, 3).text() for r in range(2)}
        assert rows == {"Ana Díaz": "3 of 10, on question 4", "Ben Ng": "5 of 10, on question 6"}
        assert "2 exams in progress" in page.status.text()
        heat = {page.heat.item(r, 0).text() for r in range(page.heat.rowCount())}
        assert heat == {"Ana Díaz", "Ben Ng"}
        # a student answers on: the next read shows it without the instructor doing anything
        db = open_database(ana["url"])
        try:
            service = ExamService(db, a5_bank, blueprints)
            active = service.resume(service.in_progress().id)
            active.answer("B")
            active.close()
        finally:
            db.dispose()
        page.refresh()
        qtbot.waitUntil(lambda: any(page.table.item(r, 3).text() == "4 of 10, on question 4"
                                    for r in range(page.table.rowCount())), timeout=15000)
    finally:
        window.shutdown()


def test_a_class_database_upgraded_to_the_answer_tally_keeps_it_private(lab, a5_bank, blueprints):
    """A class set up before migration 0006: the upgrade itself protects the new table."""
    from alembic import command
    from alembic.config import Config

    from study.storage.database import MIGRATIONS_DIR

    url, people = lab
    owner = open_database(url)
    try:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
        with owner.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0005")
    finally:
        owner.dispose()
    open_database(url).dispose()  # the instructor's next start upgrades it again; no `class init` rerun
    owner = create_engine(url)  # (the server's answer keys, which the downgrade dropped, are put back)
    with owner.begin() as c:
        c.execute(text("INSERT INTO question_key VALUES (:q, :a)"), [{"q": q.id, "a": q.answer} for q in a5_bank.questions])
    owner.dispose()
    ana, ben = people["Ana Díaz"], people["Ben Ng"]
    take_exam(ana["url"], a5_bank, blueprints, "ABC")
    take_exam(ben["url"], a5_bank, blueprints, "DD")
    e = engine_for(ana)
    try:
        with e.connect() as c:
            assert c.execute(text("SELECT learner_id, SUM(answered) FROM answer_tally GROUP BY learner_id")).all() == [
                (ana["learner_id"], 3)]
        with pytest.raises(DBAPIError, match="permission denied"), e.begin() as c:
            c.execute(text("DELETE FROM answer_tally"))
    finally:
        e.dispose()


def test_logins_do_not_say_who_the_students_are(lab):
    _, people = lab
    e = engine_for(people["Ana Díaz"])
    try:
        with e.connect() as c:
            logins = [r[0] for r in c.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE 's\\_%'"))]
    finally:
        e.dispose()
    mine = {people["Ana Díaz"]["login"], people["Ben Ng"]["login"]}
    assert mine <= set(logins)  # she can list the logins, as PostgreSQL lets anyone ...
    assert not [n for n in mine if any(part in n for part in ("ana", "diaz", "ben", "ng"))]  # ... but not whose


def test_a_students_score_is_counted_on_the_server_from_the_answers(lab, blueprints):
    from questions.bank import load_bank

    url, people = lab
    bank = load_bank(blueprints=blueprints)  # the bundled bank: `class init` gave the server its keys
    db = open_database(people["Ana Díaz"]["url"])
    try:
        service = ExamService(db, bank, blueprints, now=lambda: NOW)
        active = service.start(build_exam(blueprints.get("A5"), bank.for_test("A5"), ExamMode.QUICK10, seed=3))
        active.start()
        keys = []
        for i in range(10):
            q = active.question()
            keys.append(q.answer)
            active.answer(q.answer if i < 6 else next(c for c in "ABCD" if c != q.answer))  # 6 right, 4 wrong
            active.next()
        e = engine_for(people["Ana Díaz"])
        with e.begin() as c:  # she claims every answer is right, and asks for the end straight away
            uid, writer = c.execute(text("SELECT r.uid, x.writer FROM response r JOIN exam x ON x.id = r.exam_id "
                                         "WHERE r.position = 9")).one()
            wrong = next(c for c in "ABCD" if c != keys[9])
            assert c.execute(text("SELECT ase_save_answer(:u, :w, :c, true, false, '', 3, 2, now()::timestamp, 1, "
                                  "false)"), {"u": uid, "w": writer, "c": wrong}).scalar() is True
        e.dispose()
        result = active.finish()
        assert (result.summary.score_correct, result.summary.score_total) == (6, 10)
    finally:
        db.dispose()


def test_a_student_opens_a_practice_set_on_the_class_server(lab, tmp_path, blueprints):
    """The instructor built the set at home (the server has never seen it); the student opens the file."""
    from study.classroom.sets import PracticeSetService, build_set
    from study.services import open_services

    url, people = lab
    home = open_services(tmp_path / "instructor at home")
    try:
        qs = home.bank.for_test("A5")[:4]
        path = PracticeSetService(home.db, home.blueprints).save(
            build_set("Friday quiz", "A5", qs, instructor="Mr Cole"), tmp_path / "friday.aseset")
    finally:
        home.close()
    student = open_services(tmp_path / "ana", people["Ana Díaz"]["url"])
    try:
        opened = student.open_set(path, seed=2)  # "permission denied for table practice_set" before
        active = student.exams.start(opened.form, opened.title, source=opened.source)
        active.start()
        for i in range(4):
            active.go(i)
            key = active.question().answer
            active.answer(key if i % 2 == 0 else next(c for c in "ABCD" if c != key))  # 2 right, 2 wrong
        result = active.finish()
        assert result.summary.score_correct == 2 and result.summary.score_total == 4  # the server's own count
    finally:
        student.close()
    owner = create_engine(url)
    try:
        with owner.connect() as c:  # kept as a set a student opened, never as one the instructor built
            assert c.execute(text("SELECT title, authored FROM practice_set")).all() == [("Friday quiz", False)]
    finally:
        owner.dispose()


def test_the_instructors_login_changes_only_the_instructors_own_tables(lab, a5_bank, blueprints):
    url, people = lab
    take_exam(people["Ben Ng"]["url"], a5_bank, blueprints, "DD")
    e = engine_for(people["Mr Cole"])
    try:
        with e.begin() as c:  # the instructor's own tables
            c.execute(text("INSERT INTO class_student (name, name_key) VALUES ('Dana Smith', 'dana smith')"))
            c.execute(text("UPDATE class_student SET name = 'Dana Smith-Lee' WHERE name_key = 'dana smith'"))
            c.execute(text("DELETE FROM class_student WHERE name_key = 'dana smith'"))
        for sql in ("UPDATE response SET choice = 'A'", "DELETE FROM exam", "UPDATE learner SET name = 'x'",
                    "INSERT INTO setting (learner_id, key, value) VALUES (1, 'target', '0.1')",
                    "UPDATE class_member SET kind = 'instructor'", "SELECT * FROM question_key",
                    "LOCK TABLE response IN ACCESS EXCLUSIVE MODE"):
            with pytest.raises(DBAPIError, match="permission denied"), e.begin() as c:
                c.execute(text(sql))
    finally:
        e.dispose()
