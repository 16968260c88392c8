"""Run slow work off the GUI thread and get the result back on it (Orange's and Anki's pattern).

A job is a plain function that never touches a widget; `on_done` and `on_error` run on the main
thread once it ends.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_live: set[_Job] = set()  # keep jobs (and their signal objects) alive until they report


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.signals = _Signals()

    def run(self) -> None:
        try:
            try:
                result = self.fn()
            except Exception as e:  # reported to on_error on the main thread
                self.signals.failed.emit(e, traceback.format_exc())
            else:
                self.signals.done.emit(result)
        except RuntimeError:
            pass  # the app quit while the job ran: its signals are gone and nobody waits for the answer


def run_in_background(fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException, str], None] | None = None) -> None:
    job = _Job(fn)
    _live.add(job)

    def done(result: Any) -> None:
        _live.discard(job)
        on_done(result)

    def failed(exc: BaseException, tb: str) -> None:
        _live.discard(job)
        if on_error is not None:
            on_error(exc, tb)
        else:
            raise exc

    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(job)
