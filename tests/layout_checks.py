"""What the layout tests (tests/test_layout.py, tests/test_layout_dialogs.py) look for in a window or a
dialog, and the window they open over a learner's history: any label, button, combo box or field
smaller than its own size hint, a check box's box that does not grow with its text, anything cut
off at the window's edge, a page that scrolls sideways, a table cell or a list item whose text is
cut without its full text in its tooltip (cut_item), a tree's row whose text is cut, a dialog larger than the screen
or with a button off its edge."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QRadioButton,
    QScrollArea,
    QScrollBar,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTableView,
    QTreeView,
    QWidget,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from screenshots import PAGES, fill_history, settle  # noqa: E402
from screenshots import open_window as shown_window  # noqa: E402

__all__ = ["PAGES", "settle"]  # for the tests, beside what is defined here

# window width, height, text scale, dark: the promised corners and two steps between, light and dark
LOOKS = [(1024, 700, 1.0, False), (1024, 700, 1.3, False), (1366, 768, 1.5, False), (1366, 768, 2.0, False),
         (1024, 700, 1.0, True), (1366, 768, 2.0, True)]
LOOK_IDS = [f"{w}x{h}@{int(s * 100)}{'-dark' if d else ''}" for w, h, s, d in LOOKS]
TITLE_BAR = 40  # what a window manager's title bar and a panel take of the screen's height
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
    if isinstance(w, QCheckBox | QRadioButton) and (small := small_indicator(w)):
        return small
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


def small_indicator(box: QCheckBox | QRadioButton) -> str | None:
    """A check box's or radio button's box that stays small while its label grows with the text size."""
    opt = QStyleOptionButton()
    box.initStyleOption(opt)
    element = (QStyle.SubElement.SE_CheckBoxIndicator if isinstance(box, QCheckBox)
               else QStyle.SubElement.SE_RadioButtonIndicator)
    side = box.style().subElementRect(element, opt, box).height()
    need = round(box.fontMetrics().height() * 0.7)
    return f"its box is {side} px, under {need} px beside its {box.fontMetrics().height()} px text" if side < need else None


def full_tip(tip: object) -> str:
    """A tooltip's text as a person reads it (plain_tip writes it as HTML), its spaces folded."""
    doc = QTextDocument()
    doc.setHtml(str(tip or ""))
    return " ".join(doc.toPlainText().split())


def cut_item(view: QAbstractItemView, idx: QModelIndex, *, tips: bool = True) -> str | None:
    """An item (a table's cell, a list's row, a row of a combo box's list) whose text does not show
    whole in the room its view paints it in, as the view's delegate lays it out (wrapped where the
    view wraps), and whose tooltip does not carry the full text: cut, and nowhere to read it.
    Without `tips`, no tooltip excuses it (an open combo box's list shows no tooltips)."""
    text = str(idx.data(Qt.ItemDataRole.DisplayRole) or "")
    rect = view.visualRect(idx)
    if isinstance(view, QListView):  # a list's row is as wide as its text: the list's edge cuts it
        rect.setRight(min(rect.right(), view.viewport().width() - 1))
    if not text or rect.isEmpty():
        return None
    opt = QStyleOptionViewItem()
    view.initViewItemOption(opt)
    opt.rect = rect
    delegate = view.itemDelegateForIndex(idx)
    if isinstance(delegate, QStyledItemDelegate):
        delegate.initStyleOption(opt, idx)
    box = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view)
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    room = QRect(0, 0, max(1, box.width() - 2 * margin), max(1, box.height()))
    fm = QFontMetrics(opt.font)
    wraps = bool(opt.features & QStyleOptionViewItem.ViewItemFeature.WrapText)
    flags = int(Qt.TextFlag.TextWordWrap) if wraps else int(Qt.TextFlag.TextSingleLine)
    need = fm.boundingRect(QRect(0, 0, room.width(), 1 << 20), flags, text if wraps else " ".join(text.split()))
    if need.width() <= room.width() + SLACK and need.height() <= room.height() + SLACK:
        return None
    if tips and " ".join(text.split()).removesuffix("…") in full_tip(idx.data(Qt.ItemDataRole.ToolTipRole)):
        return None  # shortened (by the view or already by the page), the whole text in its tooltip
    return (f"item {text[:50]!r} needs {need.width()}x{need.height()} px, it has {room.width()}x{room.height()}"
            + (", and no tooltip carries its full text" if tips else ""))


