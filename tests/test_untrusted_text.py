"""Text from outside the app (imported questions, set and result files, student names, file names)
is shown as plain text on every surface: labels, tooltips, item views, dialogs and printed PDFs.
A surface that rendered it as HTML would load the images it names: the test watches, with the
operating system's file-access events, whether anything ever opens the picture the markup points
at, so it catches any rich-text surface, whichever widget or document Qt used. No pickle, eval or
unsafe YAML anywhere in the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QToolTip, QWidget

from questions.bank import QuestionBank
from questions.exam import ExamMode, build_custom
from study.services import open_services
from tests.conftest import make_question, open_window
from tests.dialogs import DialogAnswerer
from tests.fsfaults import OpenWatch

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.gui


@pytest.fixture
def canary(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A picture that only a surface rendering markup would open, and the watch on it. The markup
    names it twice: by a file: URL and by a bare name, which Qt looks up in the working folder."""
    path = tmp_path / "canary.png"
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    image.save(str(path))
    monkeypatch.chdir(tmp_path)
    watch = OpenWatch(path)
    evil = (f'<img src="file://{path}"><img src="canary.png"><b>bold</b> <a href="x">link</a> '
            '<img src="http://example.invalid/x.png">')
    settle()
    watch.events()
    # the watch itself is checked: a label that does render markup opens the picture
    probe = QLabel(evil)
    probe.show()
    settle()
    assert watch.events() > 0, "the file watch did not see Qt open the picture"
    probe.close()
    probe.deleteLater()
    settle()
    watch.events()
    yield evil, watch
    watch.close()


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def hover_everything(root: QWidget) -> int:
    """Show every tooltip under `root` as hovering would: each widget's and each view item's."""
    shown = 0
    from shiboken6 import isValid

    for w in [root, *root.findChildren(QWidget)]:
        if not isValid(w):  # replaced while an earlier tooltip was shown (a screen filling in)
            continue
        if w.toolTip() and w.isVisible():
            QToolTip.showText(w.mapToGlobal(QPoint(2, 2)), w.toolTip(), w)
            settle()
            shown += 1
    for view in root.findChildren(QAbstractItemView):
        if not isValid(view):
            continue
        model = view.model()
        if model is None:
            continue
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list model keeps its one column private
            columns = 1
        for r in range(min(model.rowCount(QModelIndex()), 300)):
            for c in range(columns):
                tip = model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole)
                if tip:
                    QToolTip.showText(view.mapToGlobal(QPoint(2, 2)), str(tip), view.viewport())
                    settle()
                    shown += 1
    QToolTip.hideText()
    return shown


def test_markup_in_a_question_is_shown_literally_and_loads_nothing(qtbot, tmp_path, canary):
    evil, watch = canary
    services = open_services(tmp_path / "data")
    q = make_question("A5", "A", 9001)
    q = type(q)(**{**q.__dict__, "stem": f"Stem {evil}", "explanation": f"Why {evil}. Second sentence.",
                   "choices": (f"one {evil}", "two", "three", "four")})
    services.bank = QuestionBank(services.bank.questions + (q,))
    services.exams.bank = services.bank
    w = open_window(qtbot, tmp_path / "data", services)
    try:
        form = build_custom("A5", ExamMode.QUICK10, [q.id], {q.id: "A"}, 1, None)
        w.ctx.start_exam(services.exams.start(form))
        exam = w.exam_page
        assert exam.stem.text() == q.stem and exam.stem.textFormat() == Qt.TextFormat.PlainText
        exam.choose("B")  # study mode: the explanation appears once the answer is stored
        qtbot.waitUntil(lambda: exam.feedback.isVisible() and evil in exam.feedback_text.text(), timeout=10000)
        settle()
        shown = [lab for lab in w.findChildren(QLabel) if evil in lab.text()]
        assert shown, "the question text should be on screen somewhere"
        hover_everything(w)
        exam.next()  # the result screen lists the question with its explanation
        settle()
        hover_everything(w)
        assert watch.events() == 0, "a surface rendered the question's markup"
    finally:
        w.shutdown()


