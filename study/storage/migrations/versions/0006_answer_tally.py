"""A running tally of answers per learner, test, area and day, kept by triggers on `response`.

The weak-area ranking, the Progress heat map and the live class read this small table instead of
scanning every answer, so their cost follows the days studied, not the answers stored. Triggers
keep it exact on every path that writes answers (the exam, the class server's resends, imports,
demo data, deletes). Two response indexes that only those scans used are dropped, which makes
each answer's commit cheaper.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KEY = "learner_id = {r}.learner_id AND test = {r}.test AND area = {r}.area AND day = COALESCE({r}.answered_day, -1)"

SQLITE_TRIGGERS = (
    """CREATE TRIGGER response_tally_insert AFTER INSERT ON response WHEN NEW.correct IS NOT NULL
    BEGIN
        INSERT INTO answer_tally (learner_id, test, area, day, answered, correct)
        VALUES (NEW.learner_id, NEW.test, NEW.area, COALESCE(NEW.answered_day, -1), 1, NEW.correct)
        ON CONFLICT (learner_id, test, area, day)
        DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct;
    END""",
    f"""CREATE TRIGGER response_tally_delete AFTER DELETE ON response WHEN OLD.correct IS NOT NULL
    BEGIN
        UPDATE answer_tally SET answered = answered - 1, correct = correct - OLD.correct WHERE {KEY.format(r="OLD")};
    END""",
    f"""CREATE TRIGGER response_tally_update AFTER UPDATE OF correct, answered_day, learner_id, test, area ON response
    WHEN OLD.correct IS NOT NEW.correct OR OLD.answered_day IS NOT NEW.answered_day
      OR OLD.learner_id IS NOT NEW.learner_id OR OLD.test IS NOT NEW.test OR OLD.area IS NOT NEW.area
    BEGIN
        UPDATE answer_tally SET answered = answered - 1, correct = correct - OLD.correct
        WHERE OLD.correct IS NOT NULL AND {KEY.format(r="OLD")};
        INSERT INTO answer_tally (learner_id, test, area, day, answered, correct)
        SELECT NEW.learner_id, NEW.test, NEW.area, COALESCE(NEW.answered_day, -1), 1, NEW.correct
        WHERE NEW.correct IS NOT NULL
        ON CONFLICT (learner_id, test, area, day)
        DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct;
    END""",
)

# SECURITY DEFINER: a student's login writes the tally through the trigger only; it may read its
# own rows (row-level security, set by `class init` and below) but not write the table directly.
POSTGRES_FUNCTION = f"""
CREATE FUNCTION ase_answer_tally() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.correct IS NOT DISTINCT FROM NEW.correct
       AND OLD.answered_day IS NOT DISTINCT FROM NEW.answered_day AND OLD.learner_id = NEW.learner_id
       AND OLD.test = NEW.test AND OLD.area = NEW.area THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' AND OLD.correct IS NOT NULL THEN
        UPDATE answer_tally SET answered = answered - 1, correct = correct - CAST(OLD.correct AS INTEGER)
        WHERE {KEY.format(r="OLD")};
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.correct IS NOT NULL THEN
        INSERT INTO answer_tally AS t (learner_id, test, area, day, answered, correct)
        VALUES (NEW.learner_id, NEW.test, NEW.area, COALESCE(NEW.answered_day, -1), 1, CAST(NEW.correct AS INTEGER))
        ON CONFLICT (learner_id, test, area, day)
        DO UPDATE SET answered = t.answered + 1, correct = t.correct + EXCLUDED.correct;
    END IF;
    RETURN NULL;
END $$
"""

DROPPED = {
    "ix_response_learner_test_area_day": ["learner_id", "test", "area", "answered_at", "correct"],
    "ix_response_learner_test_area_answered_day": ["learner_id", "test", "area", "answered_day", "correct"],
}


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    op.create_table(
        "answer_tally",
        sa.Column("learner_id", sa.Integer, sa.ForeignKey("learner.id"), primary_key=True),
        sa.Column("test", sa.String(10), primary_key=True),
        sa.Column("area", sa.String(4), primary_key=True),
        sa.Column("day", sa.Integer, primary_key=True),  # days since 1970-01-01; -1 when unknown
        sa.Column("answered", sa.Integer, nullable=False),
        sa.Column("correct", sa.Integer, nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_answer_tally_day", "answer_tally", ["day"])
    op.execute("INSERT INTO answer_tally (learner_id, test, area, day, answered, correct) "
               "SELECT learner_id, test, area, COALESCE(answered_day, -1), COUNT(*), "
               "SUM(CASE WHEN correct THEN 1 ELSE 0 END) FROM response WHERE correct IS NOT NULL "
               "GROUP BY learner_id, test, area, COALESCE(answered_day, -1)")
    if dialect == "sqlite":
        for sql in SQLITE_TRIGGERS:
            op.execute(sql)
    elif dialect == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute("CREATE TRIGGER response_tally AFTER INSERT OR UPDATE OR DELETE ON response "
                   "FOR EACH ROW EXECUTE FUNCTION ase_answer_tally()")
        op.execute("REVOKE ALL ON FUNCTION ase_answer_tally() FROM PUBLIC")
        _protect_on_class_server(bind)
    for name in DROPPED:
        op.drop_index(name, "response")


def _protect_on_class_server(bind: sa.engine.Connection) -> None:
    """A class database set up before this version: give the new table the same protection as
    `class init` does (students read their own rows, the instructor reads all)."""
    roles = {r for (r,) in bind.execute(sa.text(
        "SELECT rolname FROM pg_roles WHERE rolname IN ('ase_student', 'ase_instructor')"))}
    if not roles:
        return
    op.execute("REVOKE ALL ON answer_tally FROM PUBLIC")
    op.execute("ALTER TABLE answer_tally ENABLE ROW LEVEL SECURITY")
    if "ase_student" in roles:
        op.execute("GRANT SELECT ON answer_tally TO ase_student")
        op.execute("CREATE POLICY ase_student_own_rows ON answer_tally FOR ALL TO ase_student "
                   "USING (learner_id = ase_learner_id()) WITH CHECK (learner_id = ase_learner_id())")
    if "ase_instructor" in roles:
        op.execute("GRANT SELECT ON answer_tally TO ase_instructor")
        op.execute("CREATE POLICY ase_instructor_reads_class ON answer_tally FOR SELECT TO ase_instructor "
                   "USING (true)")


def downgrade() -> None:
    for name, columns in DROPPED.items():
        op.create_index(name, "response", columns)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS response_tally ON response")
        op.execute("DROP FUNCTION IF EXISTS ase_answer_tally()")
    else:
        for name in ("response_tally_insert", "response_tally_delete", "response_tally_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_answer_tally_day", "answer_tally")
    op.drop_table("answer_tally")
