"""A practice set carries each question's reference section (format 4): a set of L1 questions
opened by a student whose bank words them differently (or lacks them) keeps the links to the
practice vehicle's sections; older sets still open; a reference changed in the file is refused
like any other change, and one that is not a reference ASE Prep writes is refused by name even
when the file's hash was made to match."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from questions.bank import QuestionBank, load_bank
from questions.blueprints import load_blueprints
from study.classroom.set_files import content_hash
from study.classroom.sets import SetFileError, build_set, load_set, local_questions, save_set
from tests.conftest import open_window
from tests.dialogs import ScriptedDialogs


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_bank(blueprints=load_blueprints())


def l1_with_sections(bank: QuestionBank, n: int) -> list:
    return [q for q in bank.for_test("L1") if q.reference and "#" in q.reference][:n]


def rewrite(path: Path, change, *, rehash: bool = True) -> Path:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    if rehash:
        data["hash"] = content_hash(data)
    out = path.with_name("changed-" + path.name)
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def test_a_set_carries_each_questions_reference_section(bank, tmp_path):
    qs = l1_with_sections(bank, 3)
    ps = build_set("Vehicle", "L1", qs)
    assert ps.version == 4
    path = save_set(ps, tmp_path / "vehicle.aseset")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["version"] == 4 and [q["reference"] for q in raw["questions"]] == [q.reference for q in qs]
    back = load_set(path)
    assert [q.reference for q in back.questions] == [q.reference for q in qs]
    # a student whose bank lacks them, or words them differently, still has the sections
    assert [q.reference for q in local_questions(back, QuestionBank(()))] == [q.reference for q in qs]
    reworded = [replace(q, stem=q.stem + " (older wording)") for q in qs]
    mine = local_questions(back, QuestionBank(tuple(reworded)))
    assert all(m.id != q.id for m, q in zip(mine, qs, strict=True))  # the set's own copies
    assert [m.reference for m in mine] == [q.reference for q in qs]


def test_sets_without_references_keep_their_older_formats_and_old_files_still_open(bank, tmp_path):
    plain = [q for q in bank.for_test("A5") if q.exhibit is None and not q.reference][:2]
    assert build_set("Plain", "A5", plain).version == 2  # still readable by an ASE Prep before format 4
    qs = l1_with_sections(bank, 2)
    ps = build_set("Vehicle", "L1", qs)
    for version in (3, 2):  # a set an older ASE Prep wrote: no references in it, opened as before
        old = replace(ps, version=version)
        old = replace(old, hash=content_hash(old.payload()))
        path = save_set(old, tmp_path / f"v{version}.aseset")
        assert "reference" not in json.loads(path.read_text(encoding="utf-8"))["questions"][0]
        back = load_set(path)
        assert back.version == version and [q.reference for q in back.questions] == [None, None]
        assert [q.answer for q in back.questions] == [q.answer for q in qs]


def test_a_tampered_reference_is_refused_by_name(bank, tmp_path):
    path = save_set(build_set("Vehicle", "L1", l1_with_sections(bank, 2)), tmp_path / "vehicle.aseset")

    def other_section(d):  # type: ignore[no-untyped-def]
        d["questions"][1]["reference"] = "PV-1#scan-data"

    bad = rewrite(path, other_section, rehash=False)
    with pytest.raises(SetFileError, match="has been changed since it was saved"):
        load_set(bad)
    for hostile in ('<img src="http://x.invalid/a.png">', "PV-1#<b>sensor</b>", "javascript:alert(1)",
                    "file:///etc/passwd", "PV-1#" + "a" * 80, 17, ["PV-1"], ""):
        def change(d, v=hostile):  # type: ignore[no-untyped-def]
            d["questions"][1]["reference"] = v

        bad = rewrite(path, change)
        with pytest.raises(SetFileError) as e:
            load_set(bad)
        assert str(e.value).startswith(f"{bad.name}: question 2: its reference "), hostile
        assert "is not one ASE Prep writes" in str(e.value)


@pytest.mark.gui
def test_the_students_exam_and_the_instructors_preview_show_the_sections_reference(qtbot, bank, tmp_path):
    """The student's bank words these questions differently, so the exam shows the set's own copies:
    each with the button to its section of the practice vehicle, as a bank question has."""
    from app.pages.instructor_preview import PreviewDialog
    from app.reference_view import button_text
    from app.starting import open_practice_set

    qs = [replace(q, stem=q.stem + " (the instructor's wording)") for q in l1_with_sections(bank, 3)]
    ps = build_set("Vehicle check", "L1", qs, shuffle=False)
    path = save_set(ps, tmp_path / "vehicle.aseset")

    dialogs = ScriptedDialogs()
    w = open_window(qtbot, tmp_path / "student", dialogs=dialogs)
    try:
        open_practice_set(w.ctx, w, str(path))
        qtbot.waitUntil(lambda: w.current_page() == "exam", timeout=10000)
        exam = w.exam_page
        seen = []
        for _ in qs:
            q = exam.active.question()
            assert q.stem.endswith("(the instructor's wording)")  # the set's copy, not the student's bank's
            assert q.reference and "#" in q.reference, q.id  # the set's section, as the bank's copy has
            seen.append(q.reference)
            assert exam.ref_btn.isVisible() and exam.ref_btn.text() == button_text(q.reference)
            assert ": " in exam.ref_btn.text()  # "PV-1 reference: <the section> (V)", not just the document
            qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_N)
        assert sorted(seen) == sorted(q.reference for q in qs)
    finally:
        w.shutdown()

    preview = PreviewDialog(load_set(path), test_reference="PV-1")
    qtbot.addWidget(preview)
    preview.show()
    for i, q in enumerate(qs):
        preview.go(i)
        assert preview.ref_btn.isVisible() and preview.ref_btn.text() == button_text(q.reference)
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow, timeout=5000)
    qtbot.keyClick(preview.focusWidget() or preview, Qt.Key.Key_V)  # as on the exam screen
    win = preview.reference.built("PV-1")
    assert win is not None
    qtbot.waitUntil(win.isVisible, timeout=5000)
    assert win.browser.current_section() == qs[-1].reference.split("#", 1)[1]
    win.close()
