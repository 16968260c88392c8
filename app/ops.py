"""The GUI's door to the domain: reads on a worker, every write on one write worker in order,
long work with progress and a cancel token (Anki's QueryOp and CollectionOp, Orange's `state`).

    ctx.ops.read(lambda: services.exams.recent(20), self.fill)
    ctx.ops.write(lambda: services.certs().add("A5", day), self.added, changes=Change.CERTS)
    ctx.ops.task(lambda state: import_all(files, state), self.done, on_progress=self.bar.setValue)

A job is a plain function that never touches a widget; `on_done` and `on_error` run on the main
thread once it ends (not at all if `owner`, the widget that asked, is gone by then). Writes run one
at a time in the order they were asked, so a later read sees an earlier write; once a write is done
the context's `changed` signal says what changed, as a `Change` (a typo is an AttributeError, not a
screen that silently never refreshes). No database write and no network round trip runs on the
GUI thread.
"""

from __future__ import annotations

import enum
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class Change(enum.Flag):
    """What a write changed, for the screens that show it."""

    NOTHING = 0
    EXAMS = enum.auto()  # an exam started, moved on, ended, or was discarded
    SETTINGS = enum.auto()  # the learner's target, half-life, extra time
    PLAN = enum.auto()  # the study plan and the review queue
    CERTS = enum.auto()  # certifications passed
    QUESTIONS = enum.auto()  # the instructor's own questions, and so the bank
    SETS = enum.auto()  # practice sets built or opened, class results imported
    EVERYTHING = EXAMS | SETTINGS | PLAN | CERTS | QUESTIONS | SETS  # a restored backup


class Cancelled(Exception):
    """Raised by `TaskState.check` once the person cancelled the task."""


class TaskState:
    """What a long job sees of the screen that started it (Orange's `state`): whether it was
    cancelled, and where to report how far it has got. Safe to use from the worker."""

    def __init__(self) -> None:
        self._cancelled = threading.Event()
        self._report: _Report | None = None

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Stop here (raise Cancelled) if the person cancelled."""
        if self._cancelled.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int) -> None:
        if self._report is not None:
            self._report.progress.emit(done, total)


class _Report(QObject):
    """Made on the main thread, so what the worker emits arrives there (queued connections)."""

    done = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], report: _Report) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.fn = fn
        self.report = report

    def run(self) -> None:
        try:
            try:
                result = self.fn()
            except BaseException as e:  # noqa: BLE001 - every failure is reported to the main thread
                self.report.failed.emit(e, traceback.format_exc())
            else:
                self.report.done.emit(result)
        except RuntimeError:
            pass  # the app quit while the job ran: its signals are gone and nobody waits for the answer


OnDone = Callable[[Any], None]
OnError = Callable[[BaseException, str], None]


class Ops(QObject):
    """Runs the GUI's jobs off its thread: reads on a pool, writes on one worker in order."""

    def __init__(self, changed: Callable[[Change], None], report_error: OnError | None = None) -> None:
        super().__init__()
        self._changed = changed
        self.report_error = report_error  # a failure nobody handles (the app's error dialog)
        self._readers = QThreadPool.globalInstance()
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)  # one write at a time, in the order asked
        self._writer.setExpiryTimeout(-1)  # the same thread for the whole run (its connections stay with it)
        self._live: set[_Job] = set()
        self._writes = 0  # asked for and not yet reported back
        self._reads = 0

    # -- what callers ask for
    def read(self, fn: Callable[[], Any], on_done: OnDone, on_error: OnError | None = None, *,
             owner: QObject | None = None) -> None:
        """A query: on the reader pool, its result back on the main thread."""
        self._reads += 1
        self._readers.start(self._job(fn, on_done, on_error, owner, Change.NOTHING, write=False))

    def write(self, fn: Callable[[], Any], on_done: OnDone | None = None, on_error: OnError | None = None, *,
              changes: Change = Change.NOTHING, owner: QObject | None = None) -> None:
        """A change: on the write worker after every write asked before it; then `changes` is said."""
        self._writes += 1
        self._writer.start(self._job(fn, on_done, on_error, owner, changes, write=True))

    def task(self, fn: Callable[[TaskState], Any], on_done: OnDone, on_error: OnError | None = None, *,
             on_progress: Callable[[int, int], None] | None = None, write: bool = False,
             changes: Change = Change.NOTHING, owner: QObject | None = None) -> TaskState:
        """Long work that reports progress and can be cancelled: `fn(state)` checks `state.check()`
        between steps. With `write`, it runs on the write worker like any other change."""
        state = TaskState()
        if write:
            self._writes += 1
        else:
            self._reads += 1
        job = self._job(lambda: fn(state), on_done, on_error, owner, changes, write=write)
        state._report = job.report
        if on_progress is not None:
            job.report.progress.connect(lambda done, total: _alive(owner) and on_progress(done, total))
        (self._writer if write else self._readers).start(job)
        return state

    # -- for closing the app and for tests
    @property
    def idle(self) -> bool:
        """Nothing asked for is still running or waiting to be reported."""
        return self._writes == 0 and self._reads == 0

    @property
    def writing(self) -> bool:
        return self._writes > 0

    def wait_for_writes(self, timeout_ms: int = 30000) -> bool:
        """Block until every write asked for has run (closing the app: nothing asked is lost)."""
        return bool(self._writer.waitForDone(timeout_ms))

    def wait_for_reads(self, timeout_ms: int = 30000) -> bool:
        """Block until every read asked for has run (from the write worker: a restore must not
        replace the file under a read that still has it open)."""
        return bool(self._readers.waitForDone(timeout_ms))

    def wait_for_all(self, timeout_ms: int = 30000) -> bool:
        """Block until every job has run, reads too (before the database closes)."""
        return bool(self._writer.waitForDone(timeout_ms)) and bool(self._readers.waitForDone(timeout_ms))

    # -- the machinery
    def _job(self, fn: Callable[[], Any], on_done: OnDone | None, on_error: OnError | None,
             owner: QObject | None, changes: Change, *, write: bool) -> _Job:
        job = _Job(fn, _Report())
        self._live.add(job)  # kept alive (with its signals) until it reports

        def finished() -> None:
            self._live.discard(job)
            if write:
                self._writes -= 1
            else:
                self._reads -= 1

        def done(result: Any) -> None:
            finished()
            try:
                if on_done is not None and _alive(owner):
                    _unless_gone(on_done, result)
            finally:
                if changes:
                    self._changed(changes)

        def failed(exc: BaseException, tb: str) -> None:
            finished()
            if isinstance(exc, Cancelled):
                return
            if on_error is not None:
                if _alive(owner):
                    _unless_gone(on_error, exc, tb)
            elif self.report_error is not None:
                self.report_error(exc, tb)
            else:
                raise exc

        job.report.done.connect(done)
        job.report.failed.connect(failed)
        return job


def _alive(owner: QObject | None) -> bool:
    return owner is None or shiboken6.isValid(owner)


GONE = ("already deleted", "Signal source has been deleted")  # PySide's words for a widget gone


def _unless_gone(fn: Callable[..., None], *args: Any) -> None:
    """Hand a job's answer to the screen that asked; a screen closed meanwhile (a label of a
    dialog already gone, say, when no owner was named) drops the answer instead of raising it
    into whatever runs next. Any other error is raised as before."""
    try:
        fn(*args)
    except RuntimeError as e:
        if not any(words in str(e) for words in GONE):
            raise
