"""Practice sets handed out as files, and the result files students hand back.

A set (`.aseset`) is versioned JSON that carries its own questions, its settings and the
instructor's name, plus a content hash: sha256 of the canonical JSON (sorted keys, no spaces,
UTF-8) of everything else in the file. A result (`.aseresult`) carries the student's name, each
answer with its time, the set's hash and a hash of its own. A changed byte anywhere shows as a
hash mismatch. The hash proves a file is intact, not who wrote it: there is no signing key.

Every reader refuses with a message that names the file and says what is wrong (SetFileError),
and never raises anything else on bad input.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert, select

from questions.bank import QuestionBank
from questions.blueprints import Blueprints
from questions.exam import ExamForm, ExamMode, build_custom
from questions.model import LETTERS, STYLES, Question
from study.classroom.importers import FileRejected, decode_text, read_bytes
from study.storage.database import Database
from study.storage.files import write_text
from study.storage.records import Exam, PracticeSetRecord, Response

if TYPE_CHECKING:
    from study.services import Services

SET_FORMAT = "ase-prep-set"
RESULT_FORMAT = "ase-prep-result"
FORMAT_VERSION = 1
SET_SUFFIX = ".aseset"
RESULT_SUFFIX = ".aseresult"
FEEDBACK_MODES = ("exam", "study")
MAX_QUESTIONS = 500
SOURCE_PREFIX = "set:"  # exam.source of an exam taken from a set: "set:<hash>"

PRACTICE_SET: Table = PracticeSetRecord.__table__  # type: ignore[assignment]
EXAM: Table = Exam.__table__  # type: ignore[assignment]
RESPONSE: Table = Response.__table__  # type: ignore[assignment]

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_QID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9~_.-]{0,39}$")


class SetFileError(FileRejected):
    """A set or result file that cannot be used; the message names the file and what is wrong."""


class SetBuildError(ValueError):
    """A set that cannot be built as asked (too few questions, no title, ...)."""


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def content_hash(payload: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON of a file's payload without its "hash" field."""
    return hashlib.sha256(canonical_json({k: v for k, v in payload.items() if k != "hash"})).hexdigest()


# ----------------------------------------------------------------------------- the set


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
            "format": SET_FORMAT, "version": FORMAT_VERSION, "title": self.title, "test": self.test,
            "instructor": self.instructor, "instructions": self.instructions,
            "time_limit_seconds": self.time_limit_seconds, "feedback": self.feedback,
            "due": self.due.isoformat() if self.due else None, "shuffle": self.shuffle, "created": self.created,
            "questions": [_question_json(q) for q in self.questions],
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
            lines.append(f"Due {self.due.isoformat()}.")
        if self.instructions:
            lines.append(self.instructions)
        return lines


def _question_json(q: Question) -> dict[str, Any]:
    return {"id": q.id, "test": q.test, "area": q.area, "topic": q.topic, "style": q.style,
            "difficulty": q.difficulty, "stem": q.stem, "choices": list(q.choices), "answer": q.answer,
            "explanation": q.explanation}


def build_set(title: str, test: str, questions: Sequence[Question], *, instructor: str = "", instructions: str = "",
              time_limit_seconds: int | None = None, feedback: str = "exam", due: date | None = None,
              shuffle: bool = True, created: datetime | None = None) -> PracticeSet:
    """A set ready to save, its hash computed; raises SetBuildError for one that makes no sense."""
    title = " ".join(title.split())
    if not title:
        raise SetBuildError("Give the set a title.")
    if not questions:
        raise SetBuildError("The set has no questions yet.")
    if len(questions) > MAX_QUESTIONS:
        raise SetBuildError(f"A set holds at most {MAX_QUESTIONS} questions; this one has {len(questions)}.")
    if len({q.id for q in questions}) != len(questions):
        raise SetBuildError("A question is in the set twice.")
    others = sorted({q.test for q in questions if q.test != test})
    if others:
        raise SetBuildError(f"Every question must be for {test}; some are for {', '.join(others)}.")
    if feedback not in FEEDBACK_MODES:
        raise SetBuildError(f"Feedback is 'exam' or 'study', not {feedback!r}.")
    if time_limit_seconds is not None and time_limit_seconds <= 0:
        time_limit_seconds = None
    stamp = (created or datetime.now()).replace(microsecond=0).isoformat()
    ps = PracticeSet(title, test, tuple(questions), " ".join(instructor.split()), instructions.strip(),
                     time_limit_seconds, feedback, due, shuffle, stamp)
    return replace(ps, hash=content_hash(ps.payload()))


