"""Build a set > Questions drawn at random: how many to draw from each content area of the test, or
from one topic within it, beside how many the pool holds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QSpinBox, QWidget

from app.pages.common import ElidedLabel, clear_layout, plain_label


class DrawGrid(QWidget):
    changed = Signal()  # a number changed

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(14)
        self.setMaximumWidth(760)
        self.area_spins: dict[str, QSpinBox] = {}
        self.topic_spins: dict[tuple[str, str], QSpinBox] = {}

    def fill(self, bp: Any, pool: list[Any]) -> None:
        """One row per content area and, under it, one per topic the pool has, each with its count."""
        clear_layout(self.grid)
        self.area_spins.clear()
        self.topic_spins.clear()
        for col, text in enumerate(("Content area or topic", "In the pool", "How many")):
            self.grid.addWidget(plain_label(text, "muted", wrap=False), 0, col)
        r = 1
        for a in bp.areas:
            in_area = [q for q in pool if q.area == a.letter]
            title = ElidedLabel(f"{a.letter}. {a.title}")  # "..." in a narrow window, the whole title in its tooltip
            self.grid.addWidget(title, r, 0)
            self.grid.addWidget(plain_label(str(len(in_area)), wrap=False), r, 1)
            self.area_spins[a.letter] = self._spin(len(in_area), f"How many from area {a.letter}, {a.title}")
            self.grid.addWidget(self.area_spins[a.letter], r, 2)
            r += 1
            topics = sorted({q.topic for q in in_area}, key=lambda t: (t not in a.topics, a.topics.index(t)
                                                                       if t in a.topics else 0, t))
            for t in topics:
                n = sum(1 for q in in_area if q.topic == t)
                topic = ElidedLabel(t, "muted")
                topic.setIndent(28)
                self.grid.addWidget(topic, r, 0)
                self.grid.addWidget(plain_label(str(n), "muted", wrap=False), r, 1)
                self.topic_spins[(a.letter, t)] = self._spin(n, f"How many from topic {t}, area {a.letter}")
                self.grid.addWidget(self.topic_spins[(a.letter, t)], r, 2)
                r += 1
        self.grid.setColumnStretch(0, 1)

    def _spin(self, maximum: int, name: str) -> QSpinBox:
        sp = QSpinBox()
        sp.setRange(0, maximum)
        sp.setAccessibleName(name)
        sp.setMinimumWidth(80)
        sp.valueChanged.connect(lambda _v: self.changed.emit())
        return sp

    def per_area(self) -> dict[str, int]:
        return {a: sp.value() for a, sp in self.area_spins.items()}

    def per_topic(self) -> dict[tuple[str, str], int]:
        return {k: sp.value() for k, sp in self.topic_spins.items()}
