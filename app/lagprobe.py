"""Measures how long the GUI thread's event loop goes without running: a timer that should
fire every few milliseconds records the longest gap between its ticks."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer


class LagProbe(QObject):
    def __init__(self, interval_ms: int = 5) -> None:
        super().__init__()
        self.interval = interval_ms / 1000
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last: float | None = None
        self.worst = 0.0  # seconds the loop was blocked beyond the interval
        self.ticks = 0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last is not None:
            self.worst = max(self.worst, now - self.last - self.interval)
        self.last = now
        self.ticks += 1
