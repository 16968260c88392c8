"""A reference document beside the exam, as the real L1 test hands out its composite vehicle
booklet: the practice vehicle's reference (resources/reference/PV-1.md) rendered from its Markdown
in a window of its own, searchable, with a list of its sections, opened at the section a question
points to (``reference: PV-1#variable-valve-timing``).

The document is our own file. Its pictures are read only from its exhibits folder, checked like
every figure of the bank and painted by Qt's SVG renderer; links never open anything outside it.
The window is built the first time it is asked for and kept, so moving between questions never
waits for it; an open window follows each question to its section.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QRectF, QSettings, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QShortcut, QTextCursor, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.pages.common import plain_label
from questions.blueprints import RESOURCES
from questions.exhibits import svg_problems
from questions.references import REFERENCE_DIR, document_path, sections, slug, split

IMAGE_WIDTH = 620  # logical pixels: the window's reading width
SHORTCUT = "V"  # "vehicle": the key that opens the reference during an exam


class ReferenceBrowser(QTextBrowser):
    """The document rendered from Markdown; images only from under resources/exhibits."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.setOpenLinks(False)  # links are followed here, never handed to another program
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._follow)
        self.blocks: dict[str, int] = {}  # section anchor -> block number
        self.titles: dict[str, str] = {}
        self.build_ms = 0.0

    def load(self) -> bool:
        """Read and lay out the document; False (and a sentence in the window) when it cannot be read."""
        t0 = time.perf_counter()
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as e:
            self.setPlainText(f"The reference {self.path.name} cannot be read ({e.strerror or e}). "
                              "Reinstall ASE Prep to get it back.")
            return False
        self.document().setBaseUrl(QUrl.fromLocalFile(str(self.path.parent) + "/"))
        self.setMarkdown(text)
        headings = dict(sections(self.path))
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0:
                anchor = slug(block.text())
                if anchor in headings and anchor not in self.blocks:
                    self.blocks[anchor] = block.blockNumber()
                    self.titles[anchor] = headings[anchor]
            block = block.next()
        self.build_ms = (time.perf_counter() - t0) * 1000
        return True

    def loadResource(self, kind: int, url: QUrl):  # type: ignore[no-untyped-def,override]
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        target = (self.path.parent / url.path()).resolve() if not url.isLocalFile() else Path(url.toLocalFile()).resolve()
        root = (RESOURCES / "exhibits").resolve()
        if not target.is_relative_to(root) or target.suffix.lower() != ".svg":
            return None
        try:
            data = target.read_bytes()
        except OSError:
            return None
        if svg_problems(data):
            return None
        renderer = QSvgRenderer(data)
        if not renderer.isValid():
            return None
        nat = renderer.defaultSize()
        width = min(IMAGE_WIDTH, max(1, int(nat.width() * 1.5)))
        size = QSize(width, max(1, round(width * nat.height() / max(1, nat.width()))))
        dpr = self.devicePixelRatioF()
        image = QImage(round(size.width() * dpr), round(size.height() * dpr), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(dpr)
        image.fill(QColor("white"))  # drawings are black on white in both themes, as in the exam
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(p, QRectF(0, 0, size.width(), size.height()))
        p.end()
        return image

    def _follow(self, url: QUrl) -> None:
        if url.hasFragment() and not url.path().strip("/"):
            self.go_to(url.fragment())

    def go_to(self, anchor: str) -> bool:
        """Scroll so the section's heading is at the top; False for an anchor the document lacks."""
        number = self.blocks.get(anchor)
        if number is None:
            return False
        block = self.document().findBlockByNumber(number)
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self.verticalScrollBar().setValue(int(top))
        return True

    def current_section(self) -> str:
        """The anchor of the section at the top of the view."""
        y = self.verticalScrollBar().value() + 2
        best = ""
        layout = self.document().documentLayout()
        for anchor, number in self.blocks.items():
            if layout.blockBoundingRect(self.document().findBlockByNumber(number)).top() <= y:
                best = anchor
        return best


class ReferenceWindow(QWidget):
    """The reference in a window of its own beside the exam: sections, search, Esc to go back."""

    def __init__(self, name: str, parent: QWidget | None = None, settings: QSettings | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.name = name
        self.settings = settings  # where the window's place is kept between runs (the app's settings file)
        self._placed = False
        self.setWindowTitle(f"{name} Practice Vehicle reference (ASE Prep's own, not ASE's booklet)")
        self.setAccessibleName(f"{name} reference")
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.sections = QComboBox()
        self.sections.setAccessibleName("Go to a section of the reference")
        self.sections.setMinimumContentsLength(28)
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
        close = QPushButton("Back to the question (Esc)")
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
        if not self._placed:
            self._place()
        self.show()
        self.raise_()
        self.activateWindow()
        if anchor:
            self._go(anchor)
            # once the window has its width the text is laid out again: put the heading back on top
            QTimer.singleShot(0, lambda: self._go(anchor))

    @property
    def _key(self) -> str:
        return f"reference/{self.name}/geometry"

    def _place(self) -> None:
        """Where it was left (this run or the last), else beside the exam at the screen's right edge."""
        self._placed = True
        geo = self.settings.value(self._key) if self.settings is not None else None
        if geo is not None and self.restoreGeometry(geo):
            return
        screen = (self.parentWidget() or self).screen().availableGeometry()
        w, h = min(720, max(480, screen.width() // 2)), min(760, screen.height() - 40)
        self.setGeometry(screen.right() - w - 8, screen.top() + 32, w, h)

    def hideEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        """Closed (Esc, the button, the exam ending): its place is kept and the question has the keyboard."""
        if not e.spontaneous():
            if self.settings is not None:
                self.settings.setValue(self._key, self.saveGeometry())
                self.settings.sync()
            parent = self.parentWidget()
            if parent is not None and parent.isVisible():
                parent.activateWindow()
        super().hideEvent(e)

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
    out), opening it at the question's section; an open window follows each question. Cheap on
    every question change: the window is built only when first opened."""

    def __init__(self, button: QPushButton, settings: QSettings | None = None) -> None:
        self.button = button
        self.settings = settings
        self.current: str | None = None
        button.clicked.connect(self.open)
        button.hide()

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
        win = _WINDOWS.get((id(self.button.window()), name))
        if win is not None:
            win.follow(split(ref)[1])

    def open(self) -> ReferenceWindow | None:
        return open_reference(self.button, self.current, self.settings) if self.current else None

    def close_window(self) -> None:
        """Close the open window of the last question's document (the screen it belongs to is left)."""
        win = _WINDOWS.get((id(self.button.window()), split(self.current)[0])) if self.current else None
        if win is not None and win.isVisible():
            win.close()


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
