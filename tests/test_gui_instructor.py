"""The Instructor page and the student's side of a practice set, driven as people would: build a
set and save it, print it, open it as a student from Practice, answer with the keyboard, save
the result from Results, import it on the Class tab; the class numbers match the answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.pages.instructor_preview import PreviewDialog
from app.starting import open_practice_set
from tests.conftest import open_window, settled
from tests.dialogs import ScriptedDialogs

pytestmark = pytest.mark.gui
DATA = Path(__file__).parent / "data"


@pytest.fixture
def teacher_dialogs():
    """The instructor's dialogs: every question answered yes, every message kept."""
    return ScriptedDialogs()


@pytest.fixture
def learner_dialogs():
    return ScriptedDialogs()


@pytest.fixture
def teacher(qtbot, tmp_path, teacher_dialogs):
    w = open_window(qtbot, tmp_path / "teacher", dialogs=teacher_dialogs)
    yield w
    w.shutdown()


@pytest.fixture
def learner(qtbot, tmp_path, learner_dialogs):
    w = open_window(qtbot, tmp_path / "learner", dialogs=learner_dialogs)
    yield w
    w.shutdown()


def db_rows(window, sql):
    with window.ctx.services.db.engine.connect() as conn:
        return conn.exec_driver_sql(sql).fetchall()


def instructor_page(qtbot, window):
    window.show_page("instructor")
    page = window.page("instructor")
    qtbot.waitUntil(lambda: not page.loading and page.build.test_box.count() > 0, timeout=10000)
    return page


