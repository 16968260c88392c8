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

    @property
    def is_ready(self) -> bool:
        return self.services is not None

    def set_services(self, services: Services) -> None:
        self.services = services
        self.ready.emit()

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
