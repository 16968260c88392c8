"""Which running copy of the app may write an exam: each start or resume claims the exam with a
token of its own, and every change to the exam or its answers names that token. A copy whose
claim was taken over (the same exam resumed in another window, or already finished there) is
refused instead of overwriting what the other copy stored.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exam") as b:
        b.add_column(sa.Column("writer", sa.String(32), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("exam") as b:
        b.drop_column("writer")
