"""Help > Restore backup: the copies kept, with dates and sizes; restoring one replaces the
current database (which is itself backed up first)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from app.messages import confirm, warn
from app.pages.common import plain_label
from study.day_words import moment_text


class RestoreDialog(QDialog):
    def __init__(self, backups, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.setWindowTitle("Restore a backup")
        self.setMinimumSize(560, 380)
        self.backups = backups
        self.chosen = None
        lay = QVBoxLayout(self)
        lay.addWidget(plain_label(
            "ASE Prep copies your database before every upgrade, import and restore, when you close the app, and "
            "every 30 minutes while you study. Restoring a copy replaces your current data; the current data is "
            "backed up first, so this can be undone."))
        self.list = QListWidget()
        self.list.setAccessibleName("Backups, newest first")
        lay.addWidget(self.list, 1)
        self.now_btn = QPushButton("Back up now")
        self.now_btn.clicked.connect(self.back_up_now)
        lay.addWidget(self.now_btn, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox()
        self.restore_btn = buttons.addButton("Restore the selected copy", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._restore)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.fill()

    def fill(self) -> None:
        self.list.clear()
        for b in self.backups.all():
            item = QListWidgetItem(b.label)
            item.setData(Qt.ItemDataRole.UserRole, b)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.restore_btn.setEnabled(self.list.count() > 0)

    def back_up_now(self) -> None:
        from study.storage.backup import BackupError

        try:
            self.backups.take("manual")
        except BackupError as e:
            warn(self, "Backup failed", str(e))
        self.fill()

    def _restore(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        b = item.data(Qt.ItemDataRole.UserRole)
        if confirm(self, "Restore this backup?", f"Replace your current data with the copy from "
                   f"{moment_text(b.taken)}? Your current data is backed up first (or, if it is damaged, kept "
                   "beside it)."):
            self.chosen = b
            self.accept()