def test_an_imported_questions_bold_and_italic_show_and_its_markup_still_loads_nothing(qtbot, tmp_path, canary):
    """An instructor's question that came with bold and italic shows them in the exam (stem and
    explanation), in the preview and in the result's review, and every other character of it, markup
    included, as written."""
    from PySide6.QtGui import QTextDocument

    from app.pages.instructor_preview import PreviewDialog
    from study.classroom.imported import OwnQuestion
    from study.classroom.sets import build_set

    evil, watch = canary
    services = open_services(tmp_path / "data")
    base = make_question("A5", "A", 9002)
    stem = f"Which is NOT a cause? {evil}"
    why = f"Fade is heat. {evil}"
    q = OwnQuestion(**{**base.__dict__, "stem": stem, "explanation": why},
                    emphasis=(("stem", ((9, 12, "b"),)), ("explanation", ((8, 12, "i"),))))
    services.bank = QuestionBank(services.bank.questions + (q,))
    services.exams.bank = services.bank

    def shown(label: QLabel) -> tuple[Qt.TextFormat, str, str]:
        doc = QTextDocument()
        doc.setHtml(label.text())
        return label.textFormat(), doc.toPlainText(), label.text()

    w = open_window(qtbot, tmp_path / "data", services)
    try:
        w.ctx.start_exam(services.exams.start(build_custom("A5", ExamMode.QUICK10, [q.id], {q.id: "A"}, 1, None)))
        exam = w.exam_page
        fmt, plain, rich = shown(exam.stem)
        assert fmt == Qt.TextFormat.RichText and plain == stem and rich.startswith("Which is <b>NOT</b> a cause?")
        exam.choose("B")
        qtbot.waitUntil(lambda: exam.feedback.isVisible(), timeout=10000)
        fmt, plain, rich = shown(exam.feedback_text)
        assert fmt == Qt.TextFormat.RichText and plain == why and rich.startswith("Fade is <i>heat</i>.")
        preview = PreviewDialog(build_set("Fade", "A5", [q]), w)
        preview.key_box.setChecked(True)
        fmt, plain, rich = shown(preview.key)
        assert plain == f"Answer: {q.answer}. {why}" and "<i>heat</i>" in rich
        preview.close()
        exam.next()  # the result screen's review of the question keeps them too
        results = w.page("results")
        qtbot.waitUntil(lambda: results.list.count() == 1 and bool(results.d_expl.text()), timeout=10000)
        fmt, plain, rich = shown(results.d_stem)
        assert fmt == Qt.TextFormat.RichText and plain == f"1. {stem}" and "<b>NOT</b>" in rich
        fmt, plain, rich = shown(results.d_expl)
        assert fmt == Qt.TextFormat.RichText and plain == why and "<i>heat</i>" in rich
        hover_everything(w)
        settle()
        assert watch.events() == 0, "a surface rendered the question's own markup"
    finally:
        w.shutdown()


