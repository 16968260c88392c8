"""A practice set printed to PDF for a paper quiz, with or without the answer key.

The document is built with QTextCursor.insertText, never from HTML, so a question's text from
an imported file is printed exactly as written and can load nothing (an instructor's question's
bold and italic are printed as bold and italic runs of that text). A question's exhibit is
printed with it: a table as a table of its cells, a figure drawn from its SVG (only an SVG that
passes questions.exhibits.svg_problems; any other is printed as its text description). A
question is never split across a page break: one that would be starts on the next page
(app.pdf_pages).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextImageFormat,
    QTextTableFormat,
)
from PySide6.QtSvg import QSvgRenderer

from app.pdf_pages import DPI, LETTER_INCHES, Piece, keep_together, paginate, write_document_pdf
from questions.exhibits import figure_path, svg_problems
from questions.model import Exhibit
from study.classroom.lms import emphasis
from study.classroom.sets import PracticeSet
from study.day_words import day_text

LETTERS = ("A", "B", "C", "D")
MARGIN_MM = 18.0
FIGURE_DPI = 220  # the resolution a figure is drawn at for paper
FIGURE_MAX_HEIGHT = 0.42  # of the page: a figure leaves room for its stem and choices


def _fmt(size: float, bold: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setFontPointSize(size)
    f.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return f


def _marked(cur: QTextCursor, text: str, spans: tuple[tuple[int, int, str], ...], fmt: QTextCharFormat) -> None:
    """`text` in `fmt`, with its bold and italic spans (an instructor's question's) bold and italic."""
    cuts = sorted({0, len(text), *(min(p, len(text)) for s, e, _ in spans for p in (s, e))})
    for a, b in zip(cuts, cuts[1:], strict=False):
        kinds = {k for s, e, k in spans if s <= a and b <= e}
        f = QTextCharFormat(fmt)
        if "b" in kinds:
            f.setFontWeight(QFont.Weight.Bold)
        if "i" in kinds:
            f.setFontItalic(True)
        cur.insertText(text[a:b], f)


def _block(top: float = 0.0, indent: int = 0, page_break: bool = False) -> QTextBlockFormat:
    b = QTextBlockFormat()
    b.setTopMargin(top)
    b.setIndent(indent)
    if page_break:
        b.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    return b


def _table(cur: QTextCursor, ex: Exhibit, small: QTextCharFormat, head: QTextCharFormat) -> None:
    if ex.caption:
        cur.insertBlock(_block(6, indent=1))
        cur.insertText(ex.caption, head)
    tf = QTextTableFormat()
    tf.setBorder(1)
    tf.setBorderBrush(QColor("#777777"))
    tf.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    tf.setCellPadding(3)
    tf.setCellSpacing(0)
    tf.setHeaderRowCount(1)
    tf.setLeftMargin(24)
    tf.setTopMargin(3)
    table = cur.insertTable(len(ex.rows) + 1, len(ex.columns), tf)
    for c, text in enumerate(ex.columns):
        table.cellAt(0, c).firstCursorPosition().insertText(text, head)
    for r, row in enumerate(ex.rows, start=1):
        for c, text in enumerate(row):
            table.cellAt(r, c).firstCursorPosition().insertText(text, small)
    cur.movePosition(QTextCursor.MoveOperation.End)


def figure_svg(ex: Exhibit) -> bytes:
    """The figure's SVG if it may be drawn (it passes svg_problems), else b""."""
    try:
        data = ex.data.encode("utf-8") if ex.data else figure_path(ex.file).read_bytes()
    except OSError:
        return b""
    return data if data and not svg_problems(data) else b""


