"""What every screen shares: the services once loaded, and one app-wide 'something changed' signal.

Screens never call each other: they emit `changed` with what changed ("exams", ...) and each
screen decides whether to refresh (Anki's pattern).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Signal

if TYPE_CHECKING:
    from study.exams import ActiveExam, ExamResult
    from study.services import Services
    from study.storage.backup import Backups


class AppContext(QObject):
    ready = Signal()  # services loaded
    changed = Signal(str)  # "exams", "settings", ...
    exam_started = Signal(object)  # ActiveExam
    show_result = Signal(object)  # ExamResult
    navigate = Signal(str)  # page name
    drill = Signal(str, str)  # test code, area letter: start a Category drill
    practise = Signal(str, str)  # test code, mode key ("quick10", "full", ...): start it from anywhere

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.services: Services | None = None
        self.loader: Callable[[], Services] | None = None  # opens the services again (after a restore)
        # the backups of this start's SQLite database, even when it could not be opened (Help > Restore)
        self.local_backups: Callable[[], Backups | None] | None = None

    @property
    def is_ready(self) -> bool:
        return self.services is not None

    def set_services(self, services: Services) -> None:
        self.services = services
        self.ready.emit()

    def start_exam(self, active: ActiveExam) -> None:
        self.exam_started.emit(active)

    def open_result(self, result: ExamResult) -> None:
        self.show_result.emit(result)
