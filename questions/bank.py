"""Load and validate the question bank: YAML files under resources/questions/<TEST>/.

Every problem is reported as ``file:line: message`` and loading carries on past it, so one
broken file names all its faults at once and never takes the rest of the bank down with it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from questions.blueprints import RESOURCES, Blueprints
from questions.model import LETTERS, Question

if TYPE_CHECKING:
    from pydantic import ValidationError

BANK_DIR = RESOURCES / "questions"


@dataclass(frozen=True)
class BankProblem:
    """A fault found while loading the bank, at a file and line (line 0: the whole file)."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        # line 0 means the problem concerns a whole file or folder, not one place in it
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


@dataclass(frozen=True)
class BankFile:
    """One bank file: the test and area it holds, its review record and its good questions."""

    path: str
    test: str
    area: str
    reviewed: str | None
    questions: tuple[Question, ...]
    standard: int = 1


@dataclass
class QuestionBank:
    """All loaded questions, indexed by id and by test and area.

    `mirrors` maps each ASE Entry-Level test to the professional test it mirrors (EA5 -> A5):
    the questions "for" EA5 are A5's questions tagged `entry_level` (and any question an
    instructor mapped to EA5 itself). load_bank fills it from the blueprints.
    """

    questions: tuple[Question, ...] = ()
    files: tuple[BankFile, ...] = ()
    problems: tuple[BankProblem, ...] = ()
    mirrors: Mapping[str, str] = field(default_factory=dict)
    _by_id: dict[str, Question] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {q.id: q for q in self.questions}

    def __len__(self) -> int:
        return len(self.questions)

    def get(self, qid: str) -> Question:
        return self._by_id[qid]

    def find(self, qid: str) -> Question | None:
        return self._by_id.get(qid)

    def holds(self, test: str, q: Question) -> bool:
        """Whether an exam of `test` may draw `q` (see TestBlueprint.holds)."""
        mirrored = self.mirrors.get(test)
        return q.test == test or (mirrored is not None and q.test == mirrored and q.entry_level)

    def for_test(self, test: str) -> list[Question]:
        return [q for q in self.questions if self.holds(test, q)]

    def for_area(self, test: str, area: str) -> list[Question]:
        return [q for q in self.questions if q.area == area and self.holds(test, q)]

    def count_by_area(self, test: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for q in self.questions:
            if self.holds(test, q):
                counts[q.area] = counts.get(q.area, 0) + 1
        return counts

    def with_questions(self, extra: Iterable[Question]) -> QuestionBank:
        """A bank with more questions mixed in (an instructor's imports); bank ids win."""
        extra = [q for q in extra if q.id not in self._by_id]
        return QuestionBank(self.questions + tuple(extra), self.files, self.problems, self.mirrors)

    def with_mirrors(self, blueprints: Blueprints) -> QuestionBank:
        """The same bank, knowing which tests draw from which (the Entry-Level tests)."""
        return QuestionBank(self.questions, self.files, self.problems, blueprints.mirrors)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _pydantic_messages(err: ValidationError) -> list[str]:
    out = []
    for e in err.errors():
        where = ".".join(str(p) for p in e["loc"])
        msg = e["msg"].removeprefix("Value error, ")
        out.append(f"{where}: {msg}" if where else msg)
    return out


def load_file(
    path: Path, blueprints: Blueprints | None = None
) -> tuple[BankFile | None, list[BankProblem]]:
    """Parse and validate one bank file; returns the good questions and every problem found."""
    # pydantic and YAML load only when a file is parsed: a start served from the bank cache needs neither
    import yaml
    from pydantic import ValidationError

    from questions.safe_yaml import UnsafeYaml, item_lines, parse
    from questions.schema import BankFileHeader, QuestionRecord

    name = _display(path)
    problems: list[BankProblem] = []
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, [BankProblem(name, 0, f"cannot read the file: {e.strerror or e}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [BankProblem(name, line, "not UTF-8 text; save the file as UTF-8")]
    try:
        data, root = parse(text)
    except UnsafeYaml as e:
        return None, [BankProblem(name, e.line, f"the file {e}")]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        return None, [BankProblem(name, line, f"YAML syntax error: {problem}")]
    if not isinstance(data, dict):
        return None, [BankProblem(name, 1, "expected a mapping with test, area and questions")]
    try:
        header = BankFileHeader.model_validate(data)
    except ValidationError as e:
        return None, [BankProblem(name, 1, m) for m in _pydantic_messages(e)]

    test, area = str(header.test), str(header.area)
    if blueprints is not None:
        if test not in blueprints:
            return None, [BankProblem(name, 1, f"unknown test {test!r} (not in blueprints.yaml)")]
        bp = blueprints.get(test)
        if area not in bp.area_letters:
            return None, [BankProblem(name, 1, f"{test} has no content area {area!r}")]
    lines = item_lines(root, "questions")
    good: list[Question] = []
    for i, item in enumerate(header.questions):
        line = lines[i] if i < len(lines) else 1
        if not isinstance(item, dict):
            problems.append(BankProblem(name, line, f"question {i + 1} is not a mapping"))
            continue
        label = str(item.get("id") or f"question {i + 1}")
        try:
            rec = QuestionRecord.model_validate(item)
        except ValidationError as e:
            problems.extend(BankProblem(name, line, f"{label}: {m}") for m in _pydantic_messages(e))
            continue
        if rec.area != area:
            problems.append(BankProblem(name, line, f"{rec.id}: area {rec.area} but the file is area {area}"))
            continue
        if not rec.id.startswith(f"{test}-{area}-"):
            problems.append(BankProblem(name, line, f"{rec.id}: id must start with {test}-{area}-"))
            continue
        if blueprints is not None:
            topics = blueprints.get(test).area(area).topics
            if topics and rec.topic not in topics:
                problems.append(
                    BankProblem(name, line, f"{rec.id}: topic {rec.topic!r} is not one of {test} area {area}'s topics")
                )
                continue
        good.append(
            Question(
                id=rec.id,
                test=test,
                area=area,
                topic=rec.topic,
                style=rec.style,
                difficulty=rec.difficulty,
                stem=" ".join(rec.stem.split()),
                choices=(rec.choices[0], rec.choices[1], rec.choices[2], rec.choices[3]),
                answer=rec.answer,
                explanation=" ".join(rec.explanation.split()),
                source=f"{name}:{line}",
                exhibit=rec.exhibit.to_exhibit() if rec.exhibit else None,
                reference=rec.reference,
                version=rec.version,
                entry_level=rec.entry_level,
            )
        )
    reviewed = str(header.reviewed) if header.reviewed else None
    return BankFile(name, test, area, reviewed, tuple(good), header.standard), problems


def bank_files(root: Path = BANK_DIR) -> list[Path]:
    """Every .yaml file under `root`, in Path order (os.scandir and plain strings, sorted by their parts
    as Path sorts them: a fifth of the time of Path.rglob, at every start). A folder is told from a file
    by the directory listing itself, without a stat of each file; as os.walk does, a folder reached
    through a symbolic link is not entered and one that cannot be read is passed over."""
    found: list[str] = []
    folders = [os.fspath(root)]
    while folders:
        try:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    elif entry.name.endswith(".yaml") and entry.is_file():
                        found.append(entry.path)
        except OSError:
            continue
    return [Path(p) for p in sorted(found, key=lambda p: p.split(os.sep))]


def load_bank(
    paths: Sequence[Path] | None = None, blueprints: Blueprints | None = None
) -> QuestionBank:
    """Load the given files (default: the whole bundled bank). Duplicate ids are problems."""
    files: list[BankFile] = []
    problems: list[BankProblem] = []
    seen: dict[str, str] = {}
    questions: list[Question] = []
    for path in paths if paths is not None else bank_files():
        bf, probs = load_file(Path(path), blueprints)
        problems.extend(probs)
        if bf is None:
            continue
        kept = []
        for q in bf.questions:
            if q.id in seen:
                file, line = q.source.rsplit(":", 1)
                problems.append(BankProblem(file, int(line), f"{q.id}: id already used at {seen[q.id]}"))
                continue
            seen[q.id] = q.source
            kept.append(q)
        files.append(BankFile(bf.path, bf.test, bf.area, bf.reviewed, tuple(kept), bf.standard))
        questions.extend(kept)
    return QuestionBank(tuple(questions), tuple(files), tuple(problems), blueprints.mirrors if blueprints else {})


__all__ = ["LETTERS", "BankFile", "BankProblem", "QuestionBank", "bank_files", "load_bank", "load_file"]
