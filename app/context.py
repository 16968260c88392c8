"""What every screen shares: the services once loaded, the door to them (`ops`), the dialogs, and
the app-wide signals by which screens hand things to one another.

Screens never call each other. A write says what it changed (`changed`, a `Change`) and each screen
decides whether to refresh (Anki's pattern); a screen that sends the learner elsewhere with
something to do (plan these tests, show this result) asks through the context, and the page that
does it takes the request when it is shown. Dialogs come through `dialogs`, so a test answers
them there instead of patching module names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QSettings, Signal

from app.dialogs import Dialogs
from app.ops import Change, Ops

if TYPE_CHECKING:
    from study.exams import ActiveExam, ExamResult
    from study.services import Services
    from study.storage.backup import Backups


class AppContext(QObject):
    ready = Signal()  # services loaded
    changed = Signal(object)  # a Change: what a write changed
    exam_started = Signal(object)  # ActiveExam
    show_result = Signal(object, str)  # ExamResult, and a notice to show above it ("" for none)
    navigate = Signal(str)  # page name
    drill = Signal(str, str)  # test code, area letter: start a Category drill
    practise = Signal(str, str)  # test code, mode key ("quick10", "full", ...): start it from anywhere

    def __init__(self, settings: QSettings, dialogs: Dialogs | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.services: Services | None = None
        self.ops = Ops(self.say_changed)
        self.dialogs = dialogs or Dialogs()
        self.dialogs.settings = settings  # file dialogs open in the folder last used, else Documents
        self.loader: Callable[[], Services] | None = None  # opens the services again (after a restore)
        # the backups of this start's SQLite database, even when it could not be opened (Help > Restore)
        self.local_backups: Callable[[], Backups | None] | None = None
        self._requests: dict[str, object] = {}
        self._waiting: dict[str, Callable[[], None]] = {}  # asked for before the services loaded
        self._busy = False
        self._load_failed = False  # the services could not be loaded: nothing waits for them

    @property
    def is_ready(self) -> bool:
        return self.services is not None

    def set_services(self, services: Services) -> None:
        self.services = services
        self._load_failed = False
        self.ready.emit()
        self._stop_waiting()
        waiting, self._waiting = self._waiting, {}
        for action in waiting.values():  # each once, in the order first asked
            action()

    def when_ready(self, key: str, action: Callable[[], None]) -> bool:
        """True when the services are loaded: go ahead. Else `action` is kept and run once they are (a
        second press of the same thing, `key`, before then is the same press), and the wait shows."""
        if self.services is not None:
            return True
        if not self._load_failed:  # after a failure (said on Home) the press does nothing
            self._waiting[key] = action
            self.wait_visibly()
        return False

    def wait_visibly(self) -> None:
        """A busy cursor until the services have loaded (or failed to)."""
        if not self._busy and not self._load_failed:
            from PySide6.QtCore import Qt
            from PySide6.QtWidgets import QApplication

            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self._busy = True

    def loading_failed(self) -> None:
        """The services could not be loaded (said in a dialog): what waited for them is dropped."""
        self._load_failed = True
        self.stop_waiting()

    def stop_waiting(self) -> None:
        """Drop what waits for the services (the window closes, or they failed to load) and the busy cursor."""
        self._waiting.clear()
        self._stop_waiting()

    def _stop_waiting(self) -> None:
        if self._busy:
            from PySide6.QtWidgets import QApplication

            QApplication.restoreOverrideCursor()
            self._busy = False

    def start_exam(self, active: ActiveExam) -> None:
        self.exam_started.emit(active)

    def open_result(self, result: ExamResult, notice: str = "") -> None:
        self.show_result.emit(result, notice)

    def say_changed(self, what: Change) -> None:
        """Tell every screen what a write changed; a write that reports after its window closed
        (the context deleted) tells nobody."""
        if shiboken6.isValid(self):
            self.changed.emit(what)

    # -- hand-offs between screens
    def go(self, page: str, request: object = None) -> None:
        """Show `page`, handing it `request` (the tests to plan for, say); it takes it when shown."""
        if request is not None:
            self._requests[page] = request
        self.navigate.emit(page)

    def take_request(self, page: str) -> object:
        """What the last `go` to this page asked of it (once), or None."""
        return self._requests.pop(page, None)
