"""The main window: a navigation side bar and one page at a time. Geometry is remembered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import starting
from app.context import AppContext
from app.messages import plain_tip
from app.ops import Change
from app.pages.common import plain_label, push_button
from app.pages.home import HomePage
from study.day_words import moment_text

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from app.pages.exam import ExamPage
    from app.pages.results import ResultsPage
    from study.services import Services

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


READS_WAIT_MS = 60000
READS_STILL_RUNNING = ("ASE Prep was still reading your data a minute later (a long report or chart), so the "
                       "backup was not restored. Try again in a moment. Nothing was changed.")


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
        self.sidebar = QFrame()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(200)  # or wider: _fit_sidebar
        self.side_layout = side = QVBoxLayout(self.sidebar)
        side.setContentsMargins(10, 16, 10, 12)
        brand = plain_label("ASE Prep", "h2", wrap=False)
        brand.setContentsMargins(8, 0, 0, 12)
        side.addWidget(brand)
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        for i, (key, label) in enumerate(NAV + NAV_BOTTOM):
            if i == len(NAV):
                side.addStretch(1)
            b = push_button(label, "nav")
            b.setCheckable(True)
            b.setAccessibleName(f"{label} page")
            b.setToolTip(f"{label} (Ctrl+{i + 1})" if i < 9 else label)
            b.clicked.connect(lambda _=False, k=key: self.show_page(k))
            self.nav_group.addButton(b)
            self.nav_buttons[key] = b
            side.addWidget(b)
            if i < 9:
                shortcut = QShortcut(QKeySequence(f"Ctrl+{i + 1}"), self)
                shortcut.activated.connect(lambda k=key: self.show_page(k))
        row.addWidget(self.sidebar)

        self.stack = QStackedWidget()
        self.stack.setObjectName("pages")
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
        ctx.practise.connect(lambda test, mode: starting.start_mode(ctx, self, test, mode))
        ctx.drill.connect(lambda test, area: starting.start_drill(ctx, self, test, area))
        self._build_menu()
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_EVERY_MS)
        self.backup_timer.timeout.connect(self.periodic_backup)
        self.backup_timer.start()
        self._last_backup_mtime = 0.0
        self.snapshot_on_close = False  # the app's own start keeps Home's figures for the next one
        self.opened: Callable[[], Services | None] = lambda: None  # services loaded but not yet handed over
        self._restore_geometry()
        self.show_page("home")

    def _add(self, key: str, page: QWidget) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)

    # -- menus and backups
    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.quit_action = self._action("&Quit", self.close)
        # an exam in progress pauses and is kept. Set as a property: setShortcut's overloads make PySide
        # create its Qt namespace (~20 ms) before the first paint
        self.quit_action.setProperty("shortcut", QKeySequence("Ctrl+Q"))
        file_menu.addAction(self.quit_action)
        instructor_menu = self.menuBar().addMenu("&Instructor")
        self.live_action = self._action("&Live class", lambda: self.show_page("live"))
        instructor_menu.addAction(self.live_action)
        help_menu = self.menuBar().addMenu("&Help")
        self.restore_action = self._action("&Restore backup...", self.restore_backup)
        help_menu.addAction(self.restore_action)
        help_menu.addAction(self._action("&About ASE Prep", lambda: self.show_page("about")))

    def _action(self, text: str, do: Callable[[], object]) -> QAction:
        """A menu entry. Its text is set after it is made: QAction(text, parent) has PySide weigh an
        overload that takes an icon, which makes it build its QIcon class before the first paint."""
        action = QAction(self)
        action.setText(text)
        action.triggered.connect(do)
        return action

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

        def done(_info: Any) -> None:
            self._last_backup_mtime = max(self._last_backup_mtime, mtime)
            if self.statusBar().currentMessage().startswith(BACKUP_FAILED):
                self.statusBar().clearMessage()
                self.statusBar().setToolTip("")

        def failed(e: BaseException, _tb: str) -> None:
            text = f"{BACKUP_FAILED} {str(e).rstrip('.')}. It is tried again in 30 minutes; your answers are saved."
            self.statusBar().showMessage(text)
            self.statusBar().setToolTip(plain_tip(text))  # the whole sentence, however narrow the window

        self.ctx.ops.read(lambda: backups.take("periodic"), done, failed)

    def restore_backup(self) -> None:
        """Help > Restore backup: works whether or not the database opened (a damaged or half-upgraded
        file is set aside, never deleted). The data is closed, restored and opened again on the write
        worker, after every change asked for before."""
        ctx = self.ctx
        s = ctx.services
        backups = s.backups if s is not None else (ctx.local_backups() if ctx.local_backups else None)
        if backups is None:
            ctx.dialogs.inform(self, "Backups", "Backups are kept for a SQLite database in the data folder only.")
            return
        if self._exam_running():
            ctx.dialogs.inform(self, "Backups", "Finish or pause the exam first.")
            return
        chosen = ctx.dialogs.restore_backup(self, backups)
        if chosen is None:
            return
        ctx.services = None  # the screens ask nothing more of the old data
        loader = ctx.loader
        ops = ctx.ops

        def job() -> tuple[Services | None, str]:
            # a read still running (a report, a chart) has the file open: the restore waits for it
            reads_done = ops.wait_for_reads(READS_WAIT_MS)
            if s is not None:
                s.close()
            failed = "" if reads_done else READS_STILL_RUNNING
            try:
                if reads_done:
                    backups.restore(chosen)
            except Exception as e:  # noqa: BLE001 - said to the user; the live file was not replaced
                failed = str(e)
            return (loader() if loader is not None else None), failed

        def done(result: tuple[Services | None, str]) -> None:
            services, failed = result
            if failed:
                ctx.dialogs.fail(self, "Restore failed", failed)
            if services is not None:
                self._reloaded(services)
            if not failed:
                ctx.dialogs.inform(self, "Backup restored", f"Restored the copy from {moment_text(chosen.taken)}. "
                                   "The data it replaced was backed up first (or, if it was damaged, kept beside it).")

        ctx.ops.write(job, done, lambda e, tb: ctx.dialogs.fail(self, "ASE Prep cannot open its data", str(e)))

    def _reloaded(self, services: Services) -> None:
        self.ctx.set_services(services)
        self.ctx.say_changed(Change.EVERYTHING)
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
    def exam_page(self) -> ExamPage:
        return self.page("exam")  # type: ignore[return-value]

    @property
    def results_page(self) -> ResultsPage:
        return self.page("results")  # type: ignore[return-value]

    def _exam_running(self) -> bool:
        page = self.pages.get("exam")
        return page is not None and getattr(page, "active", None) is not None and self.stack.currentWidget() is page

    def exam_running(self) -> bool:
        """An exam is on screen (a later start's request waits until it is paused or ended)."""
        return self._exam_running()

    def show_page(self, key: str) -> None:
        if key != "exam" and self._exam_running():
            return  # leave an exam only through its own Pause button
        if self.ctx.services is None and key != "home":
            self.ctx.wait_visibly()  # the page fills once the services have loaded
        page = self.page(key)
        self._fit_sidebar()
        self.stack.setCurrentWidget(page)
        focus = QApplication.focusWidget()
        in_sidebar = focus is not None and self.sidebar.isAncestorOf(focus)
        if key in self.nav_buttons:
            self.nav_buttons[key].setChecked(True)
            if in_sidebar:  # the focus ring follows the page shown, never left on Home
                self.nav_buttons[key].setFocus()
        else:
            self._clear_nav()  # a page without a side-bar entry (the exam, results, live class)
        on_show = getattr(page, "on_show", None)
        if on_show:
            on_show()

    def current_page(self) -> str:
        w = self.stack.currentWidget()
        return next(k for k, p in self.pages.items() if p is w)

    def _on_exam_started(self, active: Any) -> None:
        self.sidebar.setVisible(False)
        self.exam_page.begin(active)
        self.show_page("exam")

    def _clear_nav(self) -> None:
        checked = self.nav_group.checkedButton()
        if checked is not None:
            self.nav_group.setExclusive(False)
            checked.setChecked(False)
            self.nav_group.setExclusive(True)

    def _on_exam_left(self) -> None:
        self.sidebar.setVisible(True)
        self.show_page("home")

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and self.nav_buttons:
            QTimer.singleShot(0, self, self._fit_sidebar)  # a new text size: once the buttons have it

    def _fit_sidebar(self) -> None:
        """As wide as its widest entry at the text size of the day (200 % text needs more than 200 px)."""
        from PySide6.QtGui import QFontMetrics

        m = self.side_layout.contentsMargins()

        def need(b: QPushButton) -> int:  # the chosen page's entry is painted bold, a little wider
            bold = b.font()
            bold.setBold(True)
            return b.sizeHint().width() + max(0, QFontMetrics(bold).horizontalAdvance(b.text())
                                              - b.fontMetrics().horizontalAdvance(b.text()))

        widest = max(need(b) for b in self.nav_buttons.values())
        self.sidebar.setFixedWidth(max(200, widest + m.left() + m.right()))

    def _on_show_result(self, result: Any, notice: str) -> None:
        self.sidebar.setVisible(True)
        self._fit_sidebar()
        self._clear_nav()
        self.results_page.show_result(result, notice)
        self.stack.setCurrentWidget(self.results_page)

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
        """Pause any exam, store every change asked for, take the at-exit copy and close; a failed
        copy is told at the next start."""
        self._suspend_exam()
        page = self.pages.get("exam")
        if page is not None:
            page.store_before_exit()  # type: ignore[attr-defined]
        self.backup_timer.stop()
        self.ctx.stop_waiting()
        self.ctx.ops.wait_for_all()
        # the services, or those opened for a window that closed before it could take them
        services = self.ctx.services or self.opened()
        self.ctx.services = None
        if services is not None:
            from app.home_figures import home_figures

            kept = home_figures if self.snapshot_on_close else None
            # on the write worker (the snapshot reads the database), waited for: the app is closing
            self.ctx.ops.write(lambda: services.close(backup=True, snapshot=kept))
            self.ctx.ops.wait_for_writes()

