"""Long work through `Ops.task` (STYLE.md: Orange's `state`): its progress reaches the main thread
in order, a cancelled task stops at its next check and reports nothing (no result, no error, no
change said), and one left alone ends with its result and its change."""

from __future__ import annotations

import threading

import pytest

from app.ops import Change, Ops, TaskState

pytestmark = pytest.mark.gui


def counting(pause_after: int, paused: threading.Event, go_on: threading.Event):  # type: ignore[no-untyped-def]
    def job(state: TaskState) -> str:
        for i in range(5):
            state.check()
            state.progress(i + 1, 5)
            if i + 1 == pause_after:
                paused.set()
                go_on.wait(10)
        return "all five"

    return job


def run(qtbot, ops: Ops, job, *, cancel: bool, paused: threading.Event, go_on: threading.Event):  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int]] = []
    done: list[str] = []
    failed: list[BaseException] = []
    state = ops.task(job, done.append, lambda e, tb: failed.append(e),
                     on_progress=lambda d, t: seen.append((d, t)), write=True, changes=Change.SETS)
    assert paused.wait(10)
    if cancel:
        state.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: ops.idle, timeout=10000)
    return seen, done, failed


def test_a_cancelled_task_stops_at_its_next_check_and_reports_nothing(qtbot):
    changed: list[Change] = []
    ops = Ops(changed.append)
    paused, go_on = threading.Event(), threading.Event()
    seen, done, failed = run(qtbot, ops, counting(2, paused, go_on), cancel=True, paused=paused, go_on=go_on)
    assert seen == [(1, 5), (2, 5)]
    assert done == [] and failed == [] and changed == []


def test_a_task_left_alone_reports_every_step_then_its_result_and_change(qtbot):
    changed: list[Change] = []
    ops = Ops(changed.append)
    paused, go_on = threading.Event(), threading.Event()
    seen, done, failed = run(qtbot, ops, counting(2, paused, go_on), cancel=False, paused=paused, go_on=go_on)
    assert seen == [(i, 5) for i in range(1, 6)]
    assert done == ["all five"] and failed == [] and changed == [Change.SETS]
