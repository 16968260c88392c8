"""A reference document beside the exam, as the real L1 test hands out its composite vehicle
booklet: the practice vehicle's reference (resources/reference/PV-1.md) rendered from its Markdown
(app.reference_browser), searchable, with a list of its sections, opened at the section a question
points to (``reference: PV-1#variable-valve-timing``). On the exam screen it is a side panel
beside the question (the split is kept between runs); elsewhere a window of its own (its place kept).

The panel or window is built the first time it is asked for and kept, so moving between questions
never waits for it; an open one follows each question to its section.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.fit_combo import FitCombo
from app.pages.common import plain_label
from app.reference_browser import ReferenceBrowser
from questions.references import REFERENCE_DIR, document_path, sections, split

SHORTCUT = "V"  # "vehicle": the key that opens the reference during an exam


class ReferenceWindow(QWidget):
    """The reference in a window of its own, or as a panel in a splitter beside the question
    (`panel`): sections, search, Esc to go back. While it has the keyboard, the exam's one-key
    shortcuts (A-D, 1-4, N, P, F, ...) do not act on the question behind it."""

    closed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None, settings: QSettings | None = None,
                 panel: bool = False) -> None:
        super().__init__(parent, Qt.WindowType.Widget if panel else Qt.WindowType.Window)
        self.name = name
        self.panel = panel
        self.settings = settings  # where its place is kept between runs (the app's settings file)
        self._placed = False
        self.leaving = False
        self.setWindowTitle(f"{name} Practice Vehicle reference (ASE Prep's own, not ASE's booklet)")
        self.setAccessibleName(f"{name} reference")
        lay = QVBoxLayout(self)
        if panel:  # a window says it in its title bar
            lay.setContentsMargins(8, 8, 12, 8)
            lay.addWidget(plain_label(f"{name} Practice Vehicle reference: ASE Prep's own, not ASE's booklet", "muted"))
        row = QHBoxLayout()
        self.sections = FitCombo("Go to a section of the reference")
        self.sections.activated.connect(lambda i: self._go_to(self.sections.itemData(i)))
        row.addWidget(plain_label("Section:", wrap=False))
        row.addWidget(self.sections, 1)
        lay.addLayout(row)
        find = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find in the reference (Ctrl+F)")
        self.search.setAccessibleName("Find in the reference")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.find_next)
        self.prev_btn = QPushButton("Previous")
        self.next_btn = QPushButton("Next")
        self.prev_btn.setAccessibleName("Previous match")
        self.next_btn.setAccessibleName("Next match")
        self.prev_btn.clicked.connect(lambda: self.find_next(backward=True))
        self.next_btn.clicked.connect(lambda: self.find_next())
        self.found = plain_label("", "muted", wrap=False)
        find.addWidget(self.search, 1)
        find.addWidget(self.prev_btn)
        find.addWidget(self.next_btn)
        find.addWidget(self.found)
        lay.addLayout(find)
        self.browser = ReferenceBrowser(document_path(name))
        self.browser.setAccessibleName(f"{name} reference document")
        lay.addWidget(self.browser, 1)
        close = QPushButton("Close the reference (Esc)" if panel else "Back to the question (Esc)")
        close.setAccessibleName("Close the reference and go back to the question")
        close.clicked.connect(self.close)
        lay.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self).activated.connect(self._focus_search)
        QShortcut(QKeySequence("Shift+Return"), self.search).activated.connect(lambda: self.find_next(backward=True))
        self.loaded = self.browser.load()
        for anchor, title in self.browser.titles.items():
            self.sections.addItem(title, anchor)
        self.browser.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.matches: list[QTextCursor] = []
        self.current = -1

    def open_at(self, anchor: str = "") -> None:
        if not self._placed and not self.panel:
            self._place()
        self.show()
        if not self._placed:  # a panel is given its share once it is in the split
            self._place()
        if self.panel:
            self.browser.setFocus()
        else:
            self.raise_()
            self.activateWindow()
        if anchor:
            self._go(anchor)
            # once the window has its width the text is laid out again: put the heading back on top
            QTimer.singleShot(0, lambda: self._go(anchor))

    @property
    def _key(self) -> str:
        return f"reference/{self.name}/{'split' if self.panel else 'geometry'}"

    def _splitter(self) -> QSplitter | None:
        parent = self.parentWidget()
        return parent if self.panel and isinstance(parent, QSplitter) else None

    def _place(self) -> None:
        """Where it was left (this run or the last); else a window at the screen's right edge, or a
        panel taking 45 % of the exam's width."""
        self._placed = True
        kept = self.settings.value(self._key) if self.settings is not None else None
        split = self._splitter()
        if split is not None:
            try:
                sizes = [int(x) for x in kept] if isinstance(kept, list) and len(kept) == 2 else []
            except (TypeError, ValueError):
                sizes = []
            width = max(split.width(), 600)
            split.setSizes(sizes if sizes and min(sizes) > 0 else [width * 55 // 100, width * 45 // 100])
            return
        if kept is not None and not self.panel and self.restoreGeometry(kept):
            return
        screen = (self.parentWidget() or self).screen().availableGeometry()
        w, h = min(720, max(480, screen.width() // 2)), min(760, screen.height() - 40)
        self.setGeometry(screen.right() - w - 8, screen.top() + 32, w, h)

    def keep_place(self) -> None:
        """Store where it is now (a window's geometry, a panel's split) for the next time it opens."""
        split = self._splitter()
        if self.settings is None or not self.isVisible() or (self.panel and split is None):
            return
        self.settings.setValue(self._key, split.sizes() if split is not None else self.saveGeometry())
        self.settings.sync()

    def closeEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        """Closed (Esc, the button): its place is kept and the question has the keyboard. Closed by
        leaving its screen (`leaving`), it keeps the place it had, not the one the leaving gave it."""
        if not self.leaving:
            self.keep_place()
        super().closeEvent(e)
        parent = self.parentWidget()
        if not self.panel and parent is not None and parent.isVisible():
            parent.activateWindow()
        self.closed.emit()

    def event(self, e) -> bool:  # type: ignore[no-untyped-def]
        """Keys typed in the reference stay in it: the exam's one-key shortcuts do not fire from here."""
        if self.panel and e.type() == QEvent.Type.ShortcutOverride and not (
                e.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            e.accept()
            return True
        return super().event(e)

    def follow(self, anchor: str) -> None:
        """Go to `anchor` if the window is open (the exam moved to a question that points elsewhere)."""
        if self.isVisible() and anchor:
            self._go(anchor)

    def _go(self, anchor: str) -> None:
        if self.browser.go_to(anchor):
            i = self.sections.findData(anchor)
            if i >= 0:
                self.sections.setCurrentIndex(i)

    def _scrolled(self, _value: int) -> None:
        """The section list names the section being read."""
        i = self.sections.findData(self.browser.current_section())
        if i >= 0 and i != self.sections.currentIndex():
            self.sections.setCurrentIndex(i)

    def keyPressEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        if e.key() == Qt.Key.Key_Escape:  # back to the question
            self.close()
            e.accept()
            return
        super().keyPressEvent(e)

    def _go_to(self, anchor: str) -> None:
        self.browser.go_to(anchor)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        doc = self.browser.document()
        self.matches = []
        cursor = QTextCursor(doc)
        needle = text.strip()
        while needle:
            cursor = doc.find(needle, cursor)
            if cursor.isNull():
                break
            self.matches.append(QTextCursor(cursor))
        self.current = -1
        marks = []
        for c in self.matches:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = c
            sel.format.setBackground(QColor("#ffe28a"))
            sel.format.setForeground(QColor("black"))
            marks.append(sel)
        self.browser.setExtraSelections(marks)
        if needle and not self.matches:
            self.found.setText("not found")
        elif needle:
            self.find_next()
        else:
            self.found.setText("")

    def find_next(self, backward: bool = False) -> None:
        if not self.matches:
            return
        self.current = (self.current + (-1 if backward else 1)) % len(self.matches)
        self.browser.setTextCursor(self.matches[self.current])
        self.browser.ensureCursorVisible()
        self.found.setText(f"{self.current + 1} of {len(self.matches)}")


_WINDOWS: dict[tuple[int, str], ReferenceWindow] = {}


def reference_window(host: QWidget, name: str, settings: QSettings | None = None) -> ReferenceWindow:
    """The reference window of this app window for document `name`, built on first use and kept."""
    top = host.window()
    key = (id(top), name)
    win = _WINDOWS.get(key)
    if win is None:
        win = ReferenceWindow(name, top, settings)
        _WINDOWS[key] = win
        top.destroyed.connect(lambda *_: _WINDOWS.pop(key, None))
    elif settings is not None and win.settings is None:
        win.settings = settings
    return win


def open_reference(host: QWidget, reference: str, settings: QSettings | None = None) -> ReferenceWindow | None:
    """Open "PV-1#section" (or "PV-1") beside `host`, where it was last left; None if there is no such document."""
    name, anchor = split(reference)
    if not name or not document_path(name).is_file():
        return None
    win = reference_window(host, name, settings)
    win.open_at(anchor)
    return win


def reference_for(question_reference: str | None, test_reference: str | None) -> str | None:
    """What the reference button opens for a question: its own section, else the test's document."""
    return question_reference or test_reference or None


def button_text(reference: str | None) -> str:
    """The label of the reference button for a question ("PV-1 reference: Variable valve timing (V)")."""
    if not reference:
        return ""
    name, anchor = split(reference)
    title = dict(sections(document_path(name))).get(anchor, "") if anchor else ""
    return f"{name} reference{': ' + title if title else ''} ({SHORTCUT})"


class ReferenceLink:
    """The reference button of a screen that shows one question at a time (the exam, results,
    the instructor's preview): shown for a question that has a reference (or whose test hands one
    out), opening it at the question's section; an open one follows each question. With `panel`
    (name -> a ReferenceWindow built as a panel of that screen) it opens beside the question, else
    in a window. Cheap on every question change: nothing is built until first opened."""

    def __init__(self, button: QPushButton, settings: QSettings | None = None,
                 panel: Callable[[str], ReferenceWindow] | None = None) -> None:
        self.button = button
        self.settings = settings
        self.make_panel = panel
        self.panels: dict[str, ReferenceWindow] = {}
        self.current: str | None = None
        button.clicked.connect(self.open)
        button.hide()

    def built(self, name: str) -> ReferenceWindow | None:
        """The panel or window already built for document `name`, if any."""
        if self.make_panel is not None:
            return self.panels.get(name)
        return _WINDOWS.get((id(self.button.window()), name))

    def window_for(self, name: str) -> ReferenceWindow:
        """The panel or window for document `name`, built now if it was not."""
        if self.make_panel is None:
            return reference_window(self.button, name, self.settings)
        win = self.panels.get(name)
        if win is None:
            win = self.panels[name] = self.make_panel(name)
        return win

    def show_for(self, question_reference: str | None, test_reference: str | None) -> None:
        ref = reference_for(question_reference, test_reference)
        name = split(ref)[0] if ref else ""
        if ref and not document_path(name).is_file():
            ref = None
        self.current = ref
        if not ref:
            self.button.hide()
            return
        text = button_text(ref)
        self.button.setText(text)
        self.button.setAccessibleName(f"Open the {text.replace(f' ({SHORTCUT})', '')} beside the question "
                                      f"(key {SHORTCUT})")
        self.button.show()
        win = self.built(name)
        if win is not None:
            win.follow(split(ref)[1])

    def open(self) -> ReferenceWindow | None:
        if not self.current:
            return None
        if self.make_panel is None:
            return open_reference(self.button, self.current, self.settings)
        name, anchor = split(self.current)
        win = self.window_for(name)
        win.settings = win.settings or self.settings
        win.open_at(anchor)
        return win

    def close_window(self) -> None:
        """Close the open panel or window of the last question's document (its screen is left)."""
        win = self.built(split(self.current)[0]) if self.current else None
        if win is not None and win.isVisible():
            win.leaving = True
            win.close()
            win.leaving = False


__all__ = ["REFERENCE_DIR", "SHORTCUT", "ReferenceLink", "ReferenceWindow", "button_text", "open_reference",
           "reference_for", "reference_window"]


if __name__ == "__main__":  # a preview of the window alone
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    host = QWidget()
    w = open_reference(host, sys.argv[1] if len(sys.argv) > 1 else "PV-1#variable-valve-timing")
    browser: ReferenceBrowser | None = w.browser if w else None
    print(f"built in {browser.build_ms:.0f} ms" if browser is not None else "no such document")
    sys.exit(app.exec())
