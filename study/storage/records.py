"""The database tables, as SQLAlchemy Core tables, each under the name the code knows it by
(`Exam.__table__`).

They were ORM classes, but only their tables were ever used: Core alone keeps sqlalchemy.orm and
its mapper set-up (about a fifth of the time to ready) out of every start. Services hand the GUI
frozen dataclasses, never live rows.
The response table repeats the test, area and topic of its question so that analytics can
aggregate a million answers in SQL without consulting the YAML bank.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import uuid4

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()


EPOCH = date(1970, 1, 1)


def day_number(t: datetime | date | str | None) -> int | None:
    """Days since 1970-01-01 of a moment (its calendar date), or None."""
    if t is None:
        return None
    if isinstance(t, str):
        t = datetime.fromisoformat(t)
    d = t.date() if isinstance(t, datetime) else t
    return (d - EPOCH).days


def new_response_uid() -> str:
    return uuid4().hex


def _answered_day_default(context) -> int | None:  # type: ignore[no-untyped-def]
    """On insert, answered_day follows answered_at unless given (seeded and imported rows too)."""
    return day_number(context.get_current_parameters().get("answered_at"))


class Learner:
    __table__ = Table(
        "learner", metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(200), nullable=False),
        Column("created_at", DateTime, nullable=False),
    )


class Exam:
    __table__ = Table(
        "exam", metadata,
        Column("id", Integer, primary_key=True),
        Column("learner_id", ForeignKey("learner.id"), index=True, nullable=False),
        Column("test", String(10), nullable=False),
        Column("mode", String(20), nullable=False),
        Column("title", String(300), default="", nullable=False),
        Column("seed", Integer, nullable=False),
        Column("question_count", Integer, nullable=False),
        Column("time_limit_seconds", Integer, nullable=True),
        Column("time_used_seconds", Float, default=0.0, nullable=False),
        Column("position", Integer, default=0, nullable=False),
        Column("state", String(20), default="in_progress", nullable=False),  # in_progress | finished | abandoned
        Column("score_correct", Integer, nullable=True),
        Column("score_total", Integer, nullable=True),
        Column("started_at", DateTime, nullable=False),
        Column("updated_at", DateTime, nullable=False),
        Column("finished_at", DateTime, nullable=True),
        Column("source", Text, default="", nullable=False),  # e.g. a practice set's hash
        # the token of the running copy that may write this exam (migration 0008); "" for none
        Column("writer", String(32), default="", server_default="", nullable=False),
        Index("ix_exam_learner_state", "learner_id", "state"),
    )


class Response:
    __table__ = Table(
        "response", metadata,
        Column("id", Integer, primary_key=True),
        Column("exam_id", ForeignKey("exam.id", ondelete="CASCADE"), nullable=False),
        Column("learner_id", ForeignKey("learner.id"), nullable=False),
        Column("position", Integer, nullable=False),
        Column("question_id", String(40), nullable=False),
        Column("test", String(10), nullable=False),
        Column("area", String(4), nullable=False),
        Column("topic", String(200), default="", nullable=False),
        Column("scored", Boolean, default=True, nullable=False),
        Column("choice", String(1), nullable=True),
        Column("correct", Boolean, nullable=True),
        Column("flagged", Boolean, default=False, nullable=False),
        Column("crossed_out", String(4), default="", nullable=False),
        Column("seconds", Float, default=0.0, nullable=False),
        Column("changes", Integer, default=0, nullable=False),
        Column("answered_at", DateTime, nullable=True),
        # The answer row's own id, made where the exam starts: a workstation that lost the server resends
        # the row's latest state keyed by it (an upsert), so a resent answer is never counted twice.
        Column("uid", String(36), default=new_response_uid, nullable=False),
        # Days since 1970-01-01 of answered_at (NULL while unanswered): analytics groups by it on any engine.
        Column("answered_day", Integer, nullable=True, default=_answered_day_default),
        # The version of the question the learner saw (questions.model.Question.version, migration 0008),
        # and whether the question has changed since: a superseded answer is history, not evidence.
        Column("question_version", Integer, default=1, server_default="1", nullable=False),
        Column("superseded", Boolean, default=False, server_default=false(), nullable=False),
        UniqueConstraint("exam_id", "position", name="uq_response_exam_position"),
        Index("ix_response_learner_test_area", "learner_id", "test", "area", "correct"),
        Index("ix_response_question", "learner_id", "question_id"),
        Index("uq_response_uid", "uid", unique=True),
    )


class AnswerTally:
    """Answers per learner, test, area and day, kept by triggers on `response` (migrations 0006 and
    0008): analytics reads this instead of scanning every answer. `day` counts days from 1970-01-01
    (-1 for an answer whose day is unknown)."""
    __table__ = Table(
        "answer_tally", metadata,
        Column("learner_id", ForeignKey("learner.id"), primary_key=True),
        Column("test", String(10), primary_key=True),
        Column("area", String(4), primary_key=True),
        Column("day", Integer, primary_key=True),
        Column("answered", Integer, nullable=False),
        Column("correct", Integer, nullable=False),
        # the same, for answers to their question's current version only (migration 0008)
        Column("current_answered", Integer, default=0, server_default="0", nullable=False),
        Column("current_correct", Integer, default=0, server_default="0", nullable=False),
        Index("ix_answer_tally_day", "day"),
        sqlite_with_rowid=False,
    )


class Setting:
    """One learner's preference (target accuracy, half-life, text size, ...), stored as text."""
    __table__ = Table(
        "setting", metadata,
        Column("learner_id", ForeignKey("learner.id"), primary_key=True),
        Column("key", String(100), primary_key=True),
        Column("value", Text, nullable=False),
    )


