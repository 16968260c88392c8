"""Speaking the instructor's LMS from the Instructor page, driven as an instructor would: a set and a
selection out as GIFT, Moodle XML, QTI 1.2 and QTI 2.1 with what each format could not carry; a
roster in from Moodle with a preview, unmatched results matched (one to a student added on the
spot), and the gradebook out in Moodle's and Canvas's shapes with what was left out and why.
Files are answered through the context's dialogs, as a person would answer the file dialogs."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from shiboken6 import isValid

from tests.conftest import open_window

pytestmark = pytest.mark.gui
DATA = Path(__file__).parent / "data"
FIGURE, TABLE = "A5-A-0036", "A5-A-0005"  # bank questions with a figure and with a table


class Answers:
    """The context's dialogs, answered as the instructor would: the next file for each file dialog
    (noting the name each one suggested), and every message noted instead of shown."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.suggested: list[str] = []
        self.warnings: list[str] = []

    def save_file(self, _parent, _caption, name, _kinds):  # type: ignore[no-untyped-def]
        self.suggested.append(name)
        return self.files.pop(0) if self.files else None

    def open_file(self, _parent, _caption, _kinds, folder=""):  # type: ignore[no-untyped-def]
        self.suggested.append(folder)
        return self.files.pop(0) if self.files else None

    def warn(self, _parent, _title, text, details=""):  # type: ignore[no-untyped-def]
        self.warnings.append(text)

    def inform(self, _parent, _title, text):  # type: ignore[no-untyped-def]
        self.warnings.append(text)


@pytest.fixture
def teacher(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path / "teacher")
    w.ctx.dialogs = Answers()
    yield w
    w.shutdown()


def instructor_page(qtbot, window):
    window.show_page("instructor")
    page = window.page("instructor")
    qtbot.waitUntil(lambda: not page.loading and page.build.test_box.count() > 0, timeout=10000)
    return page


def click(qtbot, button) -> None:
    """A click where a person clicks: a radio button or tick box on its mark, a push button anywhere."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QCheckBox, QRadioButton

    assert button.isEnabled(), button.text()
    if isinstance(button, QRadioButton | QCheckBox):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press_alt(qtbot, dialog, key) -> None:
    """A mnemonic (Alt+letter) pressed in the active dialog, as a person types it."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    qtbot.keyClick(QApplication.focusWidget() or dialog, key, Qt.KeyboardModifier.AltModifier)


