"""Instructor mode: imported questions, practice sets, and the class's result files.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imported_question",
        sa.Column("id", sa.String(40), primary_key=True),  # "U-" + content hash: the same question imports once
        sa.Column("test", sa.String(10), nullable=False),  # "" until mapped to a test
        sa.Column("area", sa.String(4), nullable=False),  # "" until mapped to a content area
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("style", sa.String(20), nullable=False),
        sa.Column("difficulty", sa.Integer, nullable=False),
        sa.Column("stem", sa.Text, nullable=False),
        sa.Column("choices", sa.Text, nullable=False),  # JSON list of four strings
        sa.Column("answer", sa.String(1), nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),  # JSON list of the instructor's tags
        sa.Column("source", sa.Text, nullable=False),  # "file:line" it came from
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_imported_question_test_area", "imported_question", ["test", "area"])
    op.create_table(
        "practice_set",
        sa.Column("hash", sa.String(64), primary_key=True),  # the set file's content hash
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("test", sa.String(10), nullable=False),
        sa.Column("instructor", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),  # the set file's JSON, questions included
        sa.Column("authored", sa.Boolean, nullable=False),  # built here (instructor) or opened (student)
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "class_student",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False, unique=True),  # casefolded, spaces collapsed
    )
    op.create_table(
        "class_result",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("set_hash", sa.String(64), sa.ForeignKey("practice_set.hash"), nullable=False),
        sa.Column("student_id", sa.Integer, sa.ForeignKey("class_student.id"), nullable=False),
        sa.Column("result_hash", sa.String(64), nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=True),
        sa.Column("finished_at", sa.DateTime, nullable=True),
        sa.Column("time_used_seconds", sa.Float, nullable=False),
        sa.Column("correct", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("answers", sa.Text, nullable=False),  # JSON list of {question_id, choice, seconds, flagged}
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("set_hash", "student_id", "result_hash", name="uq_class_result"),
    )
    op.create_index("ix_class_result_set", "class_result", ["set_hash", "student_id"])


def downgrade() -> None:
    op.drop_table("class_result")
    op.drop_table("class_student")
    op.drop_table("practice_set")
    op.drop_table("imported_question")