class NotEnoughForSet(SetBuildError):
    pass


def draw_questions(pool: Iterable[Question], test: str, *, per_area: Mapping[str, int] | None = None,
                   per_topic: Mapping[tuple[str, str], int] | None = None, picked: Sequence[str] = (),
                   seed: int = 0) -> list[Question]:
    """Hand-picked questions first, then `per_topic` draws, then `per_area` draws from what is left.

    Deterministic for a seed. Raises NotEnoughForSet naming the area or topic that is short.
    """
    by_id = {q.id: q for q in pool if q.test == test}
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


# ----------------------------------------------------------------------------- reading files


def _read(path: Path, what: str) -> bytes:
    try:
        return read_bytes(path, what=what)
    except SetFileError:
        raise
    except FileRejected as e:
        raise SetFileError(str(e)) from None


def _load_json(raw: bytes, name: str, what: str) -> dict[str, Any]:
    try:
        text = decode_text(raw, name)
    except FileRejected as e:
        raise SetFileError(str(e)) from None
    if not text.strip():
        raise SetFileError(f"{name}: the {what} is empty.")

    def no_constants(c: str) -> Any:
        raise ValueError(f"{c} is not a number")

    try:
        data = json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as e:
        if e.pos >= len(text.rstrip()) or _unclosed(text):
            raise SetFileError(f"{name}: the {what} is cut short (it ends in the middle; "
                               "copy it again from where it came from).") from None
        raise SetFileError(f"{name}: the {what} is damaged: not valid JSON at line {e.lineno}, "
                           f"column {e.colno} ({e.msg}).") from None
    except RecursionError:
        raise SetFileError(f"{name}: the {what} is damaged: nested too deeply to be one.") from None
    except ValueError as e:
        raise SetFileError(f"{name}: the {what} is damaged: {e}.") from None
    if not isinstance(data, dict):
        raise SetFileError(f"{name}: is not an ASE Prep {what} (expected a JSON object).")
    return data


