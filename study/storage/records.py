"""The database tables, as SQLAlchemy 2 typed ORM classes.

These classes stay inside study/: services hand the GUI frozen dataclasses, never live rows.
The response table repeats the test, area and topic of its question so that analytics can
aggregate a million answers in SQL without consulting the YAML bank.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import uuid4

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


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


class Learner(Base):
    __tablename__ = "learner"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Exam(Base):
    __tablename__ = "exam"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"), index=True)
    test: Mapped[str] = mapped_column(String(10))
    mode: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300), default="")
    seed: Mapped[int] = mapped_column(Integer)
    question_count: Mapped[int] = mapped_column(Integer)
    time_limit_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    time_used_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20), default="in_progress")  # in_progress | finished | abandoned
    score_correct: Mapped[int | None] = mapped_column(Integer, nullable=True)
    score_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    source: Mapped[str] = mapped_column(Text, default="")  # e.g. a practice set's hash
    # the token of the running copy that may write this exam (migration 0008); "" for none
    writer: Mapped[str] = mapped_column(String(32), default="", server_default="")

    __table_args__ = (Index("ix_exam_learner_state", "learner_id", "state"),)


class Response(Base):
    __tablename__ = "response"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("exam.id", ondelete="CASCADE"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"))
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(40))
    test: Mapped[str] = mapped_column(String(10))
    area: Mapped[str] = mapped_column(String(4))
    topic: Mapped[str] = mapped_column(String(200), default="")
    scored: Mapped[bool] = mapped_column(Boolean, default=True)
    choice: Mapped[str | None] = mapped_column(String(1), nullable=True)
    correct: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    crossed_out: Mapped[str] = mapped_column(String(4), default="")
    seconds: Mapped[float] = mapped_column(Float, default=0.0)
    changes: Mapped[int] = mapped_column(Integer, default=0)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The answer row's own id, made where the exam starts: a workstation that lost the server resends
    # the row's latest state keyed by it (an upsert), so a resent answer is never counted twice.
    uid: Mapped[str] = mapped_column(String(36), default=new_response_uid)
    # Days since 1970-01-01 of answered_at (NULL while unanswered): analytics groups by it on any engine.
    answered_day: Mapped[int | None] = mapped_column(Integer, nullable=True, default=_answered_day_default)
    # The version of the question the learner saw (questions.model.Question.version, migration 0008),
    # and whether the question has changed since: a superseded answer is history, not evidence.
    question_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    superseded: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        UniqueConstraint("exam_id", "position", name="uq_response_exam_position"),
        Index("ix_response_learner_test_area", "learner_id", "test", "area", "correct"),
        Index("ix_response_question", "learner_id", "question_id"),
        Index("uq_response_uid", "uid", unique=True),
    )


class AnswerTally(Base):
    """Answers per learner, test, area and day, kept by triggers on `response` (migrations 0006 and
    0008): analytics reads this instead of scanning every answer. `day` counts days from 1970-01-01
    (-1 for an answer whose day is unknown)."""

    __tablename__ = "answer_tally"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"), primary_key=True)
    test: Mapped[str] = mapped_column(String(10), primary_key=True)
    area: Mapped[str] = mapped_column(String(4), primary_key=True)
    day: Mapped[int] = mapped_column(Integer, primary_key=True)
    answered: Mapped[int] = mapped_column(Integer)
    correct: Mapped[int] = mapped_column(Integer)
    # the same, for answers to their question's current version only (migration 0008)
    current_answered: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    current_correct: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (Index("ix_answer_tally_day", "day"), {"sqlite_with_rowid": False})


class Setting(Base):
    """One learner's preference (target accuracy, half-life, text size, ...), stored as text."""

    __tablename__ = "setting"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Certification(Base):
    """A test the learner passed, and when; expiry and Master status are derived from it."""

    __tablename__ = "certification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"))
    test: Mapped[str] = mapped_column(String(10))
    passed_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("learner_id", "test", "passed_on", name="uq_certification_pass"),)


class TestEvent(Base):
    """Something the learner did with a real test besides passing it: a failed attempt, or a purchase
    (ASE's 30-day wait between attempts and 90 days from purchase to test are read from these)."""

    __tablename__ = "test_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"))
    test: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(10))  # failed | purchased
    on_day: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    removed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # taken back

    __table_args__ = (UniqueConstraint("learner_id", "test", "kind", "on_day", name="uq_test_event"),)


class RenewalCredit(Base):
    """Renewal App credit for one certification in one subscription year: right answers so far."""

    __tablename__ = "renewal_credit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"))
    test: Mapped[str] = mapped_column(String(10))
    starts_on: Mapped[date] = mapped_column(Date)  # the subscription year's first day
    credits: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    removed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # taken back

    __table_args__ = (UniqueConstraint("learner_id", "test", "starts_on", name="uq_renewal_year"),)


