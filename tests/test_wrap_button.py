"""A button whose text wraps (Practice's mode cards, a study session's Start): narrower than its
text it grows taller instead of cutting the text or pushing the page sideways, and a click on its
text presses it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.wrap_button import WrapButton

pytestmark = pytest.mark.gui


def test_a_long_label_wraps_and_a_click_on_its_text_presses_it(qtbot):
    host = QWidget()
    lay = QVBoxLayout(host)
    b = WrapButton("Start: Diagnostic A5 practice exam: 55 questions (45 scored), 1 h 15 min, results at the end")
    lay.addWidget(b)
    qtbot.addWidget(host)
    host.resize(200, 300)
    host.show()
    qtbot.waitExposed(host)
    one_line = b.sizeHint().height()
    assert b.minimumSizeHint().width() <= 200 and b.width() <= 200
    qtbot.waitUntil(lambda: b.height() >= b.heightForWidth(b.width()) > one_line)
    with qtbot.waitSignal(b.clicked, timeout=1000):
        qtbot.mouseClick(b.label, Qt.MouseButton.LeftButton)  # on the text, as a person clicks
    assert b.text().startswith("Start: Diagnostic")


def test_its_text_reads_enabled_unless_the_button_is_disabled(qtbot):
    """A style sheet rule on `QPushButton:disabled QLabel` matched every button: every Practice mode
    card read as greyed out, enabled or not."""
    from PySide6.QtWidgets import QApplication

    from app.theme import apply_theme, colours

    def darkest(b: WrapButton) -> str:
        img = b.label.grab().toImage()
        return min((img.pixelColor(x, y) for x in range(img.width()) for y in range(img.height())),
                   key=lambda c: c.lightness()).name()

    apply_theme(QApplication.instance(), 1.0, theme="light")
    try:
        b = WrapButton("Full-length simulation\n45 questions, 1 h 15 min", "mode")
        qtbot.addWidget(b)
        b.show()
        qtbot.waitExposed(b)
        c = colours()
        assert darkest(b) == c["text"]
        b.setEnabled(False)
        assert darkest(b) == c["muted"]
        b.setEnabled(True)
        assert darkest(b) == c["text"]
    finally:
        apply_theme(QApplication.instance(), 1.0, theme="system")
