"""Classroom server: an id per answer row (for exactly-once resends), the answer's day as a number
(for analytics on any engine), and on PostgreSQL the class roster that row-level security reads.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    op.add_column("response", sa.Column("uid", sa.String(36), nullable=True))
    op.add_column("response", sa.Column("answered_day", sa.Integer, nullable=True))
    # existing rows: "<exam_id>-<position>" is unique in this database; new rows get a uuid4 hex
    op.execute("UPDATE response SET uid = CAST(exam_id AS VARCHAR(20)) || '-' || CAST(position AS VARCHAR(10))")
    if dialect == "postgresql":
        op.execute("UPDATE response SET answered_day = CAST(answered_at AS DATE) - DATE '1970-01-01' "
                   "WHERE answered_at IS NOT NULL")
    elif dialect == "sqlite":
        op.execute("UPDATE response SET answered_day = CAST(julianday(date(answered_at)) - 2440587.5 AS INTEGER) "
                   "WHERE answered_at IS NOT NULL")
    else:  # any other engine: computed here, a row at a time
        from datetime import date, datetime

        rows = bind.execute(sa.text("SELECT id, answered_at FROM response WHERE answered_at IS NOT NULL")).all()
        for rid, at in rows:
            d = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
            bind.execute(sa.text("UPDATE response SET answered_day = :d WHERE id = :i"),
                         {"d": (d.date() - date(1970, 1, 1)).days, "i": rid})
    with op.batch_alter_table("response") as b:
        b.alter_column("uid", existing_type=sa.String(36), nullable=False)
    op.create_index("uq_response_uid", "response", ["uid"], unique=True)
    op.create_index("ix_response_learner_test_area_answered_day", "response",
                    ["learner_id", "test", "area", "answered_day", "correct"])

    if dialect == "postgresql":
        # Which login role is which learner. Row-level security policies (made by `class init`, since
        # they name roles that only exist once the instructor creates them) ask ase_learner_id().
        op.create_table(
            "class_member",
            sa.Column("role_name", sa.String(63), primary_key=True),
            sa.Column("kind", sa.String(20), nullable=False),  # student | instructor
            sa.Column("learner_id", sa.Integer, sa.ForeignKey("learner.id"), nullable=True),
            sa.Column("created_at", sa.DateTime, nullable=False),
        )
        # SECURITY DEFINER: a student may not read the roster itself, only learn their own id from it.
        op.execute("""
            CREATE FUNCTION ase_learner_id() RETURNS integer
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
            AS $$ SELECT learner_id FROM class_member WHERE role_name = session_user AND kind = 'student' $$
        """)
        op.execute("REVOKE ALL ON FUNCTION ase_learner_id() FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ase_learner_id()")
        op.drop_table("class_member")
    op.drop_index("ix_response_learner_test_area_answered_day", "response")
    op.drop_index("uq_response_uid", "response")
    with op.batch_alter_table("response") as b:
        b.drop_column("answered_day")
        b.drop_column("uid")
