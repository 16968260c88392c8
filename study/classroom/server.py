"""A class lab on one shared PostgreSQL database: who may see what, and who is doing what now.

`set_up_class` makes two group roles, ase_instructor and ase_student, and turns on row-level
security for every table that holds a learner's rows: a student's login sees and changes only the
rows of the learner it is mapped to (class_member, migration 0005), whatever SQL it sends; the
instructor's login reads the whole class. The role that ran the migrations owns the tables and is
the administrator (it bypasses the policies, as a table owner does).

`live_class` is what the Live class page shows: exams in progress and the class's answers today.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, MetaData, Table, func, insert, inspect, select, text
from sqlalchemy.engine import make_url

from questions.blueprints import Blueprints
from study.storage.database import Database
from study.storage.records import AnswerTally, Exam, Learner, Response, day_number

EXAM: Table = Exam.__table__  # type: ignore[assignment]
RESPONSE: Table = Response.__table__  # type: ignore[assignment]
LEARNER: Table = Learner.__table__  # type: ignore[assignment]
TALLY: Table = AnswerTally.__table__  # type: ignore[assignment]

STUDENT_GROUP = "ase_student"
INSTRUCTOR_GROUP = "ase_instructor"

# table -> the rows a student's login may see and write (ase_learner_id() reads class_member)
STUDENT_ROWS = {
    "learner": "id = ase_learner_id()",
    "exam": "learner_id = ase_learner_id()",
    "response": "learner_id = ase_learner_id()",
    "setting": "learner_id = ase_learner_id()",
    "certification": "learner_id = ase_learner_id()",
    "study_plan": "learner_id = ase_learner_id()",
    "plan_session": "plan_id IN (SELECT id FROM study_plan)",  # study_plan's own policy applies inside
    "review_card": "learner_id = ase_learner_id()",
    "answer_tally": "learner_id = ase_learner_id()",  # written by a SECURITY DEFINER trigger only
}
# what a student may do with each of those tables (no DELETE of exams or answers)
STUDENT_GRANTS = {
    "learner": "SELECT",
    "exam": "SELECT, INSERT, UPDATE",
    "response": "SELECT, INSERT, UPDATE",
    "setting": "SELECT, INSERT, UPDATE, DELETE",
    "certification": "SELECT, INSERT, UPDATE, DELETE",
    "study_plan": "SELECT, INSERT, UPDATE, DELETE",
    "plan_session": "SELECT, INSERT, UPDATE, DELETE",
    "review_card": "SELECT, INSERT, UPDATE, DELETE",
    "answer_tally": "SELECT",
}
# instructor-mode tables (migration 0004): the class's results are the instructor's alone; the
# practice sets and imported questions are the class's shared material, which students read
INSTRUCTOR_ONLY = ("class_student", "class_result", "class_member", "class_roster")
SHARED_MATERIAL = ("practice_set", "imported_question")

LOGIN_RE = re.compile(r"^[a-z][a-z0-9_]{1,40}$")


class ClassSetupError(Exception):
    """The class cannot be set up or changed this way; the message says what to do."""


@dataclass(frozen=True)
class ClassLogin:
    """A login made for a student or the instructor. The password is shown once and kept nowhere."""

    name: str
    login: str
    password: str
    kind: str  # student | instructor
    learner_id: int | None
    url: str  # what to type after --db on that workstation

    def as_json(self) -> dict[str, object]:
        return {"name": self.name, "login": self.login, "password": self.password, "kind": self.kind,
                "learner_id": self.learner_id, "url": self.url}


@dataclass(frozen=True)
class ClassMember:
    login: str
    kind: str
    learner_id: int | None
    name: str


def _require_postgresql(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise ClassSetupError("A class lab needs a PostgreSQL server: run with --db postgresql+psycopg://USER@HOST/DB "
                              "as the database's owner.")


def _roster(conn: Connection) -> Table:
    return Table("class_member", MetaData(), autoload_with=conn)


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)  # type: ignore[no-any-return]


def set_up_class(db: Database) -> list[str]:
    """Create the group roles, grants and row-level security policies. Safe to run again (after an
    upgrade adds tables, say). Returns the tables now protected, for the command to report."""
    _require_postgresql(db)
    with db.engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        if "class_member" not in tables:
            raise ClassSetupError("This database has no class roster table: it was not built by this version of "
                                  "ASE Prep's migrations.")
        for role in (STUDENT_GROUP, INSTRUCTOR_GROUP):
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
            if not exists:
                conn.execute(text(f"CREATE ROLE {role} NOLOGIN"))
        dbname = _quote(conn, conn.execute(text("SELECT current_database()")).scalar_one())
        conn.execute(text(f"GRANT CONNECT ON DATABASE {dbname} TO {STUDENT_GROUP}, {INSTRUCTOR_GROUP}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {STUDENT_GROUP}, {INSTRUCTOR_GROUP}"))
        conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {STUDENT_GROUP}, "
                          f"{INSTRUCTOR_GROUP}"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION ase_learner_id() TO {STUDENT_GROUP}, {INSTRUCTOR_GROUP}"))
        conn.execute(text(f"GRANT SELECT ON alembic_version TO {STUDENT_GROUP}, {INSTRUCTOR_GROUP}"))
        protected = []
        for table, rows in STUDENT_ROWS.items():
            if table not in tables:
                continue
            conn.execute(text(f"REVOKE ALL ON {table} FROM PUBLIC"))
            conn.execute(text(f"GRANT {STUDENT_GRANTS[table]} ON {table} TO {STUDENT_GROUP}"))
            conn.execute(text(f"GRANT SELECT ON {table} TO {INSTRUCTOR_GROUP}"))
            conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
            _policy(conn, table, "ase_student_own_rows", f"FOR ALL TO {STUDENT_GROUP} USING ({rows}) WITH CHECK ({rows})")
            _policy(conn, table, "ase_instructor_reads_class", f"FOR SELECT TO {INSTRUCTOR_GROUP} USING (true)")
            protected.append(table)
        for table in INSTRUCTOR_ONLY:
            if table not in tables:
                continue
            conn.execute(text(f"REVOKE ALL ON {table} FROM PUBLIC, {STUDENT_GROUP}"))
            conn.execute(text(f"GRANT {'SELECT' if table == 'class_member' else 'ALL'} ON {table} TO {INSTRUCTOR_GROUP}"))
            conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
            _policy(conn, table, "ase_instructor_all", f"FOR ALL TO {INSTRUCTOR_GROUP} USING (true) WITH CHECK (true)")
            protected.append(table)
        for table in SHARED_MATERIAL:
            if table in tables:
                conn.execute(text(f"GRANT SELECT ON {table} TO {STUDENT_GROUP}"))
                conn.execute(text(f"GRANT ALL ON {table} TO {INSTRUCTOR_GROUP}"))
    return protected


def _policy(conn: Connection, table: str, name: str, body: str) -> None:
    conn.execute(text(f"DROP POLICY IF EXISTS {name} ON {table}"))
    conn.execute(text(f"CREATE POLICY {name} ON {table} {body}"))


def login_for(name: str, prefix: str) -> str:
    """A PostgreSQL login from a person's name: 'María López' -> 's_maria_lopez'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:30] or "student"
    return f"{prefix}_{slug}"


