"""A class server's exams are written only through functions that check whose they are.

On PostgreSQL a student's login gets no INSERT, UPDATE or DELETE on `exam` and `response` (so it
cannot LOCK them, add answers to a classmate's exam or finish its own with a score of its choice):
the app writes exams through the SECURITY DEFINER functions below, each of which checks that the
exam belongs to the login's learner and is still being written by the same sitting (exam.writer).
Each answer's right or wrong is decided on the server from its own key (`question_key`, loaded by
`class init` from the bundled bank; the instructor's imported questions; the practice sets the
instructor built on the server), and a finished exam's score is counted from the stored answers.
An answer the server has no key for is stored but never counts as right. (The database owner's
own answers, a single learner using PostgreSQL without a class, are scored by the app as before.)

SQLite (one learner's own file) has nothing to protect from its owner: no change there.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

FUNCTIONS = {
    # the login may write this learner's exams: the student it is, or the database's owner
    "ase_may_write(p_learner integer)": """
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM class_member WHERE role_name = session_user)
      THEN EXISTS (SELECT 1 FROM class_member WHERE role_name = session_user AND kind = 'student'
                   AND learner_id = p_learner)
    ELSE pg_has_role(session_user, (SELECT tableowner FROM pg_tables WHERE schemaname = 'public'
                                    AND tablename = 'exam'), 'MEMBER')
  END
$$""",
    # right or wrong by the server's own key; NULL when it has none for this question
    "ase_key_says(p_source text, p_question text, p_choice text)": """
RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_base text := split_part(p_question, '~', 1);
  v_item jsonb;
  v_key text;
BEGIN
  IF p_choice IS NULL THEN
    RETURN NULL;
  END IF;
  IF left(p_source, 4) = 'set:' THEN  -- the set as the instructor built it on this server
    SELECT q INTO v_item FROM practice_set p, jsonb_array_elements(CAST(p.body AS jsonb) -> 'questions') q
     WHERE p.hash = substr(p_source, 5) AND p.authored AND q ->> 'id' = v_base LIMIT 1;
    IF (v_item -> 'key') IS NOT NULL THEN
      RETURN encode(sha256(convert_to((v_item -> 'key' ->> 'salt') || ':' || v_base || ':' || p_choice, 'UTF8')),
                    'hex') = v_item -> 'key' ->> 'hash';
    END IF;
    v_key := v_item ->> 'answer';
  END IF;
  IF v_key IS NULL THEN
    SELECT answer INTO v_key FROM question_key WHERE question_id = p_question;
  END IF;
  IF v_key IS NULL THEN
    SELECT answer INTO v_key FROM imported_question WHERE id = p_question AND test <> '';
  END IF;
  RETURN CASE WHEN v_key IS NULL THEN NULL ELSE v_key = p_choice END;
END $$""",
    "ase_start_exam(p_learner integer, p_test text, p_mode text, p_title text, p_seed integer, "
    "p_time_limit integer, p_source text, p_writer text, p_now timestamp, p_items jsonb)": """
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE v_id integer;
BEGIN
  IF NOT ase_may_write(p_learner) THEN
    RAISE EXCEPTION 'permission denied: not this login''s learner' USING ERRCODE = '42501';
  END IF;
  INSERT INTO exam (learner_id, test, mode, title, seed, question_count, time_limit_seconds, time_used_seconds,
                    position, state, started_at, updated_at, source, writer)
  VALUES (p_learner, p_test, p_mode, p_title, p_seed, jsonb_array_length(p_items), p_time_limit, 0, 0,
          'in_progress', p_now, p_now, p_source, p_writer)
  RETURNING id INTO v_id;
  INSERT INTO response (exam_id, learner_id, position, question_id, test, area, topic, scored, choice, correct,
                        flagged, crossed_out, seconds, changes, answered_at, uid, answered_day, question_version,
                        superseded)
  SELECT v_id, p_learner, CAST(i ->> 'position' AS integer), i ->> 'question_id', i ->> 'test', i ->> 'area',
         i ->> 'topic', CAST(i ->> 'scored' AS boolean), NULL, NULL, false, '', 0, 0, NULL, i ->> 'uid', NULL,
         COALESCE(CAST(i ->> 'question_version' AS integer), 1), false
    FROM jsonb_array_elements(p_items) i;
  RETURN v_id;
END $$""",
    "ase_claim_exam(p_exam integer, p_writer text)": """
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE exam SET writer = p_writer WHERE id = p_exam AND state = 'in_progress' AND ase_may_write(learner_id);
  RETURN FOUND;
END $$""",
    "ase_save_answer(p_uid text, p_writer text, p_choice text, p_claimed boolean, p_flagged boolean, "
    "p_crossed text, p_seconds double precision, p_changes integer, p_answered_at timestamp, "
    "p_question_version integer, p_superseded boolean)": """
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  r response%ROWTYPE;
  e exam%ROWTYPE;
