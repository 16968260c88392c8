"""A practice set carries each question's exhibit inside the file (format 3): a table as its cells,
a figure as its SVG, so the figures travel with the set to a student whose bank lacks them; a
figure from a file is shown only if its SVG is safe; older formats are still read; a printed set
shows its tables and figures and never splits a question across a page break."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from questions.bank import QuestionBank, load_bank
from questions.blueprints import load_blueprints
from questions.exhibits import figure_path
from study.classroom.set_files import content_hash
from study.classroom.sets import SetFileError, build_set, load_set, local_questions, save_set

FIGURE, TABLE = "A5-A-0036", "A5-A-0005"


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_bank(blueprints=load_blueprints())


def plain_questions(bank: QuestionBank, n: int) -> list:
    return [q for q in bank.for_test("A5") if q.exhibit is None][:n]


def rewrite(path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    data["hash"] = content_hash(data)
    out = path.with_name("changed-" + path.name)
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def test_a_set_carries_its_tables_and_figures_inside_the_file(bank, tmp_path, db, blueprints):
    fig, tab = bank.find(FIGURE), bank.find(TABLE)
    [plain] = plain_questions(bank, 1)
    ps = build_set("Exhibits", "A5", [fig, tab, plain])
    assert ps.version == 3
    path = save_set(ps, tmp_path / "exhibits.aseset")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == 3
    shown = raw["questions"][0]["exhibit"]
    assert shown["kind"] == "figure" and shown["svg"] == figure_path(fig.exhibit.file).read_text(encoding="utf-8")
    assert shown["alt"] == fig.exhibit.alt and "file" not in shown  # no path from the instructor's machine
    assert raw["questions"][1]["exhibit"]["rows"] == [list(r) for r in tab.exhibit.rows]
    assert "exhibit" not in raw["questions"][2]
    assert "answer" not in raw["questions"][0]  # the key stays hidden as in format 2

    back = load_set(path)
    assert back.questions[0].exhibit.data == shown["svg"] and back.questions[0].exhibit.caption == fig.exhibit.caption
    assert back.questions[1].exhibit == tab.exhibit and back.questions[2].exhibit is None
    assert [q.answer for q in back.questions] == [fig.answer, tab.answer, plain.answer]
    # a student whose bank has none of these questions sees them with their exhibits
    local = local_questions(back, QuestionBank(()))
    assert local[0].exhibit.data == shown["svg"] and local[1].exhibit == tab.exhibit
    # the student's bank has the same words over another table: the set's own table is shown
    other = replace(tab, exhibit=replace(tab.exhibit, rows=tab.exhibit.rows[::-1]))
    mine = local_questions(back, QuestionBank((fig, other, plain)))
    assert mine[0].id == FIGURE and mine[1].id != TABLE and mine[1].exhibit == tab.exhibit and mine[2].id == plain.id
    # kept on this computer, read back with the same hash
    from study.classroom.sets import PracticeSetService

    PracticeSetService(db, blueprints).record(back, authored=True)
    [stored] = PracticeSetService(db, blueprints).all()
    assert stored.hash == ps.hash and stored.questions[0].exhibit.data == shown["svg"]


def test_a_set_without_exhibits_stays_in_format_2_and_older_formats_are_read(bank, tmp_path):
    ps = build_set("Plain", "A5", plain_questions(bank, 3))
    assert ps.version == 2
    back = load_set(save_set(ps, tmp_path / "plain.aseset"))
    assert [(q.id, q.stem, q.answer, q.exhibit) for q in back.questions] == [(q.id, q.stem, q.answer, None)
                                                                             for q in ps.questions]
    old = replace(ps, version=1, salts=())
    old = replace(old, hash=content_hash(old.payload()))
    assert load_set(save_set(old, tmp_path / "old.aseset")).version == 1


def test_a_figure_that_is_not_a_safe_svg_is_refused_by_name(bank, tmp_path):
    ps = build_set("Exhibits", "A5", [bank.find(FIGURE), bank.find(TABLE)])
    path = save_set(ps, tmp_path / "set.aseset")

    def script(d):  # type: ignore[no-untyped-def]
        d["questions"][0]["exhibit"]["svg"] = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
                                               "<script>alert(1)</script></svg>")

    def remote(d):  # type: ignore[no-untyped-def]
        d["questions"][0]["exhibit"]["svg"] = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">'
                                               '<image href="http://example.com/x.png"/></svg>')

    def ragged(d):  # type: ignore[no-untyped-def]
        d["questions"][1]["exhibit"]["rows"][0].append("extra")

    for change, reason in ((script, "question 1: exhibit: its figure cannot be shown: the SVG contains a <script>"),
                           (remote, "question 1: exhibit: its figure cannot be shown: the SVG refers to an outside"),
                           (ragged, "question 2: exhibit: a table needs 1 to 80 rows, each with one text cell")):
        bad = rewrite(path, change)
        with pytest.raises(SetFileError) as e:
            load_set(bad)
        assert str(e.value).startswith(f"{bad.name}: {reason}")


# ----------------------------------------------------------------------------- the printed set


def test_a_printed_set_shows_its_tables_and_figures(qtbot, bank, tmp_path):
    from PySide6.QtGui import QTextImageFormat

    from app.set_pdf import set_document, write_set_pdf

    tab, fig = bank.find(TABLE), bank.find(FIGURE)
    ps = build_set("Paper", "A5", [tab, fig, *plain_questions(bank, 2)])
    doc = set_document(ps, answer_key=False)
    text = doc.toPlainText()
    assert all(cell in text for cell in (*tab.exhibit.columns, *tab.exhibit.rows[0]))
    assert fig.exhibit.caption in text
    images = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            f = it.fragment().charFormat()
            if f.isImageFormat():
                images.append(QTextImageFormat(f).name())
            it += 1
        block = block.next()
    assert images == ["figure-2"]
    pdf = write_set_pdf(ps, tmp_path / "paper.pdf", answer_key=True)
    assert pdf.read_bytes().startswith(b"%PDF") and b"/Subtype /Image" in pdf.read_bytes()


def test_a_figure_from_a_file_that_is_not_safe_is_printed_as_its_description(qtbot, bank):
    from app.set_pdf import set_document

    fig = bank.find(FIGURE)
    bad = replace(fig, exhibit=replace(fig.exhibit, file="", data='<svg xmlns="http://www.w3.org/2000/svg" '
                                       'viewBox="0 0 4 4"><script>alert(1)</script></svg>'))
    ps = replace(build_set("Paper", "A5", [fig]), questions=(bad,))
    text = set_document(ps, answer_key=False).toPlainText()
    assert f"(The figure cannot be drawn; its description:) {fig.exhibit.alt}" in text


def test_a_question_with_its_exhibit_is_never_split_across_pages(qtbot, bank, tmp_path):
    from app.pdf_pages import crosses_page, paginate
    from app.set_pdf import MARGIN_MM, _build, set_layout

    fig, tab = bank.find(FIGURE), bank.find(TABLE)
    plain = plain_questions(bank, 14)
    split_before = 0
    for n in range(len(plain)):
        ps = build_set("Paper", "A5", [*plain[:n], fig, tab, *plain[n:]])
        doc, pieces, height = set_layout(ps, answer_key=False)
        assert not [i for i, p in enumerate(pieces, 1) if crosses_page(doc, p, height)], n
        # the same document without keeping questions whole: some of these layouts split one
        raw, raw_pieces = _build(ps, False)
        height = paginate(raw, MARGIN_MM)
        split_before += any(crosses_page(raw, raw_pieces[i], height) for i in (n, n + 1))
    assert split_before > 0  # the check above was tested on layouts that need it
