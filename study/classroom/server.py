"""A class lab on one shared PostgreSQL database: who may see and change what.

`set_up_class` makes two group roles, ase_instructor and ase_student, and turns on row-level
security for every table that holds a learner's rows: a student's login sees only the rows of the
learner it is mapped to (class_member, migration 0005), whatever SQL it sends. It writes its exams
and answers only through the server's functions (migration 0011), which check ownership, decide
right and wrong by the server's own key and count the score; elsewhere it may insert its own rows
and change named columns of them, but never delete or hold a table lock that stalls the class
(PostgreSQL allows LOCK TABLE in the modes that block others only with table-wide UPDATE, DELETE
or TRUNCATE, which no student login has). The instructor's login reads the whole class and
changes only the instructor's own tables (INSTRUCTOR_TABLES). The role that ran the migrations
owns the tables and is the administrator (it bypasses the policies, as a table owner does).

A student's login name is random (s_7f3a9c2e41): the roster maps it to the student, and no
classmate can read the roster. `live_class` (study.classroom.live) is what the Live class page shows.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, MetaData, Table, func, insert, inspect, select, text
from sqlalchemy.engine import make_url

from study.storage.database import Database
from study.storage.records import LEARNER

STUDENT_GROUP = "ase_student"
INSTRUCTOR_GROUP = "ase_instructor"

# table -> the rows a student's login may see and write (ase_learner_id() reads class_member)
STUDENT_ROWS = {
    "learner": "id = ase_learner_id()",
    "exam": "learner_id = ase_learner_id()",
    # an answer row belongs to the student whose exam it is in, not only to whoever it names
    "response": "learner_id = ase_learner_id() AND exam_id IN (SELECT id FROM exam WHERE learner_id = ase_learner_id())",
    "setting": "learner_id = ase_learner_id()",
    "certification": "learner_id = ase_learner_id()",
    "test_event": "learner_id = ase_learner_id()",
    "renewal_credit": "learner_id = ase_learner_id()",
    "study_plan": "learner_id = ase_learner_id()",
    "plan_session": "plan_id IN (SELECT id FROM study_plan)",  # study_plan's own policy applies inside
    "review_card": "learner_id = ase_learner_id()",
    "answer_tally": "learner_id = ase_learner_id()",  # written by a SECURITY DEFINER trigger only
}
# what a student may do with each of those tables, besides reading its own rows: exams and answers
# only through the functions below; other rows inserted, and changed column by column (never a
# table-wide UPDATE or DELETE, which is what LOCK TABLE needs to stall everyone)
STUDENT_WRITES = {
    "setting": "insert, update",
    "certification": "insert",  # removed through ase_remove_certification
    "test_event": "insert, update",  # a removal marks the row removed
    "renewal_credit": "insert, update",
    "study_plan": "insert, update",
    "plan_session": "insert, update",
    "review_card": "insert, update",
}
KEY_COLUMNS = {"id", "learner_id", "plan_id", "question_id", "key"}  # never changed by an UPDATE
STUDENT_FUNCTIONS = (
    "ase_start_exam(integer, text, text, text, integer, integer, text, text, timestamp, jsonb)",
    "ase_claim_exam(integer, text)",
    "ase_save_answer(text, text, text, boolean, boolean, text, double precision, integer, timestamp, integer, "
    "boolean)",
    "ase_save_exam(integer, text, double precision, integer, timestamp)",
    "ase_finish_exam(integer, text, double precision, integer, timestamp)",
    "ase_abandon_exam(integer, timestamp)",
    "ase_supersede_answers(integer, integer, text[])",
    "ase_record_set(text, text, text, text, text, timestamp)",
    "ase_remove_certification(integer)",
)
# the instructor's own tables, the only ones the instructor's login changes: imported results, the
# class's roster from an LMS, and the class's shared material (sets built, imported questions),
# which students read; class_member is read only (the owner's `class add-student` writes it)
INSTRUCTOR_ONLY = ("class_student", "class_result", "class_member", "class_roster")
SHARED_MATERIAL = ("practice_set", "imported_question")
INSTRUCTOR_TABLES = ("class_student", "class_result", "class_roster", "practice_set", "imported_question")
OWNER_ONLY = ("question_key",)  # the bank's keys: read by the server's functions only

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


def set_up_class(db: Database, keys: Mapping[str, str] | None = None) -> list[str]:
    """Create the group roles, grants and row-level security policies, and load the bank's keys
    (question id -> letter) the server checks answers against. Safe to run again (after an upgrade
    adds tables or questions, say). Returns the tables now protected, for the command to report."""
    _require_postgresql(db)
    with db.engine.begin() as conn:
        tables = set(inspect(conn).get_table_names())
        if "class_member" not in tables or "question_key" not in tables:
            raise ClassSetupError("This database was not built by this version of ASE Prep's migrations: open it "
                                  "once with this version (as its owner), then run `class init` again.")
        for role in (STUDENT_GROUP, INSTRUCTOR_GROUP):
            exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first()
            if not exists:
                conn.execute(text(f"CREATE ROLE {role} NOLOGIN"))
        both = f"{STUDENT_GROUP}, {INSTRUCTOR_GROUP}"
        dbname = _quote(conn, conn.execute(text("SELECT current_database()")).scalar_one())
        conn.execute(text(f"GRANT CONNECT ON DATABASE {dbname} TO {both}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {both}"))
        conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {both}"))
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION ase_learner_id() TO {both}"))
        for signature in STUDENT_FUNCTIONS:
            conn.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {STUDENT_GROUP}"))
        conn.execute(text(f"GRANT SELECT ON alembic_version TO {both}"))
        protected = []
        for table, rows in STUDENT_ROWS.items():
            if table not in tables:
                continue
            conn.execute(text(f"REVOKE ALL ON {table} FROM PUBLIC, {both}"))
            conn.execute(text(f"GRANT SELECT ON {table} TO {both}"))
            writes = STUDENT_WRITES.get(table, "")
            if "insert" in writes:
                conn.execute(text(f"GRANT INSERT ON {table} TO {STUDENT_GROUP}"))
            if "update" in writes:
                columns = ", ".join(_quote(conn, c["name"]) for c in inspect(conn).get_columns(table)
                                    if c["name"] not in KEY_COLUMNS)
                conn.execute(text(f"GRANT UPDATE ({columns}) ON {table} TO {STUDENT_GROUP}"))
            conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
            _policy(conn, table, "ase_student_own_rows", f"FOR ALL TO {STUDENT_GROUP} USING ({rows}) WITH CHECK ({rows})")
            _policy(conn, table, "ase_instructor_reads_class", f"FOR SELECT TO {INSTRUCTOR_GROUP} USING (true)")
            protected.append(table)
        for table in INSTRUCTOR_ONLY:
            if table not in tables:
                continue
            conn.execute(text(f"REVOKE ALL ON {table} FROM PUBLIC, {both}"))
            grant = "SELECT, INSERT, UPDATE, DELETE" if table in INSTRUCTOR_TABLES else "SELECT"
            conn.execute(text(f"GRANT {grant} ON {table} TO {INSTRUCTOR_GROUP}"))
            conn.execute(text(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"))
            _policy(conn, table, "ase_instructor_all", f"FOR ALL TO {INSTRUCTOR_GROUP} USING (true) WITH CHECK (true)")
            protected.append(table)
        for table in SHARED_MATERIAL:
            if table in tables:
                conn.execute(text(f"REVOKE ALL ON {table} FROM PUBLIC, {both}"))
                conn.execute(text(f"GRANT SELECT ON {table} TO {STUDENT_GROUP}"))  # ase_record_set adds opened sets
                conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {INSTRUCTOR_GROUP}"))
        for table in OWNER_ONLY:
            conn.execute(text(f"REVOKE ALL ON {table} FROM PUBLIC, {both}"))
        if keys is not None:
            conn.execute(text("DELETE FROM question_key"))
            if keys:
                conn.execute(text("INSERT INTO question_key (question_id, answer) VALUES (:q, :a)"),
                             [{"q": q, "a": a} for q, a in sorted(keys.items())])
    return protected


def _policy(conn: Connection, table: str, name: str, body: str) -> None:
    conn.execute(text(f"DROP POLICY IF EXISTS {name} ON {table}"))
    conn.execute(text(f"CREATE POLICY {name} ON {table} {body}"))


def student_login() -> str:
    """A login that does not say whose it is: classmates can list every login (pg_roles)."""
    return f"s_{secrets.token_hex(5)}"


def login_for(name: str, prefix: str) -> str:
    """A PostgreSQL login from a person's name: 'J. Cole' -> 'i_j_cole' (for instructors)."""
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
        wanted = login or (student_login() if kind == "student" else login_for(name, "i"))
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

