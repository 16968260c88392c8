"""Result files (`.aseresult`): what a student hands back for a practice set, and what they prove.

A result carries the student's name as typed, each answer with its time, the set's hash and a hash
of its own. The hash shows the file was not changed after ASE Prep wrote it; it does not show who
wrote it, or that the answers were the student's own: anyone can write such a file. The
instructor's import therefore scores every result again from its answers against the instructor's
own copy of the set (a score in the file, if one is added, counts for nothing); for anything that
counts, the class server is the route (study.classroom.server).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from questions.model import LETTERS
from study.classroom.set_files import (
    HEX64,
    MAX_QUESTIONS,
    RESULT_FORMAT,
    RESULT_SUFFIX,
    RESULT_VERSION,
    Fields,
    SetBuildError,
    SetFileError,
    check_header,
    content_hash,
    load_json,
    read_file,
)
from study.storage.files import write_text

if TYPE_CHECKING:
    from study.classroom.sets import PracticeSet


@dataclass(frozen=True)
class ResultAnswer:
    question_id: str  # the set's id for the question
    choice: str | None
    seconds: float
    flagged: bool = False


@dataclass(frozen=True)
class SetResult:
    set_hash: str
    set_title: str
    student: str
    answers: tuple[ResultAnswer, ...]
    time_used_seconds: float
    started: str = ""
    finished: str = ""
    hash: str = ""

    def payload(self) -> dict[str, Any]:
        return {
            "format": RESULT_FORMAT, "version": RESULT_VERSION, "set_hash": self.set_hash, "set_title": self.set_title,
            "student": self.student, "started": self.started, "finished": self.finished,
            "time_used_seconds": round(self.time_used_seconds, 3),
            "answers": [{"question_id": a.question_id, "choice": a.choice, "seconds": round(a.seconds, 3),
                         "flagged": a.flagged} for a in self.answers],
        }

    def to_json(self) -> str:
        return json.dumps({**self.payload(), "hash": self.hash}, indent=2, ensure_ascii=False, allow_nan=False) + "\n"

    def score(self, ps: PracticeSet) -> tuple[int, int]:
        """(right, questions) against the set's own key."""
        key = {q.id: q.answer for q in ps.questions}
        return sum(1 for a in self.answers if a.choice is not None and key.get(a.question_id) == a.choice), len(key)


def build_result(ps: PracticeSet, student: str, answers: Sequence[ResultAnswer], time_used_seconds: float, *,
                 started: datetime | None = None, finished: datetime | None = None) -> SetResult:
    student = " ".join(student.split())
    if not student:
        raise SetBuildError("Type your name, so your instructor knows whose result this is.")
    r = SetResult(ps.hash, ps.title, student[:200], tuple(answers), max(0.0, float(time_used_seconds)),
                  started.isoformat() if started else "", finished.isoformat() if finished else "")
    # the hash is taken over the rounded figures the file holds, so it checks when read back
    return replace(r, hash=content_hash(r.payload()))


def parse_result(raw: bytes, name: str) -> SetResult:
    data = load_json(raw, name, "result file")
    check_header(data, name, RESULT_FORMAT, "result file")
    f = Fields(data, name)
    set_hash = f.text("set_hash", max_len=64)
    if not HEX64.match(set_hash):
        raise SetFileError(f"{name}: set_hash is not a set's content hash.")
    answers_raw = data.get("answers")
    if not isinstance(answers_raw, list) or len(answers_raw) > MAX_QUESTIONS:
        raise SetFileError(f"{name}: answers must be a list of at most {MAX_QUESTIONS}.")
    answers = []
    for i, a in enumerate(answers_raw):
        if not isinstance(a, dict):
            raise SetFileError(f"{name}: answer {i + 1} is not a JSON object.")
        af = Fields(a, name, f"answer {i + 1}: ")
        choice = a.get("choice")
        if choice is not None and choice not in LETTERS:
            raise af.fail("choice must be A, B, C, D or null")
        seconds = af.number("seconds", high=7 * 24 * 3600) or 0.0
        answers.append(ResultAnswer(af.text("question_id", max_len=40), choice, seconds, af.flag("flagged", False)))
    return SetResult(set_hash, f.text("set_title", required=False, max_len=300), f.text("student", max_len=200).strip(),
                     tuple(answers), f.number("time_used_seconds", high=7 * 24 * 3600) or 0.0,
                     f.text("started", required=False, max_len=40), f.text("finished", required=False, max_len=40),
                     str(data["hash"]))


def load_result(path: Path) -> SetResult:
    return parse_result(read_file(path, "result file"), path.name)


def save_result(result: SetResult, path: Path) -> Path:
    path = path if path.suffix == RESULT_SUFFIX else path.with_name(path.name + RESULT_SUFFIX)
    write_text(path, result.to_json())
    return path


def check_result_for_set(result: SetResult, ps: PracticeSet, name: str) -> None:
    """A result must answer exactly the set's questions; raises SetFileError naming the file."""
    if result.set_hash != ps.hash:
        raise SetFileError(f"{name}: is a result for another set ({result.set_title or 'untitled'}, "
                           f"{result.set_hash[:10]}), not for {ps.title} ({ps.short_hash}).")
    if [a.question_id for a in result.answers] != [q.id for q in ps.questions]:
        raise SetFileError(f"{name}: its answers do not match the questions of {ps.title}; "
                           "the file has been changed or is damaged.")
