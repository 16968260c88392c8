"""First schema: learners, exams and every response.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learner",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "exam",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learner.id"), nullable=False),
        sa.Column("test", sa.String(10), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("question_count", sa.Integer, nullable=False),
        sa.Column("time_limit_seconds", sa.Integer, nullable=True),
        sa.Column("time_used_seconds", sa.Float, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("score_correct", sa.Integer, nullable=True),
        sa.Column("score_total", sa.Integer, nullable=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime, nullable=True),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_index("ix_exam_learner_id", "exam", ["learner_id"])
    op.create_index("ix_exam_learner_state", "exam", ["learner_id", "state"])
    op.create_table(
        "response",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("exam_id", sa.Integer, sa.ForeignKey("exam.id", ondelete="CASCADE"), nullable=False),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learner.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("question_id", sa.String(40), nullable=False),
        sa.Column("test", sa.String(10), nullable=False),
        sa.Column("area", sa.String(4), nullable=False),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("scored", sa.Boolean, nullable=False),
        sa.Column("choice", sa.String(1), nullable=True),
        sa.Column("correct", sa.Boolean, nullable=True),
        sa.Column("flagged", sa.Boolean, nullable=False),
        sa.Column("crossed_out", sa.String(4), nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("changes", sa.Integer, nullable=False),
        sa.Column("answered_at", sa.DateTime, nullable=True),
        sa.UniqueConstraint("exam_id", "position", name="uq_response_exam_position"),
    )
    op.create_index("ix_response_learner_test_area", "response", ["learner_id", "test", "area", "correct"])
    op.create_index("ix_response_question", "response", ["learner_id", "question_id"])


def downgrade() -> None:
    op.drop_table("response")
    op.drop_table("exam")
    op.drop_table("learner")
