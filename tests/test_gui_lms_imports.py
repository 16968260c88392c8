"""Files from an LMS brought in on the Instructor page, as an instructor does it: a question file in
each shape an LMS writes (Moodle XML, a Moodle GIFT export, Aiken, an Excel CSV) and a roster from
Moodle and from Canvas each show what will be imported and what is left out and why before anything
is stored; a bar moves while a file is read; every file dialog starts in the folder last used."""

from __future__ import annotations

import threading

import pytest
from shiboken6 import isValid

from tests.test_gui_lms import DATA, Answers, click, instructor_page
from tests.test_gui_lms import teacher as teacher  # noqa: F401  (the fixture)

pytestmark = pytest.mark.gui


class Folders(Answers):
    """Answers that also note the file kinds each Open dialog offered, and answer Open many."""

    def __init__(self) -> None:
        super().__init__()
        self.kinds: list[str] = []

    def open_file(self, parent, caption, kinds, folder=""):  # type: ignore[no-untyped-def]
        self.kinds.append(kinds)
        return super().open_file(parent, caption, kinds, folder)

    def open_files(self, _parent, _caption, kinds, folder=""):  # type: ignore[no-untyped-def]
        self.kinds.append(kinds)
        self.suggested.append(folder)
        return [self.files.pop(0)] if self.files else []

    def open_folder(self, _parent, _caption, folder=""):  # type: ignore[no-untyped-def]
        self.suggested.append(folder)
        return self.files.pop(0) if self.files else None


def rows(t, col: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.item(r, col).text() for r in range(t.rowCount())]


def test_a_question_file_from_each_lms_shape_says_what_is_imported_and_what_is_skipped(qtbot, teacher, monkeypatch,
                                                                                      tmp_path):
    from study.classroom import importers

    answers = teacher.ctx.dialogs = Folders()
    page = instructor_page(qtbot, teacher)
    page.tabs.setCurrentIndex(1)
    q = page.questions
    assert "Moodle XML" in [q.format_box.itemText(i) for i in range(q.format_box.count())]

    # Moodle XML, read on a worker with a bar moving meanwhile; nothing stored until Import
    gate = threading.Event()
    real = importers.parse_file
    monkeypatch.setattr(importers, "parse_file", lambda *a, **k: (gate.wait(10), real(*a, **k))[1])
    answers.files.append(str(DATA / "moodle_export.xml"))
    click(qtbot, q.choose_btn)
    assert "*.xml" in answers.kinds[-1] and answers.suggested[-1] == ""  # the first time: no folder yet
    qtbot.waitUntil(lambda: q.bar.isVisible(), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: not q.loading and q.pending is not None, timeout=10000)
    assert q.bar.isHidden()
    assert q.file_label.text().startswith("moodle_export.xml: 2 questions to import, 2 skipped.")
    assert "choice B gives 33.33%" in q.file_label.text()
    assert rows(q.skip_table, 0) == ["moodle_export.xml:77", "moodle_export.xml:89"]
    assert "a true/false question" in rows(q.skip_table, 1)[0]
    assert "multiple-answer" in rows(q.skip_table, 1)[1]
    click(qtbot, q.import_btn)
    qtbot.waitUntil(lambda: not q.loading and q.pending is None, timeout=10000)
    assert q.message.text() == "2 questions imported, 2 skipped."

    # GIFT from Moodle, Aiken as Moodle takes it, Excel's CSV on Windows: each says what it skipped
    # and why; the Open dialog starts where the last file was
    expected = {"moodle_export_html.gift": ("5 questions to import, 2 skipped", "two questions with no blank line"),
                "aiken_moodle_accepts.txt": ("3 questions to import, 1 skipped", "'Both' is not one of the choice"),
                "excel_windows_semicolon.csv": ("2 questions to import, 0 skipped", None)}
    for name, (counts, reason) in expected.items():
        answers.files.append(str(DATA / name))
        click(qtbot, q.choose_btn)
        assert answers.suggested[-1] == str(DATA)
        qtbot.waitUntil(lambda: not q.loading and q.pending is not None, timeout=10000)
        assert q.file_label.text().startswith(f"{name}: {counts}."), q.file_label.text()
        if reason:
            assert any(reason in r for r in rows(q.skip_table, 1)), rows(q.skip_table, 1)
        click(qtbot, q.discard_btn)

    # result files and a folder of them: the dialogs start in the folder last used for results
    klass = page.klass
    page.tabs.setCurrentIndex(2)
    answers.files.append(str(tmp_path / "none.aseresult"))
    klass.import_files()
    qtbot.waitUntil(lambda: not klass.loading, timeout=10000)
    answers.files.append(str(tmp_path))
    klass.import_folder()
    qtbot.waitUntil(lambda: not klass.loading, timeout=10000)
    assert answers.suggested[-2:] == ["", str(tmp_path)]


def test_a_roster_from_moodle_or_canvas_says_who_is_left_out_and_why(qtbot, teacher, monkeypatch, tmp_path):
    from study.classroom.roster import RosterService

    answers = teacher.ctx.dialogs
    page = instructor_page(qtbot, teacher)
    page.tabs.setCurrentIndex(2)
    card = page.klass.roster
    qtbot.waitUntil(lambda: not card.loading, timeout=10000)

    # a workbook where the CSV should be: read with a bar moving, then refused saying what to do
    import openpyxl

    book = tmp_path / "participants.xlsx"
    openpyxl.Workbook().save(book)
    gate = threading.Event()
    real = RosterService.preview
    monkeypatch.setattr(RosterService, "preview", lambda self, p: (gate.wait(10), real(self, p))[1])
    answers.files.append(str(book))
    click(qtbot, card.import_btn)
    qtbot.waitUntil(lambda: card.bar.isVisible(), timeout=5000)
    gate.set()
    qtbot.waitUntil(lambda: not card.loading and bool(answers.warnings), timeout=10000)
    assert card.bar.isHidden()
    assert answers.warnings[-1].startswith('participants.xlsx: an Excel workbook, not a CSV file; save it as "CSV UTF-8"')

    def preview(name: str):  # type: ignore[no-untyped-def]
        answers.files.append(str(DATA / name))
        click(qtbot, card.import_btn)
        qtbot.waitUntil(lambda: card.dialog is not None and card.dialog.isVisible(), timeout=10000)
        dialog = card.dialog
        notes = [dialog.notes.item(i).text() for i in range(dialog.notes.count())]
        return dialog, notes

    dialog, notes = preview("moodle_participants.csv")
    assert rows(dialog.people, 0) == ["Lee Wong", "Lee Wong", "Maria Lopez"]
    assert notes == ["James Cole (line 5): Teacher, not a student; left out."]
    dialog.reject()
    card.dialog = None

    dialog, notes = preview("canvas_gradebook_export.csv")
    assert sorted(zip(rows(dialog.people, 0), rows(dialog.people, 2), strict=True)) == [("Lee Wong", "S2026-021"),
                                                                                        ("Maria Lopez", "S2026-014")]
    assert notes == ["Student, Test (line 5): Canvas's test student (Student View); left out."]
    click(qtbot, dialog.import_btn)
    qtbot.waitUntil(lambda: not isValid(dialog) and not card.loading, timeout=10000)
    assert card.status.text().startswith("2 students on the roster.")