def _new_password() -> str:
    return secrets.token_urlsafe(12)  # letters, digits, - and _: safe in SQL literals and URLs


def add_member(db: Database, name: str, kind: str = "student", *, login: str | None = None,
               now: Callable[[], datetime] = datetime.now) -> ClassLogin:
    """A login role for one student (mapped to a new learner row) or an instructor."""
    _require_postgresql(db)
    name = " ".join(name.split())
    if not name or len(name) > 200:
        raise ClassSetupError("Give the person's name (up to 200 characters).")
    group = STUDENT_GROUP if kind == "student" else INSTRUCTOR_GROUP
    password = _new_password()
    with db.engine.begin() as conn:
        if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": group}).first():
            raise ClassSetupError("Run `class init` first: it creates the class's roles and protections.")
        wanted = login or login_for(name, "s" if kind == "student" else "i")
        if not LOGIN_RE.match(wanted):
            raise ClassSetupError(f"A login is 2-41 lower-case letters, digits or _, starting with a letter: {wanted!r}")
        chosen, n = wanted, 1
        while conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": chosen}).first():
            if login:
                raise ClassSetupError(f"The login {login} is taken; choose another with --login.")
            n += 1
            chosen = f"{wanted}{n}"
        learner_id = None
        if kind == "student":
            res = conn.execute(insert(LEARNER).values(name=name, created_at=now().replace(microsecond=0)))
            learner_id = int(res.inserted_primary_key[0])  # type: ignore[index]
        conn.execute(text(f"CREATE ROLE {_quote(conn, chosen)} LOGIN PASSWORD '{password}' IN ROLE {group}"))
        conn.execute(insert(_roster(conn)).values(role_name=chosen, kind=kind, learner_id=learner_id,
                                                  created_at=now().replace(microsecond=0)))
    url = make_url(db.url).set(username=chosen, password=password).render_as_string(hide_password=False)
    return ClassLogin(name, chosen, password, kind, learner_id, url)


