"""A practice set printed to PDF for a paper quiz, with or without the answer key.

The document is built with QTextCursor.insertText, never from HTML, so a question's text from
an imported file is printed exactly as written and can load nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import (
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from app.pdf_pages import Piece, keep_together, paginate, write_document_pdf
from study.classroom.sets import PracticeSet

LETTERS = ("A", "B", "C", "D")
MARGIN_MM = 18.0


def _fmt(size: float, bold: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setFontPointSize(size)
    f.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return f


def _block(top: float = 0.0, indent: int = 0, page_break: bool = False) -> QTextBlockFormat:
    b = QTextBlockFormat()
    b.setTopMargin(top)
    b.setIndent(indent)
    if page_break:
        b.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    return b


def set_document(ps: PracticeSet, *, answer_key: bool) -> QTextDocument:
    """The set as a plain-text document on Letter pages: heading, name line, questions (each with
    its four choices on one page), then the key if asked."""
    return set_layout(ps, answer_key=answer_key)[0]


def set_layout(ps: PracticeSet, *, answer_key: bool) -> tuple[QTextDocument, list[Piece], float]:
    """set_document, with each question's run of blocks (stem to last choice) and the page height."""
    doc = QTextDocument()
    questions: list[Piece] = []
    doc.setDocumentMargin(0)
    cur = QTextCursor(doc)
    body, small, bold = _fmt(11), _fmt(9.5), _fmt(11, True)
    cur.setBlockFormat(_block())
    cur.insertText(ps.title, _fmt(17, True))
    facts = [f"Test {ps.test}", f"{len(ps.questions)} questions"]
    if ps.time_limit_seconds:
        facts.append(f"{round(ps.time_limit_seconds / 60)} minutes")
    if ps.due:
        facts.append(f"due {ps.due.isoformat()}")
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
        cur.insertText(q.stem, body)
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
                cur.insertText(q.explanation, small)
    height = paginate(doc, MARGIN_MM)
    keep_together(doc, questions, height)
    return doc, questions, height


def write_set_pdf(ps: PracticeSet, path: Path, *, answer_key: bool) -> Path:
    """Letter paper, 18 mm margins; raises OSError if the file cannot be written (then any file
    already at `path` is left as it was)."""
    path = path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")
    doc = set_document(ps, answer_key=answer_key)
    return write_document_pdf(doc, path, ps.title + (" (answer key)" if answer_key else ""))
