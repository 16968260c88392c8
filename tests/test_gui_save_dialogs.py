"""Every Save dialog the app has, through the real file dialog path (app.dialogs.Dialogs and the
charts' own, down to QFileDialog.getSaveFileName, answered here as a person answers it: another
folder, the name offered): the first opens in the user's Documents folder, each later one in the
folder last used, and the file is written where the person chose. The plan's calendar, CSV and
PDF; a practice set's file, its printout and its LMS export; the class gradebook and the item
analysis; a student's result file; a chart."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.dialogs import Dialogs
from tests.conftest import open_window, settled
from tests.dialogs import ScriptedDialogs

pytestmark = pytest.mark.gui


class RealSaveDialogs(ScriptedDialogs):
    """Questions answered as ScriptedDialogs does; every Save dialog the app's own way."""

    settings = None
    save_file = Dialogs.save_file


class SaveAs:
    """QFileDialog.getSaveFileName as a person answers it: they go to `folder` (a USB stick) and
    keep the name the dialog offers. Each dialog's caption and starting path are kept."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.asked: list[tuple[str, str]] = []  # (caption, where the dialog opened, with the name offered)

    def __call__(self, parent, caption, start="", kinds="", *args, **kwargs):  # type: ignore[no-untyped-def]
        self.asked.append((caption, start))
        return str(self.folder / Path(start).name), kinds.split(";;")[0]

    def opened_in(self, i: int) -> Path:
        return Path(self.asked[i][1]).parent


@pytest.fixture
def places(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A home folder of the test's own with a Documents folder, and the folder the person picks."""
    from PySide6.QtWidgets import QFileDialog

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))  # no user-dirs.dirs: Documents is ~/Documents
    usb = tmp_path / "usb"
    usb.mkdir()
    save_as = SaveAs(usb)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    return home / "Documents", usb, save_as


def window_for(qtbot, folder: Path, services=None):  # type: ignore[no-untyped-def]
    return open_window(qtbot, folder, services, RealSaveDialogs())


