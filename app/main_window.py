"""The main window: a navigation side bar and one page at a time. Geometry is remembered."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
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
from app.pages.about import AboutPage
from app.pages.exam import ExamPage
from app.pages.home import HomePage
from app.pages.placeholder import PlaceholderPage
from app.pages.practice import PracticePage
from app.pages.progress import ProgressPage
from app.pages.results import ResultsPage
from app.pages.settings import SettingsPage

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

        self._add("home", HomePage(ctx))
        self._add("practice", PracticePage(ctx))
        self._add("plan", PlaceholderPage("Study plan", "Coming soon: a six-to-eight-week plan of evening sessions aimed at your weak areas, exported to your calendar."))
        self._add("progress", ProgressPage(ctx))
        self._add("instructor", PlaceholderPage("Instructor", "Coming soon: build practice sets for a class, hand them out as files and see where the class is weak."))
        self._add("certs", PlaceholderPage("Certifications", "Coming soon: record the tests you have passed, see when each expires and how close you are to Master status."))
        self._add("settings", SettingsPage(ctx))
        self._add("about", AboutPage())
        self.exam_page = ExamPage(ctx)
        self._add("exam", self.exam_page)
        self.results_page = ResultsPage(ctx)
        self._add("results", self.results_page)

        ctx.exam_started.connect(self._on_exam_started)
        ctx.show_result.connect(self._on_show_result)
        ctx.navigate.connect(self.show_page)
        ctx.practise.connect(self._practise)
        ctx.drill.connect(self._drill)
        self.exam_page.left.connect(self._on_exam_left)
        self._restore_geometry()
        self.show_page("home")

    def _add(self, key: str, page: QWidget) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)

    def show_page(self, key: str) -> None:
        if self.stack.currentWidget() is self.exam_page and key != "exam" and self.exam_page.active is not None:
            return  # leave an exam only through its own Pause button
        self.stack.setCurrentWidget(self.pages[key])
        if key in self.nav_buttons:
            self.nav_buttons[key].setChecked(True)
        on_show = getattr(self.pages[key], "on_show", None)
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
        practice = self.pages["practice"]
        self.show_page("practice")
        if isinstance(practice, PracticePage):
            practice.select_test(test)
            if practice.test == test and practice.mode_buttons[mode].isEnabled():
                practice.start(mode)

    def _drill(self, test: str, area: str) -> None:
        progress = self.pages["progress"]
        if isinstance(progress, ProgressPage):
            progress.drill(area, test)

    def _on_exam_left(self) -> None:
        self.sidebar.setVisible(True)
        self.show_page("home")

    def _on_show_result(self, result) -> None:  # type: ignore[no-untyped-def]
        self.sidebar.setVisible(True)
        checked = self.nav_group.checkedButton()
        if checked is not None:  # no side-bar entry is "Results"
            self.nav_group.setExclusive(False)
            checked.setChecked(False)
            self.nav_group.setExclusive(True)
        self.results_page.show_result(result)
        self.stack.setCurrentWidget(self.results_page)
        self.results_page.on_show()

    def show_load_error(self, message: str) -> None:
        home = self.pages["home"]
        if isinstance(home, HomePage):
            home.show_error(message)

    # -- remembered window state
    def _restore_geometry(self) -> None:
        geo = self.ctx.settings.value("window/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1180, 780)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.exam_page.suspend()
        super().closeEvent(event)

    def shutdown(self) -> None:
        self.exam_page.suspend()
        if self.ctx.services is not None:
            self.ctx.services.close()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().keyPressEvent(event)


__all__ = ["MainWindow", "Qt"]