def _unclosed(text: str) -> bool:
    """Whether the JSON text stops inside a string, object or list (a file cut short)."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
    return in_string or depth > 0


def _check_header(data: dict[str, Any], name: str, fmt: str, what: str) -> None:
    kind = data.get("format")
    if kind != fmt:
        if kind == RESULT_FORMAT:
            raise SetFileError(f"{name}: is a result file ({RESULT_SUFFIX}), not a practice set. "
                               "Import it on the Instructor page's Class tab.")
        if kind == SET_FORMAT:
            raise SetFileError(f"{name}: is a practice set ({SET_SUFFIX}), not a result file. "
                               "Open it from Practice > Open practice set.")
        raise SetFileError(f"{name}: is not an ASE Prep {what} (no \"format\": \"{fmt}\" in it).")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SetFileError(f"{name}: has an unknown {what} version ({str(version)[:20]!r}).")
    if version > FORMAT_VERSION:
        raise SetFileError(f"{name}: was made by a newer version of ASE Prep ({what} format {version}; "
                           f"this version reads format {FORMAT_VERSION}). Update ASE Prep to open it.")
    h = data.get("hash")
    if not isinstance(h, str) or not _HEX64.match(h):
        raise SetFileError(f"{name}: has no valid content hash, so it cannot be checked. "
                           "Ask for a fresh copy of the file.")
    try:
        actual = content_hash(data)
    except (TypeError, ValueError, RecursionError):
        actual = ""
    if actual != h:
        raise SetFileError(f"{name}: has been changed since it was saved (its content hash does not match). "
                           "Ask for a fresh copy of the file.")


class _Fields:
    """Typed reads from a JSON object, each failure a message naming the field."""

    def __init__(self, data: Mapping[str, Any], name: str, where: str = "") -> None:
        self.data, self.name, self.where = data, name, where

    def fail(self, msg: str) -> SetFileError:
        return SetFileError(f"{self.name}: {self.where}{msg}")

    def text(self, key: str, *, required: bool = True, max_len: int = 20000) -> str:
        v = self.data.get(key, None if required else "")
        if v is None and not required:
            return ""
        if not isinstance(v, str) or (required and not v.strip()):
            raise self.fail(f"{key} must be text" + (" and not empty" if required else ""))
        if len(v) > max_len:
            raise self.fail(f"{key} is longer than {max_len} characters")
        return v

    def number(self, key: str, *, optional: bool = False, low: float = 0.0, high: float = 1e9) -> float | None:
        v = self.data.get(key)
        if v is None and optional:
            return None
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) or not low <= v <= high:
            raise self.fail(f"{key} must be a number from {low:g} to {high:g}")
        return float(v)

    def flag(self, key: str, default: bool) -> bool:
        v = self.data.get(key, default)
        if not isinstance(v, bool):
            raise self.fail(f"{key} must be true or false")
        return v


def _read_question(raw: Any, i: int, name: str, test: str) -> Question:
    if not isinstance(raw, dict):
        raise SetFileError(f"{name}: question {i + 1} is not a JSON object.")
    f = _Fields(raw, name, f"question {i + 1}: ")
    qid = f.text("id", max_len=40)
    if not _QID.match(qid):
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
    answer = raw.get("answer")
    if answer not in LETTERS:
        raise f.fail("the answer must be one of A, B, C, D")
    return Question(id=qid, test=test, area=area, topic=f.text("topic", required=False, max_len=200) or "",
                    style=style, difficulty=int(diff), stem=f.text("stem"),
                    choices=(choices[0], choices[1], choices[2], choices[3]), answer=str(answer),
                    explanation=f.text("explanation", required=False), source=f"{name}:question {i + 1}",
                    origin="set")


def parse_set(raw: bytes, name: str) -> PracticeSet:
    """A set from a file's bytes; raises SetFileError (naming `name`) for anything unusable."""
    data = _load_json(raw, name, "practice set")
    _check_header(data, name, SET_FORMAT, "practice set")
    f = _Fields(data, name)
    test = f.text("test", max_len=10)
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions:
        raise SetFileError(f"{name}: the set has no questions.")
    if len(questions) > MAX_QUESTIONS:
        raise SetFileError(f"{name}: holds {len(questions)} questions; a set holds at most {MAX_QUESTIONS}.")
    qs = tuple(_read_question(q, i, name, test) for i, q in enumerate(questions))
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
                       str(data["hash"]))