def cut_items(view: QAbstractItemView) -> list[str]:
    """Cut items (cut_item) among a table's or a list's first 40 rows; in a table whose rows grow to
    wrap their text, also a column narrower than a word (it would be cut mid-word)."""
    model = view.model()
    if model is None or isinstance(view, QTreeView | QHeaderView):
        return []  # a tree: cut_tree_cells, stricter
    out = []
    if isinstance(view, QTableView) and view.wordWrap() and \
            view.verticalHeader().sectionResizeMode(0) == QHeaderView.ResizeMode.ResizeToContents:
        out.extend(cut_words(view, view.fontMetrics()))
    for r in range(min(model.rowCount(QModelIndex()), 40)):
        if isinstance(view, QTableView | QListView) and view.isRowHidden(r):
            continue
        columns = [view.modelColumn()] if isinstance(view, QListView) else range(model.columnCount(QModelIndex()))
        for c in columns:
            if isinstance(view, QTableView) and view.isColumnHidden(c):
                continue
            if why := cut_item(view, model.index(r, c)):
                out.append(f"({r}, {c}) {why}")
    return out


def cut_tree_cells(view: QTreeView) -> list[str]:
    """Rows of a tree (Practice's tests) whose text does not show whole in its cell: a name cut to
    "A7 Heati..." reads nowhere but in its tooltip, so no tooltip excuses it."""
    model, fm, out = view.model(), view.fontMetrics(), []
    margins = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)

    def walk(parent: QModelIndex) -> None:
        for r in range(model.rowCount(parent)):
            if view.isRowHidden(r, parent):
                continue
            for c in range(model.columnCount(parent)):
                idx = model.index(r, c, parent)
                text = str(model.data(idx, Qt.ItemDataRole.DisplayRole) or "")
                rect = view.visualRect(idx)
                if not text or view.isColumnHidden(c) or rect.isEmpty():
                    continue
                room = rect.width() - margins
                need = fm.boundingRect(QRect(0, 0, max(1, room), 1 << 20), int(Qt.TextFlag.TextWordWrap), text)
                if need.width() > room + SLACK or need.height() > rect.height() + SLACK:
                    out.append(f"row {text[:50]!r} needs {need.width()}x{need.height()} px, its cell is "
                               f"{rect.width()}x{rect.height()}: cut")
            first = model.index(r, 0, parent)
            if view.isExpanded(first):
                walk(first)

    walk(QModelIndex())
    return out


def cut_words(view: QTableView, fm) -> list[str]:  # type: ignore[no-untyped-def]
    model = view.model()
    out = []
    for c in range(model.columnCount()):
        if view.isColumnHidden(c):
            continue
        words = {w for r in range(min(model.rowCount(), 40)) if not view.isRowHidden(r)
                 for w in str(model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole) or "").split()}
        widest = max(words, key=fm.horizontalAdvance, default="")
        if widest and fm.horizontalAdvance(widest) + 12 > view.columnWidth(c):
            out.append(f"column {c} is {view.columnWidth(c)} px, narrower than the word {widest!r} "
                       f"({fm.horizontalAdvance(widest) + 12} px): it is cut mid-word")
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
            out.extend(f"{where}: {describe(w)}: {c}" for c in cut_items(w))
        if isinstance(w, QTreeView):
            out.extend(f"{where}: {describe(w)}: {c}" for c in cut_tree_cells(w))
        if isinstance(w, QScrollArea) and w.horizontalScrollBar().isVisible() and not w.property("pans"):
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
    from questions.exam import ExamMode, build_exam
    from study.services import open_services

    data = tmp_path_factory.mktemp("layout")
    services = open_services(data)
    fill_history(services)
    # an exam left unfinished: Home's resume banner, a row on Live class, the "not finished" question
    bp = services.blueprints.get("A4")
    active = services.exams.start(build_exam(bp, services.bank.for_test("A4"), ExamMode.HALF, seed=9))
    active.start()
    for letter in "ABC":
        active.answer(letter)
        active.next()
    active.pause()
    active.close()
    services.backups.take("periodic")  # something to restore
    yield data, services
    services.close()


