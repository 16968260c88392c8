"""Charts sit in scrolling pages: the mouse wheel over a chart scrolls the page, as anywhere else."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QVBoxLayout, QWidget

pytestmark = pytest.mark.gui


def test_the_wheel_over_a_chart_scrolls_the_page(qtbot):
    from app.charts import ChartPanel

    page = QWidget()
    lay = QVBoxLayout(page)
    chart = ChartPanel("Scores over time", lambda fig, c: fig.add_subplot().plot([1, 2, 3], [60, 70, 80]), height=300)
    lay.addWidget(chart)
    for i in range(40):
        lay.addWidget(QLabel(f"row {i}"))
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(page)
    area.resize(500, 400)
    qtbot.addWidget(area)
    area.show()
    chart.redraw()
    qtbot.waitExposed(area)
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    canvas = chart.canvas
    at = QPointF(canvas.width() / 2, canvas.height() / 2)
    event = QWheelEvent(at, QPointF(canvas.mapToGlobal(at.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    canvas.wheelEvent(event)
    # left for the page: Qt hands an ignored wheel event on to the parent (a spontaneous one; a
    # test's event is not passed on, so the scroll area is given it as Qt would)
    assert not event.isAccepted()
    event.accept()
    QApplication.sendEvent(area.viewport(), event)
    assert bar.value() > 0  # the page moved down
