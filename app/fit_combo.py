"""A combo box as wide as its longest item, up to about 30 characters: a longer choice (an area's
title runs to 113 characters) ends in "..." in the box, whole in its tooltip, and wraps in the
open list, which is as wide as its longest item up to the width of the window, so no choice is
ever cut off at the list's edge or pushes the page sideways."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QStylePainter,
)

WIDEST = 30  # characters: the widest a closed combo box grows
ROOM = 24  # pixels the open list leaves between itself and the window's edges
Index = QModelIndex | QPersistentModelIndex


class WrapDelegate(QStyledItemDelegate):
    """Rows of the open list that wrap their text to the list's width, each as tall as its lines."""

    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText  # type: ignore[operator]

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802 - Qt's name
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(max(1, self._view.viewport().width()))
        return super().sizeHint(opt, index)


class FitCombo(QComboBox):
    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        view = QListView()
        view.setWordWrap(True)
        view.setUniformItemSizes(False)
        view.setResizeMode(QListView.ResizeMode.Adjust)  # a new width lays the wrapped rows out again
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setItemDelegate(WrapDelegate(view))
        self.setView(view)
        self.currentTextChanged.connect(self._tip)

    def _tip(self, text: str) -> None:
        from app.messages import plain_tip

        self.setToolTip(plain_tip(text) if text else "")

    def _box_width(self, text_width: int) -> int:
        """The width of the box around a text `text_width` wide (its frame, padding and arrow)."""
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        inner = QSize(text_width, self.fontMetrics().height())
        return self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, inner, self).width()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()  # as wide as the longest item
        return QSize(min(hint.width(), self._box_width(self.fontMetrics().averageCharWidth() * WIDEST)), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.sizeHint()

    def paintEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        """The current text, ending in "..." where the box is narrower than it (Qt would cut it)."""
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        if self.currentIndex() < 0 and self.placeholderText():  # nothing to choose: say why, in grey
            opt.currentText = self.placeholderText()
            opt.palette.setBrush(QPalette.ColorRole.ButtonText, opt.palette.placeholderText())
        opt.currentText = self.fontMetrics().elidedText(opt.currentText, Qt.TextElideMode.ElideRight, field.width() - 2)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)

    def showPopup(self) -> None:
        """The list as wide as its longest item, but never wider than the window or
        the screen: longer rows wrap."""
        view = self.view()
        longest = max((view.fontMetrics().horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        extra = view.verticalScrollBar().sizeHint().width() + 2 * view.frameWidth() + 16
        room = min(self.window().width(), self.screen().availableGeometry().width()) - 2 * ROOM
        width = max(self.width(), min(longest + extra, room))
        view.setMinimumWidth(width)
        frame = view.parentWidget()  # Qt's frame around the list, which Qt would widen to the longest item
        if isinstance(frame, QFrame):
            frame.setMaximumWidth(width + 2 * frame.frameWidth())
        view.resize(width, view.height())
        view.doItemsLayout()  # rows measured at the width they will have, so the list is as tall as they are
        super().showPopup()

