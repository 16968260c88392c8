"""A practice set carries an instructor's question's bold and italic (format 5): the student's
exam shows "Which is NOT..." as the instructor wrote it; sets without any keep their older formats;
bold and italic that ASE Prep does not write are refused by name even when the file's hash was
made to match."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest

from questions.bank import QuestionBank
from questions.model import Question
from study.classroom.imported import OwnQuestion
from study.classroom.lms import emphasis
from study.classroom.set_files import content_hash
from study.classroom.sets import SetFileError, build_set, load_set, local_questions, save_set
from tests.conftest import make_question

MARKS = (("explanation", ((0, 4, "i"),)), ("stem", ((9, 12, "b"),)))


def marked(n: int) -> OwnQuestion:
    base = make_question("A5", "C", n, "B")
    return OwnQuestion(**{f.name: getattr(base, f.name) for f in fields(Question)} | dict(
        stem="Which is NOT a likely cause of the pull?", explanation="Fade is heat, and heat is fade."),
        emphasis=MARKS)


def test_a_set_carries_bold_and_italic_to_the_student(tmp_path):
    plain = make_question("A5", "C", 2, "A")
    ps = build_set("Fade", "A5", [marked(1), plain])
    assert ps.version == 5
    path = save_set(ps, tmp_path / "fade.aseset")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["questions"][0]["emphasis"] == {"stem": [[9, 12, "b"]], "explanation": [[0, 4, "i"]]}
    assert "emphasis" not in raw["questions"][1]
    back = load_set(path)
    assert [emphasis.of(q) for q in back.questions] == [dict(MARKS), {}]
    # a student whose bank has none of the instructor's questions keeps them too
    assert [emphasis.of(q) for q in local_questions(back, QuestionBank(()))] == [dict(MARKS), {}]
    assert build_set("Plain", "A5", [plain]).version == 2  # still readable by an older ASE Prep


def rewrite(path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    data["hash"] = content_hash(data)  # as a tamperer who knows the hash would
    out = path.with_name("changed-" + path.name)
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


@pytest.mark.parametrize("bad", [
    {"stem": [[9, 99, "b"]]},  # past the stem's end
    {"stem": [[9, 12, "u"]]},  # a kind it does not write
    {"choices": [[0, 1, "b"]]},  # a field it does not mark
    {"stem": "bold please"},
    ["stem"],
], ids=["past-end", "kind", "field", "not-a-list", "not-an-object"])
def test_bold_and_italic_ase_prep_does_not_write_are_refused_by_name(tmp_path, bad):
    path = save_set(build_set("Fade", "A5", [make_question("A5", "C", 2, "A"), marked(1)]), tmp_path / "f.aseset")

    def change(d):  # type: ignore[no-untyped-def]
        d["questions"][1]["emphasis"] = bad

    with pytest.raises(SetFileError) as e:
        load_set(rewrite(path, change))
    assert "changed-f.aseset" in str(e.value) and "question 2" in str(e.value) and "bold and italic" in str(e.value)


def test_a_printed_set_prints_the_bold_and_italic(qtbot):
    """The paper quiz and its answer key: "NOT" in bold, "Fade" in italic, the rest as it was."""
    from PySide6.QtGui import QFont

    from app.set_pdf import set_document

    doc = set_document(build_set("Fade", "A5", [marked(1)]), answer_key=True)
    runs = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            f = frag.charFormat()
            runs.append((frag.text(), f.fontWeight() >= QFont.Weight.Bold, f.fontItalic()))
            it += 1
        block = block.next()
    assert ("NOT", True, False) in runs and ("Fade", False, True) in runs
    assert (" a likely cause of the pull?", False, False) in runs
    assert doc.toPlainText().count("Which is NOT a likely cause of the pull?") == 1
