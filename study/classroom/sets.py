"""Practice sets handed out as files: what a set holds, building one, and reading one back.

A set (`.aseset`) carries its own questions, its settings and the instructor's name, with a
content hash over all of it (study.classroom.set_files). Since format 2 the key is not in the file
as plain text: each question's key is a salted hash (sha256 of "salt:question id:letter") that the
app checks each of A-D against, and its explanation (which would give the key away) is sealed with
the key. This keeps the key from being read at a glance; it is not secrecy, since the app itself
finds it, and so can anyone who tries four letters. Format 3 is format 2 with each question's
exhibit inside (a table's cells, a figure's SVG: study.classroom.set_exhibits); format 4 is format 3
with the section of the reference document each question is answered with (an L1 question's
"PV-1#sensor-data"); format 5 is format 4 with an instructor's question's bold and italic (spans
over its stem and explanation). A set is written in the oldest format that holds what it carries
(2 without exhibits, references or emphasis, 3 with exhibits only, 4 with references), which older
ASE Preps read. Files of formats 1 to 4 are still read.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from questions.exam import ExamMode
from questions.model import LETTERS, STYLES, Question
from questions.references import REFERENCE_FORM
from study.classroom.lms import emphasis
from study.classroom.set_exhibits import carried, exhibit_json, read_emphasis, read_exhibit
from study.classroom.set_files import (
    FEEDBACK_MODES,
    FORMAT_VERSION,
    MAX_QUESTIONS,
    QID,
    RESULT_FORMAT,
    RESULT_SUFFIX,
    SET_FORMAT,
    SET_SUFFIX,
    SET_VERSION,
    SOURCE_PREFIX,
    Fields,
    SetBuildError,
    SetFileError,
    canonical_json,
    check_header,
    content_hash,
    load_json,
    read_file,
)
from study.day_words import day_text
from study.storage.files import write_text

EXHIBIT_VERSION = 3  # the first format that carries exhibits
REFERENCE_VERSION = 4  # the first format that carries each question's reference section
EMPHASIS_VERSION = 5  # the first format that carries bold and italic


def key_hash(salt: str, qid: str, letter: str) -> str:
    return hashlib.sha256(f"{salt}:{qid}:{letter}".encode()).hexdigest()


def _keystream(salt: str, qid: str, letter: str, n: int) -> bytes:
    out = b""
    block = 0
    while len(out) < n:
        out += hashlib.sha256(f"{salt}:{qid}:{letter}:explanation:{block}".encode()).digest()
        block += 1
    return out[:n]


def seal(text: str, salt: str, qid: str, letter: str) -> str:
    """An explanation made unreadable without the key (and readable again with `unseal`)."""
    raw = text.encode("utf-8")
    return base64.b64encode(bytes(a ^ b for a, b in zip(raw, _keystream(salt, qid, letter, len(raw)), strict=True))
                            ).decode("ascii")


def unseal(sealed: str, salt: str, qid: str, letter: str) -> str:
    raw = base64.b64decode(sealed.encode("ascii"), validate=True)
    return bytes(a ^ b for a, b in zip(raw, _keystream(salt, qid, letter, len(raw)), strict=True)).decode("utf-8")


@dataclass(frozen=True)
class PracticeSet:
    title: str
    test: str
    questions: tuple[Question, ...]
    instructor: str = ""
    instructions: str = ""
    time_limit_seconds: int | None = None
    feedback: str = "exam"  # "exam": results at the end; "study": key and explanation after each answer
    due: date | None = None
    shuffle: bool = True
    created: str = ""
    hash: str = ""
    version: int = SET_VERSION  # the file format it is written in (1 for a set read from an older file)
    salts: tuple[str, ...] = ()  # format 2: each question's key salt

    @property
    def short_hash(self) -> str:
        return self.hash[:10]

    @property
    def mode(self) -> ExamMode:
        return ExamMode.SET_STUDY if self.feedback == "study" else ExamMode.SET

    def area_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for q in self.questions:
            out[q.area] = out.get(q.area, 0) + 1
        return out

    def payload(self) -> dict[str, Any]:
        return {
            "format": SET_FORMAT, "version": self.version, "title": self.title, "test": self.test,
            "instructor": self.instructor, "instructions": self.instructions,
            "time_limit_seconds": self.time_limit_seconds, "feedback": self.feedback,
            "due": self.due.isoformat() if self.due else None, "shuffle": self.shuffle, "created": self.created,
            "questions": [_question_json(q) if self.version < 2 else _sealed_json(q, salt, self.version)
                          for q, salt in zip(self.questions, self.salts or [""] * len(self.questions), strict=True)],
        }

    def to_json(self) -> str:
        return json.dumps({**self.payload(), "hash": self.hash}, indent=2, ensure_ascii=False, allow_nan=False) + "\n"

    def summary_lines(self) -> list[str]:
        """What a student reads before starting (the CLI's `open` and the GUI's confirmation)."""
        limit = f"{round(self.time_limit_seconds / 60)} minutes" if self.time_limit_seconds else "untimed"
        feedback = ("the key and explanation after each answer" if self.feedback == "study"
                    else "results at the end, as on the real test")
        lines = [f"{self.title} ({self.test})", f"From: {self.instructor or 'not named'}",
                 f"{len(self.questions)} questions, {limit}; {feedback}."]
        if self.due:
            lines.append(f"Due {day_text(self.due)}.")
        if self.instructions:
            lines.append(self.instructions)
        return lines


def _question_json(q: Question) -> dict[str, Any]:
    return {"id": q.id, "test": q.test, "area": q.area, "topic": q.topic, "style": q.style,
            "difficulty": q.difficulty, "stem": q.stem, "choices": list(q.choices), "answer": q.answer,
            "explanation": q.explanation}


def _sealed_json(q: Question, salt: str, version: int) -> dict[str, Any]:
    """Format 2: the key as a salted hash, the explanation sealed with the key; format 3: the exhibit too."""
    out = {"id": q.id, "test": q.test, "area": q.area, "topic": q.topic, "style": q.style,
           "difficulty": q.difficulty, "stem": q.stem, "choices": list(q.choices),
           "key": {"salt": salt, "hash": key_hash(salt, q.id, q.answer)},
           "explanation_sealed": seal(q.explanation, salt, q.id, q.answer)}
    if version >= EXHIBIT_VERSION and q.exhibit is not None:
        out["exhibit"] = exhibit_json(q.exhibit)
    if version >= REFERENCE_VERSION and q.reference:
        out["reference"] = q.reference
    if version >= EMPHASIS_VERSION and emphasis.of(q):
        out["emphasis"] = emphasis.spans_json(emphasis.of(q))
    return out


def _format_for(questions: Sequence[Question]) -> int:
    """The oldest format that carries these questions whole (older ASE Preps read the older ones)."""
    if any(emphasis.of(q) for q in questions):
        return EMPHASIS_VERSION
    if any(q.reference for q in questions):
        return REFERENCE_VERSION
    return EXHIBIT_VERSION if any(q.exhibit for q in questions) else 2


def _for_set(q: Question, test: str, mirrors: str | None) -> bool:
    return q.test == test or (mirrors is not None and q.test == mirrors and q.entry_level)


def build_set(title: str, test: str, questions: Sequence[Question], *, instructor: str = "", instructions: str = "",
              time_limit_seconds: int | None = None, feedback: str = "exam", due: date | None = None,
              shuffle: bool = True, created: datetime | None = None, mirrors: str | None = None) -> PracticeSet:
    """A set ready to save, its hash computed; raises SetBuildError for one that makes no sense.

    A set for an Entry-Level test (`mirrors`: the test it mirrors, EA5 -> A5) holds that test's
    entry-level questions, written into the file as the set's own test's questions."""
    title = " ".join(title.split())
    if not title:
        raise SetBuildError("Give the set a title.")
    if not questions:
        raise SetBuildError("The set has no questions yet.")
    if len(questions) > MAX_QUESTIONS:
        raise SetBuildError(f"A set holds at most {MAX_QUESTIONS} questions; this one has {len(questions)}.")
    if len({q.id for q in questions}) != len(questions):
        raise SetBuildError("A question is in the set twice.")
    others = sorted({q.test for q in questions if not _for_set(q, test, mirrors)})
    if others:
        raise SetBuildError(f"Every question must be for {test}; some are for {', '.join(others)}.")
    questions = [carried(q if q.test == test else replace(q, test=test)) for q in questions]
    if feedback not in FEEDBACK_MODES:
        raise SetBuildError(f"Feedback is 'exam' or 'study', not {feedback!r}.")
    if time_limit_seconds is not None and time_limit_seconds <= 0:
        time_limit_seconds = None
    stamp = (created or datetime.now()).replace(microsecond=0).isoformat()
    ps = PracticeSet(title, test, tuple(questions), " ".join(instructor.split()), instructions.strip(),
                     time_limit_seconds, feedback, due, shuffle, stamp,
                     version=_format_for(questions),
                     salts=tuple(secrets.token_hex(8) for _ in questions))
    return replace(ps, hash=content_hash(ps.payload()))


class NotEnoughForSet(SetBuildError):
    pass


def draw_questions(pool: Iterable[Question], test: str, *, per_area: Mapping[str, int] | None = None,
                   per_topic: Mapping[tuple[str, str], int] | None = None, picked: Sequence[str] = (),
                   seed: int = 0, mirrors: str | None = None) -> list[Question]:
    """Hand-picked questions first, then `per_topic` draws, then `per_area` draws from what is left.

    Deterministic for a seed. Raises NotEnoughForSet naming the area or topic that is short.
    """
    by_id = {q.id: q for q in pool if _for_set(q, test, mirrors)}
    rng = random.Random(seed)
    chosen: list[Question] = []
    used: set[str] = set()
    for qid in picked:
        if qid in by_id and qid not in used:
            chosen.append(by_id[qid])
            used.add(qid)
    ordered = sorted(by_id.values(), key=lambda q: q.id)
    for (area, topic), n in sorted((per_topic or {}).items()):
        if n <= 0:
            continue
        left = [q for q in ordered if q.area == area and q.topic == topic and q.id not in used]
        if len(left) < n:
            raise NotEnoughForSet(f"Area {area}, topic {topic!r}: {len(left)} questions left, {n} asked.")
        for q in rng.sample(left, n):
            chosen.append(q)
            used.add(q.id)
    for area, n in sorted((per_area or {}).items()):
        if n <= 0:
            continue
        left = [q for q in ordered if q.area == area and q.id not in used]
        if len(left) < n:
            raise NotEnoughForSet(f"Area {area}: {len(left)} questions left, {n} asked.")
        for q in rng.sample(left, n):
            chosen.append(q)
            used.add(q.id)
    return chosen


# ----------------------------------------------------------------------------- reading a set


def _read_question(raw: Any, i: int, name: str, test: str, version: int) -> tuple[Question, str]:
    if not isinstance(raw, dict):
        raise SetFileError(f"{name}: question {i + 1} is not a JSON object.")
    f = Fields(raw, name, f"question {i + 1}: ")
    qid = f.text("id", max_len=40)
    if not QID.match(qid):
        raise f.fail(f"the id {qid[:40]!r} has characters an id cannot have")
    if f.text("test", max_len=10) != test:
        raise f.fail(f"is for test {raw.get('test')!r}, but the set is for {test}")
    area = f.text("area", max_len=4)
    style = f.text("style", max_len=20)
    if style not in STYLES:
        raise f.fail(f"style {style!r} is not one of {', '.join(STYLES)}")
    diff = raw.get("difficulty")
    if diff not in (1, 2, 3) or isinstance(diff, bool):
        raise f.fail("difficulty must be 1, 2 or 3")
    choices = raw.get("choices")
    if (not isinstance(choices, list) or len(choices) != 4
            or not all(isinstance(c, str) and c.strip() and len(c) <= 2000 for c in choices)):
        raise f.fail("needs exactly four choices, each non-empty text")
    if len({c.strip().casefold() for c in choices}) != 4:
        raise f.fail("two choices are the same")
    salt = ""
    if version < 2:
        answer = raw.get("answer")
        if answer not in LETTERS:
            raise f.fail("the answer must be one of A, B, C, D")
        explanation = f.text("explanation", required=False)
    else:
        answer, salt, explanation = _read_key(raw, f, qid)
    exhibit = read_exhibit(raw.get("exhibit"), f) if version >= EXHIBIT_VERSION else None
    reference = _read_reference(raw, f) if version >= REFERENCE_VERSION else None
    stem = f.text("stem")
    marks = read_emphasis(raw.get("emphasis"), f, stem, explanation) if version >= EMPHASIS_VERSION else ()
    return emphasis.MarkedQuestion(id=qid, test=test, area=area, topic=f.text("topic", required=False, max_len=200) or "",
                    style=style, difficulty=int(diff), stem=stem,
                    choices=(choices[0], choices[1], choices[2], choices[3]), answer=str(answer),
                    explanation=explanation, source=f"{name}:question {i + 1}", origin="set",
                    exhibit=exhibit, reference=reference, emphasis=marks), salt


def _read_reference(raw: Mapping[str, Any], f: Fields) -> str | None:
    """Format 4: the reference section a question is answered with, checked for its form (a
    document's name and a section's anchor, nothing else), so no other text reaches the button."""
    ref = raw.get("reference")
    if ref is None:
        return None
    if not isinstance(ref, str) or not REFERENCE_FORM.match(ref):
        raise f.fail(f"its reference {str(ref)[:40]!r} is not one ASE Prep writes (a document and a section, "
                     "as PV-1#sensor-data)")
    return ref


def _read_key(raw: Mapping[str, Any], f: Fields, qid: str) -> tuple[str, str, str]:
    """Format 2: the letter whose salted hash is the key's, and the explanation unsealed with it."""
    key = raw.get("key")
    if not isinstance(key, dict) or not isinstance(key.get("salt"), str) or not isinstance(key.get("hash"), str):
        raise f.fail("has no key (a salt and a hash)")
    salt = key["salt"]
    if not 8 <= len(salt) <= 64:
        raise f.fail("its key's salt is not one ASE Prep writes")
    answer = next((L for L in LETTERS if key_hash(salt, qid, L) == key["hash"]), None)
    if answer is None:
        raise f.fail("its key matches none of A, B, C, D")
    sealed = f.text("explanation_sealed", required=False, max_len=40000)
    try:
        explanation = unseal(sealed, salt, qid, answer) if sealed else ""
    except ValueError:  # not base64, or not UTF-8 once unsealed
        raise f.fail("its explanation cannot be read") from None
    return answer, salt, explanation


