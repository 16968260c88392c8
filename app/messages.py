"""Message boxes and tooltips that show their text as written.

A message often carries text from outside the app: a file's name, a student's name from a result
file, a question from an imported file, a database's error. Qt would render such text as HTML if it
looks like HTML (and load the images it names), so every box here is plain text and every tooltip
that can hold such text goes through `plain_tip`. The boxes are the app's own (app.message_box),
whose text scrolls and whose buttons stay in view at any text size.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from app.message_box import MessageBox

# PySide's Qt namespace (some 90 enums, ~35 ms to create) is imported where a box is made (plain_tip needs none),
# not when the app starts: this module loads before the first window.


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
         buttons: tuple[QMessageBox.StandardButton, ...] = (QMessageBox.StandardButton.Ok,),
         details: str = "") -> MessageBox:
    from app.message_box import MessageBox

    box = MessageBox(parent, icon, title, text, details)
    for which in buttons:
        box.add_standard(which)
    first = box.button(buttons[0]) if buttons else None
    if first is not None:
        box.set_default(first)  # Enter gives the first: OK, or Yes
    return box


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, title, text).exec()


def warn(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _box(parent, QMessageBox.Icon.Warning, title, text, details=details).exec()


def fail(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Critical, title, text).exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes or No; True for Yes."""
    box = _box(parent, QMessageBox.Icon.Question, title, text,
               (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No))
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
    box = _box(parent, QMessageBox.Icon.Question, title, text, ())
    go = box.add_button(yes, QMessageBox.ButtonRole.AcceptRole)
    box.add_button("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.set_default(go)
    box.exec()
    return box.clickedButton() is go