class Certification:
    """A test the learner passed, and when; expiry and Master status are derived from it."""
    __table__ = Table(
        "certification", metadata,
        Column("id", Integer, primary_key=True),
        Column("learner_id", ForeignKey("learner.id"), nullable=False),
        Column("test", String(10), nullable=False),
        Column("passed_on", Date, nullable=False),
        Column("recorded_at", DateTime, nullable=False),
        UniqueConstraint("learner_id", "test", "passed_on", name="uq_certification_pass"),
    )


class TestEvent:
    """Something the learner did with a real test besides passing it: a failed attempt, or a purchase
    (ASE's 30-day wait between attempts and 90 days from purchase to test are read from these)."""
    __table__ = Table(
        "test_event", metadata,
        Column("id", Integer, primary_key=True),
        Column("learner_id", ForeignKey("learner.id"), nullable=False),
        Column("test", String(10), nullable=False),
        Column("kind", String(10), nullable=False),  # failed | purchased
        Column("on_day", Date, nullable=False),
        Column("recorded_at", DateTime, nullable=False),
        Column("removed", Boolean, default=False, server_default=false(), nullable=False),  # taken back
        UniqueConstraint("learner_id", "test", "kind", "on_day", name="uq_test_event"),
    )


class RenewalCredit:
    """Renewal App credit for one certification in one subscription year: right answers so far."""
    __table__ = Table(
        "renewal_credit", metadata,
        Column("id", Integer, primary_key=True),
        Column("learner_id", ForeignKey("learner.id"), nullable=False),
        Column("test", String(10), nullable=False),
        Column("starts_on", Date, nullable=False),  # the subscription year's first day
        Column("credits", Integer, nullable=False),
        Column("updated_at", DateTime, nullable=False),
        Column("removed", Boolean, default=False, server_default=false(), nullable=False),  # taken back
        UniqueConstraint("learner_id", "test", "starts_on", name="uq_renewal_year"),
    )


