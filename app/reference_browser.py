"""The reference document's text: rendered from its Markdown, its sections found, its pictures read
only from the exhibits folder (checked like every figure of the bank, painted by Qt's SVG renderer);
links never open anything outside it. The window or panel around it is app.reference_view's."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextCursor, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextBrowser

from questions.blueprints import RESOURCES
from questions.exhibits import svg_problems
from questions.references import sections, slug

IMAGE_WIDTH = 620  # logical pixels: the reading width


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