def load_set(path: Path) -> PracticeSet:
    return parse_set(_read(path, "practice set"), path.name)


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the target and rename over it: a crash never leaves half a file."""
    write_text(path, text)


def save_set(ps: PracticeSet, path: Path) -> Path:
    path = path if path.suffix == SET_SUFFIX else path.with_name(path.name + SET_SUFFIX)
    _write_atomically(path, ps.to_json())
    return path


# ----------------------------------------------------------------------------- results


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
            "format": RESULT_FORMAT, "version": FORMAT_VERSION, "set_hash": self.set_hash, "set_title": self.set_title,
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
    data = _load_json(raw, name, "result file")
    _check_header(data, name, RESULT_FORMAT, "result file")
    f = _Fields(data, name)
    set_hash = f.text("set_hash", max_len=64)
    if not _HEX64.match(set_hash):
        raise SetFileError(f"{name}: set_hash is not a set's content hash.")
    answers_raw = data.get("answers")
    if not isinstance(answers_raw, list) or len(answers_raw) > MAX_QUESTIONS:
        raise SetFileError(f"{name}: answers must be a list of at most {MAX_QUESTIONS}.")
    answers = []
    for i, a in enumerate(answers_raw):
        if not isinstance(a, dict):
            raise SetFileError(f"{name}: answer {i + 1} is not a JSON object.")
        af = _Fields(a, name, f"answer {i + 1}: ")
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
    return parse_result(_read(path, "result file"), path.name)


def save_result(result: SetResult, path: Path) -> Path:
    path = path if path.suffix == RESULT_SUFFIX else path.with_name(path.name + RESULT_SUFFIX)
    _write_atomically(path, result.to_json())
    return path


def check_result_for_set(result: SetResult, ps: PracticeSet, name: str) -> None:
    """A result must answer exactly the set's questions; raises SetFileError naming the file."""
    if result.set_hash != ps.hash:
        raise SetFileError(f"{name}: is a result for another set ({result.set_title or 'untitled'}, "
                           f"{result.set_hash[:10]}), not for {ps.title} ({ps.short_hash}).")
    if [a.question_id for a in result.answers] != [q.id for q in ps.questions]:
        raise SetFileError(f"{name}: its answers do not match the questions of {ps.title}; "
                           "the file has been changed or is damaged.")


# ----------------------------------------------------------------------------- the student's side


def renamed_id(qid: str, set_hash: str) -> str:
    """The id a set's question takes when this bank has a different question under the same id."""
    return f"{qid[:31]}~{set_hash[:8]}"


def _same(a: Question, b: Question) -> bool:
    return a.stem == b.stem and tuple(a.choices) == tuple(b.choices) and a.answer == b.answer


def local_questions(ps: PracticeSet, bank: QuestionBank) -> list[Question]:
    """The set's questions under the ids this bank knows them by.

    A question the bank has word for word keeps the bank's id (so the learner's review queue
    and analytics join up); one the bank lacks keeps the set's id; one the bank has in another
    wording (a different app version) takes a renamed id, so the student sees the set's words.
    """
    out = []
    for q in ps.questions:
        mine = bank.find(q.id)
        if mine is None:
            out.append(q)
        elif _same(mine, q):
            out.append(mine)
        else:
            out.append(replace(q, id=renamed_id(q.id, ps.hash)))
    return out


@dataclass(frozen=True)
class OpenedSet:
    set: PracticeSet
    form: ExamForm
    title: str
    source: str


def check_against_blueprints(ps: PracticeSet, blueprints: Blueprints, name: str) -> None:
    if ps.test not in blueprints:
        raise SetFileError(f"{name}: is for test {ps.test}, which this version of ASE Prep does not know. "
                           "Update ASE Prep to take it.")
    letters = blueprints.get(ps.test).area_letters
    bad = sorted({q.area for q in ps.questions if q.area not in letters})
    if bad:
        raise SetFileError(f"{name}: has questions in content area {', '.join(bad)}, which {ps.test} does not have.")


