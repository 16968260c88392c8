"""An exhibit beside a question: a table of readings or a figure, readable at every text size.

Tables are plain-text cells (an exhibit may come from an instructor's file); figures are SVGs
painted by Qt's renderer on a white card in both themes, at the column's width, cached so that
moving between questions never waits for a drawing. A figure opens larger with a click, Enter,
Space or Z, and its text description is one button away for everyone, not just screen readers.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.pages.common import plain_label
from questions.exhibits import figure_path, svg_problems
from questions.model import Exhibit

_RENDERERS: OrderedDict[str, QSvgRenderer | None] = OrderedDict()
_RENDERER_CACHE = 64
_PIXMAPS: OrderedDict[tuple[str, int, int, float], QPixmap] = OrderedDict()
_PIXMAP_CACHE = 8  # the figure on screen and the next one or two, at the sizes last drawn


def figure_key(ex: Exhibit) -> str:
    return ex.file or f"data:{hash(ex.data)}"


def figure_pixmap(key: str, renderer: QSvgRenderer, size: QSize, dpr: float) -> QPixmap:
    """The drawing rasterised at `size`, cached: an SVG of a long waveform takes tens of ms to render."""
    k = (key, size.width(), size.height(), dpr)
    pm = _PIXMAPS.get(k)
    if pm is not None:
        _PIXMAPS.move_to_end(k)
        return pm
    pm = QPixmap(max(1, round(size.width() * dpr)), max(1, round(size.height() * dpr)))
    pm.setDevicePixelRatio(dpr)
    pm.fill(QColor("white"))
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(p, QRectF(0, 0, size.width(), size.height()))
    p.end()
    _PIXMAPS[k] = pm
    if len(_PIXMAPS) > _PIXMAP_CACHE:
        _PIXMAPS.popitem(last=False)
    return pm


def figure_renderer(ex: Exhibit) -> QSvgRenderer | None:
    """The figure's renderer, or None when its SVG is missing or unsafe (the alt text stands in)."""
    key = figure_key(ex)
    if key in _RENDERERS:
        _RENDERERS.move_to_end(key)
        return _RENDERERS[key]
    try:
        data = ex.data.encode("utf-8") if ex.data else figure_path(ex.file).read_bytes()
    except OSError:
        data = b""
    renderer: QSvgRenderer | None = None
    if data and not svg_problems(data):
        r = QSvgRenderer(QByteArray(data))
        renderer = r if r.isValid() else None
    _RENDERERS[key] = renderer
    if len(_RENDERERS) > _RENDERER_CACHE:
        _RENDERERS.popitem(last=False)
    return renderer


class FigureCanvas(QWidget):
    """The figure at the width it is given, its height from the drawing's aspect ratio."""

    zoom = Signal()

    def __init__(self, max_scale: float = 1.6, max_window_share: float | None = 0.42) -> None:
        super().__init__()
        self.renderer: QSvgRenderer | None = None
        self.key = ""
        self.max_scale = max_scale
        # at most this share of the window's height, so the choices stay in sight (Enlarge shows more)
        self.max_window_share = max_window_share
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_renderer(self, renderer: QSvgRenderer | None, key: str = "") -> None:
        self.renderer = renderer
        self.key = key or str(id(renderer))
        # the height for the width already given, now: the choices below never jump on the next layout pass
        self.setMinimumHeight(self.heightForWidth(self.width()) if self.width() > 0 else 0)
        self.updateGeometry()
        self.update()

    def natural(self) -> QSize:
        return self.renderer.defaultSize() if self.renderer is not None else QSize(0, 0)

    def _drawn(self, width: int) -> QSize:
        nat = self.natural()
        if nat.width() <= 0 or nat.height() <= 0:
            return QSize(0, 0)
        w = min(width, int(nat.width() * self.max_scale))
        if self.max_window_share is not None:
            limit = max(160, int(self.window().height() * self.max_window_share))
            w = min(w, int(limit * nat.width() / nat.height()))
        return QSize(w, round(w * nat.height() / nat.width()))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._drawn(width).height()

    def sizeHint(self) -> QSize:
        nat = self.natural()
        return QSize(nat.width(), nat.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(200, self.natural().width()), self.heightForWidth(200))

    def resizeEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(e)
        want = self.heightForWidth(self.width())
        if want != self.minimumHeight():
            self.setMinimumHeight(want)

    def paintEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        if self.renderer is None:
            return
        size = self._drawn(self.width())
        pixmap = figure_pixmap(self.key, self.renderer, size, self.devicePixelRatioF())
        p = QPainter(self)
        x = (self.width() - size.width()) // 2
        p.drawPixmap(x, 0, pixmap)
        if self.hasFocus():
            pen = p.pen()
            pen.setColor(QGuiApplication.palette().text().color())
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidth(2)
            p.setPen(pen)
            p.drawRect(x + 1, 1, size.width() - 2, size.height() - 2)
        p.end()

    def mouseReleaseEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        if e.button() == Qt.MouseButton.LeftButton and self.renderer is not None:
            self.zoom.emit()

    def keyPressEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Z):
            self.zoom.emit()
            e.accept()
            return
        super().keyPressEvent(e)


