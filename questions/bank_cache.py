"""A parsed bank kept beside the learner's data, so a start does not parse YAML again.

The cache is keyed by the identity of every bank file, the blueprints, the loader's own code and
the Python that wrote it (paths, sizes and times: questions/file_signature.py), so an edited
question, a new file or an upgraded app all miss it and the bank is parsed afresh. It holds plain
data only (strings, numbers, tuples, mappings) in Python's `marshal` format, the one .pyc files
use: read back as data, never run, and about four times faster to read than the same data as JSON. A question is rebuilt from its fields by name.
A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import dataclasses
import gc
import marshal
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from questions.bank import BANK_DIR, BankFile, BankProblem, QuestionBank, bank_files, load_bank
from questions.blueprints import BLUEPRINTS_FILE, Blueprints, blueprints_from_data
from questions.file_signature import file_signature
from questions.model import Exhibit, Question

CACHE_FORMAT = 3  # 1 was JSON (bank.json); 2 was keyed by a SHA-256 of the files and held rows as tuples
_CODE = ("bank.py", "schema.py", "model.py", "safe_yaml.py", "bank_cache.py", "blueprints.py")
_FIELDS = tuple(f.name for f in dataclasses.fields(Question))
_EXHIBIT_FIELDS = tuple(f.name for f in dataclasses.fields(Exhibit))
_BROKEN = (OSError, ValueError, EOFError, KeyError, TypeError, IndexError)  # a cache from elsewhere or damaged


def cache_key(files: list[Path], blueprints_file: Path = BLUEPRINTS_FILE) -> str:
    """The identity of every bank file, the blueprints, the loader's own code and the Python that
    reads them (questions/file_signature.py)."""
    here = Path(__file__).resolve().parent
    salt = f"{CACHE_FORMAT}\0{marshal.version}\0{sys.version_info[:2]}\0{Path.cwd()}"
    return file_signature([*(here / name for name in _CODE), blueprints_file, *files], salt)


def _question_row(q: Question) -> dict[str, Any]:
    row = {name: getattr(q, name) for name in _FIELDS}
    ex = q.exhibit
    row["exhibit"] = None if ex is None else {name: getattr(ex, name) for name in _EXHIBIT_FIELDS}
    return row


def _questions(rows: tuple[dict[str, Any], ...]) -> tuple[Question, ...]:
    """The questions, each instance given its stored fields as its attribute dictionary: a frozen
    dataclass's __init__ sets every field through object.__setattr__, which took half a cached load's
    time. Neither class has a __post_init__, so the result is the same (tests/test_bank_cache.py
    compares them); a row with other fields (a cache from elsewhere) is refused."""
    out = []
    fields, exhibit_fields = frozenset(_FIELDS), frozenset(_EXHIBIT_FIELDS)
    new, set_attribute = object.__new__, object.__setattr__
    for row in rows:
        if not isinstance(row, dict) or row.keys() != fields:
            raise ValueError("a question of another shape")
        ex = row["exhibit"]
        if ex is not None:
            if not isinstance(ex, dict) or ex.keys() != exhibit_fields:
                raise ValueError("an exhibit of another shape")
            exhibit = new(Exhibit)
            set_attribute(exhibit, "__dict__", ex)
            row["exhibit"] = exhibit
        q = new(Question)
        set_attribute(q, "__dict__", row)
        out.append(q)
    return tuple(out)


def _from_doc(doc: tuple[Any, ...]) -> QuestionBank:
    _, _, _, question_rows, file_rows, problem_rows = doc
    questions = _questions(question_rows)
    by_id = {q.id: q for q in questions}
    files = tuple(BankFile(path, test, area, reviewed, tuple(by_id[i] for i in ids), standard)
                  for path, test, area, reviewed, ids, standard in file_rows)
    problems = tuple(BankProblem(str(file), int(line), str(message)) for file, line, message in problem_rows)
    return QuestionBank(questions, files, problems)


def _to_doc(key: str, bank: QuestionBank, blueprints_data: dict[str, Any] | None) -> tuple[Any, ...]:
    return (
        CACHE_FORMAT,
        key,
        blueprints_data,  # plain YAML data: strings, numbers, lists and mappings
        tuple(_question_row(q) for q in bank.questions),
        tuple((f.path, f.test, f.area, f.reviewed, tuple(q.id for q in f.questions), f.standard) for f in bank.files),
        tuple((p.file, p.line, p.message) for p in bank.problems),
    )


def _read(cache_file: Path, key: str | None) -> tuple[Any, ...] | None:
    """The cached document if it was written for exactly these files by this code (for any files
    when `key` is None), else None."""
    try:
        doc = marshal.loads(cache_file.read_bytes())
    except _BROKEN:
        return None  # missing, damaged or from another version: parse the YAML
    if (isinstance(doc, tuple) and len(doc) == 6 and doc[0] == CACHE_FORMAT and isinstance(doc[1], str) and doc[1]
            and (key is None or doc[1] == key)):
        return doc
    return None


def _write(cache_file: Path, doc: tuple[Any, ...]) -> None:
    try:
        data = marshal.dumps(doc)
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_name(f".{cache_file.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, cache_file)  # whole or not at all: a reader never sees half a cache
    except (OSError, ValueError):
        pass  # a read-only or full data folder (or data marshal cannot hold): the next start parses again
    try:
        (cache_file.parent / "bank.json").unlink(missing_ok=True)  # the JSON cache of earlier versions
    except OSError:
        pass


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Thousands of small objects and no reference cycles worth collecting: the cyclic collector
    would walk every object the start has made so far, again and again (three quarters of a
    cached load's time, a third of a parse's)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_content_cached(cache_file: Path, root: Path = BANK_DIR,
                        blueprints_file: Path = BLUEPRINTS_FILE) -> tuple[Blueprints, QuestionBank]:
    """The blueprints and the whole bundled bank: from the cache when it matches the files (no
    YAML parsed, not even the blueprints), else parsed and cached."""
    bp, bank, _ = load_content_keyed(cache_file, root, blueprints_file)
    return bp, bank


def current_key(root: Path = BANK_DIR, blueprints_file: Path = BLUEPRINTS_FILE) -> str:
    """The key of the bank and blueprint files as they are now ("" when they cannot all be read)."""
    try:
        return cache_key(bank_files(root), blueprints_file)
    except OSError:
        return ""


def load_content_kept(cache_file: Path) -> tuple[Blueprints, QuestionBank, str] | None:
    """The content as the cache last held it, with the key it was written under, without looking at
    the files it came from: a start shows it at once, and `current_key` is compared with the key
    before anything is done with it (study/services.py). None when there is no cache this code reads."""
    with _no_cycle_collection():
        try:
            return _content(_read(cache_file, None))
        except _BROKEN:
            return None


def _content(doc: tuple[Any, ...] | None) -> tuple[Blueprints, QuestionBank, str] | None:
    """The blueprints, the bank and the key a cached document holds (None for no document, or one
    without the blueprints); raises one of _BROKEN for contents that do not fit."""
    if doc is None or not isinstance(doc[2], dict):
        return None
    bp = blueprints_from_data(doc[2])
    return bp, _from_doc(doc).with_mirrors(bp), doc[1]


def load_content_keyed(cache_file: Path, root: Path = BANK_DIR,
                       blueprints_file: Path = BLUEPRINTS_FILE) -> tuple[Blueprints, QuestionBank, str]:
    """`load_content_cached`, and the key of the files the content came from ("" when they could not
    all be read: such content matches nothing kept under a key)."""
    key = ""
    with _no_cycle_collection():
        files = bank_files(root)
        try:
            key = cache_key(files, blueprints_file)
            cached = _content(_read(cache_file, key))
            if cached is not None:
                return cached
        except _BROKEN:
            pass  # unreadable files or a cache whose contents do not fit: parse the YAML
        from questions.safe_yaml import safe_load

        data = safe_load(blueprints_file.read_text(encoding="utf-8"))
        bp = blueprints_from_data(data)
        bank = load_bank_cached(cache_file, bp, root, blueprints_data=data, blueprints_file=blueprints_file)
        return bp, bank, key


def load_bank_cached(cache_file: Path, blueprints: Blueprints, root: Path = BANK_DIR, *,
                     blueprints_data: dict[str, Any] | None = None,
                     blueprints_file: Path = BLUEPRINTS_FILE) -> QuestionBank:
    """The whole bundled bank: from the cache when it matches the files, else parsed and cached."""
    with _no_cycle_collection():
        files = bank_files(root)
        try:
            key = cache_key(files, blueprints_file)
        except OSError:
            return load_bank(files, blueprints=blueprints)
        doc = _read(cache_file, key)
        if doc is not None:
            try:
                return _from_doc(doc).with_mirrors(blueprints)
            except _BROKEN:
                pass
        bank = load_bank(files, blueprints=blueprints)
        _write(cache_file, _to_doc(key, bank, blueprints_data))
        return bank