class StudyPlan:
    __table__ = Table(
        "study_plan", metadata,
        Column("id", Integer, primary_key=True),
        Column("learner_id", ForeignKey("learner.id"), nullable=False),
        Column("tests", String(100), nullable=False),
        Column("start_date", Date, nullable=False),
        Column("exam_date", Date, nullable=False),
        Column("evenings", String(40), nullable=False),
        Column("minutes", Integer, nullable=False),
        Column("start_time", String(5), nullable=False),
        Column("active", Boolean, nullable=False),
        Column("recert", Boolean, default=False, server_default=false(), nullable=False),  # a recertification test
        # keeping a certification alive through the ASE Renewal App instead of a test
        Column("renewal", Boolean, default=False, server_default=false(), nullable=False),
        Column("created_at", DateTime, nullable=False),
        Column("updated_at", DateTime, nullable=False),
        Index("ix_study_plan_learner", "learner_id", "active"),
    )


class PlanSession:
    __table__ = Table(
        "plan_session", metadata,
        Column("id", Integer, primary_key=True),
        Column("plan_id", ForeignKey("study_plan.id", ondelete="CASCADE"), nullable=False),
        Column("uid", String(100), nullable=False),
        Column("day", Date, nullable=False),
        Column("start_time", String(5), nullable=False),
        Column("minutes", Integer, nullable=False),
        Column("focus", Text, nullable=False),
        Column("activities", Text, nullable=False),
        Column("status", String(20), nullable=False),
        Column("done_at", DateTime, nullable=True),
        Column("score", Float, nullable=True),
        Column("exam_id", ForeignKey("exam.id"), nullable=True),
        # the calendar event's revision (iCalendar SEQUENCE) and when it last changed (LAST-MODIFIED)
        Column("sequence", Integer, default=0, server_default="0", nullable=False),
        Column("modified_at", DateTime, nullable=True),
        UniqueConstraint("plan_id", "uid", name="uq_plan_session_uid"),
        Index("ix_plan_session_plan_day", "plan_id", "day"),
    )


class ReviewCard:
    """A missed question in the spaced-review queue (an fsrs Card, stored as JSON)."""
    __table__ = Table(
        "review_card", metadata,
        Column("learner_id", ForeignKey("learner.id"), primary_key=True),
        Column("question_id", String(40), primary_key=True),
        Column("test", String(10), nullable=False),
        Column("area", String(4), nullable=False),
        Column("card", Text, nullable=False),
        Column("due", DateTime, nullable=False),
        Column("updated_at", DateTime, nullable=False),
        Index("ix_review_card_due", "learner_id", "due"),
    )


class ImportedQuestionRecord:
    """An instructor's own question, imported from GIFT, Aiken or CSV (test and area "" until mapped)."""
    __table__ = Table(
        "imported_question", metadata,
        Column("id", String(40), primary_key=True),
        Column("test", String(10), nullable=False),
        Column("area", String(4), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("style", String(20), nullable=False),
        Column("difficulty", Integer, nullable=False),
        Column("stem", Text, nullable=False),
        Column("choices", Text, nullable=False),
        Column("answer", String(1), nullable=False),
        Column("explanation", Text, nullable=False),
        Column("tags", Text, nullable=False),
        Column("source", Text, nullable=False),
        Column("imported_at", DateTime, nullable=False),
        Column("exhibit", Text, nullable=True),  # JSON: a table, or a figure's SVG
        Column("title", String(255), nullable=False, server_default=""),  # the name it had in the LMS
        # JSON: the stem's and the explanation's bold and italic, as spans over their text
        Column("emphasis", Text, nullable=True),
        Index("ix_imported_question_test_area", "test", "area"),
    )


class PracticeSetRecord:
    """A practice set built here or opened from a file; `body` is the file's JSON."""
    __table__ = Table(
        "practice_set", metadata,
        Column("hash", String(64), primary_key=True),
        Column("title", String(300), nullable=False),
        Column("test", String(10), nullable=False),
        Column("instructor", String(200), nullable=False),
        Column("body", Text, nullable=False),
        Column("authored", Boolean, nullable=False),
        Column("added_at", DateTime, nullable=False),
    )


class ClassStudent:
    __table__ = Table(
        "class_student", metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(200), nullable=False),
        Column("name_key", String(200), unique=True, nullable=False),
    )


