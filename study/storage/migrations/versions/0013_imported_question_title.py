"""An imported question keeps the name it had in the LMS (a Moodle question's name, a GIFT
::title::), so it goes back to the LMS under that name.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (SQLite and PostgreSQL both take one with a default): no table copy
    op.add_column("imported_question", sa.Column("title", sa.String(255), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("imported_question") as b:
        b.drop_column("title")
