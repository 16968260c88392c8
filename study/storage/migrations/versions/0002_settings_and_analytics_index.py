"""Learner settings, and an index that covers the analytics GROUP BY (area, day).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learner.id"), primary_key=True),
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_index("ix_response_learner_test_area_day", "response",
                    ["learner_id", "test", "area", "answered_at", "correct"])


def downgrade() -> None:
    op.drop_index("ix_response_learner_test_area_day", "response")
    op.drop_table("setting")
