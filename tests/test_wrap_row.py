"""Rows of buttons wrap at large text without a layout written in Python: such a layout (Qt's
flow-layout example) made PySide crash now and then when the style was set again (a theme or text
size change), at `app.setStyleSheet` in `apply_theme`."""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.pages.common import button_row

APP = Path(__file__).resolve().parent.parent / "app"


def test_no_layout_in_the_app_is_written_in_python():
    found = []
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
                if bases & {"QLayout", "QBoxLayout", "QHBoxLayout", "QVBoxLayout", "QGridLayout", "QFormLayout"}:
                    found.append(f"{path.relative_to(APP.parent)}: {node.name}")
    assert not found, f"layouts subclassed in Python: {found}"


def _row(qtbot, width: int, right: bool = False):
    host = QWidget()
    qtbot.addWidget(host)
    buttons = [QPushButton(f"A button with a long name {i}") for i in range(4)]
    lay = QVBoxLayout(host)
    lay.addWidget(button_row(*buttons, right=right))
    lay.addStretch(1)
    host.resize(width, 400)
    host.show()
    qtbot.waitExposed(host)
    qtbot.wait(20)
    return host, buttons


def _lines(buttons):
    return sorted({b.geometry().top() for b in buttons})


def test_a_wide_window_keeps_the_buttons_on_one_line_at_their_own_width(qtbot):
    host, buttons = _row(qtbot, 1600)
    assert len(_lines(buttons)) == 1
    for b in buttons:
        assert b.width() >= b.sizeHint().width()
    assert host.minimumSizeHint().width() < sum(b.sizeHint().width() for b in buttons)


def test_a_narrow_window_wraps_the_buttons_without_squashing_or_overlapping_them(qtbot):
    widest = max(QPushButton(f"A button with a long name {i}").sizeHint().width() for i in range(4))
    host, buttons = _row(qtbot, widest * 2 + 40)
    assert len(_lines(buttons)) == 2
    for b in buttons:
        assert b.width() >= b.sizeHint().width()
        assert b.geometry().right() <= host.width()
    for i, a in enumerate(buttons):
        for b in buttons[i + 1:]:
            assert not a.geometry().intersects(b.geometry()), (a.text(), b.text())
    row = buttons[0].parentWidget()
    assert row.height() >= row.heightForWidth(row.width())


def test_a_right_row_ends_at_the_right_edge(qtbot):
    host, buttons = _row(qtbot, 1600, right=True)
    row = buttons[0].parentWidget()
    assert row.width() - buttons[-1].geometry().right() <= 2


def _placed_whole(buttons):
    for b in buttons:
        assert b.width() >= b.sizeHint().width(), (b.text(), b.width(), b.sizeHint().width())
    for i, a in enumerate(buttons):
        for b in buttons[i + 1:]:
            assert not a.geometry().intersects(b.geometry()), (a.text(), b.text())


def test_a_button_whose_text_grows_is_measured_again(qtbot):
    """'Open result' becoming 'Open the result of this exam' pushes its neighbours along, not over it."""
    host, buttons = _row(qtbot, 1600)
    buttons[0].setText("A button whose name became very much longer than it was at first")
    qtbot.waitUntil(lambda: buttons[0].width() >= buttons[0].sizeHint().width())
    _placed_whole(buttons)


def test_a_larger_text_size_is_measured_again(qtbot):
    from PySide6.QtWidgets import QApplication

    from app.theme import apply_theme

    host, buttons = _row(qtbot, 1600)
    app = QApplication.instance()
    try:
        apply_theme(app, 2.0, theme="light")
        row = buttons[0].parentWidget()
        qtbot.waitUntil(lambda: row.height() >= row.heightForWidth(row.width()))
        _placed_whole(buttons)
    finally:
        apply_theme(app, 1.0, theme="system")
