"""Settings: the learner's target accuracy and how fast old answers fade, and the text size."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QFormLayout, QPushButton, QSpinBox, QWidget

from app.context import AppContext
from app.pages.common import card, page_layout, plain_label
from app.theme import apply_theme


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        lay = page_layout(self, "Settings")
        box, inner = card()
        form = QFormLayout()
        self.target = QSpinBox()
        self.target.setRange(50, 95)
        self.target.setSuffix(" %")
        self.target.setAccessibleName("Target accuracy in percent")
        self.half_life = QSpinBox()
        self.half_life.setRange(7, 120)
        self.half_life.setSuffix(" days")
        self.half_life.setAccessibleName("Half-life of old answers in days")
        self.scale = QSpinBox()
        self.scale.setRange(80, 200)
        self.scale.setSingleStep(10)
        self.scale.setSuffix(" %")
        self.scale.setAccessibleName("Text size in percent")
        form.addRow("Target accuracy", self.target)
        form.addRow("Old answers count half after", self.half_life)
        form.addRow("Text size", self.scale)
        inner.addLayout(form)
        inner.addWidget(plain_label(
            "ASE pass marks are scaled and not published as a percentage, so the verdicts on Home and Progress "
            "(likely to pass, borderline, not yet) are measured against this target. 75 % is a sensible default. "
            "Recent answers count more than old ones: an answer's weight halves after the half-life.", "muted"))
        self.save_btn = QPushButton("Save settings", objectName="primary")
        self.save_btn.clicked.connect(self.save)
        inner.addWidget(self.save_btn)
        self.saved = plain_label("", "muted")
        inner.addWidget(self.saved)
        lay.addWidget(box)
        lay.addStretch(1)
        ctx.ready.connect(self.load)

    def on_show(self) -> None:
        self.load()

    def load(self) -> None:
        s = self.ctx.services
        self.scale.setValue(round(float(self.ctx.settings.value("text_scale", 1.0)) * 100))
        if s is None:
            return
        a = s.settings.analytics()
        self.target.setValue(round(a.target * 100))
        self.half_life.setValue(round(a.half_life_days))
        self.saved.setText("")

    def save(self) -> None:
        s = self.ctx.services
        if s is not None:
            s.settings.set("target", f"{self.target.value() / 100:.2f}")
            s.settings.set("half_life_days", str(self.half_life.value()))
        scale = self.scale.value() / 100
        self.ctx.settings.setValue("text_scale", scale)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, scale)
        self.saved.setText("Saved.")
        self.ctx.changed.emit("settings")
