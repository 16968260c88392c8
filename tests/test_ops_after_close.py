"""A write that reports after its window has closed tells nobody, and raises nothing: the CI run
of 2026-12-02 failed the next test's setup with "Signal source has been deleted" when a write of
a closed window said what it changed through its deleted context."""

from __future__ import annotations

import threading

import pytest
import shiboken6

from app.ops import Change

pytestmark = pytest.mark.gui


def test_a_write_that_reports_after_its_context_is_deleted_raises_nothing(qtbot):
    from PySide6.QtCore import QCoreApplication, QSettings

    from app.context import AppContext

    ctx = AppContext(QSettings("ase-prep-tests", "ops-after-close"))
    ops = ctx.ops
    go = threading.Event()
    ran: list[int] = []
    ops.write(lambda: (go.wait(10), ran.append(1)), changes=Change.EXAMS)
    shiboken6.delete(ctx)  # the window closed while the write ran
    go.set()
    assert ops.wait_for_writes(10000)
    with qtbot.capture_exceptions() as caught:
        for _ in range(5):
            QCoreApplication.processEvents()
    errors = [e[1] for e in caught]
    assert ran == [1] and errors == []


def test_an_answer_for_a_label_closed_meanwhile_is_dropped_and_other_errors_still_raise(qtbot):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel

    from app.context import AppContext

    ctx = AppContext(QSettings("ase-prep-tests", "ops-after-close"))
    label = QLabel()
    go = threading.Event()
    ctx.ops.read(lambda: go.wait(10), lambda _: label.setText("Saved."))  # no owner named
    shiboken6.delete(label)
    go.set()
    with qtbot.capture_exceptions() as caught:
        qtbot.waitUntil(lambda: ctx.ops.idle, timeout=10000)
    assert [e[1] for e in caught] == []

    def broken(_: object) -> None:
        raise RuntimeError("a real mistake")

    ctx.ops.read(lambda: None, broken)
    with qtbot.capture_exceptions() as caught:
        qtbot.waitUntil(lambda: ctx.ops.idle, timeout=10000)
    assert [str(e[1]) for e in caught] == ["a real mistake"]