def parse_set(raw: bytes, name: str) -> PracticeSet:
    """A set from a file's bytes; raises SetFileError (naming `name`) for anything unusable."""
    data = load_json(raw, name, "practice set")
    check_header(data, name, SET_FORMAT, "practice set")
    f = Fields(data, name)
    test = f.text("test", max_len=10)
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        raise SetFileError(f"{name}: the set has no questions.")
    if len(questions) > MAX_QUESTIONS:
        raise SetFileError(f"{name}: holds {len(questions)} questions; a set holds at most {MAX_QUESTIONS}.")
    version = int(data["version"])
    read = [_read_question(q, i, name, test, version) for i, q in enumerate(questions)]
    qs = tuple(q for q, _ in read)
    if len({q.id for q in qs}) != len(qs):
        raise SetFileError(f"{name}: a question id appears twice.")
    feedback = data.get("feedback", "exam")
    if feedback not in FEEDBACK_MODES:
        raise SetFileError(f"{name}: feedback must be \"exam\" or \"study\".")
    limit = f.number("time_limit_seconds", optional=True, low=1, high=24 * 3600)
    due_raw = data.get("due")
    due = None
    if due_raw is not None:
        try:
            due = date.fromisoformat(due_raw) if isinstance(due_raw, str) else None
        except ValueError:
            due = None
        if due is None:
            raise SetFileError(f"{name}: the due date {str(due_raw)[:30]!r} is not a date (YYYY-MM-DD).")
    return PracticeSet(f.text("title", max_len=300), test, qs, f.text("instructor", required=False, max_len=200),
                       f.text("instructions", required=False), None if limit is None else int(limit),
                       str(feedback), due, f.flag("shuffle", True), f.text("created", required=False, max_len=40),
                       str(data["hash"]), version, tuple(salt for _, salt in read) if version >= 2 else ())


