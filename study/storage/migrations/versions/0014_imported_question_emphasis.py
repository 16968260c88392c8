"""An imported question keeps the bold and italic of its stem and explanation (kept beside the
plain text the app shows), so an export to Moodle XML or GIFT gives them back.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN of a nullable column: no table copy
    op.add_column("imported_question", sa.Column("emphasis", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("imported_question") as b:
        b.drop_column("emphasis")
