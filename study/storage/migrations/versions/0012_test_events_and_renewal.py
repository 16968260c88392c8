"""Failed attempts and purchases of real tests (ASE's 30-day wait between attempts and 90 days
from purchase to test), Renewal App credit per certification and subscription year, and study
plans that keep a certification alive through the Renewal App. A removal marks a row removed
(a class server's students may not delete).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "test_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learner.id"), nullable=False),
        sa.Column("test", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("on_day", sa.Date, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("removed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.UniqueConstraint("learner_id", "test", "kind", "on_day", name="uq_test_event"),
    )
    op.create_table(
        "renewal_credit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learner.id"), nullable=False),
        sa.Column("test", sa.String(10), nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("credits", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("removed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.UniqueConstraint("learner_id", "test", "starts_on", name="uq_renewal_year"),
    )
    with op.batch_alter_table("study_plan") as b:
        b.add_column(sa.Column("renewal", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("study_plan") as b:
        b.drop_column("renewal")
    op.drop_table("renewal_credit")
    op.drop_table("test_event")
