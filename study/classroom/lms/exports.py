"""Questions out to an LMS, in the format the instructor chose or the file name says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from questions.bank import QuestionBank
from questions.model import Question
from study.classroom.lms.gift import gift_export
from study.classroom.lms.moodle_xml import to_moodle_xml
from study.classroom.lms.qti import qti_package

# the file name each format is saved under, and its Save-dialog filter
SUFFIXES = {"gift": ".gift", "moodle-xml": ".xml", "qti12": ".zip", "qti21": ".zip"}
FILTERS = {"gift": "GIFT (*.gift *.txt)", "moodle-xml": "Moodle XML (*.xml)", "qti12": "QTI 1.2 package (*.zip)",
           "qti21": "QTI 2.1 package (*.zip)"}
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


@dataclass(frozen=True)
class QuestionExport:
    """A written export: where, how many questions, in which format, and what the format could not carry."""

    path: Path
    count: int
    format: str
    notes: tuple[str, ...]

    @property
    def summary(self) -> str:
        return f"{self.count} question{'s' if self.count != 1 else ''} written to {self.path.name} as {FORMAT_WORDS[self.format]}."


def with_suffix(path: Path, fmt: str) -> Path:
    """The path with its format's extension when the name has none of its own (a Save dialog may drop it)."""
    return path if path.suffix else path.with_name(path.name + SUFFIXES[fmt])


def write_questions(questions: Sequence[Question], path: Path, fmt: str | None, *,
                    title: str = "ASE Prep questions") -> QuestionExport:
    """Write the questions whole (an earlier file stays as it was if this fails) in `fmt`, or the
    format the name says. Raises ExportFormatError for a name that does not say and OSError for a
    file that cannot be written."""
    from study.storage.files import write_bytes

    if not questions:
        raise ExportFormatError("no questions to export")
    fmt = format_for(path, fmt)
    data, notes = export_questions(questions, path, fmt, title=title)
    write_bytes(path, data)
    return QuestionExport(path, len(questions), fmt, tuple(notes))


def bank_questions(bank: QuestionBank, unmapped: Sequence[Question] = (), *, test: str | None = None,
                   imported_only: bool = False) -> list[Question]:
    """A test's questions (the bank's and the instructor's mapped ones) or the instructor's own
    (`imported_only`, with those not mapped yet when no test is named)."""
    out = [q for q in bank.questions if (not imported_only or q.origin == "imported") and (not test or q.test == test)]
    if imported_only and not test:
        out += list(unmapped)
    return out