def test_imported_questions_student_names_and_file_names_load_nothing_anywhere(qtbot, tmp_path, canary):
    """The Instructor page's hand-pick list and its tooltips, the class's tables, an error dialog
    that names a file, and the printed set."""
    from study.classroom.imported import ImportedQuestions, check_mapping
    from study.classroom.importers import parse_text
    from study.classroom.sets import PracticeSetService, ResultAnswer, build_result, build_set, save_result

    evil, watch = canary
    boxes = DialogAnswerer(before_answering=settle)
    teacher = open_window(qtbot, tmp_path / "teacher")
    try:
        s = teacher.ctx.services
        csv = "stem,A,B,C,D,answer,explanation\n" + "".join(
            f'"Question {i} {evil}","one {i} {evil}",two {i},three {i},four {i},A,"Because {evil}"\n' for i in range(3))
        stored = ImportedQuestions(s.db, s.blueprints).store(check_mapping(
            parse_text(csv, "mine.csv", "csv"), s.blueprints))
        assert len(stored.added) == 3
        ImportedQuestions(s.db, s.blueprints).map(stored.added, "A5", "A")
        s.refresh_bank()
        teacher.show_page("instructor")
        page = teacher.page("instructor")
        qtbot.waitUntil(lambda: not page.loading and page.build.test_box.count() > 0, timeout=10000)
        build = page.build
        build.test_box.setCurrentIndex(build.test_box.findData("A5"))
        settle()
        assert sum(build.pick_table.item(r, 5).text().startswith("Question ") for r in range(
            build.pick_table.rowCount())) == 3  # the imported questions are in the hand-pick list
        assert hover_everything(page) > 0
        # a set of those questions, printed, and a student's result named with markup
        mine = [q for q in s.bank.for_test("A5") if q.origin == "imported"]
        ps = build_set(f"Quiz {evil}"[:300], "A5", mine, instructor="Ms. Rivera")
        PracticeSetService(s.db, s.blueprints).save(ps, tmp_path / "quiz.aseset")
        from app.set_pdf import write_set_pdf

        write_set_pdf(ps, tmp_path / "quiz.pdf", answer_key=True)
        name = 'Dana <img src="canary.png"> <b>Smith</b>'
        result = build_result(ps, name, [ResultAnswer(q.id, "A", 3.0) for q in ps.questions], 20.0)
        path = save_result(result, tmp_path / "dana.aseresult")
        page.tabs.setCurrentIndex(2)
        klass = page.klass
        klass.import_files([str(path)])
        qtbot.waitUntil(lambda: not klass.loading and klass.report is not None and not klass.report.empty,
                        timeout=10000)
        settle()
        assert hover_everything(page) > 0
        # a file whose very name is markup, refused with a dialog that names it
        bad = tmp_path / '<img src="canary.png"> quiz.aseset'
        bad.write_text("not a set", encoding="utf-8")
        from app.starting import open_practice_set

        open_practice_set(teacher.ctx, teacher, str(bad))
        qtbot.waitUntil(lambda: any("canary" in t for t in boxes.shown), timeout=10000)
        assert watch.events() == 0, "a surface rendered text from a file as HTML"
    finally:
        boxes.timer.stop()
        teacher.shutdown()


def test_no_pickle_eval_or_unsafe_yaml_in_the_code():
    offenders = []
    for path in list((ROOT / "app").rglob("*.py")) + list((ROOT / "study").rglob("*.py")) + \
            list((ROOT / "questions").rglob("*.py")) + list((ROOT / "cli").rglob("*.py")) + [ROOT / "main.py"]:
        text = path.read_text(encoding="utf-8")
        for pattern in (r"\bimport pickle\b", r"\bpickle\.", r"(?<![\w.])eval\(", r"(?<![\w.])exec\(",
                        r"yaml\.load\((?![^)]*Loader=loader)", r"yaml\.unsafe_load", r"yaml\.Loader\b",
                        r"yaml\.FullLoader"):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert offenders == []


@pytest.mark.parametrize("text", ["plain", 'x<b>y</b> & "q" &amp;', "one\ntwo", "para one\n\npara two", " lead  and  gaps",
                                  '<img src="canary.png">'])
def test_a_tooltip_is_what_qt_makes_of_plain_text(text: str) -> None:
    """app.messages.plain_tip writes the tooltip itself (Qt's own converter needs PySide's Qt namespace,
    which Home's first fill must not wait for): it must be exactly Qt's."""
    from PySide6.QtGui import Qt as GuiQt

    from app.messages import plain_tip

    assert plain_tip(text) == GuiQt.convertFromPlainText(text, GuiQt.WhiteSpaceMode.WhiteSpaceNormal)
