"""Questions out to an LMS, in the format the instructor chose or the file name says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from questions.bank import QuestionBank
from questions.model import Question
from study.classroom.lms.gift import gift_export
from study.classroom.lms.moodle_xml import to_moodle_xml
from study.classroom.lms.qti import qti_package

FORMAT_WORDS = {"gift": "GIFT (Moodle)", "moodle-xml": "Moodle XML", "qti12": "QTI 1.2 (Canvas Classic Quizzes, "
                "Blackboard Learn)", "qti21": "QTI 2.1 (Canvas New Quizzes, Blackboard Ultra)"}


class ExportFormatError(ValueError):
    pass


def format_for(path: Path, fmt: str | None) -> str:
    if fmt:
        if fmt not in FORMAT_WORDS:
            raise ExportFormatError(f"unknown format {fmt!r}; choose one of {', '.join(FORMAT_WORDS)}")
        return fmt
    ext = path.suffix.lower()
    if ext in (".gift", ".txt"):
        return "gift"
    if ext == ".xml":
        return "moodle-xml"
    if ext == ".zip":
        raise ExportFormatError(f"{path.name}: a .zip can be QTI 1.2 (Canvas Classic Quizzes, Blackboard Learn) or "
                                "QTI 2.1 (Canvas New Quizzes, Blackboard Ultra); choose --format qti12 or qti21")
    raise ExportFormatError(f"{path.name}: name the file .gift, .xml or .zip, or choose the format")


def export_questions(questions: Sequence[Question], path: Path, fmt: str | None, *,
                     title: str = "ASE Prep questions") -> tuple[bytes, list[str]]:
    """The file's bytes and what the instructor should know about it."""
    fmt = format_for(path, fmt)
    if fmt == "gift":
        text, notes = gift_export(questions, heading=title)
        return text.encode("utf-8"), notes
    if fmt == "moodle-xml":
        return to_moodle_xml(questions).encode("utf-8"), []
    return qti_package(title.split("\n", 1)[0], questions, "1.2" if fmt == "qti12" else "2.1")


def with_bank_exhibits(questions: Sequence[Question], bank: QuestionBank) -> list[Question]:
    """A set's questions with the exhibit of the bank question each one is (same id and wording),
    for set files written before sets carried exhibits."""
    out = []
    for q in questions:
        b = bank.find(q.id) if q.exhibit is None else None
        out.append(replace(q, exhibit=b.exhibit) if b is not None and b.stem == q.stem else q)
    return out
