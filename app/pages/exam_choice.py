"""A choice on the exam screen: a full-width button with a letter badge that wraps long text and
can be crossed out (struck and dimmed, still clickable) by right-click, the menu key or its own
"Cross out" button beside it, as at the test center."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFont, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QToolButton

from app.pages.common import plain_label


class ChoiceButton(QPushButton):
    """A full-width choice with a letter badge; wraps long text; can be crossed out."""

    cross_asked = Signal()  # right-click or the menu key: cross this choice out (or back in)

    def __init__(self, letter: str) -> None:
        super().__init__()
        self.setObjectName("choice")
        self.letter = letter
        self.setCheckable(True)
        self.setAutoExclusive(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.badge = QLabel(letter)
        self.badge.setObjectName("badge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setMinimumWidth(34)  # wider at a large text size
        self.text_label = plain_label("", "choiceText")
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        for w in (self.badge, self.text_label):
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.row = lay = QHBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.setSpacing(14)
        lay.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        lay.addWidget(self.text_label, 1)
        self.mark_label = QLabel("")
        self.mark_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        lay.addWidget(self.mark_label, 0, Qt.AlignmentFlag.AlignTop)
        self.crossed = False
        self.mark = ""

    def set_choice(self, text: str) -> None:
        # one width for every letter (the widest, W), so the four choices' texts line up at any text size
        self.badge.setFixedWidth(max(34, self.badge.fontMetrics().horizontalAdvance("W") + 24))
        self.text_label.setText(text)
        self._update_name()
        self.updateGeometry()

    def set_state(self, selected: bool, crossed: bool, mark: str = "") -> None:
        self.setChecked(selected)
        self.crossed = crossed
        self.mark = mark
        f = QFont(self.text_label.font())
        f.setStrikeOut(crossed)
        self.text_label.setFont(f)
        self.setProperty("crossed", "true" if crossed else "false")
        self.text_label.setProperty("crossed", "true" if crossed else "false")
        self.badge.setProperty("selected", "true" if selected else "false")
        self.setProperty("mark", mark)
        self.mark_label.setObjectName({"key": "good", "wrong": "bad"}.get(mark, ""))
        self.mark_label.setText({"key": "✓ Correct answer", "wrong": "✗ Your answer"}.get(mark, ""))
        for w in (self.mark_label,):
            w.style().unpolish(w)
            w.style().polish(w)
        self.style().unpolish(self)
        self.style().polish(self)
        for w in (self.badge, self.text_label):
            w.style().unpolish(w)
            w.style().polish(w)
        self._update_name()

    def _update_name(self) -> None:
        state = []
        if self.isChecked():
            state.append("selected")
        if self.crossed:
            state.append("crossed out")
        if self.mark == "key":
            state.append("correct answer")
        elif self.mark == "wrong":
            state.append("your answer, incorrect")
        extra = f" ({', '.join(state)})" if state else ""
        self.setAccessibleName(f"Choice {self.letter}: {self.text_label.text()}{extra}")

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.RightButton:
            e.accept()
            self.cross_asked.emit()
            return
        super().mousePressEvent(e)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        e.accept()  # a right-click was taken on the press; the menu key crosses out here
        if e.reason() != QContextMenuEvent.Reason.Mouse:
            self.cross_asked.emit()

    def _badge_width(self) -> int:
        return max(34, self.badge.width(), self.badge.minimumWidth())

    def sizeHint(self) -> QSize:
        w = max(self.width(), 400)
        m = self.row.contentsMargins()
        text_w = w - m.left() - m.right() - self._badge_width() - self.row.spacing()
        h = self.text_label.heightForWidth(text_w)
        return QSize(w, max(h, self.badge.sizeHint().height()) + m.top() + m.bottom())

    def minimumSizeHint(self) -> QSize:
        return QSize(300, self.sizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        m = self.row.contentsMargins()
        text_w = width - m.left() - m.right() - self._badge_width() - self.row.spacing()
        return max(self.text_label.heightForWidth(text_w), self.badge.sizeHint().height()) + m.top() + m.bottom()

    def resizeEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(e)
        want = self.heightForWidth(self.width())
        if want != self.minimumHeight():
            self.setMinimumHeight(want)


class CrossButton(QToolButton):
    """The visible cross-out control beside a choice: "Cross out" or, once crossed, "Restore"."""

    def __init__(self, letter: str) -> None:
        super().__init__()
        self.letter = letter
        self.setObjectName("cross")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(f"Cross out choice {letter} (right-click the choice, or press X on it)")
        self.show_crossed(False)

    def show_crossed(self, crossed: bool) -> None:
        self.setText("Cross out")
        self.setMinimumWidth(self.sizeHint().width())  # as wide either way, so the choice beside it never moves
        self.setText("Restore" if crossed else "Cross out")
        self.setAccessibleName(f"{'Restore' if crossed else 'Cross out'} choice {self.letter}")
