"""Whether a study plan aims at a recertification test: its own column, instead of a ";recert"
suffix on the plan's list of tests.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

MARK = ";recert"


def upgrade() -> None:
    with op.batch_alter_table("study_plan") as b:
        b.add_column(sa.Column("recert", sa.Boolean, nullable=False, server_default=sa.false()))
    plan = sa.table("study_plan", sa.column("id", sa.Integer), sa.column("tests", sa.String),
                    sa.column("recert", sa.Boolean))
    bind = op.get_bind()
    marked = bind.execute(sa.select(plan.c.id, plan.c.tests).where(plan.c.tests.like(f"%{MARK}"))).all()
    for pid, tests in marked:
        bind.execute(plan.update().where(plan.c.id == pid).values(tests=tests[: -len(MARK)], recert=True))


def downgrade() -> None:
    plan = sa.table("study_plan", sa.column("id", sa.Integer), sa.column("tests", sa.String),
                    sa.column("recert", sa.Boolean))
    bind = op.get_bind()
    for pid, tests in bind.execute(sa.select(plan.c.id, plan.c.tests).where(plan.c.recert.is_(True))).all():
        bind.execute(plan.update().where(plan.c.id == pid).values(tests=tests + MARK))
    with op.batch_alter_table("study_plan") as b:
        b.drop_column("recert")
