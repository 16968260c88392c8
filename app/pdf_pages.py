"""Printing a QTextDocument on Letter pages, with the pieces that belong together kept together.

Qt breaks a document wherever a page ends: in the middle of a table row, or between a question
and its choices. Here the document is laid out on the printed page's size first; every piece
(a week's table, a question with its four choices) that would run over a page end, and fits on a
page of its own, starts the next page instead. print_ then prints exactly that layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextBlock, QTextDocument, QTextFormat, QTextFrame

from study.storage.files import write_with

DPI = 96.0  # the document's units: pixels at 96 per inch, scaled to the printer by print_
LETTER_INCHES = (8.5, 11.0)

# A table (a frame); or a run from a first block to a last block or table (a heading and its table)
Piece = QTextFrame | tuple[QTextBlock, QTextBlock | QTextFrame]


def paginate(doc: QTextDocument, margin_mm: float) -> float:
    """Lay `doc` out on Letter pages with `margin_mm` margins; returns a page's height."""
    w, h = LETTER_INCHES[0] * DPI, LETTER_INCHES[1] * DPI
    doc.setPageSize(QSizeF(w, h))
    root = doc.rootFrame().frameFormat()
    root.setMargin(margin_mm / 25.4 * DPI)
    doc.rootFrame().setFrameFormat(root)
    return h


def _span(doc: QTextDocument, piece: Piece) -> tuple[float, float]:
    layout = doc.documentLayout()
    layout.documentSize()  # lays the whole document out: a block further down may not be yet
    if isinstance(piece, QTextFrame):
        r = layout.frameBoundingRect(piece)
        return r.top(), r.bottom()
    first, last = piece
    bottom = layout.frameBoundingRect(last).bottom() if isinstance(last, QTextFrame) else \
        layout.blockBoundingRect(last).bottom()
    return layout.blockBoundingRect(first).top(), bottom


def _break_before(piece: Piece) -> None:
    if isinstance(piece, QTextFrame):
        f = piece.frameFormat()
        f.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        piece.setFrameFormat(f)
        return
    first = piece[0]
    from PySide6.QtGui import QTextCursor

    cur = QTextCursor(first)
    fmt = first.blockFormat()
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cur.setBlockFormat(fmt)


def keep_together(doc: QTextDocument, pieces: Sequence[Piece], page_height: float) -> int:
    """Move each piece that would cross a page end to the top of the next page (one at a time,
    from the top, as each move shifts what follows). A piece already at the top of its page stays
    (it is longer than a page, and Qt splits it; a table repeats its header). Its measured span is
    no guide to its length: a line that does not fit is pushed past the page end, gap and all.
    Returns how many moved."""
    moved = 0
    margin = doc.rootFrame().frameFormat().margin()
    for piece in pieces:
        top, bottom = _span(doc, piece)
        page = int(top // page_height)
        at_top = top - (page * page_height + margin) < TOP_SLACK
        if page != int((bottom - 0.5) // page_height) and not at_top:
            _break_before(piece)
            moved += 1
    return moved


TOP_SLACK = 24.0  # pixels below a page's top margin that still count as the top (a block's own margin)


def crosses_page(doc: QTextDocument, piece: Piece, page_height: float) -> bool:
    top, bottom = _span(doc, piece)
    return int(top // page_height) != int((bottom - 0.5) // page_height)


def write_document_pdf(doc: QTextDocument, path: Path, title: str) -> Path:
    """Print the paginated `doc` to `path` (whole, or not at all), each page numbered
    ("title - page 2 of 5") in its bottom margin."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QPainter

    def write(tmp: Path) -> None:
        writer = QPdfWriter(str(tmp))
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.Letter), QPageLayout.Orientation.Portrait,
                                         QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
        writer.setResolution(300)
        writer.setTitle(title)
        writer.setCreator("ASE Prep")
        size = doc.pageSize()
        margin = doc.rootFrame().frameFormat().margin()
        pages = doc.pageCount()
        painter = QPainter(writer)
        scale = writer.resolution() / DPI  # the document's pixels to the writer's dots
        painter.scale(scale, scale)
        foot = QFont()
        foot.setPointSizeF(8)
        for n in range(pages):
            if n:
                writer.newPage()
            painter.save()
            painter.translate(0, -n * size.height())
            doc.drawContents(painter, QRectF(0, n * size.height(), size.width(), size.height()))
            painter.restore()
            painter.setFont(foot)
            painter.drawText(QRectF(margin, size.height() - margin * 0.75, size.width() - 2 * margin, margin * 0.5),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{title} - page {n + 1} of {pages}")
        painter.end()
        del writer  # finishes the file
        if tmp.stat().st_size == 0:
            raise OSError(f"could not write {path}")

    return write_with(path, write)


def build_paginated(make: Callable[[], tuple[QTextDocument, list[Piece]]], margin_mm: float) -> QTextDocument:
    """A document from `make` laid out on Letter pages, its pieces kept whole."""
    doc, pieces = make()
    height = paginate(doc, margin_mm)
    keep_together(doc, pieces, height)
    return doc