def unzip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_a_set_goes_out_in_every_lms_format_saying_what_each_could_not_carry(qtbot, teacher, tmp_path):
    from tests.test_accessibility import page_problems

    answers = teacher.ctx.dialogs
    page = instructor_page(qtbot, teacher)
    build = page.build
    build.test_box.setCurrentIndex(build.test_box.findData("A5"))
    qtbot.keyClicks(build.title_edit, "Week 4: hydraulics")
    build.set_picked([FIGURE, TABLE])
    build.area_spins["C"].setValue(2)
    click(qtbot, build.export_btn)
    dialog = build.export_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.format == "gift"  # the first time
    assert page_problems(qtbot, dialog, "export dialog") == []
    out = tmp_path / "out"
    out.mkdir()

    # GIFT: the figure goes out as its text description, and the dialog says so
    answers.files.append(str(out / "week4"))
    click(qtbot, dialog.export_btn)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert answers.suggested[-1] == "Week-4-hydraulics.gift"
    gift = out / "week4.gift"  # the format's extension added when the name has none
    assert gift.exists() and dialog.written.path == gift
    notes = [dialog.notes.item(i).text() for i in range(dialog.notes.count())]
    assert dialog.notes.isVisible() and len(notes) == 1 and notes[0].startswith(f"{FIGURE}: its figure")
    assert "went out as its text description" in notes[0]
    assert dialog.status.text().startswith("4 questions written to week4.gift as GIFT")
    from study.classroom.importers import parse_gift

    assert len(parse_gift(gift.read_text(encoding="utf-8")).imported) == 4

    # QTI 1.2 chosen with the keyboard (Alt+1); the Save dialog starts in the folder just used
    press_alt(qtbot, dialog, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: dialog.format == "qti12", timeout=2000)  # a mnemonic clicks after a short press
    answers.files.append(str(out / "week4-canvas.zip"))
    qtbot.keyClick(dialog.export_btn, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert answers.suggested[-1] == str(out / "Week-4-hydraulics.zip")
    files = unzip(out / "week4-canvas.zip")
    assert "imsmanifest.xml" in files and f"images/{FIGURE}.svg" in files
    assert dialog.notes.isHidden() and "Nothing was left out" in dialog.status.text()

    # QTI 2.1 and Moodle XML: the figure travels as a file, nothing to say
    for key, name in (("qti21", "week4-new.zip"), ("moodle-xml", "week4.xml")):
        click(qtbot, dialog.choices[key])
        answers.files.append(str(out / name))
        click(qtbot, dialog.export_btn)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
        assert (out / name).exists() and dialog.notes.isHidden()
    assert "test.xml" in unzip(out / "week4-new.zip")
    assert f"{FIGURE}.svg" in (out / "week4.xml").read_text(encoding="utf-8")
    assert build.message.text().startswith("4 questions written to week4.xml as Moodle XML")

    # a folder that cannot be written (a file stands where the folder should be): a message naming
    # the file, the old file untouched
    before = gift.read_bytes()
    blocked = gift / "week4.gift"
    answers.files.append(str(blocked))
    click(qtbot, dialog.choices["gift"])
    click(qtbot, dialog.export_btn)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert answers.warnings and answers.warnings[-1].startswith(str(blocked))
    assert "Nothing was written" in answers.warnings[-1] and gift.read_bytes() == before
    dialog.reject()

    # the format is remembered for the next export
    click(qtbot, build.export_btn)
    assert build.export_dialog.format == "gift"
    build.export_dialog.reject()


def test_my_questions_go_out_all_selected_or_a_whole_test(qtbot, teacher, tmp_path):
    answers = teacher.ctx.dialogs
    page = instructor_page(qtbot, teacher)
    q = page.questions
    page.tabs.setCurrentIndex(1)
    q.choose(str(DATA / "moodle_gift_examples.gift"))
    qtbot.waitUntil(lambda: not q.loading and q.pending is not None, timeout=10000)
    click(qtbot, q.import_btn)
    qtbot.waitUntil(lambda: not q.loading and q.pending is None, timeout=10000)
    qtbot.waitUntil(lambda: q.mine_table.rowCount() == 7, timeout=10000)

    # nothing selected: says so, no dialog
    q.mine_table.clearSelection()
    click(qtbot, q.export_selected_btn)
    qtbot.waitUntil(lambda: "Select the questions to export" in q.message.text(), timeout=10000)
    q.mine_table.selectRow(0)
    q.mine_table.setSelectionMode(q.mine_table.SelectionMode.MultiSelection)
    q.mine_table.selectRow(2)
    picked = set(q.selected_ids())
    assert len(picked) == 2
    click(qtbot, q.export_selected_btn)
    qtbot.waitUntil(lambda: q.export_dialog is not None, timeout=10000)  # once your questions are read
    dialog = q.export_dialog
    click(qtbot, dialog.choices["moodle-xml"])
    answers.files.append(str(tmp_path / "two.xml"))
    click(qtbot, dialog.export_btn)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    from study.classroom.lms.moodle_xml import parse_moodle_xml

    back = parse_moodle_xml((tmp_path / "two.xml").read_text(encoding="utf-8")).imported
    assert len(back) == 2
    dialog.reject()

    click(qtbot, q.export_mine_btn)
    qtbot.waitUntil(lambda: q.export_dialog is not None, timeout=10000)
    dialog = q.export_dialog
    assert dialog.format == "moodle-xml"  # remembered
    answers.files.append(str(tmp_path / "mine.xml"))
    click(qtbot, dialog.export_btn)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
    assert len(parse_moodle_xml((tmp_path / "mine.xml").read_text(encoding="utf-8")).imported) == 7
    dialog.reject()

    q.remap_test.setCurrentIndex(q.remap_test.findData("A5"))
    click(qtbot, q.export_bank_btn)
    dialog = q.export_dialog
    click(qtbot, dialog.choices["qti21"])
    answers.files.append(str(tmp_path / "a5.zip"))
    click(qtbot, dialog.export_btn)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20000)
    items = [n for n in unzip(tmp_path / "a5.zip") if n.startswith("items/")]
    assert len(items) == len(teacher.ctx.services.bank.for_test("A5"))
    dialog.reject()