class ZoomDialog(QDialog):
    """The figure larger, scrollable, with + and - to zoom; Esc closes."""

    STEPS = (1.0, 1.5, 2.0, 3.0, 4.0)

    def __init__(self, ex: Exhibit, renderer: QSvgRenderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Exhibit: {ex.caption}")
        self.setModal(True)
        self.step = 2
        lay = QVBoxLayout(self)
        self.canvas = FigureCanvas(max_scale=self.STEPS[-1], max_window_share=None)
        self.canvas.set_renderer(renderer, figure_key(ex))
        self.canvas.setAccessibleName(f"Exhibit figure, enlarged: {ex.caption}")
        self.canvas.setAccessibleDescription(ex.alt)
        self.canvas.setCursor(Qt.CursorShape.ArrowCursor)
        host = QWidget()
        hl = QVBoxLayout(host)
        hl.addWidget(self.canvas)
        hl.addStretch(1)
        self.area = QScrollArea()
        self.area.setWidget(host)
        self.area.setWidgetResizable(False)
        self.area.setAccessibleName("Enlarged figure")
        self.area.setProperty("pans", True)  # an enlarged figure scrolls both ways, on purpose
        lay.addWidget(self.area, 1)
        row = QHBoxLayout()
        self.smaller = QPushButton("Zoom out (-)")
        self.larger = QPushButton("Zoom in (+)")
        close = QPushButton("Close (Esc)")
        close.setObjectName("primary")
        self.smaller.clicked.connect(lambda: self.set_step(self.step - 1))
        self.larger.clicked.connect(lambda: self.set_step(self.step + 1))
        close.clicked.connect(self.accept)
        row.addWidget(self.smaller)
        row.addWidget(self.larger)
        row.addStretch(1)
        row.addWidget(close)
        lay.addLayout(row)
        screen = QGuiApplication.primaryScreen().availableGeometry() if QGuiApplication.primaryScreen() else None
        self.resize(min(1100, screen.width() - 80) if screen else 1000, min(800, screen.height() - 80) if screen else 700)
        self.set_step(self.step)
        close.setFocus()

    def keyPressEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        if e.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.set_step(self.step + 1)
        elif e.key() in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.set_step(self.step - 1)
        else:
            super().keyPressEvent(e)
            return
        e.accept()

    def set_step(self, step: int) -> None:
        self.step = max(0, min(len(self.STEPS) - 1, step))
        nat = self.canvas.natural()
        w = int(nat.width() * self.STEPS[self.step])
        self.canvas.setFixedSize(w, self.canvas.heightForWidth(w))
        host = self.canvas.parentWidget()
        if host is not None:
            host.adjustSize()
        self.smaller.setEnabled(self.step > 0)
        self.larger.setEnabled(self.step < len(self.STEPS) - 1)


class ExhibitTable(QTableWidget):
    """A table exhibit: every row shown (no inner scrolling), cells as plain text, wrapped."""

    def __init__(self) -> None:
        super().__init__()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader walks the cells with the arrows
        self.setTabKeyNavigation(False)  # Tab moves on to the choices, as everywhere else
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setVisible(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)

    def set_table(self, ex: Exhibit) -> None:
        self.clear()
        self.setColumnCount(len(ex.columns))
        self.setRowCount(len(ex.rows))
        self.setHorizontalHeaderLabels(list(ex.columns))
        for r, row in enumerate(ex.rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem(cell)
                item.setToolTip(cell)  # the full text, however narrow the column
                self.setItem(r, c, item)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self._fit()

    def _fit(self) -> None:
        self.resizeRowsToContents()
        h = self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(self.rowCount()))
        if self.horizontalScrollBar().isVisible():
            h += self.horizontalScrollBar().height()
        self.setFixedHeight(h + 2 * self.frameWidth() + 2)

    def resizeEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(e)
        self._fit()


class ExhibitView(QFrame):
    """The exhibit block: caption, then the table or the figure, and the figure's description."""

    def __init__(self, parent: QWidget | None = None, max_scale: float = 1.6) -> None:
        super().__init__(parent)
        self.setObjectName("exhibit")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.setSpacing(6)
        self.caption = plain_label("", "exhibitCaption")
        lay.addWidget(self.caption)
        self.table = ExhibitTable()
        lay.addWidget(self.table)
        self.canvas = FigureCanvas(max_scale)
        self.canvas.zoom.connect(self.open_zoom)
        lay.addWidget(self.canvas)
        row = QHBoxLayout()
        self.describe = QPushButton("Show text description")
        self.describe.setCheckable(True)
        self.describe.toggled.connect(self._toggle_description)
        self.zoom_btn = QPushButton("Enlarge figure (Z)")
        self.zoom_btn.clicked.connect(self.open_zoom)
        row.addWidget(self.zoom_btn)
        row.addWidget(self.describe)
        row.addStretch(1)
        lay.addLayout(row)
        self.description = plain_label("", "muted")
        self.description.setAccessibleName("Figure description")
        lay.addWidget(self.description)
        self.exhibit: Exhibit | None = None
        self.zoom_dialog: ZoomDialog | None = None
        self.set_exhibit(None)

    def set_exhibit(self, ex: Exhibit | None) -> None:
        """Show `ex` (None hides the block). Cheap: renderers and drawings are cached."""
        self.exhibit = ex
        self.setVisible(ex is not None)
        if ex is None:
            return
        is_table = ex.kind == "table"
        self.caption.setText(f"Exhibit: {ex.caption}")
        self.table.setVisible(is_table)
        renderer = None if is_table else figure_renderer(ex)
        self.canvas.setVisible(renderer is not None)
        self.zoom_btn.setVisible(renderer is not None)
        self.describe.setVisible(not is_table and renderer is not None)
        if is_table:
            self.table.set_table(ex)
            self.table.setAccessibleName(f"Exhibit table: {ex.caption}")
            self.description.hide()
            return
        self.canvas.set_renderer(renderer, figure_key(ex))
        self.canvas.setAccessibleName(f"Exhibit figure: {ex.caption}. Press Enter to enlarge.")
        self.canvas.setAccessibleDescription(ex.alt)
        self.description.setText(ex.alt if renderer is not None else f"(The drawing could not be shown.) {ex.alt}")
        if renderer is None:
            self.description.show()
        else:
            self._toggle_description(self.describe.isChecked())

    def prepare(self, ex: Exhibit | None) -> None:
        """Rasterise `ex`'s drawing now at the size it will get here, so showing it later costs a blit."""
        if ex is None or ex.kind != "figure" or self.canvas.width() <= 0:
            return
        renderer = figure_renderer(ex)
        if renderer is None:
            return
        was = self.canvas.renderer
        self.canvas.renderer = renderer  # _drawn() needs the drawing's natural size
        size = self.canvas._drawn(self.canvas.width())
        self.canvas.renderer = was
        if size.width() > 0:
            figure_pixmap(figure_key(ex), renderer, size, self.canvas.devicePixelRatioF())

    def _toggle_description(self, on: bool) -> None:
        self.description.setVisible(on)
        self.describe.setText("Hide text description" if on else "Show text description")

    def open_zoom(self) -> None:
        ex = self.exhibit
        renderer = figure_renderer(ex) if ex is not None and ex.kind == "figure" else None
        if ex is None or renderer is None:
            return
        dlg = ZoomDialog(ex, renderer, self.window())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: self.canvas.setFocus())
        self.zoom_dialog = dlg
        dlg.open()  # window-modal without blocking: the exam clock keeps running behind it
        dlg.activateWindow()


if __name__ == "__main__":  # a preview: python -m app.exhibit_view A6-A-0004
    import sys

    from PySide6.QtWidgets import QApplication

    from questions.bank import load_bank

    app = QApplication(sys.argv)
    bank = load_bank()
    qid = sys.argv[1] if len(sys.argv) > 1 else next(q.id for q in bank.questions if q.exhibit)
    view = ExhibitView()
    view.set_exhibit(bank.get(qid).exhibit)
    view.resize(800, 500)
    view.show()
    app.exec()