@pytest.fixture
def window(world, qapp):  # type: ignore[no-untyped-def]
    """`window(w, h, scale, dark=False)`: the main window over the module's history at that size,
    text scale and theme, closed (and the look put back) after the test."""
    app = qapp
    data, services = world
    opened = []

    def at(w: int, h: int, scale: float, dark: bool = False):  # type: ignore[no-untyped-def]
        opened.append(open_window(app, data, services, w, h, scale, dark))
        return opened[-1]

    yield at
    for win in opened:
        close_window(app, win)


def open_window(app, data, services, w, h, scale, dark=False):  # type: ignore[no-untyped-def]
    """scripts/screenshots.py's window, in the dark or the light theme."""
    return shown_window(app, data, services, w, h, scale, "dark" if dark else "light")


def close_window(app, win) -> None:  # type: ignore[no-untyped-def]
    from app.theme import apply_theme

    if win.pages.get("exam") is not None and win.exam_page.active is not None:
        win.exam_page.suspend()
    win.ctx.services = None  # the module's services stay open for the next size
    win.close()
    # Gone, not hidden: a style sheet set on the application repolishes every widget alive, so each
    # window left behind made every later theme change slower (the test took 4-8 minutes).
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    apply_theme(app, 1.0, theme="system")  # the text size and look the other tests expect


def report(found: list[str]) -> None:
    if found and os.environ.get("LAYOUT_REPORT"):
        with open(os.environ["LAYOUT_REPORT"], "a", encoding="utf-8") as out:
            out.write("\n".join(found) + "\n")
    assert not found, f"{len(found)} problems:\n" + "\n".join(found[:80])


def placed(dialog: QWidget, w: int, h: int) -> None:
    """Size a dialog as a window system on a w x h screen does: the size its own code gave it, else
    its size hint (with the height its wrapped text needs) up to two thirds of the screen, never
    under its layout's minimum."""
    dialog.ensurePolished()
    if dialog.layout() is not None:
        dialog.layout().activate()
    if isinstance(dialog, QMessageBox):
        return  # it sizes itself when shown
    if dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):
        dialog.resize(dialog.size().boundedTo(QSize(w, h - TITLE_BAR)))
        return
    s = dialog.sizeHint()
    if dialog.layout() is not None and dialog.layout().hasHeightForWidth():
        s.setHeight(dialog.layout().totalHeightForWidth(s.width()))
    dialog.resize(s.boundedTo(QSize(w * 2 // 3, h * 2 // 3)))  # Qt's own bound for a window's first size


def dialog_problems(app, dialog: QWidget, where: str, w: int, h: int,  # type: ignore[no-untyped-def]
                    keep: bool = False) -> list[str]:
    placed(dialog, w, h)
    dialog.show()
    settle(app)
    out = problems(dialog, where)
    room, on = QSize(w, h - TITLE_BAR), f"a {w}x{h} screen"
    if isinstance(dialog, QMessageBox):  # Qt's sizes itself to the screen it is on, here the offscreen one
        room = dialog.screen().availableGeometry().size()
        on = f"the {room.width()}x{room.height()} screen it is on"
    if dialog.width() > room.width() or dialog.height() > room.height():
        out.append(f"{where}: is {dialog.width()}x{dialog.height()}, larger than {on}")
    for b in dialog.findChildren(QAbstractButton):
        corner = b.mapTo(dialog, QPoint(b.width(), b.height()))
        if b.isVisibleTo(dialog) and not scrolls(b, dialog) and (corner.y() > dialog.height() + SLACK
                                                                 or corner.x() > dialog.width() + SLACK):
            out.append(f"{where}: {describe(b)}: off the dialog's edge ({corner.x()}, {corner.y()} in a "
                       f"{dialog.width()}x{dialog.height()} dialog)")
    if not keep:
        dialog.close()  # (the app's instructor dialogs are deleted once closed)
    return out