class ClassRosterEntry:
    """A student on a class roster exported by an LMS (Moodle's participants, Canvas's gradebook),
    with the identifiers that LMS's grade import matches on."""
    __table__ = Table(
        "class_roster", metadata,
        Column("id", Integer, primary_key=True),
        Column("lms", String(20), nullable=False),  # "moodle" | "canvas"
        Column("entry_key", String(300), unique=True, nullable=False),  # lms + its best identifier
        Column("name", String(200), nullable=False),
        Column("first_name", String(100), default="", nullable=False),
        Column("last_name", String(100), default="", nullable=False),
        Column("username", String(200), default="", nullable=False),
        Column("email", String(200), default="", nullable=False),
        Column("id_number", String(100), default="", nullable=False),  # Moodle's ID number, Canvas's SIS User ID
        Column("lms_user_id", String(100), default="", nullable=False),  # Canvas's numeric ID
        Column("login_id", String(200), default="", nullable=False),  # Canvas's SIS Login ID
        Column("section", String(200), default="", nullable=False),
        Column("imported_at", DateTime, nullable=False),
    )


class ClassResult:
    """One student's result file for one set; the same file imported twice is stored once."""
    __table__ = Table(
        "class_result", metadata,
        Column("id", Integer, primary_key=True),
        Column("set_hash", ForeignKey("practice_set.hash"), nullable=False),
        Column("student_id", ForeignKey("class_student.id"), nullable=False),
        Column("result_hash", String(64), nullable=False),
        Column("file_name", Text, nullable=False),
        Column("started_at", DateTime, nullable=True),
        Column("finished_at", DateTime, nullable=True),
        Column("time_used_seconds", Float, nullable=False),
        Column("correct", Integer, nullable=False),
        Column("total", Integer, nullable=False),
        Column("answers", Text, nullable=False),
        Column("imported_at", DateTime, nullable=False),
        Column("roster_id", ForeignKey("class_roster.id"), nullable=True),  # who it is
        UniqueConstraint("set_hash", "student_id", "result_hash", name="uq_class_result"),
        Index("ix_class_result_set", "set_hash", "student_id"),
    )


# Each table once under its own name, typed as the Table it is, for the modules that write Core SQL
# against it (the classes above only give each table a home)
LEARNER: Table = Learner.__table__  # type: ignore[assignment]
EXAM: Table = Exam.__table__  # type: ignore[assignment]
RESPONSE: Table = Response.__table__  # type: ignore[assignment]
TALLY: Table = AnswerTally.__table__  # type: ignore[assignment]
SETTING: Table = Setting.__table__  # type: ignore[assignment]
CERTIFICATION: Table = Certification.__table__  # type: ignore[assignment]
RENEWAL: Table = RenewalCredit.__table__  # type: ignore[assignment]
EVENT: Table = TestEvent.__table__  # type: ignore[assignment]
PLAN: Table = StudyPlan.__table__  # type: ignore[assignment]
SESSION: Table = PlanSession.__table__  # type: ignore[assignment]
CARD: Table = ReviewCard.__table__  # type: ignore[assignment]
IMPORTED: Table = ImportedQuestionRecord.__table__  # type: ignore[assignment]
PRACTICE_SET: Table = PracticeSetRecord.__table__  # type: ignore[assignment]
STUDENT: Table = ClassStudent.__table__  # type: ignore[assignment]
ROSTER: Table = ClassRosterEntry.__table__  # type: ignore[assignment]
RESULT: Table = ClassResult.__table__  # type: ignore[assignment]
