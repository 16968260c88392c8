"""What moving questions and grades between the app and an LMS needs stored.

- `imported_question.exhibit`: an imported question's table or figure (JSON; a figure's SVG
  inside it), kept from a Moodle question's HTML table or embedded picture.
- `class_roster`: the students of an LMS's roster file (Moodle's participants, Canvas's
  gradebook export) with the identifiers each LMS's grade import matches on; and
  `class_result.roster_id`, the roster entry a result belongs to (matched by name, or chosen by
  the instructor when the name alone cannot tell).
- `plan_session.sequence` and `modified_at`: each calendar event's revision and when it last
  changed, so calendar clients apply an updated or cancelled event (iCalendar SEQUENCE and
  LAST-MODIFIED).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("imported_question") as b:
        b.add_column(sa.Column("exhibit", sa.Text, nullable=True))
    op.create_table(
        "class_roster",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("lms", sa.String(20), nullable=False),
        sa.Column("entry_key", sa.String(300), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False, server_default=""),
        sa.Column("last_name", sa.String(100), nullable=False, server_default=""),
        sa.Column("username", sa.String(200), nullable=False, server_default=""),
        sa.Column("email", sa.String(200), nullable=False, server_default=""),
        sa.Column("id_number", sa.String(100), nullable=False, server_default=""),
        sa.Column("lms_user_id", sa.String(100), nullable=False, server_default=""),
        sa.Column("login_id", sa.String(200), nullable=False, server_default=""),
        sa.Column("section", sa.String(200), nullable=False, server_default=""),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    with op.batch_alter_table("class_result") as b:
        b.add_column(sa.Column("roster_id", sa.Integer, sa.ForeignKey("class_roster.id", name="fk_class_result_roster"),
                               nullable=True))
    with op.batch_alter_table("plan_session") as b:
        b.add_column(sa.Column("sequence", sa.Integer, nullable=False, server_default="0"))
        b.add_column(sa.Column("modified_at", sa.DateTime, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan_session") as b:
        b.drop_column("modified_at")
        b.drop_column("sequence")
    with op.batch_alter_table("class_result") as b:
        b.drop_column("roster_id")
    op.drop_table("class_roster")
    with op.batch_alter_table("imported_question") as b:
        b.drop_column("exhibit")