def _figure(doc: QTextDocument, cur: QTextCursor, ex: Exhibit, n: int, small: QTextCharFormat,
            head: QTextCharFormat) -> None:
    cur.insertBlock(_block(6, indent=1))
    cur.insertText(ex.caption or "Figure", head)
    renderer = QSvgRenderer(QByteArray(figure_svg(ex)))
    box = renderer.viewBoxF() if renderer.isValid() else QRectF()
    if box.isEmpty() and renderer.isValid():
        box = QRectF(0, 0, renderer.defaultSize().width(), renderer.defaultSize().height())
    if not renderer.isValid() or box.isEmpty():
        cur.insertBlock(_block(2, indent=1))
        cur.insertText(f"(The figure cannot be drawn; its description:) {ex.alt}", small)
        return
    # the document's units are pixels at DPI per inch (app.pdf_pages), scaled to the paper
    margin = MARGIN_MM / 25.4 * DPI
    page_w, page_h = LETTER_INCHES[0] * DPI - 2 * margin, LETTER_INCHES[1] * DPI - 2 * margin
    width = min(page_w - 24, box.width() * 1.15)
    height = width * box.height() / box.width()
    if height > page_h * FIGURE_MAX_HEIGHT:
        height = page_h * FIGURE_MAX_HEIGHT
        width = height * box.width() / box.height()
    image = QImage(max(1, round(width / DPI * FIGURE_DPI)), max(1, round(height / DPI * FIGURE_DPI)),
                   QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    name = f"figure-{n}"
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    fmt = QTextImageFormat()
    fmt.setName(name)
    fmt.setWidth(width)
    fmt.setHeight(height)
    cur.insertBlock(_block(3, indent=1))
    cur.insertImage(fmt)


def set_document(ps: PracticeSet, *, answer_key: bool) -> QTextDocument:
    """The set as a plain-text document on Letter pages: heading, name line, questions with their
    exhibits (each question with its four choices on one page), then the key if asked."""
    return set_layout(ps, answer_key=answer_key)[0]


def set_layout(ps: PracticeSet, *, answer_key: bool) -> tuple[QTextDocument, list[Piece], float]:
    """set_document, with each question's run of blocks (stem to last choice) and the page height."""
    doc, pieces = _build(ps, answer_key)
    height = paginate(doc, MARGIN_MM)
    keep_together(doc, pieces, height)
    return doc, pieces, height


def _build(ps: PracticeSet, answer_key: bool) -> tuple[QTextDocument, list[Piece]]:
    """The document as built, not yet laid out on pages, and each question's run of blocks."""
    doc = QTextDocument()
    questions: list[Piece] = []
    doc.setDocumentMargin(0)
    cur = QTextCursor(doc)
    body, small, bold, head = _fmt(11), _fmt(9.5), _fmt(11, True), _fmt(9.5, True)
    cur.setBlockFormat(_block())
    cur.insertText(ps.title, _fmt(17, True))
    facts = [f"Test {ps.test}", f"{len(ps.questions)} questions"]
    if ps.time_limit_seconds:
        facts.append(f"{round(ps.time_limit_seconds / 60)} minutes")
    if ps.due:
        facts.append(f"due {day_text(ps.due)}")
    if ps.instructor:
        facts.append(f"from {ps.instructor}")
    cur.insertBlock(_block(4))
    cur.insertText(" - ".join(facts), small)
    cur.insertBlock(_block(14))
    cur.insertText("Name: ______________________________     Date: ______________", body)
    if ps.instructions:
        cur.insertBlock(_block(12))
        cur.insertText(ps.instructions, body)
    cur.insertBlock(_block(8))
    cur.insertText("Circle one letter for each question.", small)
    for i, q in enumerate(ps.questions, start=1):
        cur.insertBlock(_block(14))
        stem = cur.block()
        cur.insertText(f"{i}.  ", bold)
        _marked(cur, q.stem, emphasis.of(q).get("stem", ()), body)
        if q.exhibit is not None and q.exhibit.kind == "table":
            _table(cur, q.exhibit, small, head)
        elif q.exhibit is not None:
            _figure(doc, cur, q.exhibit, i, small, head)
        for letter, choice in zip(LETTERS, q.choices, strict=True):
            cur.insertBlock(_block(3, indent=1))
            cur.insertText(f"{letter}.  {choice}", body)
        questions.append((stem, cur.block()))
    if answer_key:
        cur.insertBlock(_block(page_break=True))
        cur.insertText(f"Answer key: {ps.title}", _fmt(15, True))
        for i, q in enumerate(ps.questions, start=1):
            cur.insertBlock(_block(8))
            cur.insertText(f"{i}.  {q.answer}", bold)
            cur.insertText(f"   area {q.area}{', ' + q.topic if q.topic else ''}", small)
            if q.explanation:
                cur.insertBlock(_block(2, indent=1))
                _marked(cur, q.explanation, emphasis.of(q).get("explanation", ()), small)
    return doc, questions


def write_set_pdf(ps: PracticeSet, path: Path, *, answer_key: bool) -> Path:
    """Letter paper, 18 mm margins, numbered pages; raises OSError if the file cannot be written
    (then any file already at `path` is left as it was)."""
    path = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
    doc = set_document(ps, answer_key=answer_key)
    return write_document_pdf(doc, path, ps.title + (" (answer key)" if answer_key else ""))
