"""Question text is shown as plain text: markup in a question never loads a file: or remote
resource and never renders as HTML. No pickle, eval or unsafe YAML anywhere in the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from questions.bank import QuestionBank
from questions.exam import ExamMode, build_custom
from study.services import open_services
from tests.conftest import make_question, open_window

ROOT = Path(__file__).resolve().parent.parent
EVIL = '<img src="file:///etc/passwd"><img src="http://example.invalid/x.png"><b>bold</b> <a href="x">link</a>'


@pytest.mark.gui
def test_markup_in_a_question_is_shown_literally_and_loads_nothing(qtbot, tmp_path, monkeypatch):
    services = open_services(tmp_path)
    q = make_question("A5", "A", 9001)
    q = type(q)(**{**q.__dict__, "stem": f"Stem {EVIL}", "explanation": f"Why {EVIL}. Second sentence.",
                   "choices": (f"one {EVIL}", "two", "three", "four")})
    services.bank = QuestionBank(services.bank.questions + (q,))
    services.exams.bank = services.bank
    w = open_window(qtbot, tmp_path, services)
    ctx = w.ctx

    loaded: list[str] = []
    from PySide6.QtGui import QTextDocument

    original = QTextDocument.loadResource

    def spy(self, kind, url):  # type: ignore[no-untyped-def]
        loaded.append(url.toString())
        return original(self, kind, url)

    monkeypatch.setattr(QTextDocument, "loadResource", spy)
    form = build_custom("A5", ExamMode.QUICK10, [q.id], {q.id: "A"}, 1, None)
    ctx.start_exam(services.exams.start(form))
    exam = w.exam_page
    assert exam.stem.text() == q.stem and exam.stem.textFormat().name == "PlainText"
    exam.choose("B")  # study mode: the explanation appears
    exam.next()
    shown = [lab for lab in w.findChildren(QLabel) if EVIL in lab.text()]
    assert shown, "the question text should be on screen somewhere"
    for lab in shown:
        assert lab.textFormat().name == "PlainText", lab.objectName()
    assert loaded == []
    w.shutdown()


def test_no_pickle_eval_or_unsafe_yaml_in_the_code():
    offenders = []
    for path in list((ROOT / "app").rglob("*.py")) + list((ROOT / "study").rglob("*.py")) + \
            list((ROOT / "questions").rglob("*.py")) + [ROOT / "main.py"]:
        text = path.read_text(encoding="utf-8")
        for pattern in (r"\bimport pickle\b", r"\bpickle\.", r"(?<![\w.])eval\(", r"(?<![\w.])exec\(",
                        r"yaml\.load\((?![^)]*Loader=loader)", r"yaml\.unsafe_load", r"yaml\.Loader\b",
                        r"yaml\.FullLoader"):
            if re.search(pattern, text):
                offenders.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert offenders == []