def members(db: Database) -> list[ClassMember]:
    _require_postgresql(db)
    with db.engine.connect() as conn:
        roster = _roster(conn)
        q = (select(roster.c.role_name, roster.c.kind, roster.c.learner_id, func.coalesce(LEARNER.c.name, ""))
             .outerjoin(LEARNER, LEARNER.c.id == roster.c.learner_id).order_by(roster.c.kind.desc(), roster.c.role_name))
        return [ClassMember(r[0], r[1], r[2], r[3]) for r in conn.execute(q)]


# ----------------------------------------------------------------------------- the live class


@dataclass(frozen=True)
class LiveSitting:
    """One exam in progress right now."""

    exam_id: int
    learner: str
    title: str
    test: str
    answered: int
    question_count: int
    position: int
    time_limit_seconds: int | None
    time_used_seconds: float
    started_at: datetime
    last_change: datetime
    idle_minutes: float

    @property
    def progress_text(self) -> str:
        return f"{self.answered} of {self.question_count} answered, on question {self.position + 1}"

    @property
    def time_left_seconds(self) -> float | None:
        if self.time_limit_seconds is None:
            return None
        return max(0.0, self.time_limit_seconds - self.time_used_seconds)


@dataclass(frozen=True)
class LiveClass:
    sittings: tuple[LiveSitting, ...]
    # learner -> area -> (right, answered) for answers given today, across every test
    today: dict[str, dict[str, tuple[int, int]]]
    finished_today: int
    read_at: datetime
    # item analysis (study.classroom.results's ItemStats) of the practice sets taken on the server today
    items: tuple[Any, ...] = ()


