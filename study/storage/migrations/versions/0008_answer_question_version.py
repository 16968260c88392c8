"""Each answer records the version of the question it answered; the tally counts apart the answers
to a question's current version.

Questions are being reworked (the bank's `version:` field): an answer to the old wording is
history, not evidence about the question as it now reads. `response.question_version` is the
version the learner saw (every answer stored before this migration was to version 1), and
`response.superseded` marks an answer whose question has since changed (set when the app starts
with a newer bank: study.storage.versions). The tally keeps its totals (the heat map and the live
class are history) and adds `current_answered` / `current_correct`, the answers that still count
toward the standings and readiness; the triggers keep both exact on every write.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

KEY = "learner_id = {r}.learner_id AND test = {r}.test AND area = {r}.area AND day = COALESCE({r}.answered_day, -1)"
SQLITE_NAMES = ("response_tally_insert", "response_tally_delete", "response_tally_update")

# In SQLite a boolean is 0 or 1, so NOT and AND give the counts directly.
SQLITE_TRIGGERS = (
    """CREATE TRIGGER response_tally_insert AFTER INSERT ON response WHEN NEW.correct IS NOT NULL
    BEGIN
        INSERT INTO answer_tally (learner_id, test, area, day, answered, correct, current_answered, current_correct)
        VALUES (NEW.learner_id, NEW.test, NEW.area, COALESCE(NEW.answered_day, -1), 1, NEW.correct,
                NOT NEW.superseded, NEW.correct AND NOT NEW.superseded)
        ON CONFLICT (learner_id, test, area, day)
        DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct,
                      current_answered = current_answered + excluded.current_answered,
                      current_correct = current_correct + excluded.current_correct;
    END""",
    f"""CREATE TRIGGER response_tally_delete AFTER DELETE ON response WHEN OLD.correct IS NOT NULL
    BEGIN
        UPDATE answer_tally SET answered = answered - 1, correct = correct - OLD.correct,
               current_answered = current_answered - (NOT OLD.superseded),
               current_correct = current_correct - (OLD.correct AND NOT OLD.superseded)
        WHERE {KEY.format(r="OLD")};
    END""",
    f"""CREATE TRIGGER response_tally_update AFTER UPDATE OF correct, answered_day, learner_id, test, area, superseded
    ON response
    WHEN OLD.correct IS NOT NEW.correct OR OLD.answered_day IS NOT NEW.answered_day
      OR OLD.learner_id IS NOT NEW.learner_id OR OLD.test IS NOT NEW.test OR OLD.area IS NOT NEW.area
      OR OLD.superseded IS NOT NEW.superseded
    BEGIN
        UPDATE answer_tally SET answered = answered - 1, correct = correct - OLD.correct,
               current_answered = current_answered - (NOT OLD.superseded),
               current_correct = current_correct - (OLD.correct AND NOT OLD.superseded)
        WHERE OLD.correct IS NOT NULL AND {KEY.format(r="OLD")};
        INSERT INTO answer_tally (learner_id, test, area, day, answered, correct, current_answered, current_correct)
        SELECT NEW.learner_id, NEW.test, NEW.area, COALESCE(NEW.answered_day, -1), 1, NEW.correct,
               NOT NEW.superseded, NEW.correct AND NOT NEW.superseded
        WHERE NEW.correct IS NOT NULL
        ON CONFLICT (learner_id, test, area, day)
        DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct,
                      current_answered = current_answered + excluded.current_answered,
                      current_correct = current_correct + excluded.current_correct;
    END""",
)

# Same function name and trigger as 0006 (SECURITY DEFINER: a student's login writes the tally
# through the trigger only), now also counting the answers that still count.
POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION ase_answer_tally() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.correct IS NOT DISTINCT FROM NEW.correct
       AND OLD.answered_day IS NOT DISTINCT FROM NEW.answered_day AND OLD.learner_id = NEW.learner_id
       AND OLD.test = NEW.test AND OLD.area = NEW.area AND OLD.superseded = NEW.superseded THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.correct IS NOT NULL THEN
        UPDATE answer_tally SET answered = answered - 1, correct = correct - CAST(OLD.correct AS INTEGER),
               current_answered = current_answered - CAST(NOT OLD.superseded AS INTEGER),
               current_correct = current_correct - CAST(OLD.correct AND NOT OLD.superseded AS INTEGER)
        WHERE {KEY.format(r="OLD")};
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.correct IS NOT NULL THEN
        INSERT INTO answer_tally AS t (learner_id, test, area, day, answered, correct, current_answered,
                                       current_correct)
        VALUES (NEW.learner_id, NEW.test, NEW.area, COALESCE(NEW.answered_day, -1), 1, CAST(NEW.correct AS INTEGER),
                CAST(NOT NEW.superseded AS INTEGER), CAST(NEW.correct AND NOT NEW.superseded AS INTEGER))
        ON CONFLICT (learner_id, test, area, day)
        DO UPDATE SET answered = t.answered + 1, correct = t.correct + EXCLUDED.correct,
                      current_answered = t.current_answered + EXCLUDED.current_answered,
                      current_correct = t.current_correct + EXCLUDED.current_correct;
    END IF;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # plain ADD COLUMN (no batch copy): rebuilding `response` would drop its triggers
    op.add_column("response", sa.Column("question_version", sa.Integer, nullable=False, server_default="1"))
    op.add_column("response", sa.Column("superseded", sa.Boolean, nullable=False, server_default=sa.false()))
    op.add_column("answer_tally", sa.Column("current_answered", sa.Integer, nullable=False, server_default="0"))
    op.add_column("answer_tally", sa.Column("current_correct", sa.Integer, nullable=False, server_default="0"))
    op.execute("UPDATE answer_tally SET current_answered = answered, current_correct = correct")
    if dialect == "sqlite":
        for name in SQLITE_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        for sql in SQLITE_TRIGGERS:
            op.execute(sql)
    elif dialect == "postgresql":
        op.execute(POSTGRES_FUNCTION)


def downgrade() -> None:
    from importlib import import_module

    tally = import_module("study.storage.migrations.versions.0006_answer_tally")
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in SQLITE_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute(tally.POSTGRES_FUNCTION.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION"))
    op.drop_column("answer_tally", "current_correct")
    op.drop_column("answer_tally", "current_answered")
    op.drop_column("response", "superseded")
    op.drop_column("response", "question_version")
    if sqlite:
        for sql in tally.SQLITE_TRIGGERS:
            op.execute(sql)