def test_a_set_from_the_build_tab_to_a_student_and_back_to_the_class_tab(qtbot, teacher, learner, tmp_path,
                                                                          teacher_dialogs, learner_dialogs):
    page = instructor_page(qtbot, teacher)
    build = page.build
    build.test_box.setCurrentIndex(build.test_box.findData("A5"))
    qtbot.keyClicks(build.title_edit, "Week 3: brakes")
    qtbot.keyClicks(build.instructor_edit, "Ms. Rivera")
    build.minutes.setValue(15)
    build.area_spins["C"].setValue(2)
    build.area_spins["D"].setValue(1)
    # hand-pick the first two A questions through the search box and the Use ticks
    build.area_filter.setCurrentIndex(build.area_filter.findData("A"))
    visible = [r for r in range(build.pick_table.rowCount()) if not build.pick_table.isRowHidden(r)]
    assert visible and all(build.pick_table.item(r, 2).text() == "A" for r in visible)
    for r in visible[:2]:
        build.pick_table.item(r, 0).setCheckState(Qt.CheckState.Checked)
    picked = build.picked_ids()
    assert len(picked) == 2
    assert build.summary.text().startswith("5 questions (3 drawn by area, 2 hand-picked); 15 minutes")

    # Save set file...: the Save dialog suggests the title as the file name
    teacher_dialogs.save_paths.append(str(tmp_path / "week3.aseset"))
    qtbot.mouseClick(build.save_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved week3.aseset" in build.message.text(), timeout=10000)
    assert teacher_dialogs.saves[-1] == ("Save the practice set", "Week-3-brakes.aseset")
    assert teacher_dialogs.said == []
    set_path = tmp_path / "week3.aseset"
    data = json.loads(set_path.read_text(encoding="utf-8"))
    assert data["title"] == "Week 3: brakes" and data["instructor"] == "Ms. Rivera"
    assert [q["id"] for q in data["questions"]][:2] == picked
    assert sorted(q["area"] for q in data["questions"]) == ["A", "A", "C", "C", "D"]
    assert "Saved week3.aseset" in build.message.text()

    # print it, with and without the key
    plain = build.print_pdf(False, str(tmp_path / "quiz.pdf"))
    keyed = build.print_pdf(True, str(tmp_path / "quiz-key.pdf"))
    assert plain.read_bytes().startswith(b"%PDF") and keyed.stat().st_size > plain.stat().st_size
    from study.classroom.importers import parse_gift
    from study.classroom.lms.exports import write_questions

    dialog = build.export_lms()  # GIFT is the dialog's first choice (tests/test_gui_lms.py drives it)
    assert dialog.format == "gift" and len(dialog.questions) == len(data["questions"])
    gift = write_questions(dialog.questions, tmp_path / "week3.gift", dialog.format, title=dialog.heading).path
    dialog.reject()
    back = [q.stem for q in parse_gift(gift.read_text(encoding="utf-8")).imported]
    # a figure goes out as its text description after the stem (GIFT carries no files); tables come back as exhibits
    assert len(back) == len(data["questions"])
    assert all(b == q["stem"] or b.startswith(q["stem"] + "\n") for b, q in zip(back, data["questions"], strict=True))

    # the student, at their own window, opens it from Practice, answers with the keyboard and ends the exam
    learner.activateWindow()
    qtbot.waitUntil(learner.isActiveWindow, timeout=5000)
    learner_dialogs.open_paths.append(str(set_path))
    learner.show_page("practice")
    practice = learner.page("practice")
    qtbot.mouseClick(practice.open_set_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: learner.current_page() == "exam", timeout=10000)
    assert learner_dialogs.asked[0][0] == "Practice set" and "Week 3: brakes" in learner_dialogs.asked[0][1]
    exam = learner.exam_page
    assert exam.title.text() == "Week 3: brakes" and exam.timer.isVisible()
    from study.classroom.sets import load_set

    keys = {q.id: q.answer for q in load_set(set_path).questions}  # (the file holds them as salted hashes)
    area_of = {q["id"]: q["area"] for q in data["questions"]}
    wrong = {"A": "B", "B": "C", "C": "D", "D": "A"}
    chosen = {}
    for i in range(5):
        qid = exam.active.form.items[i].question_id
        # right on area A and D, wrong on C
        letter = keys[qid] if area_of[qid] != "C" else wrong[keys[qid]]
        chosen[qid] = letter
        qtbot.keyClick(exam.focusWidget(), getattr(Qt.Key, f"Key_{letter}"))
        settled(qtbot, learner)
        assert exam.active.run.state.choice == letter
        assert not exam.feedback.isVisible()  # an exam-mode set: no feedback until the end
        qtbot.keyClick(exam.focusWidget(), Qt.Key.Key_Right)
    assert exam.body.currentIndex() == 1  # the review screen after the last question
    exam.ask_end()
    qtbot.mouseClick(exam.confirm_yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: learner.current_page() == "results", timeout=10000)
    results = learner.results_page
    qtbot.waitUntil(lambda: results.save_result_btn.isVisible(), timeout=10000)
    assert "practice set" in results.notice.text()
    assert results.headline.text().startswith("Week 3: brakes: 60%")

    result_path = tmp_path / "dana.aseresult"
    learner_dialogs.texts.append("Dana Smith")
    learner_dialogs.save_paths.append(str(result_path))
    qtbot.mouseClick(results.save_result_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved dana.aseresult" in results.saved_note.text(), timeout=10000)  # beside its button
    assert learner_dialogs.saves[-1] == ("Save your result file", "Dana-Smith-Week-3-brakes.aseresult")
    assert result_path.exists()
    saved = json.loads(result_path.read_text(encoding="utf-8"))
    assert saved["student"] == "Dana Smith" and saved["set_hash"] == data["hash"]
    assert {a["question_id"]: a["choice"] for a in saved["answers"]} == chosen

    # a tampered copy and the real one: the real one is counted, the copy refused by name
    bad = tmp_path / "tampered.aseresult"
    saved["answers"][0]["choice"] = "D" if saved["answers"][0]["choice"] != "D" else "A"
    bad.write_text(json.dumps(saved), encoding="utf-8")
    klass = page.klass
    page.tabs.setCurrentIndex(2)
    klass.import_files([str(result_path), str(bad)])
    qtbot.waitUntil(lambda: not klass.loading and klass.report is not None and not klass.report.empty, timeout=10000)
    assert klass.last_import.summary == "1 result imported, 0 skipped, 1 rejected."
    assert klass.problems.isVisible() and klass.problems.rowCount() == 1
    assert klass.problems.item(0, 0).text() == "tampered.aseresult"
    assert "has been changed since it was saved" in klass.problems.item(0, 1).text()

    report = klass.report
    assert report.students == ("Dana Smith",)
    assert klass.test_box.isEnabled() and klass.test_box.currentData() == "A5" and klass.set_box.isVisibleTo(klass)
    assert dict(zip(report.areas, report.heat[0], strict=True)) == {"A": 100.0, "C": 0.0, "D": 100.0}
    assert klass.heat.canvas is not None
    grade = [klass.grade_table.item(0, c).text() for c in range(klass.grade_table.columnCount())]
    assert grade[:5] == ["Dana Smith", "Week 3: brakes", "1", "60%", "60%"]
    facility = {}
    for r in range(klass.items_table.rowCount()):
        qid = klass.items_table.item(r, 1).data(Qt.ItemDataRole.UserRole)
        facility[qid] = klass.items_table.item(r, 4).text()
    assert facility == {qid: ("100%" if chosen[qid] == keys[qid] else "0%") for qid in keys}
    weak = [klass.weak_table.item(r, 0).text() for r in range(klass.weak_table.rowCount())]
    assert weak[0] == "C"  # the area the class got wrong has the most points at stake

    # the same file again counts once; the student's own history has the exam too
    klass.import_files([str(result_path)])
    qtbot.waitUntil(lambda: not klass.loading, timeout=10000)
    assert "1 skipped (1 already imported, counted once)" in klass.last_import.summary
    assert db_rows(teacher, "SELECT COUNT(*) FROM class_result") == [(1,)]
    assert db_rows(learner, "SELECT COUNT(*) FROM response WHERE correct IS NOT NULL") == [(5,)]

    # through the Save dialog, as the button does: the name offered, the suffix added when left off
    teacher_dialogs.save_paths.append(str(tmp_path / "grades"))
    out = klass.export_gradebook(".xlsx")
    assert teacher_dialogs.saves[-1] == ("Export the gradebook", "gradebook-A5.xlsx")
    assert out == tmp_path / "grades.xlsx"
    import openpyxl

    assert openpyxl.load_workbook(out)["Gradebook"]["A2"].value == "Dana Smith"
    teacher_dialogs.save_paths.clear()
    assert klass.export_gradebook(".csv") is None  # cancelled: nothing written, nothing said
    assert not (tmp_path / "gradebook-A5.csv").exists() and teacher_dialogs.said == []


def test_importing_questions_shows_what_will_be_imported_and_skipped(qtbot, teacher, teacher_dialogs):
    page = instructor_page(qtbot, teacher)
    q = page.questions
    page.tabs.setCurrentIndex(1)
    q.map_test.setCurrentIndex(q.map_test.findData("A5"))
    q.map_area.setCurrentIndex(q.map_area.findData("C"))
    q.choose(str(DATA / "moodle_gift_examples.gift"))
    qtbot.waitUntil(lambda: not q.loading and q.pending is not None, timeout=10000)
    assert q.will_table.rowCount() == 7 and q.skip_table.rowCount() == 11
    assert q.skip_table.item(0, 0).text() == "moodle_gift_examples.gift:5"
    assert q.import_btn.text() == "Import 7 questions"
    assert db_rows(teacher, "SELECT COUNT(*) FROM imported_question") == [(0,)]  # nothing until Import

    before = len(teacher.ctx.services.bank.for_area("A5", "C"))
    qtbot.mouseClick(q.import_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not q.loading and q.pending is None, timeout=10000)
    assert q.message.text() == "7 questions imported, 11 skipped."
    qtbot.waitUntil(lambda: q.mine_table.rowCount() == 7, timeout=10000)
    assert len(teacher.ctx.services.bank.for_area("A5", "C")) == before + 7  # in the pool at once
    build = page.build
    build.test_box.setCurrentIndex(build.test_box.findData("A5"))
    settled(qtbot, teacher)
    yours = [r for r in range(build.pick_table.rowCount()) if "(yours)" in build.pick_table.item(r, 1).text()]
    assert len(yours) == 7

    # an HTML question is shown as its text; no label anywhere renders rich text from the file
    assert any(q.mine_table.item(r, 0).text() == "Which brake fluid is silicone based?"
               for r in range(q.mine_table.rowCount()))
    for lab in page.findChildren(QLabel):
        assert lab.textFormat() == Qt.TextFormat.PlainText or "<" not in lab.text()

    # Excel's Windows-1252 CSV is read as such, and the preview says so; nothing is stored yet
    latin = DATA.parent / "data" / "brakes.csv"
    ansi = Path(teacher.ctx.services.data_dir) / "latin.csv"
    ansi.write_bytes(latin.read_text(encoding="utf-8").replace("pedal", "pédal").encode("cp1252"))
    q.choose(str(ansi))
    qtbot.waitUntil(lambda: not q.loading and q.pending is not None, timeout=10000)
    assert "read as Windows-1252" in q.file_label.text() and "é" in q.file_label.text()
    assert any("pédal" in q.pending.imported[i].stem for i in range(len(q.pending.imported)))
    q.discard()
    # a file that is not text at all is refused with its name; nothing is stored
    bad = Path(teacher.ctx.services.data_dir) / "binary.csv"
    bad.write_bytes(b"stem,A\x00\x01\x02" * 50)
    q.choose(str(bad))
    qtbot.waitUntil(lambda: not q.loading, timeout=10000)
    assert teacher_dialogs.errors and teacher_dialogs.errors[-1].startswith("binary.csv: is not a text file")
    assert db_rows(teacher, "SELECT COUNT(*) FROM imported_question") == [(7,)]

    q.export_lms("mine")
    qtbot.waitUntil(lambda: q.export_dialog is not None, timeout=10000)  # once your questions are read
    dialog = q.export_dialog
    assert len(dialog.questions) == 7  # out through the export dialog: tests/test_gui_lms.py
    dialog.reject()


def test_preview_shows_the_set_as_a_student_sees_it(qtbot, teacher):
    page = instructor_page(qtbot, teacher)
    build = page.build
    build.test_box.setCurrentIndex(build.test_box.findData("A5"))
    build.title_edit.setText("Preview me")
    build.area_spins["A"].setValue(3)
    ps = build.current_set()
    dlg = PreviewDialog(ps)
    qtbot.addWidget(dlg)
    assert dlg.counter.text() == "Question 1 of 3" and dlg.stem.text() == ps.questions[0].stem
    assert dlg.key.text() == "" and not dlg.prev_btn.isEnabled()
    dlg.key_box.setChecked(True)
    assert dlg.key.text().startswith(f"Answer: {ps.questions[0].answer}.")
    qtbot.mouseClick(dlg.next_btn, Qt.MouseButton.LeftButton)
    assert dlg.counter.text() == "Question 2 of 3" and dlg.stem.text() == ps.questions[1].stem


def test_a_bad_set_file_is_refused_by_name_and_nothing_changes(qtbot, learner, tmp_path, learner_dialogs):
    bad = tmp_path / "cut.aseset"
    bad.write_text('{"format": "ase-prep-set", "version": 1, "title": "Cut', encoding="utf-8")
    before = db_rows(learner, "SELECT COUNT(*) FROM practice_set")
    open_practice_set(learner.ctx, learner, str(bad))
    qtbot.waitUntil(lambda: bool(learner_dialogs.said), timeout=10000)
    assert learner_dialogs.errors[-1].startswith("cut.aseset: the practice set is cut short")
    assert learner.current_page() != "exam"
    assert db_rows(learner, "SELECT COUNT(*) FROM practice_set") == before


def test_the_pdf_is_plain_text_with_the_key_only_when_asked(qtbot, a5_bank):
    from app.set_pdf import set_document
    from study.classroom.sets import build_set

    q = a5_bank.questions[0]
    q = type(q)(**{**q.__dict__, "stem": '<img src="file:///etc/passwd"> <b>Bold?</b> which one'})
    ps = build_set("Paper quiz", "A5", [q, *a5_bank.questions[1:3]], instructor="Mr. Ode", time_limit_seconds=600)
    text = set_document(ps, answer_key=False).toPlainText()
    assert '<img src="file:///etc/passwd"> <b>Bold?</b> which one' in text
    assert "Answer key" not in text and "Name: ___" in text and "10 minutes" in text
    keyed = set_document(ps, answer_key=True).toPlainText()
    assert "Answer key: Paper quiz" in keyed
    assert f"1.  {ps.questions[0].answer}" in keyed


def test_every_tab_is_keyboard_reachable_and_named_with_results_on_screen(qtbot, teacher, tmp_path):
    from study.classroom.results import ClassroomService
    from study.classroom.sets import PracticeSetService, ResultAnswer, build_result, build_set, save_result
    from tests.test_accessibility import page_problems

    s = teacher.ctx.services
    ps = build_set("Walk", "A5", s.bank.for_test("A5")[:6], created=None)
    PracticeSetService(s.db, s.blueprints).record(ps, authored=True)
    for i, name in enumerate(("Ana", "Ben", "Cy")):
        answers = [ResultAnswer(q.id, q.answer if (j + i) % 3 else "A", 10.0) for j, q in enumerate(ps.questions)]
        save_result(build_result(ps, name, answers, 60.0), tmp_path / f"{name}.aseresult")
    ClassroomService(s.db, s.blueprints).import_results([tmp_path])
    page = instructor_page(qtbot, teacher)
    page.questions.choose(str(DATA / "brakes_aiken.txt"))  # the preview tables on screen too
    qtbot.waitUntil(lambda: not page.loading and page.questions.pending is not None, timeout=10000)
    problems = []
    for i in range(page.tabs.count()):
        page.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda: not page.loading, timeout=10000)
        if i == 2:
            qtbot.waitUntil(lambda: page.klass.report is not None and not page.klass.report.empty, timeout=10000)
        problems += page_problems(qtbot, teacher, page.tabs.tabText(i))
    assert problems == []


def test_cancelling_at_the_set_summary_keeps_nothing(qtbot, learner, tmp_path, learner_dialogs, a5_bank):
    from study.classroom.sets import build_set

    real = learner.ctx.services.bank.for_test("A5")[:3]
    path = tmp_path / "s.aseset"
    path.write_text(build_set("Friday", "A5", real, instructions="Closed book.").to_json(), encoding="utf-8")
    learner_dialogs.yes = False  # Cancel at the set's summary
    open_practice_set(learner.ctx, learner, str(path))
    qtbot.waitUntil(lambda: bool(learner_dialogs.asked), timeout=10000)
    settled(qtbot, learner)
    shown = [text for _, text in learner_dialogs.asked]
    assert "Friday (A5)" in shown[0] and "3 questions, untimed" in shown[0] and "Closed book." in shown[0]
    assert db_rows(learner, "SELECT COUNT(*) FROM practice_set") == [(0,)]
    assert learner.current_page() != "exam"


def test_before_any_set_the_class_tab_says_so_in_its_test_box(qtbot, teacher):
    page = instructor_page(qtbot, teacher)
    page.tabs.setCurrentIndex(2)
    klass = page.klass
    settled(qtbot, teacher)
    box = klass.test_box
    assert box.count() == 0 and not box.isEnabled() and klass.set_box.isHidden()
    assert box.placeholderText() == "No practice sets yet"
    said = box.grab().toImage()
    box.setPlaceholderText("")
    assert box.grab().toImage() != said  # the words are drawn, not only set