class PracticeSetService:
    """Sets known to this database: built here (the instructor's) or opened (the student's)."""

    def __init__(self, db: Database, blueprints: Blueprints, *, now: Callable[[], datetime] | None = None) -> None:
        self.db = db
        self.blueprints = blueprints
        self.now = now or (lambda: datetime.now().replace(microsecond=0))

    def record(self, ps: PracticeSet, *, authored: bool) -> None:
        """Keep the set (idempotent; a set built here stays marked as built here)."""
        with self.db.engine.begin() as conn:
            row = conn.execute(select(PRACTICE_SET.c.authored).where(PRACTICE_SET.c.hash == ps.hash)).first()
            if row is None:
                conn.execute(insert(PRACTICE_SET).values(
                    hash=ps.hash, title=ps.title[:300], test=ps.test, instructor=ps.instructor[:200],
                    body=ps.to_json(), authored=authored, added_at=self.now()))
            elif authored and not row[0]:
                conn.execute(PRACTICE_SET.update().where(PRACTICE_SET.c.hash == ps.hash).values(authored=True))

    def save(self, ps: PracticeSet, path: Path) -> Path:
        """Write the set file and remember the set, so its results can be imported later."""
        written = save_set(ps, path)
        self.record(ps, authored=True)
        return written

    def get(self, set_hash: str) -> PracticeSet | None:
        with self.db.engine.connect() as conn:
            row = conn.execute(select(PRACTICE_SET.c.body).where(PRACTICE_SET.c.hash == set_hash)).first()
        if row is None:
            return None
        try:
            return parse_set(str(row[0]).encode("utf-8"), "stored set")
        except SetFileError:
            return None

    def all(self, *, authored: bool | None = None) -> list[PracticeSet]:
        q = select(PRACTICE_SET.c.body).order_by(PRACTICE_SET.c.added_at.desc(), PRACTICE_SET.c.title)
        if authored is not None:
            q = q.where(PRACTICE_SET.c.authored == authored)
        out = []
        with self.db.engine.connect() as conn:
            bodies = [str(r[0]) for r in conn.execute(q)]
        for body in bodies:
            try:
                out.append(parse_set(body.encode("utf-8"), "stored set"))
            except SetFileError:
                continue
        return out

    def set_for_exam(self, exam_id: int) -> PracticeSet | None:
        with self.db.engine.connect() as conn:
            row = conn.execute(select(EXAM.c.source).where(EXAM.c.id == exam_id)).first()
        source = str(row[0]) if row is not None and row[0] else ""
        if not source.startswith(SOURCE_PREFIX):
            return None
        return self.get(source[len(SOURCE_PREFIX):])

    def result_for_exam(self, exam_id: int, student: str) -> SetResult:
        """The result file's content for a finished exam taken from a set."""
        ps = self.set_for_exam(exam_id)
        if ps is None:
            raise SetBuildError("This exam was not taken from a practice set.")
        with self.db.engine.connect() as conn:
            ex = conn.execute(select(EXAM).where(EXAM.c.id == exam_id)).one()
            rows = conn.execute(select(RESPONSE).where(RESPONSE.c.exam_id == exam_id)).all()
        if ex.state != "finished":
            raise SetBuildError("Finish the exam first; a result file is saved once it has ended.")
        set_id = {}
        for q in ps.questions:
            set_id[q.id] = q.id
            set_id[renamed_id(q.id, ps.hash)] = q.id
        by_set_id = {set_id.get(r.question_id, r.question_id): r for r in rows}
        answers = []
        for q in ps.questions:
            r = by_set_id.get(q.id)
            answers.append(ResultAnswer(q.id, r.choice if r is not None else None,
                                        float(r.seconds) if r is not None else 0.0,
                                        bool(r.flagged) if r is not None else False))
        return build_result(ps, student, answers, float(ex.time_used_seconds), started=ex.started_at,
                            finished=ex.finished_at)


def open_for_student(services: Services, path: Path, *, seed: int | None = None) -> OpenedSet:
    """Read a set file, keep it, make its questions known for its exams, and return the exam to start.
    The set's questions are not added to the bank: no other exam draws them.

    The learner's extra-time factor applies to a set's time limit as to any timed exam.
    """
    ps = load_set(path)
    check_against_blueprints(ps, services.blueprints, path.name)
    PracticeSetService(services.db, services.blueprints).record(ps, authored=False)
    local = local_questions(ps, services.bank)
    services.exams.know_set_questions(local)
    limit = ps.time_limit_seconds
    if limit is not None:
        limit = int(round(limit * services.settings.extra_time()))
    seed = seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
    form = build_custom(ps.test, ps.mode, [q.id for q in local], {q.id: q.area for q in local}, seed, limit,
                        shuffle=ps.shuffle)
    return OpenedSet(ps, form, ps.title, f"{SOURCE_PREFIX}{ps.hash}")
