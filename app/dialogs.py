"""Every question the app asks and every file it asks for, in one place the screens reach through
their context (`ctx.dialogs`). A test gives the context its own Dialogs that answers as a person
would (a file name for a Save dialog, Yes or No), so the screens are driven whole.

Text from outside the app (a file's name, a student's name) is shown as plain text
(app.messages).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6 import QtWidgets  # its dialogs' classes are made on first use, not before the first window

from app import file_places, messages

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from study.exams import ExamSummary


class Dialogs:
    # the app's settings (AppContext gives them): file dialogs open in the folder last used, else Documents
    settings: Any = None

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        messages.inform(parent, title, text)

    def warn(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        messages.warn(parent, title, text, details)

    def fail(self, parent: QWidget | None, title: str, text: str) -> None:
        messages.fail(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        """Yes or No; True for Yes."""
        return messages.confirm(parent, title, text)

    def ask(self, parent: QWidget | None, title: str, text: str, yes: str) -> bool:
        """`yes` or Cancel; True for `yes`."""
        return messages.ask(parent, title, text, yes)

    def exam_not_finished(self, parent: QWidget | None, unfinished: ExamSummary, starting: str) -> bool:
        """The one question before a new exam replaces an unfinished one; True to go ahead.
        `starting` names what is starting ("the new exam", "this session", "the set")."""
        return self.ask(parent, "An exam is not finished",
                        f"{unfinished.title} is not finished ({unfinished.answered} of {unfinished.question_count} "
                        f"answered). Starting {starting} closes it unfinished; its answers stay in your history.",
                        f"Start {starting}")

    # -- files
    def save_file(self, parent: QWidget | None, caption: str, name: str, kinds: str) -> str | None:
        """The file to write, suggesting `name`; None when the person cancels."""
        path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, caption, file_places.suggest(self.settings, name), kinds)
        file_places.remember(self.settings, path)
        return path or None

    def open_file(self, parent: QWidget | None, caption: str, kinds: str, folder: str = "") -> str | None:
        """The file to read, the dialog starting in `folder` (the one last used for such files)."""
        path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, caption, folder or file_places.start_folder(self.settings), kinds)
        file_places.remember(self.settings, path)
        return path or None

    def open_files(self, parent: QWidget | None, caption: str, kinds: str, folder: str = "") -> list[str]:
        """The files to read, the dialog starting in `folder` (the one last used for such files), else
        in the folder last used for any file, else Documents."""
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(parent, caption, folder or file_places.start_folder(self.settings), kinds)
        file_places.remember(self.settings, paths[0] if paths else None)
        return list(paths)

    def open_folder(self, parent: QWidget | None, caption: str, folder: str = "") -> str | None:
        chosen = QtWidgets.QFileDialog.getExistingDirectory(parent, caption, folder or file_places.start_folder(self.settings))
        file_places.remember(self.settings, chosen, is_folder=True)
        return chosen or None

    def text(self, parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
        """A line of text (a name); None when the person cancels."""
        text, ok = QtWidgets.QInputDialog.getText(parent, title, label, QtWidgets.QLineEdit.EchoMode.Normal, default)
        return text if ok else None

    def restore_backup(self, parent: QWidget | None, backups: Any) -> Any:
        """Help > Restore backup: the copy the person chose, or None."""
        from PySide6.QtWidgets import QDialog

        from app.backups_dialog import RestoreDialog

        dialog = RestoreDialog(backups, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen
