"""The L1 reference document in its window: rendered from its Markdown with its figures, every
section a question points to found, opened at a question's section, searchable, Esc to go back;
pictures only from the exhibits folder."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from app.reference_view import button_text, open_reference, reference_window
from questions.references import document_path, sections

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def real_bank():
    from questions.bank import load_bank
    from questions.blueprints import load_blueprints

    return load_bank(blueprints=load_blueprints())


@pytest.fixture
def host(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


def test_every_section_a_question_can_name_is_found(host, real_bank):
    win = reference_window(host, "PV-1")
    assert win.loaded and set(win.browser.blocks) == {a for a, _ in sections(document_path("PV-1"))}
    refs = {q.reference for q in real_bank.questions if q.reference}
    assert refs, "no L1 question points to the reference"
    for ref in refs:
        assert ref.split("#", 1)[1] in win.browser.blocks, ref


def test_it_opens_at_the_questions_section_with_the_heading_on_top(qtbot, host):
    win = open_reference(host, "PV-1#variable-valve-timing")
    assert win is not None
    qtbot.waitUntil(lambda: win.isVisible())
    qtbot.wait(50)  # the second placement, once the window has its width
    b = win.browser
    block = b.document().findBlockByNumber(b.blocks["variable-valve-timing"])
    top = b.document().documentLayout().blockBoundingRect(block).top()
    assert b.verticalScrollBar().value() == pytest.approx(top, abs=2) and top > 1000
    assert win.sections.currentData() == "variable-valve-timing"
    assert b.current_section() == "variable-valve-timing"
    # another question's section, with the window open, follows
    win.follow("dtc-list")
    assert win.sections.currentData() == "dtc-list"
    assert button_text("PV-1#variable-valve-timing") == "PV-1 reference: Variable valve timing (V)"
    assert button_text("PV-1") == "PV-1 reference (V)" and button_text(None) == ""


def test_search_finds_every_match_and_steps_through_them(qtbot, host):
    win = open_reference(host, "PV-1")
    text = win.browser.toPlainText()
    win.search.setText("S150")
    n = text.count("S150")
    assert n >= 2 and len(win.matches) == n and win.found.text() == f"1 of {n}"
    qtbot.keyClick(win.search, Qt.Key.Key_Return)
    assert win.found.text() == f"2 of {n}" and win.browser.textCursor().selectedText() == "S150"
    win.find_next(backward=True)
    assert win.found.text() == f"1 of {n}"
    win.search.setText("no such words anywhere")
    assert win.found.text() == "not found" and win.matches == []
    qtbot.keyClick(win.search, Qt.Key.Key_Escape)
    assert not win.isVisible()


def test_figures_come_only_from_the_exhibits_folder(host):
    win = reference_window(host, "PV-1")
    b = win.browser
    image = QTextDocument.ResourceType.ImageResource.value
    fig = b.loadResource(image, QUrl("../exhibits/L1/ref-can.svg"))
    assert fig is not None and not fig.isNull() and fig.width() > 300
    assert b.loadResource(image, QUrl("../../../../etc/passwd")) is None
    assert b.loadResource(image, QUrl("PV-1.md")) is None
    assert b.loadResource(QTextDocument.ResourceType.HtmlResource.value, QUrl("../exhibits/L1/ref-can.svg")) is None
    assert "ref-can.svg" in document_path("PV-1").read_text(encoding="utf-8")


def test_an_unknown_document_opens_nothing(host):
    assert open_reference(host, "PV-9#anything") is None