# ----------------------------------------------------------------------------- the roster and the gradebook


@pytest.fixture
def class_with_results(teacher, tmp_path):
    from study.classroom.results import ClassroomService
    from study.classroom.sets import ResultAnswer, build_result, build_set, save_result

    s = teacher.ctx.services
    qs = s.bank.for_area("A5", "A")[:2] + s.bank.for_area("A5", "C")[:2]
    ps = build_set("Brake check-in", "A5", qs, created=datetime(2026, 11, 20, 18, 0))
    s.practice_sets().record(ps, authored=True)
    files = []
    for typed, right in (("lee wong", 3), ("Maria Lopez", 4), ("M. Lopez", 1)):
        answers = [ResultAnswer(q.id, q.answer if i < right else ("B" if q.answer == "A" else "A"), 20.0)
                   for i, q in enumerate(qs)]
        files.append(save_result(build_result(ps, typed, answers, 60.0), tmp_path / f"{typed}.aseresult"))
    ClassroomService(s.db, s.blueprints).import_results(files)
    return ps


def test_a_roster_is_previewed_imported_matched_and_the_gradebook_goes_out(qtbot, teacher, class_with_results,
                                                                          tmp_path):
    from tests.test_accessibility import page_problems

    answers = teacher.ctx.dialogs
    page = instructor_page(qtbot, teacher)
    page.tabs.setCurrentIndex(2)
    card = page.klass.roster
    qtbot.waitUntil(lambda: not card.loading, timeout=10000)
    assert card.status.text().startswith("No roster yet") and not card.gradebook_btn.isEnabled()

    # a file that is no roster: refused by name, nothing stored
    answers.files.append(str(DATA / "brakes.csv"))
    click(qtbot, card.import_btn)
    qtbot.waitUntil(lambda: not card.loading and bool(answers.warnings), timeout=10000)
    assert answers.warnings[-1].startswith("brakes.csv: not a roster this app knows")
    assert teacher.ctx.services.roster().entries() == []

    # Moodle's participants download: previewed, nothing stored until Import
    answers.files.append(str(DATA / "moodle_participants.csv"))
    click(qtbot, card.import_btn)
    qtbot.waitUntil(lambda: card.dialog is not None and card.dialog.isVisible(), timeout=10000)
    preview = card.dialog
    assert preview.people.rowCount() == 3 and preview.import_btn.text() == "Import 3 students"
    assert [preview.people.item(r, 4).text() for r in range(3)] == ["new", "new", "new"]
    assert teacher.ctx.services.roster().entries() == []
    assert page_problems(qtbot, preview, "roster preview") == []
    click(qtbot, preview.import_btn)
    qtbot.waitUntil(lambda: not isValid(preview) and not card.loading, timeout=10000)  # closed and freed
    assert len(teacher.ctx.services.roster().entries()) == 3
    assert answers.suggested[-1] == str(DATA)  # the roster folder is remembered for next time
    qtbot.waitUntil(lambda: card.match_btn.isEnabled(), timeout=10000)
    assert card.status.text() == "3 students on the roster. 2 results need you to say whose they are."

    # match "lee wong" (two Lee Wongs on the roster) to the second; add "M. Lopez" as a new student
    click(qtbot, card.match_btn)
    match = card.dialog
    qtbot.waitUntil(lambda: not match.busy and match.results.rowCount() == 2, timeout=10000)
    assert page_problems(qtbot, match, "match dialog") == []
    rows = {match.results.item(r, 0).text(): r for r in range(2)}
    match.results.selectRow(rows["lee wong"])
    assert "fits 2 students" in match.status.text()
    assert match.whose.itemText(0).endswith("fits the name") and match.whose.itemText(1).endswith("fits the name")
    match.whose.setCurrentIndex(1)
    second_lee = match.whose.currentData()
    click(qtbot, match.match_btn)
    qtbot.waitUntil(lambda: not match.busy and match.results.rowCount() == 1, timeout=10000)
    assert match.results.item(0, 0).text() == "M. Lopez"
    match.results.selectRow(0)
    click(qtbot, match.new_btn)
    new = match.new_dialog
    assert new.name.text() == "M. Lopez"
    new.name.clear()
    qtbot.keyClicks(new.name, "Marco Lopez")
    click(qtbot, new.ok_btn)  # no email and no ID number: said, nothing stored
    qtbot.waitUntil(lambda: not new.busy, timeout=10000)
    assert "email address or ID number" in new.problem.text() and new.isVisible()
    qtbot.keyClicks(new.email, "mlopez2@tradeschool.edu")
    click(qtbot, new.ok_btn)
    qtbot.waitUntil(lambda: not isValid(new) and not match.busy and match.results.rowCount() == 0,
                    timeout=10000)
    assert match.status.text() == "Every result is matched to a student on the roster."
    match.reject()
    qtbot.waitUntil(lambda: not card.loading and not card.match_btn.isEnabled(), timeout=10000)
    assert card.status.text().endswith("Every result is matched to a student.")
    entries = dict(teacher.ctx.services.roster().entries())
    assert len(entries) == 4 and entries[second_lee].email == "lee.wong2@tradeschool.edu"

    # the Moodle gradebook, a column per area too; what was left out is said
    click(qtbot, card.gradebook_btn)
    book = card.dialog
    qtbot.waitUntil(lambda: not book.busy and book.test_box.count() == 1, timeout=10000)
    assert page_problems(qtbot, book, "gradebook dialog") == []
    press_alt(qtbot, book, Qt.Key.Key_T)  # "A column per content area too"
    qtbot.waitUntil(book.by_area.isChecked, timeout=2000)
    answers.files.append(str(tmp_path / "grades"))
    click(qtbot, book.export_btn)
    qtbot.waitUntil(lambda: not book.busy and book.written is not None, timeout=10000)
    assert answers.suggested[-1] == "gradebook-moodle-A5.csv"
    rows = list(csv.reader(io.StringIO((tmp_path / "grades.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["Email address", "Brake check-in", "Brake check-in: A5 area A", "Brake check-in: A5 area C"]
    assert sorted(r[0] for r in rows[1:]) == ["lee.wong2@tradeschool.edu", "mlopez2@tradeschool.edu",
                                              "mlopez@tradeschool.edu"]
    left = [book.left_out.item(i).text() for i in range(book.left_out.count())]
    assert book.left_label.isVisible() and len(left) == 1 and left[0].startswith("1 student on the roster with no result")
    assert book.status.text().startswith("Written to grades.csv: 3 students and 3 grade columns")

    # Canvas's shape from the same roster: its columns and the Points Possible row
    click(qtbot, book.choices["canvas"])
    answers.files.append(str(tmp_path / "canvas.csv"))
    click(qtbot, book.export_btn)
    qtbot.waitUntil(lambda: not book.busy and book.written.lms == "canvas", timeout=10000)
    rows = list(csv.reader(io.StringIO((tmp_path / "canvas.csv").read_text(encoding="utf-8"))))
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] and rows[1][0] == "Points Possible"
    book.reject()


def test_a_closed_instructor_dialog_is_freed_not_left_piling_up(qtbot, teacher, class_with_results):
    """Match, Gradebook, New student, an LMS export and the set preview, each opened and closed a few
    times: every one is deleted once closed, and the page holds no dialog afterwards."""
    roster = teacher.ctx.services.roster()
    roster.store(roster.preview(DATA / "moodle_participants.csv"))
    page = instructor_page(qtbot, teacher)
    page.tabs.setCurrentIndex(2)
    card = page.klass.roster
    qtbot.waitUntil(lambda: not card.loading and card.match_btn.isEnabled(), timeout=10000)

    def opened_then_closed(open_it, holder, attr, close=lambda d: d.reject()):  # type: ignore[no-untyped-def]
        for _ in range(3):
            open_it()
            dialog = getattr(holder, attr)
            qtbot.waitUntil(dialog.isVisible, timeout=5000)
            qtbot.waitUntil(lambda d=dialog: not getattr(d, "busy", False), timeout=10000)
            close(dialog)
            qtbot.waitUntil(lambda d=dialog: not isValid(d), timeout=5000)  # freed, not hidden and kept
            assert getattr(holder, attr) is None

    opened_then_closed(lambda: click(qtbot, card.match_btn), card, "dialog")
    opened_then_closed(lambda: click(qtbot, card.gradebook_btn), card, "dialog", lambda d: d.close())
    card.open_match()
    match = card.dialog
    qtbot.waitUntil(lambda: not match.busy and match.results.rowCount() == 2, timeout=10000)
    match.results.selectRow(0)
    opened_then_closed(lambda: click(qtbot, match.new_btn), match, "new_dialog")
    match.reject()
    qtbot.waitUntil(lambda: not isValid(match), timeout=5000)
    build = page.build
    build.test_box.setCurrentIndex(build.test_box.findData("A5"))
    build.title_edit.setText("Freed")
    build.area_spins["A"].setValue(2)
    opened_then_closed(build.preview, build, "preview_dialog", lambda d: d.accept())
    opened_then_closed(build.export_lms, build, "export_dialog")
    assert card.findChildren(QDialog) == [] and build.findChildren(QDialog) == []


def test_work_that_ends_after_its_dialog_is_gone_is_left_alone(qtbot, teacher, class_with_results, tmp_path,
                                                               monkeypatch):
    """A gradebook, a match list or an export still being read or written when its dialog is closed
    and gone: the file is still written, and nothing is done with the gone dialog (no error)."""
    import threading

    from study.classroom.lms import exports
    from study.classroom.roster import RosterService

    gate = threading.Event()

    def held(real):  # type: ignore[no-untyped-def]
        def wait(*a, **k):  # type: ignore[no-untyped-def]
            assert gate.wait(10)
            return real(*a, **k)
        return wait

    answers = teacher.ctx.dialogs
    roster = teacher.ctx.services.roster()
    roster.store(roster.preview(DATA / "moodle_participants.csv"))
    page = instructor_page(qtbot, teacher)
    page.tabs.setCurrentIndex(2)
    card = page.klass.roster
    qtbot.waitUntil(lambda: not card.loading, timeout=10000)
    monkeypatch.setattr(RosterService, "unmatched", held(RosterService.unmatched))
    monkeypatch.setattr(RosterService, "write_gradebook", held(RosterService.write_gradebook))
    monkeypatch.setattr(exports, "write_questions", held(exports.write_questions))
    ops = teacher.ctx.ops

    def gone(dialog) -> None:  # type: ignore[no-untyped-def]
        """The dialog closed and deleted while its work is held; then the work ends."""
        from shiboken6 import isValid

        dialog.reject()
        dialog.deleteLater()
        qtbot.waitUntil(lambda: not isValid(dialog), timeout=5000)
        gate.set()
        qtbot.waitUntil(lambda: ops.idle, timeout=10000)
        QApplication.processEvents()
        gate.clear()

    # the match dialog's list of results to match
    card.open_match()
    gone(card.dialog)

    # the gradebook being written
    gate.set()
    card.open_gradebook()
    book = card.dialog
    qtbot.waitUntil(lambda: not book.busy and book.test_box.count() == 1, timeout=10000)
    gate.clear()
    answers.files.append(str(tmp_path / "grades.csv"))
    click(qtbot, book.export_btn)
    gone(book)
    assert (tmp_path / "grades.csv").exists()

    # a set's export
    from app.pages.instructor_lms import open_export

    qs = teacher.ctx.services.bank.for_area("A5", "A")[:2]
    dialog = open_export(teacher.ctx, page, "Two questions", qs, "two", "Two")
    answers.files.append(str(tmp_path / "two.gift"))
    click(qtbot, dialog.export_btn)
    gone(dialog)
    assert (tmp_path / "two.gift").exists()
