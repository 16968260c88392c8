"""Certifications passed, study plans with their sessions, and the spaced-review queue.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certification",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learner.id"), nullable=False),
        sa.Column("test", sa.String(10), nullable=False),
        sa.Column("passed_on", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("learner_id", "test", "passed_on", name="uq_certification_pass"),
    )
    op.create_table(
        "study_plan",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learner.id"), nullable=False),
        sa.Column("tests", sa.String(100), nullable=False),  # comma-separated test codes
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("exam_date", sa.Date, nullable=False),
        sa.Column("evenings", sa.String(40), nullable=False),  # e.g. "mon,wed,thu"
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("start_time", sa.String(5), nullable=False),  # "19:00"
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_study_plan_learner", "study_plan", ["learner_id", "active"])
    op.create_table(
        "plan_session",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("plan_id", sa.Integer, sa.ForeignKey("study_plan.id", ondelete="CASCADE"), nullable=False),
        sa.Column("uid", sa.String(100), nullable=False),  # stable across re-plans, for .ics UIDs
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("start_time", sa.String(5), nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("focus", sa.Text, nullable=False),  # JSON list of {"test", "area", "topics"}
        sa.Column("activities", sa.Text, nullable=False),  # JSON list of {"kind", "minutes", ...}
        sa.Column("status", sa.String(20), nullable=False),  # planned | done | skipped
        sa.Column("done_at", sa.DateTime, nullable=True),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("exam_id", sa.Integer, sa.ForeignKey("exam.id"), nullable=True),
        sa.UniqueConstraint("plan_id", "uid", name="uq_plan_session_uid"),
    )
    op.create_index("ix_plan_session_plan_day", "plan_session", ["plan_id", "day"])
    op.create_table(
        "review_card",
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learner.id"), primary_key=True),
        sa.Column("question_id", sa.String(40), primary_key=True),
        sa.Column("test", sa.String(10), nullable=False),
        sa.Column("area", sa.String(4), nullable=False),
        sa.Column("card", sa.Text, nullable=False),  # fsrs Card as JSON
        sa.Column("due", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_review_card_due", "review_card", ["learner_id", "due"])


def downgrade() -> None:
    op.drop_table("review_card")
    op.drop_table("plan_session")
    op.drop_table("study_plan")
    op.drop_table("certification")