def load_set(path: Path) -> PracticeSet:
    return parse_set(read_file(path, "practice set"), path.name)


def save_set(ps: PracticeSet, path: Path) -> Path:
    path = path if path.suffix == SET_SUFFIX else path.with_name(path.name + SET_SUFFIX)
    write_text(path, ps.to_json())  # whole, or not at all
    return path


# The results and the sets kept in the database live beside this module; their names are here too,
# for the callers that know them from here.
from study.classroom.result_files import (  # noqa: E402
    ResultAnswer,
    SetResult,
    build_result,
    check_result_for_set,
    load_result,
    parse_result,
    save_result,
)
from study.classroom.set_records import (  # noqa: E402
    OpenedSet,
    PracticeSetService,
    check_against_blueprints,
    local_questions,
    renamed_id,
)

__all__ = [
    "FEEDBACK_MODES", "FORMAT_VERSION", "MAX_QUESTIONS", "RESULT_FORMAT", "RESULT_SUFFIX", "SET_FORMAT", "SET_SUFFIX",
    "SET_VERSION", "SOURCE_PREFIX", "NotEnoughForSet", "OpenedSet", "PracticeSet", "PracticeSetService", "ResultAnswer",
    "SetBuildError", "SetFileError", "SetResult", "build_result", "build_set", "canonical_json",
    "check_against_blueprints", "check_result_for_set", "content_hash", "draw_questions", "key_hash", "load_result",
    "load_set", "local_questions", "parse_result", "parse_set", "renamed_id",
    "save_result", "save_set", "seal", "unseal",
]
