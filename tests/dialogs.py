"""Answering the app's message boxes in GUI tests, whether a page made the box itself or called one
of QMessageBox's static functions (which no monkeypatch of Python code reaches)."""

from __future__ import annotations

from collections.abc import Callable


class DialogAnswerer:
    """Answers every message box that comes up (static or not) with No, noting its text."""

    def __init__(self, before_answering: Callable[[], None] | None = None) -> None:
        from PySide6.QtCore import QTimer

        self.before_answering = before_answering  # e.g. let the box paint first
        self.shown: list[str] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._answer)
        self.timer.start(50)

    def _answer(self) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            if self.before_answering is not None:
                self.before_answering()
            self.shown.append(box.text())
            button = box.button(QMessageBox.StandardButton.No) or box.button(QMessageBox.StandardButton.Ok)
            if button is not None:
                button.click()
            else:
                box.reject()
