"""Answering the app's message boxes in GUI tests, whether a page made the box itself or called one
of QMessageBox's static functions (which no monkeypatch of Python code reaches)."""

from __future__ import annotations

from collections.abc import Callable


def is_message(widget) -> bool:  # type: ignore[no-untyped-def]
    """A message box: the app's own (app.message_box) or Qt's (its static functions)."""
    from PySide6.QtWidgets import QMessageBox

    from app.message_box import MessageBox

    return isinstance(widget, MessageBox | QMessageBox)


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
        if is_message(box):
            if self.before_answering is not None:
                self.before_answering()
            self.shown.append(box.text())
            button = box.button(QMessageBox.StandardButton.No) or box.button(QMessageBox.StandardButton.Ok)
            if button is not None:
                button.click()
            else:
                box.reject()


class ScriptedDialogs:
    """The app's dialogs (app.dialogs.Dialogs) answered as a person would, through the context: every
    question gets `yes` (or the next of `answers`), a Save dialog the next of `save_paths`, and so on.
    What was asked and said is kept, in order, for the test to read."""

    def __init__(self, *, yes: bool = True, answers: list[bool] | None = None, save_paths: list[str] | None = None,
                 open_paths: list[str] | None = None, texts: list[str | None] | None = None) -> None:
        self.yes = yes
        self.answers = list(answers or [])
        self.save_paths = list(save_paths or [])
        self.open_paths = list(open_paths or [])
        self.texts = list(texts or [])
        self.asked: list[tuple[str, str]] = []  # (title, text) of each question
        self.said: list[tuple[str, str]] = []  # (title, text) of each message
        self.saves: list[tuple[str, str]] = []  # (caption, suggested name) of each Save dialog
        self.chosen_backup = None

    @property
    def errors(self) -> list[str]:
        return [text for _, text in self.said]

    def _answer(self, title: str, text: str) -> bool:
        self.asked.append((title, text))
        return self.answers.pop(0) if self.answers else self.yes

    def inform(self, parent, title: str, text: str) -> None:  # type: ignore[no-untyped-def]
        self.said.append((title, text))

    def warn(self, parent, title: str, text: str, details: str = "") -> None:  # type: ignore[no-untyped-def]
        self.said.append((title, text))

    def fail(self, parent, title: str, text: str) -> None:  # type: ignore[no-untyped-def]
        self.said.append((title, text))

    def confirm(self, parent, title: str, text: str) -> bool:  # type: ignore[no-untyped-def]
        return self._answer(title, text)

    def ask(self, parent, title: str, text: str, yes: str) -> bool:  # type: ignore[no-untyped-def]
        return self._answer(title, text)

    def exam_not_finished(self, parent, unfinished, starting: str) -> bool:  # type: ignore[no-untyped-def]
        return self._answer("An exam is not finished", f"{unfinished.title} is not finished; starting {starting}")

    def save_file(self, parent, caption: str, name: str, kinds: str) -> str | None:  # type: ignore[no-untyped-def]
        self.saves.append((caption, name))
        return self.save_paths.pop(0) if self.save_paths else None

    def open_file(self, parent, caption: str, kinds: str, folder: str = "") -> str | None:  # type: ignore[no-untyped-def]
        return self.open_paths.pop(0) if self.open_paths else None

    def open_files(self, parent, caption: str, kinds: str, folder: str = "") -> list[str]:  # type: ignore[no-untyped-def]
        out, self.open_paths = self.open_paths, []
        return out

    def open_folder(self, parent, caption: str, folder: str = "") -> str | None:  # type: ignore[no-untyped-def]
        return self.open_paths.pop(0) if self.open_paths else None

    def text(self, parent, title: str, label: str, default: str = "") -> str | None:  # type: ignore[no-untyped-def]
        self.asked.append((title, label))
        return self.texts.pop(0) if self.texts else default

    def restore_backup(self, parent, backups):  # type: ignore[no-untyped-def]
        return self.chosen_backup


class ModalDriver:
    """Works the app's real modal dialogs as a person would: every 50 ms the dialog on top (if it
    is new) goes to `handle`, which clicks what the person would. Message boxes it does not handle
    are noted (title, text) and answered Yes if they ask, else OK."""

    def __init__(self, handle: Callable[[object], bool] | None = None) -> None:
        from PySide6.QtCore import QTimer

        self.handle = handle or (lambda widget: False)
        self.boxes: list[tuple[str, str]] = []
        self._done: list[object] = []  # kept, so no later dialog can take a handled one's id
        self.timer = QTimer()
        self.timer.timeout.connect(self._step)
        self.timer.start(50)

    def texts(self) -> list[str]:
        return [text for _, text in self.boxes]

    def _step(self) -> None:
        from PySide6.QtWidgets import QApplication

        top = QApplication.activeModalWidget()
        if top is None or any(top is d for d in self._done) or not top.isVisible():
            return
        self._done.append(top)
        from PySide6.QtCore import QTimer

        # worked from the event loop, not inside this timer's slot: a click that opens another
        # dialog runs that dialog's loop, and the timer does not fire again until its slot returns
        QTimer.singleShot(0, lambda: self._work(top))

    def _work(self, top) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QMessageBox

        if self.handle(top):
            return
        if is_message(top):
            self.boxes.append((top.windowTitle(), top.text()))
            button = top.button(QMessageBox.StandardButton.Yes) or top.button(QMessageBox.StandardButton.Ok)
            if button is not None:
                button.click()
            else:
                top.accept()

    def stop(self) -> None:
        self.timer.stop()
