"""The exam screen's keys, as at the test center: 1-4 or A-D choose, F flags, X crosses out the
focused choice, Left/Right or P/N move, R opens the review screen, Escape returns to the question,
Enter confirms what has the focus (on the end confirmation, by default "Return to the exam")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QPushButton

from app.pages.exam_choice import ChoiceButton
from app.pages.exam_view import LETTERS

if TYPE_CHECKING:
    from app.pages.exam import ExamPage


def install_keys(page: ExamPage) -> None:
    def sc(keys: list[str], fn: Any) -> None:
        for k in keys:
            s = QShortcut(QKeySequence(k), page)
            s.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            s.activated.connect(fn)

    def choose(letter: str) -> None:
        if page._in_question():
            page.choose(letter)
            page.choices[LETTERS.index(letter)].setFocus()

    def cross_focused() -> None:
        w = page.focusWidget()
        if page._in_question() and isinstance(w, ChoiceButton):
            page.cross_out(w.letter)

    for i, letter in enumerate(LETTERS):
        sc([str(i + 1), letter], lambda L=letter: choose(L))
    sc(["F"], lambda: page.toggle_flag() if page._in_question() else None)
    sc(["X"], cross_focused)
    sc(["Right", "N"], lambda: page.next() if page._in_question() else None)
    sc(["Left", "P"], lambda: page.previous() if page._in_question() else None)
    sc(["R"], lambda: page.show_review() if page.active is not None else None)
    sc(["Return", "Enter"], lambda: enter(page))
    sc(["Escape"], lambda: page.show_question() if page.body.currentIndex() != page.QUESTION else None)


def enter(page: ExamPage) -> None:
    if page.active is None:
        return
    idx = page.body.currentIndex()
    w = page.focusWidget()
    if idx == page.CONFIRM:
        (w if isinstance(w, QPushButton) and w in (page.confirm_yes, page.confirm_no) else page.confirm_no).click()
    elif idx == page.REVIEW:
        if isinstance(w, QPushButton):
            w.click()
    elif isinstance(w, ChoiceButton) and not page._locked(page.active.run.position):
        page.choose(w.letter)
    elif isinstance(w, QPushButton | QCheckBox) and not isinstance(w, ChoiceButton) and w is not page.next_btn:
        w.click()
    else:
        page.next()
