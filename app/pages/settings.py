"""Settings: the learner's target accuracy and how fast old answers fade; comfort and access
(theme, text size, extra time on timed exams)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.context import AppContext
from app.fit_combo import FitCombo
from app.ops import Change
from app.pages.common import card, plain_label, push_button, scrolling_page
from app.theme import THEMES, apply_theme

if TYPE_CHECKING:
    from study.analytics.standings import AnalyticsSettings

EXTRA_TIME = ((1.0, "None (x1): the real test's time"), (1.5, "Time and a half (x1.5)"), (2.0, "Double time (x2)"))


def owner_only(path: str) -> None:
    """The settings file may hold a class-server password: readable by its owner only (a file on
    Linux and macOS; Windows keeps settings in the user's own registry hive)."""
    p = Path(path)
    if p.is_file():
        try:
            p.chmod(0o600)
        except OSError:
            pass


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        lay = scrolling_page(self, "Settings")
        box, inner = card()
        inner.addWidget(plain_label("Scores and predictions", "h2"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.target = QSpinBox()
        self.target.setRange(50, 95)
        self.target.setSuffix("%")
        self.target.setAccessibleName("Target accuracy in percent")
        self.half_life = QSpinBox()
        self.half_life.setRange(7, 120)
        self.half_life.setSuffix(" days")
        self.half_life.setAccessibleName("Half-life of old answers in days")
        form.addRow("Target accuracy", self.target)
        form.addRow("Old answers count half after", self.half_life)
        inner.addLayout(form)
        inner.addWidget(plain_label(
            "ASE pass marks are scaled and not published as a percentage, so the verdicts on Home and Progress "
            "(likely to pass, borderline, not yet) are measured against this target. 75% is a sensible default. "
            "Recent answers count more than old ones: an answer's weight halves after the half-life.", "muted"))
        lay.addWidget(box)

        comfort, cl = card()
        cl.addWidget(plain_label("Comfort and access", "h2"))
        cform = QFormLayout()
        cform.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.theme = FitCombo("Color theme")
        for key, label in THEMES.items():
            self.theme.addItem(label, key)
        self.scale = QSpinBox()
        self.scale.setRange(80, 200)
        self.scale.setSingleStep(10)
        self.scale.setSuffix("%")
        self.scale.setAccessibleName("Text size in percent")
        self.extra_time = FitCombo("Extra time on timed exams")
        for factor, label in EXTRA_TIME:
            self.extra_time.addItem(label, factor)
        for w in (self.target, self.half_life, self.theme, self.scale, self.extra_time):
            w.setMinimumWidth(300)
        cform.addRow("Theme", self.theme)
        cform.addRow("Text size", self.scale)
        cform.addRow("Extra time", self.extra_time)
        cl.addLayout(cform)
        cl.addWidget(plain_label(
            "Text size scales the whole app, the exam screen included. Extra time is an accommodation: full-length "
            "and half-length exams (and a timed Quick 10) get their time limit multiplied by it. If you have an "
            "approved accommodation for the real test, practice with the same time.", "muted"))
        lay.addWidget(comfort)

        server, sl = card()
        sl.addWidget(plain_label("Class server", "h2"))
        sl.addWidget(plain_label(
            "In a school lab your instructor gives you a database address to type here (it starts with "
            "postgresql+psycopg://). Leave it empty to keep your answers on this computer. The address is used "
            "from the next start; --db on the command line overrides it. It is kept in this computer's settings "
            "file, password included (the file is made readable by your login only), so use it only on your own "
            "lab login.", "muted"))
        srow = QHBoxLayout()
        self.server = QLineEdit()
        self.server.setAccessibleName("Class server database address")
        self.server.setPlaceholderText("postgresql+psycopg://student:password@server/class")
        self.test_server_btn = QPushButton("Test connection")
        self.test_server_btn.clicked.connect(self.test_server)
        srow.addWidget(self.server, 1)
        srow.addWidget(self.test_server_btn)
        sl.addLayout(srow)
        self.server_status = plain_label("", "muted")
        sl.addWidget(self.server_status)
        lay.addWidget(server)

        self.save_btn = push_button("Save settings", "primary")
        self.save_btn.setAccessibleName("Save settings")
        self.save_btn.clicked.connect(self.save)
        lay.addWidget(self.save_btn, 0, Qt.AlignmentFlag.AlignLeft)
        self.saved = plain_label("", "muted")
        lay.addWidget(self.saved)
        lay.addStretch(1)
        ctx.ready.connect(self.load)

    def on_show(self) -> None:
        self.load()

    def load(self) -> None:
        s = self.ctx.services
        self.scale.setValue(round(float(str(self.ctx.settings.value("text_scale", 1.0))) * 100))
        theme = str(self.ctx.settings.value("theme", "system"))
        self.theme.setCurrentIndex(max(0, self.theme.findData(theme)))
        self.server.setText(str(self.ctx.settings.value("db_url", "") or ""))
        if s is None:
            return

        def read() -> tuple[AnalyticsSettings, float]:
            return s.settings.analytics(), s.settings.extra_time()

        self.ctx.ops.read(read, self._loaded, owner=self)

    def _loaded(self, stored: tuple[AnalyticsSettings, float]) -> None:
        a, extra = stored
        self.target.setValue(round(a.target * 100))
        self.half_life.setValue(round(a.half_life_days))
        self.extra_time.setCurrentIndex(max(0, self.extra_time.findData(extra)))
        self.saved.setText("")

    def test_server(self) -> None:
        url = self.server.text().strip()
        if not url:
            self.server_status.setText("No address: answers stay on this computer.")
            return
        self.server_status.setText("Connecting...")
        from study.storage.database import check_connection

        self.ctx.ops.read(lambda: check_connection(url), self.server_status.setText, owner=self)

    def save(self) -> None:
        url = self.server.text().strip()
        if url != str(self.ctx.settings.value("db_url", "") or ""):
            if url:
                self.ctx.settings.setValue("db_url", url)
            else:
                self.ctx.settings.remove("db_url")
            self.ctx.settings.sync()
            owner_only(self.ctx.settings.fileName())

        s = self.ctx.services
        scale = self.scale.value() / 100
        theme = str(self.theme.currentData())
        # Theme and text size live with the window's settings, not the learner's record: they are
        # needed to paint the first window, before the database is open.
        self.ctx.settings.setValue("text_scale", scale)
        self.ctx.settings.setValue("theme", theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, scale, theme=theme)
        if s is None:
            self.saved.setText("Saved.")
            return
        target, half_life = f"{self.target.value() / 100:.2f}", str(self.half_life.value())
        extra = float(self.extra_time.currentData())

        def store() -> None:
            s.settings.set("target", target)
            s.settings.set("half_life_days", half_life)
            s.settings.set_extra_time(extra)

        self.saved.setText("Saving...")
        self.ctx.ops.write(store, lambda _: self.saved.setText("Saved."),
                           lambda e, tb: self.saved.setText(f"Not saved: {e}"), changes=Change.SETTINGS, owner=self)
