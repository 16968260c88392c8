"""An answer that cannot be stored (a full disk, a file held locked) is not an answer: the exam in
memory and on screen stay as stored, the reason is said in words, the choice can be made again,
and the score always comes from the stored answers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

from questions.exam import ExamMode, build_exam
from study.exams import SaveFailed
from study.services import open_services
from tests.conftest import open_window, settled
from tests.fsfaults import small_disk  # noqa: F401 - a fixture


def stored(services, exam_id: int) -> list[tuple]:  # type: ignore[type-arg]
    with services.db.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(
            f"SELECT position, choice, flagged FROM response WHERE exam_id = {exam_id} ORDER BY position")]


def exam_row(services, exam_id: int) -> tuple:  # type: ignore[type-arg]
    with services.db.engine.connect() as conn:
        return tuple(conn.exec_driver_sql(
            f"SELECT state, score_correct, score_total FROM exam WHERE id = {exam_id}").one())


def test_on_a_full_disk_an_answer_is_refused_in_words_and_given_again_once_there_is_room(small_disk):  # noqa: F811
    s = open_services(small_disk.folder / "data")
    try:
        bp = s.blueprints.get("A5")
        active = s.exams.start(build_exam(bp, s.bank.for_test("A5"), ExamMode.FULL, seed=3))
        active.start()
        with s.db.engine.connect() as conn:  # an empty WAL: the next write needs new disk blocks
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        key = active.question(0).answer
        active.answer(key)  # question 1, stored
        active.next()
        wrong = next(c for c in "ABCD" if c != active.question(1).answer)
        small_disk.fill()
        with pytest.raises(SaveFailed, match="the disk is full"):
            active.answer(active.question(1).answer)  # question 2, right, but it cannot be stored
        assert active.problem == "the disk is full"
        assert active.run.state.choice is None  # not the answer: the exam in memory is as stored
        with pytest.raises(SaveFailed):
            active.toggle_flag()
        assert not active.run.state.flagged
        assert stored(s, active.exam_id)[:2] == [(0, key, 0), (1, None, 0)]
        with pytest.raises(SaveFailed):  # the end of the exam is not stored either: it goes on
            active.finish()
        assert not active.run.finished and exam_row(s, active.exam_id)[0] == "in_progress"
        small_disk.free()
        active.save_clock()  # the page's once-a-second save is the retry: it works again
        assert active.problem is None
        active.answer(wrong)  # the learner gives question 2 again (a different choice this time)
        result = active.finish()
        assert stored(s, active.exam_id)[:2] == [(0, key, 0), (1, wrong, 0)]
        # the score is the stored answers': the refused right answer is not counted
        state, right, total = exam_row(s, active.exam_id)
        with s.db.engine.connect() as conn:
            stored_right = conn.exec_driver_sql(f"SELECT COUNT(*) FROM response WHERE exam_id = {active.exam_id} "
                                                "AND scored AND correct").scalar()
        assert state == "finished" and right == result.score.correct == stored_right <= 1
        assert total == result.score.total == bp.scored_questions
    finally:
        s.close()


@pytest.mark.gui
def test_the_exam_screen_shows_only_what_was_stored_and_says_why(qtbot, tmp_path):
    """Another program holds the data file locked: the answer is refused, the banner says so in
    plain words, the choice shows as not given, and pressing it again once the lock is gone stores it."""
    services = open_services(tmp_path)
    window = open_window(qtbot, tmp_path, services)
    try:
        window.ctx.practise.emit("A5", "quick10")
        page = window.exam_page
        qtbot.waitUntil(lambda: page.active is not None, timeout=10000)
        assert window.current_page() == "exam"
        active = page.active
        # give up on the lock quickly (on the write worker, whose connection it is)
        window.ctx.ops.write(lambda: active._db_writer._connection().exec_driver_sql("PRAGMA busy_timeout = 200"))
        settled(qtbot, window)
        holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
            import sqlite3, sys
            c = sqlite3.connect({str(services.backups.db_path)!r}, isolation_level=None)
            c.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            sys.stdin.readline()
            c.execute("ROLLBACK")
            """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "locked"
            qtbot.keyClick(page.focusWidget(), Qt.Key.Key_B)
            assert not any(b.isChecked() for b in page.choices)  # not shown before it is stored
            qtbot.waitUntil(lambda: not page.save_note.isHidden(), timeout=10000)
            assert not any(b.isChecked() for b in page.choices)  # the screen shows what was stored: nothing
            assert active.run.state.choice is None and stored(services, active.exam_id)[0][1] is None
            assert page.save_note.text().startswith("⚠ Your answer could not be saved: another program is holding "
                                                    "the data file")
        finally:
            holder.communicate("go\n", timeout=30)
        qtbot.keyClick(page.focusWidget(), Qt.Key.Key_B)  # made again: stored now
        settled(qtbot, window)
        assert page.save_note.isHidden()
        assert stored(services, active.exam_id)[0][1] == "B"
        assert page.choices[1].isChecked()
    finally:
        window.shutdown()


def test_a_score_never_counts_an_answer_that_was_not_stored(tmp_path):
    """The score is read from the stored answers in the transaction that ends the exam."""
    s = open_services(tmp_path)
    try:
        bp = s.blueprints.get("A5")
        active = s.exams.start(build_exam(bp, s.bank.for_test("A5"), ExamMode.QUICK10, seed=5))
        active.start()
        for i in range(10):
            active.go(i)
            active.answer(active.question(i).answer)
        # a second program changes one stored answer to a wrong one (as a command-line import could)
        wrong = next(c for c in "ABCD" if c != active.question(3).answer)
        con = sqlite3.connect(s.backups.db_path)
        con.execute("UPDATE response SET choice = ?, correct = 0 WHERE exam_id = ? AND position = 3",
                    (wrong, active.exam_id))
        con.commit()
        con.close()
        result = active.finish()
        assert result.score.correct == 9 and exam_row(s, active.exam_id)[1:] == (9, 10)
    finally:
        s.close()
