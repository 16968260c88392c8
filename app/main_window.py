"""The main window: a navigation side bar and one page at a time. Geometry is remembered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.messages import fail, inform, plain_tip
from app.pages.home import HomePage
from app.workers import run_in_background

BACKUP_EVERY_MS = 30 * 60 * 1000
BACKUP_FAILED = "The backup copy could not be taken:"


def _lazy(module: str, name: str, *args: object) -> Callable[[], QWidget]:
    """A factory that imports its page's module only when the page is first shown (a fast first window)."""

    def make() -> QWidget:
        import importlib

        return getattr(importlib.import_module(module), name)(*args)  # type: ignore[no-any-return]

    return make


NAV = [
    ("home", "Home"),
    ("practice", "Practice"),
    ("plan", "Study plan"),
    ("progress", "Progress"),
    ("instructor", "Instructor"),
    ("certs", "Certifications"),
]
NAV_BOTTOM = [("settings", "Settings"), ("about", "About")]


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("ASE Prep")
        self.setMinimumSize(1024, 700)
        self.pages: dict[str, QWidget] = {}
        self.nav_buttons: dict[str, QPushButton] = {}

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.sidebar = QFrame(objectName="sidebar")
        self.sidebar.setFixedWidth(200)
        side = QVBoxLayout(self.sidebar)
        side.setContentsMargins(10, 16, 10, 12)
        brand = QLabel("ASE Prep", objectName="h2")
        brand.setContentsMargins(8, 0, 0, 12)
        side.addWidget(brand)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        for i, (key, label) in enumerate(NAV + NAV_BOTTOM):
            if i == len(NAV):
                side.addStretch(1)
            b = QPushButton(label, objectName="nav", checkable=True)
            b.setAccessibleName(f"{label} page")
            b.setToolTip(f"{label} (Ctrl+{i + 1})" if i < 9 else label)
            b.clicked.connect(lambda _=False, k=key: self.show_page(k))
            self.nav_group.addButton(b)
            self.nav_buttons[key] = b
            side.addWidget(b)
            if i < 9:
                QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self, activated=lambda k=key: self.show_page(k))
        row.addWidget(self.sidebar)

        self.stack = QStackedWidget(objectName="pages")
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # Home is built now; every other page on first use, so the window appears fast.
        self._factories: dict[str, Callable[[], QWidget]] = {
            "practice": _lazy("app.pages.practice", "PracticePage", ctx),
            "plan": _lazy("app.pages.plan", "PlanPage", ctx),
            "progress": _lazy("app.pages.progress", "ProgressPage", ctx),
            "instructor": _lazy("app.pages.instructor", "InstructorPage", ctx),
            "certs": _lazy("app.pages.certs", "CertsPage", ctx),
            "settings": _lazy("app.pages.settings", "SettingsPage", ctx),
            "about": _lazy("app.pages.about", "AboutPage"),
            "exam": self._make_exam_page,
            "results": _lazy("app.pages.results", "ResultsPage", ctx),
            "live": _lazy("app.pages.live_class", "LiveClassPage", ctx),
        }
        self._add("home", HomePage(ctx))

        ctx.exam_started.connect(self._on_exam_started)
        ctx.show_result.connect(self._on_show_result)
        ctx.navigate.connect(self.show_page)
        ctx.practise.connect(self._practise)
        ctx.drill.connect(self._drill)
        self._build_menu()
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_EVERY_MS)
        self.backup_timer.timeout.connect(self.periodic_backup)
        self.backup_timer.start()
        self._last_backup_mtime = 0.0
        self._restore_geometry()
        self.show_page("home")

    def _add(self, key: str, page: QWidget) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)

    # -- menus and backups
    def _build_menu(self) -> None:
        instructor_menu = self.menuBar().addMenu("&Instructor")
        self.live_action = QAction("&Live class", self)
        self.live_action.triggered.connect(lambda: self.show_page("live"))
        instructor_menu.addAction(self.live_action)
        help_menu = self.menuBar().addMenu("&Help")
        self.restore_action = QAction("&Restore backup...", self)
        self.restore_action.triggered.connect(self.restore_backup)
        help_menu.addAction(self.restore_action)
        about = QAction("&About ASE Prep", self)
        about.triggered.connect(lambda: self.show_page("about"))
        help_menu.addAction(about)

    def periodic_backup(self) -> None:
        """At most every 30 minutes, and only when the database changed since the last copy that
        worked; a copy that fails is said in the status bar (and at the next start) and tried again."""
        s = self.ctx.services
        if s is None or s.backups is None:
            return
        path = s.backups.db_path
        mtime = max((p.stat().st_mtime for p in (path, Path(f"{path}-wal")) if p.exists()), default=0.0)
        if mtime <= self._last_backup_mtime:
            return
        backups = s.backups

        def done(_info) -> None:  # type: ignore[no-untyped-def]
            self._last_backup_mtime = max(self._last_backup_mtime, mtime)
            if self.statusBar().currentMessage().startswith(BACKUP_FAILED):
                self.statusBar().clearMessage()
                self.statusBar().setToolTip("")

        def failed(e: BaseException, _tb: str) -> None:
            text = f"{BACKUP_FAILED} {str(e).rstrip('.')}. It is tried again in 30 minutes; your answers are saved."
            self.statusBar().showMessage(text)
            self.statusBar().setToolTip(plain_tip(text))  # the whole sentence, however narrow the window

        run_in_background(lambda: backups.take("periodic"), done, failed)

    def restore_backup(self) -> None:
        """Help > Restore backup: works whether or not the database opened (a damaged or half-upgraded
        file is set aside, never deleted)."""
        s = self.ctx.services
        backups = s.backups if s is not None else (self.ctx.local_backups() if self.ctx.local_backups else None)
        if backups is None:
            inform(self, "Backups", "Backups are kept for a SQLite database in the data folder only.")
            return
        if self._exam_running():
            inform(self, "Backups", "Finish or pause the exam first.")
            return
        from app.backups_dialog import RestoreDialog

        dialog = RestoreDialog(backups, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        chosen = dialog.chosen
        self.ctx.services = None
        if s is not None:
            s.close()
        try:
            backups.restore(chosen)
        except Exception as e:  # noqa: BLE001 - shown to the user; the live file was not replaced
            fail(self, "Restore failed", str(e))
        loader = self.ctx.loader
        if loader is not None:
            run_in_background(loader, self._reloaded,
                              lambda e, tb: fail(self, "ASE Prep cannot open its data", str(e)))

    def _reloaded(self, services) -> None:  # type: ignore[no-untyped-def]
        self.ctx.set_services(services)
        self.ctx.changed.emit("exams")
        self.show_page("home")

    def page(self, key: str) -> QWidget:
        """The page, built on first use."""
        if key not in self.pages:
            self._add(key, self._factories[key]())
        return self.pages[key]

    def _make_exam_page(self) -> QWidget:
        from app.pages.exam import ExamPage

        page = ExamPage(self.ctx)
        page.left.connect(self._on_exam_left)
        return page

    @property
    def exam_page(self):  # type: ignore[no-untyped-def]
        return self.page("exam")

    @property
    def results_page(self):  # type: ignore[no-untyped-def]
        return self.page("results")

    def _exam_running(self) -> bool:
        page = self.pages.get("exam")
        return page is not None and getattr(page, "active", None) is not None and self.stack.currentWidget() is page

    def show_page(self, key: str) -> None:
        if key != "exam" and self._exam_running():
            return  # leave an exam only through its own Pause button
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        if key in self.nav_buttons:
            self.nav_buttons[key].setChecked(True)
        else:
            self._clear_nav()  # a page without a side-bar entry (the exam, results, live class)
        on_show = getattr(page, "on_show", None)
        if on_show:
            on_show()

    def current_page(self) -> str:
        w = self.stack.currentWidget()
        return next(k for k, p in self.pages.items() if p is w)

    def _on_exam_started(self, active) -> None:  # type: ignore[no-untyped-def]
        self.sidebar.setVisible(False)
        self.exam_page.begin(active)
        self.show_page("exam")

    def _practise(self, test: str, mode: str) -> None:
        practice = self.page("practice")
        self.show_page("practice")
        practice.select_test(test)  # type: ignore[attr-defined]
        if practice.test == test and practice.mode_buttons[mode].isEnabled():  # type: ignore[attr-defined]
            practice.start(mode)  # type: ignore[attr-defined]

    def _drill(self, test: str, area: str) -> None:
        self.page("progress").drill(area, test)  # type: ignore[attr-defined]

    def _clear_nav(self) -> None:
        checked = self.nav_group.checkedButton()
        if checked is not None:
            self.nav_group.setExclusive(False)
            checked.setChecked(False)
            self.nav_group.setExclusive(True)

    def _on_exam_left(self) -> None:
        self.sidebar.setVisible(True)
        self.show_page("home")

    def _on_show_result(self, result) -> None:  # type: ignore[no-untyped-def]
        self.sidebar.setVisible(True)
        self._clear_nav()
        self.results_page.show_result(result)
        self.stack.setCurrentWidget(self.results_page)
        self.results_page.on_show()

    def show_load_error(self, message: str) -> None:
        home = self.page("home")
        if isinstance(home, HomePage):
            home.show_error(message)

    # -- remembered window state
    def _restore_geometry(self) -> None:
        geo = self.ctx.settings.value("window/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            screen = self.screen().availableGeometry() if self.screen() is not None else None
            if screen is not None:  # first start: a comfortable size that fits this screen
                self.resize(min(1180, int(screen.width() * 0.92)), min(780, int(screen.height() * 0.92)))
            else:
                self.resize(1180, 780)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self._suspend_exam()
        super().closeEvent(event)

    def _suspend_exam(self) -> None:
        page = self.pages.get("exam")
        if page is not None:
            page.suspend()  # type: ignore[attr-defined]

    def shutdown(self) -> None:
        """Pause any exam, take the at-exit copy and close; a failed copy is told at the next start."""
        self._suspend_exam()
        if self.ctx.services is not None:
            self.ctx.services.close(backup=True)
            self.ctx.services = None

