"""Offline answering on a class server: the throwaway PostgreSQL server is stopped and started in
the middle of an exam. Every acknowledged answer reaches the server exactly once, the exam carries
on meanwhile, and the exam screen says that answers are being kept on this computer."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import create_engine, text

from questions.exam import ExamMode, build_exam
from study.exams import ExamService
from study.storage.sync import OUTBOX_FILENAME, Outbox
from tests.conftest import synthetic_bank
from tests.pg import wait_until

NOW = datetime(2026, 11, 25, 19, 0, 0)


def server_rows(url: str, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def outbox_rows(path) -> int:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT COUNT(*) FROM pending").fetchone()[0])
    finally:
        con.close()


@pytest.fixture
def db_url(pg_url: str) -> str:
    """The class server: the `db` and `exam_service` fixtures open a fresh PostgreSQL database."""
    return pg_url


@pytest.fixture
def box(db, tmp_path):  # type: ignore[no-untyped-def]
    b = Outbox(tmp_path / OUTBOX_FILENAME, db.engine, retry_seconds=0.05)
    yield b
    b.close()


@pytest.fixture
def sitting(exam_service, blueprints, box):  # type: ignore[no-untyped-def]
    exam_service.outbox = box
    bp = blueprints.get("A5")
    active = exam_service.start(build_exam(bp, synthetic_bank(bp), ExamMode.FULL, seed=7))
    active.start()
    return active


def answer_and_move(active, letter: str) -> None:  # type: ignore[no-untyped-def]
    active.answer(letter)
    active.next()


def test_a_server_restart_mid_exam_loses_and_duplicates_nothing(sitting, box, pg_server, db_url, clock, tmp_path):
    acked: dict[int, str] = {}
    for letter in "ABC":
        answer_and_move(sitting, letter)
        acked[sitting.run.position - 1] = letter
    assert not sitting.offline

    pg_server.stop()  # the server goes away mid-exam
    for letter in "DABC":
        clock.advance(12)
        answer_and_move(sitting, letter)  # returns normally: the answer is on this computer's disk
        acked[sitting.run.position - 1] = letter
    sitting.answer("D")  # a changed answer while offline: the last one wins, counted as a change
    sitting.answer("A")
    acked[sitting.run.position] = "A"
    sitting.toggle_flag()
    sitting.save_clock()
    assert sitting.offline
    assert outbox_rows(tmp_path / OUTBOX_FILENAME) >= 5  # four answer rows and the exam's clock, on disk

    pg_server.start()
    assert wait_until(lambda: not box.offline), "the outbox never emptied after the server came back"
    stored = dict(server_rows(db_url, f"SELECT position, choice FROM response WHERE exam_id = {sitting.exam_id} "
                                      "AND choice IS NOT NULL"))
    assert stored == acked
    changes = dict(server_rows(db_url, f"SELECT position, changes FROM response WHERE exam_id = {sitting.exam_id} "
                                       "AND choice IS NOT NULL"))
    assert changes == {p: (2 if p == 7 else 1) for p in acked}  # D then A at position 7: two changes, no more
    assert server_rows(db_url, f"SELECT flagged FROM response WHERE exam_id = {sitting.exam_id} AND position = 7") == [
        (True,)]
    assert server_rows(db_url, "SELECT time_used_seconds, position FROM exam")[0] == (pytest.approx(48), 7)
    assert outbox_rows(tmp_path / OUTBOX_FILENAME) == 0

    # after the server is back, answers go straight to it again
    sitting.next()
    sitting.answer("B")
    assert not sitting.offline
    assert server_rows(db_url, f"SELECT choice FROM response WHERE exam_id = {sitting.exam_id} AND position = 8") == [
        ("B",)]


def test_resending_an_answer_whose_reply_was_lost_counts_it_once(sitting, box, db_url):
    sitting.answer("C")  # committed on the server
    row = dict(sitting._rows[0])
    # the same change again, as if the commit's reply had been lost and the workstation resent it
    box.put_response(row)
    box.put_response(row)
    assert wait_until(lambda: not box.offline)
    assert server_rows(db_url, f"SELECT choice, changes FROM response WHERE uid = '{row['uid']}'") == [("C", 1)]
    assert server_rows(db_url, f"SELECT COUNT(*) FROM response WHERE exam_id = {sitting.exam_id}") == [
        (len(sitting.run),)]


def test_answers_left_on_this_computer_are_kept_through_a_restart_of_the_app(
        db, a5_bank, blueprints, clock, pg_server, db_url, tmp_path, sitting, box):
    answer_and_move(sitting, "A")
    pg_server.stop()
    answer_and_move(sitting, "B")
    answer_and_move(sitting, "C")
    sitting.save_clock()
    box.close()  # the app is closed while the server is still down
    sitting.close()
    pg_server.start()

    # the next start: a new outbox over the same file, before it has sent anything
    later = Outbox(tmp_path / OUTBOX_FILENAME, db.engine, retry_seconds=0.05)
    try:
        assert later.offline and later.pending_count >= 3
        service = ExamService(db, a5_bank, blueprints, clock=clock, now=lambda: NOW)
        service.outbox = later
        pending = service.in_progress()
        assert pending is not None
        resumed = service.resume(pending.id)  # what is still on this computer is newer than the server's copy
        assert [s.choice for s in resumed.run.states[:3]] == ["A", "B", "C"]
        assert resumed.run.position == 3
        later.kick()
        assert wait_until(lambda: not later.offline)
        assert server_rows(db_url, f"SELECT choice FROM response WHERE exam_id = {pending.id} AND position < 3 "
                                   "ORDER BY position") == [("A",), ("B",), ("C",)]
    finally:
        later.close()


def test_finishing_while_offline_shows_the_result_and_stores_it_later(sitting, box, pg_server, db_url):
    for i in range(len(sitting.run)):
        sitting.answer(sitting.question().answer if i % 2 == 0 else next(L for L in "ABCD" if L != sitting.question().answer))
        sitting.next()
    pg_server.stop()
    result = sitting.finish()
    assert sitting.offline
    assert result.summary.state == "finished" and result.score.total == 45
    assert len(result.items) == len(sitting.run)
    pg_server.start()
    assert wait_until(lambda: not box.offline)
    assert server_rows(db_url, f"SELECT state, score_correct, score_total FROM exam WHERE id = {sitting.exam_id}") == [
        ("finished", result.score.correct, result.score.total)]


@pytest.mark.gui
def test_the_exam_screen_says_offline_and_carries_on(qtbot, tmp_path, pg_server, pg_url):
    from PySide6.QtCore import Qt

    from study.services import open_services
    from tests.conftest import open_window

    services = open_services(tmp_path, pg_url)
    window = open_window(qtbot, tmp_path, services)
    try:
        window.ctx.practise.emit("A5", "full")
        qtbot.waitUntil(lambda: window.current_page() == "exam", timeout=20000)  # once the exam is stored
        exam = window.exam_page
        assert exam.connection_note.isHidden()
        def click(widget) -> None:  # type: ignore[no-untyped-def]
            qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

        click(exam.choices[0])
        click(exam.next_btn)
        pg_server.stop()
        for i in (1, 2):
            click(exam.choices[i])
            click(exam.next_btn)
        assert exam.counter.text() == "Question 4 of 55"  # the exam carried on at once
        qtbot.waitUntil(lambda: exam.connection_note.isVisible(), timeout=20000)
        assert exam.connection_note.text() == "offline - answers are saved on this computer"
        pg_server.start()
        qtbot.waitUntil(lambda: exam.connection_note.isHidden(), timeout=20000)
        exam_id = exam.active.exam_id
        assert server_rows(pg_url, f"SELECT position, choice FROM response WHERE exam_id = {exam_id} AND choice "
                                   "IS NOT NULL ORDER BY position") == [(0, "A"), (1, "B"), (2, "C")]
    finally:
        if not pg_server.started:
            pg_server.start()
        window.shutdown()


@pytest.mark.gui
def test_a_server_that_stops_answering_never_freezes_the_exam(qtbot, tmp_path, pg_server, pg_url):
    """The server accepts and never replies (every process of it stopped): the exam moves on at
    each key press while its answers wait on the write worker, says it is saving, and once the
    server answers again every answer is there exactly once. Stored on the GUI thread, the first
    click after the freeze would only return once the server woke up (the timer below)."""
    import threading

    from PySide6.QtCore import Qt

    from study.services import open_services
    from tests.conftest import open_window, settled

    services = open_services(tmp_path, pg_url)
    window = open_window(qtbot, tmp_path, services)
    wake = threading.Timer(10.0, pg_server.thaw)
    try:
        window.ctx.practise.emit("A5", "full")
        qtbot.waitUntil(lambda: window.current_page() == "exam", timeout=20000)
        exam = window.exam_page

        def click(widget) -> None:  # type: ignore[no-untyped-def]
            qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

        click(exam.choices[0])
        click(exam.next_btn)
        settled(qtbot, window)
        pg_server.freeze()
        wake.start()  # the server answers again later, whatever happens here
        for i in (1, 2, 3):
            click(exam.choices[i])
            click(exam.next_btn)
        answered_while_silent = pg_server.frozen
        assert exam.counter.text() == "Question 5 of 55"  # the exam carried on at once
        assert answered_while_silent, "the clicks waited for the server"
        qtbot.waitUntil(lambda: exam.saving_note.isVisible() or not pg_server.frozen, timeout=20000)
        assert pg_server.frozen and exam.saving_note.text() == "Saving..."
        wake.join()
        settled(qtbot, window, timeout=60000)
        qtbot.waitUntil(lambda: not exam.saving_note.isVisible(), timeout=5000)  # at the clock's next tick
        exam_id = exam.active.exam_id
        assert server_rows(pg_url, f"SELECT position, choice FROM response WHERE exam_id = {exam_id} AND choice "
                                   "IS NOT NULL ORDER BY position") == [(0, "A"), (1, "B"), (2, "C"), (3, "D")]
    finally:
        wake.cancel()
        if pg_server.frozen:
            pg_server.thaw()
        window.shutdown()
