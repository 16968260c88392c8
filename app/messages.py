"""Message boxes and tooltips that show their text as written.

A message often carries text from outside the app: a file's name, a student's name from a result
file, a question from an imported file, a database's error. Qt would render such text as HTML if it
looks like HTML (and load the images it names), so every box here is plain text and every tooltip
that can hold such text goes through `plain_tip`. The boxes are the app's own (app.message_box),
whose text scrolls and whose buttons stay in view at any text size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.message_box import MessageBox

# PySide's Qt namespace (some 90 enums, ~35 ms to create) is imported where a box is made (plain_tip needs none),
# not when the app starts: this module loads before the first window. So is QMessageBox, whose seven
# enums take a millisecond or two to create: icons and buttons are named here by their enum members' names.


def _box(parent: QWidget | None, icon: str, title: str, text: str, buttons: tuple[str, ...] = ("Ok",),
         details: str = "") -> MessageBox:
    from PySide6.QtWidgets import QMessageBox

    from app.message_box import MessageBox

    box = MessageBox(parent, getattr(QMessageBox.Icon, icon), title, text, details)
    made = [box.add_standard(getattr(QMessageBox.StandardButton, which)) for which in buttons]
    if made:
        box.set_default(made[0])  # Enter gives the first: OK, or Yes
    return box


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, "Information", title, text).exec()


def warn(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _box(parent, "Warning", title, text, details=details).exec()


def fail(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, "Critical", title, text).exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes or No; True for Yes."""
    from PySide6.QtWidgets import QMessageBox

    box = _box(parent, "Question", title, text, ("Yes", "No"))
    box.exec()
    return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)


def plain_tip(text: str) -> str:
    """A tooltip that shows `text` literally (wrapped), never as HTML."""
    # what Qt.convertFromPlainText(text, WhiteSpaceNormal) gives, without PySide's Qt namespace (~20 ms
    # to create): Home's table is filled with tips before it exists
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # html.escape(quote=False),
    paragraphs = escaped.split("\n\n")  # without loading html's table of entities before Home is ready
    return "<p>" + "</p>\n<p>".join(p.replace("\n", "<br>\n") for p in paragraphs) + "</p>"


def ask(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """A button named for what it does (`yes`) or Cancel; True for `yes`."""
    from PySide6.QtWidgets import QMessageBox

    box = _box(parent, "Question", title, text, ())
    go = box.add_button(yes, QMessageBox.ButtonRole.AcceptRole)
    box.add_button("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.set_default(go)
    box.exec()
    return box.clickedButton() is go
