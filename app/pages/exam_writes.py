"""The exam's changes, stored behind the screen one after another in the order they were made.

A key press asks for a change and returns at once: the next question is painted while the answer
is written on the write worker. Each change is planned only when its turn comes, from the exam as
stored by then (study.sitting), so two changes never race; the screen takes a change once it is
stored (`settled`), or says why not (`refused`). While a change waits longer than a moment (a class
server that stopped answering) the page says it is saving; the window never freezes.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

if TYPE_CHECKING:
    from app.context import AppContext
    from study.sitting import ActiveExam, Write

Plan = Callable[[], "Write | None"]


class ExamWrites(QObject):
    settled = Signal(object, object)  # the Write, and (ending the exam) its result
    refused = Signal(object, object)  # the Write, and the SaveFailed that says why

    def __init__(self, ctx: AppContext, active: ActiveExam, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.active = active
        self._waiting: deque[tuple[str, Plan]] = deque()
        self._busy_since: float | None = None  # when the change on the worker was handed over

    @property
    def idle(self) -> bool:
        return self._busy_since is None and not self._waiting

    def waiting_for(self) -> float:
        """Seconds the change being stored has taken so far (0 when none is)."""
        return 0.0 if self._busy_since is None else time.monotonic() - self._busy_since

    def has(self, kind: str) -> bool:
        return any(k == kind for k, _ in self._waiting)

    def add(self, kind: str, plan: Plan) -> None:
        """Store a change when its turn comes; `plan` builds it then (None: nothing to store after all)."""
        self._waiting.append((kind, plan))
        self._next()

    def clear(self) -> None:
        """Drop what waits (the exam was taken over by another window)."""
        self._waiting.clear()

    def _next(self) -> None:
        while self._busy_since is None and self._waiting:
            _, plan = self._waiting.popleft()
            w = plan()
            if w is None:
                continue
            self._busy_since = time.monotonic()
            self._hand_over(w)

    def _hand_over(self, w: Write) -> None:
        def job() -> Any:
            self.active.store(w)
            return self.active.result_of(w) if w.kind == "finish" else None

        def stored(result: Any) -> None:
            self._stored(w, result)

        def failed(e: BaseException, tb: str) -> None:
            self._failed(w, e, tb)

        self.ctx.ops.write(job, stored, failed, owner=self)

    def _stored(self, w: Write, result: Any) -> None:
        self._busy_since = None
        self.active.settle(w)
        try:
            self.settled.emit(w, result)
        finally:
            self._next()

    def _failed(self, w: Write, e: BaseException, tb: str) -> None:
        from study.sitting import SaveFailed

        self._busy_since = None
        try:
            if isinstance(e, SaveFailed):
                self.active.settle_failed(w, e)
                self.refused.emit(w, e)
            else:  # not a storage failure: a fault, said by the app's error dialog; the exam goes on
                self.active.settle_failed(w, SaveFailed(str(e) or e.__class__.__name__))
                self.refused.emit(w, SaveFailed(str(e) or e.__class__.__name__))
                if self.ctx.ops.report_error is not None:
                    self.ctx.ops.report_error(e, tb)
        finally:
            self._next()

    def finish_now(self) -> None:
        """Closing the app: let the change on the worker end, then store what waits right here (the
        window is gone; nothing is left to freeze)."""
        from study.sitting import SaveFailed

        self.ctx.ops.wait_for_writes()
        for _ in range(3):
            QCoreApplication.processEvents()  # its result, back on this thread
        while self._waiting and self._busy_since is None:
            _, plan = self._waiting.popleft()
            w = plan()
            if w is None:
                continue
            try:
                self.active.store(w)
            except SaveFailed as e:
                self.active.settle_failed(w, e)
            else:
                self.active.settle(w)
