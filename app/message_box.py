"""The app's message box: an icon, the message as plain text, its buttons always in view.

Qt's QMessageBox sizes itself to its text and stops at nothing: at 200% text a long message (a
damaged database's advice, a practice set's summary) made it taller than a laptop's screen, its
buttons below the bottom edge, and it grew no wider than half the screen. This box keeps the text
in a body that scrolls (app.dialog_fit), about 50 characters wide, never larger than the window it
opens over. Its API is the part of QMessageBox the app and its tests use.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QWidget,
)

from app.dialog_fit import dialog_body, fit_dialog

Icon = QMessageBox.Icon
StandardButton = QMessageBox.StandardButton
_ICONS = {Icon.Information: QStyle.StandardPixmap.SP_MessageBoxInformation,
          Icon.Warning: QStyle.StandardPixmap.SP_MessageBoxWarning,
          Icon.Critical: QStyle.StandardPixmap.SP_MessageBoxCritical,
          Icon.Question: QStyle.StandardPixmap.SP_MessageBoxQuestion}
_WORDS = {StandardButton.Ok: "OK", StandardButton.Yes: "&Yes", StandardButton.No: "&No",
          StandardButton.Cancel: "Cancel"}
_ROLES = {StandardButton.Ok: QDialogButtonBox.ButtonRole.AcceptRole,
          StandardButton.Yes: QDialogButtonBox.ButtonRole.YesRole,
          StandardButton.No: QDialogButtonBox.ButtonRole.NoRole,
          StandardButton.Cancel: QDialogButtonBox.ButtonRole.RejectRole}
CHARS = 50  # the box's width in average characters, as far as the window allows


class MessageBox(QDialog):
    def __init__(self, parent: QWidget | None, icon: Icon, title: str, text: str, details: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("messageBox")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
        self._text, self._details = text, details
        self._clicked: QAbstractButton | None = None
        self._standard: dict[StandardButton, QPushButton] = {}
        body, outer = dialog_body(self)
        row = QHBoxLayout()
        row.setSpacing(16)
        side = self.fontMetrics().height() * 2
        if icon in _ICONS:
            mark = QLabel()
            mark.setPixmap(self.style().standardIcon(_ICONS[icon], None, self).pixmap(side, side))
            mark.setAccessibleName({Icon.Warning: "Warning", Icon.Critical: "Error",
                                    Icon.Question: "Question"}.get(icon, "Information"))
            row.addWidget(mark, 0, Qt.AlignmentFlag.AlignTop)
        self.label = QLabel()
        self.label.setObjectName("messageText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a file's or a student's name is shown as written
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setText(text)
        row.addWidget(self.label, 1)
        body.addLayout(row)
        self.details_box: QPlainTextEdit | None = None
        if details:
            self.details_box = QPlainTextEdit(details)
            self.details_box.setReadOnly(True)
            self.details_box.setAccessibleName("Details")
            self.details_box.hide()
            body.addWidget(self.details_box)
        body.addStretch(1)
        self.buttons = QDialogButtonBox()
        self.buttons.clicked.connect(self._click)
        if details:
            toggle = self.buttons.addButton("Show details...", QDialogButtonBox.ButtonRole.ActionRole)
            toggle.setAutoDefault(False)
        outer.addWidget(self.buttons)
        self._fitted = False

    # -- what QMessageBox offers
    def text(self) -> str:
        return self._text

    def detailedText(self) -> str:  # noqa: N802 - QMessageBox's name
        return self._details

    def add_standard(self, which: StandardButton) -> QPushButton:
        b = self.buttons.addButton(_WORDS[which], _ROLES[which])
        self._standard[which] = b
        return b

    def add_button(self, text: str, role: QMessageBox.ButtonRole) -> QPushButton:
        return self.buttons.addButton(text, QDialogButtonBox.ButtonRole(role.value))

    def button(self, which: StandardButton) -> QPushButton | None:
        return self._standard.get(which)

    def set_default(self, button: QPushButton) -> None:
        for b in self.buttons.buttons():
            if isinstance(b, QPushButton):
                b.setDefault(b is button)
        button.setFocus()

    def clickedButton(self) -> QAbstractButton | None:  # noqa: N802 - QMessageBox's name
        return self._clicked

    def _click(self, button: QAbstractButton) -> None:
        role = self.buttons.buttonRole(button)
        if role == QDialogButtonBox.ButtonRole.ActionRole and self.details_box is not None:
            shown = not self.details_box.isVisible()
            self.details_box.setVisible(shown)
            button.setText("Hide details" if shown else "Show details...")
            self._fitted = False
            self._fit()
            return
        self._clicked = button
        rejecting = role in (QDialogButtonBox.ButtonRole.RejectRole, QDialogButtonBox.ButtonRole.NoRole)
        self.done(QDialog.DialogCode.Rejected if rejecting else QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        """Escape or the window's close button: the Cancel (or No) button's answer, as QMessageBox gives."""
        for which in (StandardButton.Cancel, StandardButton.No):
            if which in self._standard:
                self._clicked = self._standard[which]
        if self._clicked is None:
            self._clicked = next((b for b in self.buttons.buttons()
                                  if self.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.RejectRole), None)
        super().reject()

    # -- size: fitted when first shown (and when the details open), whoever shows it
    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802 - Qt's name
        self._fit()
        super().showEvent(event)

    def _fit(self) -> None:
        if not self._fitted:
            self._fitted = True
            fit_dialog(self, self.fontMetrics().averageCharWidth() * CHARS)
