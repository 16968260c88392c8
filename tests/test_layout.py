"""Every page fits, from 1024x700 at 100 % text to 1366x768 at 200 %: the test walks every page (the
exam and the results too) at several window sizes and text scales over a learner's history and
fails on any label, button, combo box or field smaller than its own size hint, anything cut off
at the window's edge, a page that scrolls sideways, and any table cell whose text does not fit without its full text in a
tooltip. A page that needs more room than the window has must scroll, not squash."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QScrollBar,
    QTableView,
    QWidget,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from screenshots import PAGES, fill_history, settle  # noqa: E402

pytestmark = [pytest.mark.gui, pytest.mark.slow]
SIZES = [(1024, 700, 1.0), (1024, 700, 1.3), (1366, 768, 1.5), (1366, 768, 2.0)]
SLACK = 1  # pixels of rounding


def describe(w: QWidget) -> str:
    shown = ""
    if isinstance(w, QLabel | QAbstractButton | QLineEdit):
        shown = w.text()
    elif isinstance(w, QComboBox):
        shown = w.currentText()
    name = w.accessibleName() or w.objectName()
    return f"{type(w).__name__} {name!r} {shown[:60]!r}"


def scrolls(w: QWidget, top: QWidget) -> bool:
    """Inside a scroll area (whose content may be wider than its view) below `top`."""
    p = w.parentWidget()
    while p is not None and p is not top:
        if isinstance(p, QAbstractScrollArea):
            return True
        p = p.parentWidget()
    return False


def too_small(w: QWidget) -> str | None:
    size, hint = w.size(), w.sizeHint()
    if isinstance(w, QLabel):
        if w.pixmap() is not None and not w.pixmap().isNull():
            return None
        if w.wordWrap():
            need = w.heightForWidth(w.width())
            return f"height {size.height()} < {need} its wrapped text needs" if size.height() + SLACK < need else None
        if w.property("elided") and w.toolTip():
            return None  # shortened on purpose, the full text in its tooltip
        if size.width() + SLACK < hint.width():
            return f"width {size.width()} < {hint.width()}"
        if size.height() + SLACK < hint.height():
            return f"height {size.height()} < {hint.height()}"
        return None
    if isinstance(w, QAbstractButton) and w.hasHeightForWidth():  # its text wraps to the width it gets
        least, need = w.minimumSizeHint(), w.heightForWidth(size.width())
        if size.width() + SLACK < least.width():
            return f"width {size.width()} < {least.width()}"
        return f"height {size.height()} < {need} its wrapped text needs" if size.height() + SLACK < need else None
    if isinstance(w, QAbstractButton | QComboBox | QAbstractSpinBox):
        if size.width() + SLACK < hint.width():
            return f"width {size.width()} < {hint.width()}"
        if size.height() + SLACK < hint.height():
            return f"height {size.height()} < {hint.height()}"
        return None
    if isinstance(w, QLineEdit):
        least = w.minimumSizeHint()
        if size.width() + SLACK < max(least.width(), w.fontMetrics().horizontalAdvance("0" * 8)):
            return f"width {size.width()} is a sliver"
        if size.height() + SLACK < hint.height():
            return f"height {size.height()} < {hint.height()}"
    return None


def cut_cells(view: QAbstractItemView) -> list[str]:
    """Cells whose text is wider than their column and that have no tooltip with the full text."""
    if not isinstance(view, QTableView) or view.wordWrap() and view.verticalHeader().sectionResizeMode(0) == 3:
        return []
    model = view.model()
    if model is None:
        return []
    fm = view.fontMetrics()
    out = []
    for r in range(min(model.rowCount(), 40)):
        if view.isRowHidden(r):
            continue
        for c in range(model.columnCount()):
            if view.isColumnHidden(c):
                continue
            idx = model.index(r, c)
            text = str(model.data(idx, Qt.ItemDataRole.DisplayRole) or "")
            if not text:
                continue
            need = max(fm.horizontalAdvance(line) for line in text.splitlines()) + 12
            if need > view.columnWidth(c) and not model.data(idx, Qt.ItemDataRole.ToolTipRole):
                out.append(f"cell ({r}, {c}) {text[:50]!r} needs {need} px, column {view.columnWidth(c)}, no tooltip")
    return out


def problems(window: QWidget, where: str) -> list[str]:
    out = []
    right = window.width()
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window) or isinstance(w, QScrollBar) or w.window() is not window:
            continue
        if isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            continue  # a spin box's or combo box's own editor: the box itself is measured
        why = too_small(w)
        if why:
            out.append(f"{where}: {describe(w)}: {why}")
        if isinstance(w, QAbstractItemView):
            out.extend(f"{where}: {describe(w)}: {c}" for c in cut_cells(w))
        if isinstance(w, QScrollArea) and w.horizontalScrollBar().isVisible():
            inner = w.widget()
            need = inner.minimumSizeHint().width() if inner is not None else 0
            out.append(f"{where}: {describe(w)}: scrolls sideways (its content needs {need} px, "
                       f"the view has {w.viewport().width()}): a page scrolls down, its text wraps")
        if isinstance(w, QLabel | QAbstractButton | QComboBox | QLineEdit | QAbstractSpinBox) and not scrolls(w, window):
            edge = w.mapTo(window, QPoint(w.width(), 0)).x()
            if edge > right + SLACK:
                out.append(f"{where}: {describe(w)}: cut off at the window's right edge ({edge} > {right})")
    return out


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from study.services import open_services

    data = tmp_path_factory.mktemp("layout")
    services = open_services(data)
    fill_history(services)
    yield data, services
    services.close()


def open_window(app, data, services, w, h, scale):  # type: ignore[no-untyped-def]
    from app.context import AppContext
    from app.main_window import MainWindow
    from app.theme import apply_theme

    apply_theme(app, scale)
    ctx = AppContext(QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(ctx)
    win.resize(w, h)
    win.show()
    ctx.set_services(services)
    settle(app)
    return win


@pytest.mark.parametrize("w, h, scale", SIZES, ids=[f"{w}x{h}@{int(s * 100)}" for w, h, s in SIZES])
def test_every_page_fits_at_every_size_and_text_scale(qtbot, world, w, h, scale):
    from questions.exam import ExamMode, build_exam

    app = QApplication.instance()
    data, services = world
    win = open_window(app, data, services, w, h, scale)
    found = []
    try:
        for page in PAGES:
            win.show_page(page)
            settle(app)
            found += problems(win, f"{page} {w}x{h}@{scale:.0%}")
        # an exam with an exhibit in study mode, answered (the feedback shows), then its results
        bp = services.blueprints.get("A5")
        active = services.exams.start(build_exam(bp, services.bank.for_test("A5"), ExamMode.QUICK10, seed=3))
        win.ctx.start_exam(active)
        settle(app)
        found += problems(win, f"exam {w}x{h}@{scale:.0%}")
        page = win.exam_page
        qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_A)
        settle(app)
        found += problems(win, f"exam feedback {w}x{h}@{scale:.0%}")
        page.end_exam()
        qtbot.waitUntil(lambda: win.current_page() == "results", timeout=10000)
        settle(app)
        found += problems(win, f"results {w}x{h}@{scale:.0%}")
        # a timed full-length exam: the header holds the clock, its buttons and the time-warning banner
        full = services.exams.start(build_exam(bp, services.bank.for_test("A5"), ExamMode.FULL, seed=4))
        win.ctx.start_exam(full)
        settle(app)
        run = page.active.run
        run._used_before += run.form.time_limit_seconds - 4 * 60  # the 5-minute warning
        page._tick()
        settle(app)
        found += problems(win, f"full exam with a time warning {w}x{h}@{scale:.0%}")
        page.pause_and_leave()
    finally:
        if win.pages.get("exam") is not None and win.exam_page.active is not None:
            win.exam_page.suspend()
        win.ctx.services = None  # the module's services stay open for the next size
        win.close()
        from app.theme import apply_theme

        apply_theme(app, 1.0)  # the text size the other tests expect
    if found and os.environ.get("LAYOUT_REPORT"):
        with open(os.environ["LAYOUT_REPORT"], "a", encoding="utf-8") as out:
            out.write("\n".join(found) + "\n")
    assert not found, f"{len(found)} problems:\n" + "\n".join(found[:80])