class StudyPlan(Base):
    __tablename__ = "study_plan"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"))
    tests: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[date] = mapped_column(Date)
    exam_date: Mapped[date] = mapped_column(Date)
    evenings: Mapped[str] = mapped_column(String(40))
    minutes: Mapped[int] = mapped_column(Integer)
    start_time: Mapped[str] = mapped_column(String(5))
    active: Mapped[bool] = mapped_column(Boolean)
    recert: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # a recertification test
    # keeping a certification alive through the ASE Renewal App instead of a test
    renewal: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_study_plan_learner", "learner_id", "active"),)


class PlanSession(Base):
    __tablename__ = "plan_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("study_plan.id", ondelete="CASCADE"))
    uid: Mapped[str] = mapped_column(String(100))
    day: Mapped[date] = mapped_column(Date)
    start_time: Mapped[str] = mapped_column(String(5))
    minutes: Mapped[int] = mapped_column(Integer)
    focus: Mapped[str] = mapped_column(Text)
    activities: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    done_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    exam_id: Mapped[int | None] = mapped_column(ForeignKey("exam.id"), nullable=True)
    # the calendar event's revision (iCalendar SEQUENCE) and when it last changed (LAST-MODIFIED)
    sequence: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    modified_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    __table_args__ = (
        UniqueConstraint("plan_id", "uid", name="uq_plan_session_uid"),
        Index("ix_plan_session_plan_day", "plan_id", "day"),
    )


class ReviewCard(Base):
    """A missed question in the spaced-review queue (an fsrs Card, stored as JSON)."""

    __tablename__ = "review_card"

    learner_id: Mapped[int] = mapped_column(ForeignKey("learner.id"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    test: Mapped[str] = mapped_column(String(10))
    area: Mapped[str] = mapped_column(String(4))
    card: Mapped[str] = mapped_column(Text)
    due: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_review_card_due", "learner_id", "due"),)


class ImportedQuestionRecord(Base):
    """An instructor's own question, imported from GIFT, Aiken or CSV (test and area "" until mapped)."""

    __tablename__ = "imported_question"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    test: Mapped[str] = mapped_column(String(10))
    area: Mapped[str] = mapped_column(String(4))
    topic: Mapped[str] = mapped_column(String(200))
    style: Mapped[str] = mapped_column(String(20))
    difficulty: Mapped[int] = mapped_column(Integer)
    stem: Mapped[str] = mapped_column(Text)
    choices: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(String(1))
    explanation: Mapped[str] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    exhibit: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON: a table, or a figure's SVG

    __table_args__ = (Index("ix_imported_question_test_area", "test", "area"),)


class PracticeSetRecord(Base):
    """A practice set built here or opened from a file; `body` is the file's JSON."""

    __tablename__ = "practice_set"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    test: Mapped[str] = mapped_column(String(10))
    instructor: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    authored: Mapped[bool] = mapped_column(Boolean)
    added_at: Mapped[datetime] = mapped_column(DateTime)


class ClassStudent(Base):
    __tablename__ = "class_student"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)


class ClassRosterEntry(Base):
    """A student on a class roster exported by an LMS (Moodle's participants, Canvas's gradebook),
    with the identifiers that LMS's grade import matches on."""

    __tablename__ = "class_roster"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lms: Mapped[str] = mapped_column(String(20))  # "moodle" | "canvas"
    entry_key: Mapped[str] = mapped_column(String(300), unique=True)  # lms + its best identifier
    name: Mapped[str] = mapped_column(String(200))
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    username: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    id_number: Mapped[str] = mapped_column(String(100), default="")  # Moodle's ID number, Canvas's SIS User ID
    lms_user_id: Mapped[str] = mapped_column(String(100), default="")  # Canvas's numeric ID
    login_id: Mapped[str] = mapped_column(String(200), default="")  # Canvas's SIS Login ID
    section: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class ClassResult(Base):
    """One student's result file for one set; the same file imported twice is stored once."""

    __tablename__ = "class_result"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_hash: Mapped[str] = mapped_column(ForeignKey("practice_set.hash"))
    student_id: Mapped[int] = mapped_column(ForeignKey("class_student.id"))
    result_hash: Mapped[str] = mapped_column(String(64))
    file_name: Mapped[str] = mapped_column(Text)
    started_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    time_used_seconds: Mapped[float] = mapped_column(Float)
    correct: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)
    answers: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    roster_id: Mapped[int | None] = mapped_column(ForeignKey("class_roster.id"), nullable=True)  # who it is

    __table_args__ = (
        UniqueConstraint("set_hash", "student_id", "result_hash", name="uq_class_result"),
        Index("ix_class_result_set", "set_hash", "student_id"),
    )