def test_the_plan_saves_to_a_calendar_csv_and_pdf_where_the_person_chose(qtbot, tmp_path, places):
    from tests.test_gui_plan import fill_form, open_plan_page, wait_plan

    docs, usb, save_as = places
    window = window_for(qtbot, tmp_path / "data")
    try:
        page = open_plan_page(qtbot, window)
        fill_form(qtbot, page, ["A5"], date.today() + timedelta(days=45), {"mon", "wed", "thu"})
        qtbot.mouseClick(page.form.submit_btn, Qt.MouseButton.LeftButton)
        wait_plan(qtbot, page)
        for key in ("ics", "csv", "pdf"):
            qtbot.mouseClick(page.buttons[key], Qt.MouseButton.LeftButton)
        assert [c for c, _ in save_as.asked] == ["Export the plan to a calendar", "Export the plan as CSV",
                                                  "Save a printable plan"]
        assert save_as.asked[0][1] == str(docs / "ase-study-plan-A5.ics")  # the first: Documents
        assert save_as.opened_in(1) == usb and save_as.opened_in(2) == usb  # then the folder last used
        assert (usb / "ase-study-plan-A5.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
        assert (usb / "ase-study-plan-A5.csv").read_text(encoding="utf-8-sig").splitlines()[0].startswith("date")
        assert (usb / "ase-study-plan-A5.pdf").read_bytes().startswith(b"%PDF")
        assert page.saved_note.text() == f"Saved {usb / 'ase-study-plan-A5.pdf'}"
        assert not list(docs.iterdir())  # nothing written where the person did not choose
    finally:
        window.shutdown()


def test_an_instructors_set_printout_lms_export_gradebook_and_item_analysis(qtbot, tmp_path, places):
    from study.classroom.lms.exports import SUFFIXES
    from study.classroom.sets import ResultAnswer, build_result, load_set, save_result
    from tests.test_gui_instructor import instructor_page

    docs, usb, save_as = places
    window = window_for(qtbot, tmp_path / "teacher")
    try:
        page = instructor_page(qtbot, window)
        build = page.build
        build.test_box.setCurrentIndex(build.test_box.findData("A5"))
        qtbot.keyClicks(build.title_edit, "Week 3")
        build.area_spins["C"].setValue(3)
        qtbot.mouseClick(build.save_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "Saved Week-3.aseset" in build.message.text(), timeout=10000)
        assert save_as.asked[0] == ("Save the practice set", str(docs / "Week-3.aseset"))
        ps = load_set(usb / "Week-3.aseset")
        assert len(ps.questions) == 3

        qtbot.mouseClick(build.print_btn, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(build.key_btn, Qt.MouseButton.LeftButton)
        assert save_as.asked[1] == ("Print to PDF", str(usb / "Week-3.pdf"))  # the folder last used
        assert save_as.asked[2] == ("Print to PDF", str(usb / "Week-3-answer-key.pdf"))
        assert (usb / "Week-3.pdf").read_bytes().startswith(b"%PDF")
        assert (usb / "Week-3-answer-key.pdf").read_bytes().startswith(b"%PDF")

        qtbot.mouseClick(build.export_btn, Qt.MouseButton.LeftButton)
        dialog = build.export_dialog
        qtbot.mouseClick(dialog.export_btn, Qt.MouseButton.LeftButton)
        gift = usb / f"Week-3{SUFFIXES[dialog.format]}"
        assert save_as.asked[3] == ("Export for an LMS", str(gift))
        qtbot.waitUntil(lambda: gift.exists(), timeout=10000)
        assert "::" in gift.read_text(encoding="utf-8") or "{" in gift.read_text(encoding="utf-8")
        dialog.reject()

        # a student's result, imported on the Class tab; then the gradebook and the item analysis
        answers = [ResultAnswer(q.id, q.answer, 20.0) for q in ps.questions]
        result = save_result(build_result(ps, "Dana Smith", answers, 60.0), tmp_path / "dana.aseresult")
        klass = page.klass
        page.tabs.setCurrentIndex(2)
        klass.import_files([str(result)])
        qtbot.waitUntil(lambda: not klass.loading and klass.report is not None and not klass.report.empty,
                        timeout=10000)
        from PySide6.QtWidgets import QPushButton

        def press(name: str) -> None:  # a Class tab button, found by what it says to a screen reader
            b = next(b for b in klass.findChildren(QPushButton) if b.accessibleName() == name)
            qtbot.waitUntil(lambda: b.isVisible() and b.isEnabled(), timeout=10000)  # once the report shows
            asked = len(save_as.asked)
            b.click()
            assert len(save_as.asked) == asked + 1, f"{name}: no Save dialog"

        press("Export the gradebook to Excel")
        press("Export the gradebook to CSV")
        press("Export the item analysis to CSV")
        assert save_as.asked[4:] == [("Export the gradebook", str(usb / "gradebook-A5.xlsx")),
                                     ("Export the gradebook", str(usb / "gradebook-A5.csv")),
                                     ("Export the item analysis", str(usb / "item-analysis-A5.csv"))]
        import openpyxl

        assert openpyxl.load_workbook(usb / "gradebook-A5.xlsx")["Gradebook"]["A2"].value == "Dana Smith"
        assert "Dana Smith" in (usb / "gradebook-A5.csv").read_text(encoding="utf-8-sig")
        items = (usb / "item-analysis-A5.csv").read_text(encoding="utf-8-sig")
        assert all(q.id in items for q in ps.questions)
        assert not list(docs.iterdir())
    finally:
        window.shutdown()


def test_a_students_result_file_and_a_chart_save_where_the_person_chose(qtbot, tmp_path, places, monkeypatch):
    from questions.exam import ExamMode, build_exam
    from study.classroom.sets import build_set, save_set
    from study.services import open_services

    docs, usb, save_as = places
    teacher = open_services(tmp_path / "teacher")
    bp = teacher.blueprints.get("A5")
    qs = [teacher.bank.get(i.question_id) for i in build_exam(bp, teacher.bank.for_test("A5"), ExamMode.QUICK10, 3).items]
    set_path = save_set(build_set("Friday quiz", "A5", qs[:5]), tmp_path / "friday.aseset")
    teacher.close()
    dialogs = RealSaveDialogs(open_paths=[str(set_path)], texts=["Dana Smith"])
    window = open_window(qtbot, tmp_path / "learner", None, dialogs)
    try:
        window.show_page("practice")
        practice = window.page("practice")
        qtbot.mouseClick(practice.open_set_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.current_page() == "exam", timeout=10000)
        exam = window.exam_page
        for _ in range(5):
            qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_A)
            settled(qtbot, window)
            qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
        exam.ask_end()
        qtbot.mouseClick(exam.confirm_yes, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.current_page() == "results", timeout=10000)
        results = window.results_page
        qtbot.waitUntil(lambda: results.save_result_btn.isVisible(), timeout=10000)
        qtbot.mouseClick(results.save_result_btn, Qt.MouseButton.LeftButton)
        saved = usb / "Dana-Smith-Friday-quiz.aseresult"
        qtbot.waitUntil(lambda: saved.exists(), timeout=10000)
        assert save_as.asked[0] == ("Save your result file", str(docs / saved.name))
        assert json.loads(saved.read_text(encoding="utf-8"))["student"] == "Dana Smith"

        # a chart's Save chart... opens in the folder last used, and writes the picture there
        from app.charts import ChartPanel

        panel = next(p for p in results.findChildren(ChartPanel) if p.canvas is not None)
        qtbot.mouseClick(panel.save_btn, Qt.MouseButton.LeftButton)
        caption, start = save_as.asked[1]
        assert caption == f"Save {panel.title}" and Path(start).parent == usb
        assert (usb / Path(start).name).read_bytes().startswith(b"\x89PNG")
        assert not list(docs.iterdir())
    finally:
        window.shutdown()