def live_class(db: Database, blueprints: Blueprints | None = None, *,
               now: Callable[[], datetime] = datetime.now) -> LiveClass:
    """Exams in progress with how far each has got, and today's answers per learner and area.

    Read with whatever login the workstation uses: the instructor sees the class, a student
    themself. Two indexed queries; the page calls this every few seconds on a worker."""
    t = now().replace(microsecond=0)
    answered = (select(RESPONSE.c.exam_id, func.count().label("n"))
                .where(RESPONSE.c.choice.is_not(None)).group_by(RESPONSE.c.exam_id).subquery())
    q = (select(EXAM.c.id, LEARNER.c.name, EXAM.c.title, EXAM.c.test, func.coalesce(answered.c.n, 0),
                EXAM.c.question_count, EXAM.c.position, EXAM.c.time_limit_seconds, EXAM.c.time_used_seconds,
                EXAM.c.started_at, EXAM.c.updated_at)
         .join(LEARNER, LEARNER.c.id == EXAM.c.learner_id)
         .outerjoin(answered, answered.c.exam_id == EXAM.c.id)
         .where(EXAM.c.state == "in_progress", EXAM.c.updated_at >= t - timedelta(hours=12))
         .order_by(LEARNER.c.name, EXAM.c.id))
    today = day_number(t)
    areas = (select(LEARNER.c.name, TALLY.c.test, TALLY.c.area, TALLY.c.correct, TALLY.c.answered)
             .join(LEARNER, LEARNER.c.id == TALLY.c.learner_id)
             .where(TALLY.c.day == today, TALLY.c.answered > 0))
    finished = (select(func.count()).select_from(EXAM)
                .where(EXAM.c.state == "finished", EXAM.c.finished_at >= datetime.combine(t.date(), datetime.min.time())))
    with db.engine.connect() as conn:
        sittings = tuple(
            LiveSitting(r[0], r[1], r[2], r[3], int(r[4]), r[5], r[6], r[7], float(r[8]), r[9], r[10],
                        max(0.0, (t - r[10]).total_seconds() / 60)) for r in conn.execute(q))
        cells: dict[str, dict[str, tuple[int, int]]] = {}
        for name, test, area, right, n in conn.execute(areas):
            row = cells.setdefault(name, {})
            r0, n0 = row.get(f"{test} {area}", (0, 0))
            row[f"{test} {area}"] = (r0 + int(right or 0), n0 + int(n))
        done = int(conn.execute(finished).scalar_one())
        sets = conn.execute(
            select(EXAM.c.id, EXAM.c.source, LEARNER.c.name, EXAM.c.time_used_seconds, EXAM.c.finished_at,
                   EXAM.c.started_at)
            .join(LEARNER, LEARNER.c.id == EXAM.c.learner_id)
            .where(EXAM.c.mode.in_(("set", "set_study")), EXAM.c.source != "",
                   EXAM.c.started_at >= datetime.combine(t.date(), datetime.min.time()))).all()
        answers: dict[int, list[tuple[str, str | None, float, bool]]] = {}
        if sets:
            for r in conn.execute(select(RESPONSE.c.exam_id, RESPONSE.c.question_id, RESPONSE.c.choice,
                                         RESPONSE.c.seconds, RESPONSE.c.flagged)
                                  .where(RESPONSE.c.exam_id.in_([x[0] for x in sets]))
                                  .order_by(RESPONSE.c.exam_id, RESPONSE.c.position)):
                answers.setdefault(r[0], []).append((r[1], r[2], float(r[3]), bool(r[4])))
    items = _set_items(db, blueprints, sets, answers) if sets and blueprints is not None else ()
    return LiveClass(sittings, cells, done, t, items)


def _set_items(db: Database, blueprints: Blueprints, sets: Sequence[Any],
               answers: dict[int, list[tuple[str, str | None, float, bool]]]) -> tuple[Any, ...]:
    """Item analysis of today's practice sets, through the instructor's statistics (study.classroom.results)."""
    try:
        from study.classroom.results import Attempt, item_analysis
        from study.classroom.sets import SOURCE_PREFIX, PracticeSetService, ResultAnswer
    except ImportError:  # instructor mode not in this build
        return ()
    service = PracticeSetService(db, blueprints)
    out: list[Any] = []
    for source in sorted({str(x[1]) for x in sets}):
        set_hash = source.removeprefix(SOURCE_PREFIX)  # exam.source is "set:<hash>"
        ps = service.get(set_hash)
        if ps is None:
            continue
        key = {q.id: q.answer for q in ps.questions}
        attempts = []
        for exam_id, _, name, used, finished, started in (x for x in sets if x[1] == source):
            given = tuple(ResultAnswer(qid, choice, secs, flagged) for qid, choice, secs, flagged in answers.get(exam_id, []))
            right = sum(1 for a in given if a.choice is not None and key.get(a.question_id) == a.choice)
            attempts.append(Attempt(name, set_hash, given, right, len(ps.questions), float(used), finished, started))
        out.extend(item_analysis(ps, attempts))
    return tuple(out)