BEGIN
  SELECT * INTO r FROM response WHERE uid = p_uid;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  SELECT * INTO e FROM exam WHERE id = r.exam_id;
  IF e.writer <> p_writer OR e.state <> 'in_progress' OR r.learner_id <> e.learner_id
     OR NOT ase_may_write(e.learner_id) THEN
    RETURN false;
  END IF;
  -- a class member's answer is right or wrong by the server's key; the owner's own (a single learner on
  -- PostgreSQL, no class) as its app says
  UPDATE response SET choice = p_choice,
         correct = CASE WHEN EXISTS (SELECT 1 FROM class_member WHERE role_name = session_user)
                        THEN ase_key_says(e.source, r.question_id, p_choice)
                        WHEN p_choice IS NULL THEN NULL ELSE p_claimed END,
         flagged = p_flagged, crossed_out = p_crossed, seconds = p_seconds, changes = p_changes,
         answered_at = p_answered_at,
         answered_day = CASE WHEN p_answered_at IS NULL THEN NULL
                             ELSE CAST(p_answered_at AS date) - DATE '1970-01-01' END,
         question_version = p_question_version, superseded = p_superseded
   WHERE id = r.id;
  RETURN true;
END $$""",
    "ase_save_exam(p_exam integer, p_writer text, p_time_used double precision, p_position integer, "
    "p_updated timestamp)": """
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE exam SET time_used_seconds = p_time_used, position = p_position, updated_at = p_updated
   WHERE id = p_exam AND writer = p_writer AND state = 'in_progress' AND ase_may_write(learner_id);
  RETURN FOUND;
END $$""",
    # the score is counted here from the stored answers, whatever the workstation thinks it is
    "ase_finish_exam(p_exam integer, p_writer text, p_time_used double precision, p_position integer, "
    "p_finished timestamp)": """
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE exam e SET state = 'finished', time_used_seconds = p_time_used, position = p_position,
         finished_at = p_finished, updated_at = p_finished,
         score_correct = (SELECT COUNT(*) FROM response r WHERE r.exam_id = e.id AND r.scored AND r.correct),
         score_total = (SELECT COUNT(*) FROM response r WHERE r.exam_id = e.id AND r.scored)
   WHERE id = p_exam AND writer = p_writer AND state = 'in_progress' AND ase_may_write(learner_id);
  IF FOUND THEN
    RETURN true;
  END IF;
  -- the same finish sent again (its reply was lost): it is done already
  RETURN EXISTS (SELECT 1 FROM exam WHERE id = p_exam AND writer = p_writer AND state = 'finished');
END $$""",
    "ase_abandon_exam(p_exam integer, p_now timestamp)": """
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE exam SET state = 'abandoned', updated_at = p_now
   WHERE id = p_exam AND state = 'in_progress' AND ase_may_write(learner_id);
  RETURN FOUND;
END $$""",
    "ase_supersede_answers(p_learner integer, p_version integer, p_ids text[])": """
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE n integer;
BEGIN
  IF NOT ase_may_write(p_learner) THEN
    RETURN 0;
  END IF;
  UPDATE response SET superseded = true
   WHERE learner_id = p_learner AND question_id = ANY(p_ids) AND question_version < p_version AND NOT superseded;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$""",
    # a set a student opens is kept as one they opened, never as one the instructor built
    "ase_record_set(p_hash text, p_title text, p_test text, p_instructor text, p_body text, p_now timestamp)": """
RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO practice_set (hash, title, test, instructor, body, authored, added_at)
  VALUES (p_hash, p_title, p_test, p_instructor, p_body, false, p_now) ON CONFLICT (hash) DO NOTHING
$$""",
    "ase_remove_certification(p_id integer)": """
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  DELETE FROM certification WHERE id = p_id AND ase_may_write(learner_id);
  RETURN FOUND;
END $$""",
}
# what a student's login may call (ase_may_write and ase_key_says are used inside the others)
STUDENT_FUNCTIONS = [name for name in FUNCTIONS if not name.startswith(("ase_may_write", "ase_key_says"))]


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_table("question_key",  # the bundled bank's keys, loaded by `class init`; no login but the owner reads it
                    sa.Column("question_id", sa.String(40), primary_key=True),
                    sa.Column("answer", sa.String(1), nullable=False))
    op.execute("REVOKE ALL ON question_key FROM PUBLIC")
    for signature, body in FUNCTIONS.items():
        op.execute(f"CREATE OR REPLACE FUNCTION {signature} {body}")
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
    roles = {r for (r,) in op.get_bind().execute(sa.text(
        "SELECT rolname FROM pg_roles WHERE rolname IN ('ase_student', 'ase_instructor')"))}
    if "ase_student" in roles:  # a class set up before this version: close the holes now (`class init` redoes it all)
        op.execute("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON exam, response FROM ase_student")
        op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON setting, certification, study_plan, plan_session, review_card "
                   "FROM ase_student")
        for signature in STUDENT_FUNCTIONS:
            op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO ase_student")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for signature in FUNCTIONS:
        op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    op.drop_table("question_key")
