"""Dialogs that fit: their text in a body that scrolls, their buttons always in view, and a first
size as wide as asked (or as their content needs) and as tall as their wrapped text, never larger
than the window they open over. At 200 % text a dialog's words no longer clip: the body scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QVBoxLayout, QWidget

MARGIN = QSize(48, 64)  # room left around a dialog inside the window it opens over


def dialog_body(dialog: QDialog) -> tuple[QVBoxLayout, QVBoxLayout]:
    """The dialog's layout as (body, outer): add the text to `body` (it scrolls), the buttons to `outer`."""
    outer = QVBoxLayout(dialog)
    inner = QWidget()
    inner.setObjectName("dialogBody")
    body = QVBoxLayout(inner)
    body.setContentsMargins(0, 0, 0, 0)
    area = QScrollArea()
    area.setObjectName("dialogScroll")
    area.setAccessibleName(f"{dialog.windowTitle() or 'Dialog'} content")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(inner)
    outer.addWidget(area, 1)
    return body, outer


def room_for(dialog: QDialog) -> QSize:
    """The largest a dialog may be: the window it opens over (else its screen), less a margin."""
    parent = dialog.parentWidget()
    if parent is not None:
        room = parent.window().size()
    else:
        room = dialog.screen().availableGeometry().size()
    return (room - MARGIN).expandedTo(QSize(320, 240))


def fit_dialog(dialog: QDialog, width: int) -> None:
    """Size the dialog: `width` wide (wider if its content needs, narrower if the room is less),
    tall enough for its body's wrapped text, within `room_for`."""
    room = room_for(dialog)
    dialog.ensurePolished()
    lay = dialog.layout()
    if lay is not None:
        lay.activate()
    area = dialog.findChild(QScrollArea, "dialogScroll")
    inner = area.widget() if area is not None else None
    bar = area.verticalScrollBar().sizeHint().width() if area is not None else 0
    want = max(width, (inner.minimumSizeHint().width() + bar + 24) if inner is not None else 0)
    w = min(want, room.width())
    if inner is not None and lay is not None:
        m = lay.contentsMargins()
        inner_w = w - m.left() - m.right() - bar
        need_body = inner.heightForWidth(inner_w) if inner.hasHeightForWidth() else inner.sizeHint().height()
        items = [lay.itemAt(i) for i in range(lay.count())]
        rest = sum(item.sizeHint().height() + lay.spacing() for item in items
                   if item is not None and item.widget() is not area)
        h = need_body + rest + m.top() + m.bottom() + 4
    else:
        h = dialog.heightForWidth(w) if dialog.hasHeightForWidth() else dialog.sizeHint().height()
    dialog.resize(w, min(h, room.height()))
