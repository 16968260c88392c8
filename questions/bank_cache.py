"""A parsed bank kept as JSON beside the learner's data, so a start does not parse YAML again.

The cache is keyed by a hash of every bank file, the blueprints and the loader's own code, so an
edited question, a new file or an upgraded app all miss it and the bank is parsed afresh. JSON,
not pickle: the cache lives in a user-writable folder and is read as data, never as code.
A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from questions.bank import BANK_DIR, BankFile, BankProblem, QuestionBank, bank_files, load_bank
from questions.blueprints import BLUEPRINTS_FILE, Blueprints, blueprints_from_data
from questions.model import Exhibit, Question

CACHE_FORMAT = 1
_CODE = ("bank.py", "schema.py", "model.py", "safe_yaml.py", "bank_cache.py", "blueprints.py")


def cache_key(files: list[Path], blueprints_file: Path = BLUEPRINTS_FILE) -> str:
    h = hashlib.sha256(f"{CACHE_FORMAT}\0{Path.cwd()}\0".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        h.update((here / name).read_bytes())
    h.update(blueprints_file.read_bytes())
    for f in files:
        h.update(b"\0" + str(f).encode() + b"\0")
        h.update(f.read_bytes())
    return h.hexdigest()


def _question_json(q: Question) -> dict[str, Any]:
    return dataclasses.asdict(q)


def _question(d: dict[str, Any]) -> Question:
    ex = d.get("exhibit")
    exhibit = Exhibit(**{**ex, "columns": tuple(ex["columns"]), "rows": tuple(tuple(r) for r in ex["rows"])}) if ex else None
    return Question(**{**d, "choices": tuple(d["choices"]), "exhibit": exhibit})


def _from_json(doc: dict[str, Any]) -> QuestionBank:
    questions = tuple(_question(d) for d in doc["questions"])
    by_id = {q.id: q for q in questions}
    files = tuple(
        BankFile(f["path"], f["test"], f["area"], f["reviewed"], tuple(by_id[i] for i in f["ids"]), f["standard"])
        for f in doc["files"]
    )
    problems = tuple(BankProblem(p[0], int(p[1]), p[2]) for p in doc["problems"])
    return QuestionBank(questions, files, problems)


def _to_json(key: str, bank: QuestionBank) -> dict[str, Any]:
    return {
        "format": CACHE_FORMAT,
        "key": key,
        "questions": [_question_json(q) for q in bank.questions],
        "files": [
            {"path": f.path, "test": f.test, "area": f.area, "reviewed": f.reviewed, "standard": f.standard,
             "ids": [q.id for q in f.questions]}
            for f in bank.files
        ],
        "problems": [[p.file, p.line, p.message] for p in bank.problems],
    }


def load_content_cached(cache_file: Path, root: Path = BANK_DIR,
                        blueprints_file: Path = BLUEPRINTS_FILE) -> tuple[Blueprints, QuestionBank]:
    """The blueprints and the whole bundled bank: from the cache when it matches the files (no
    YAML parsed, not even the blueprints), else parsed and cached."""
    files = bank_files(root)
    collecting = gc.isenabled()
    # Thousands of small objects and no reference cycles: the cyclic collector would walk every
    # object the start has made so far, again and again (three quarters of the load's time).
    gc.disable()
    try:
        key = cache_key(files, blueprints_file)
        doc = json.loads(cache_file.read_text(encoding="utf-8"))
        if doc.get("format") == CACHE_FORMAT and doc.get("key") == key and isinstance(doc.get("blueprints"), dict):
            bp = blueprints_from_data(doc["blueprints"])
            return bp, _from_json(doc).with_mirrors(bp)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing, damaged or from another version: parse the YAML
    finally:
        if collecting:
            gc.enable()
    from questions.safe_yaml import safe_load

    data = safe_load(blueprints_file.read_text(encoding="utf-8"))
    bp = blueprints_from_data(data)
    return bp, load_bank_cached(cache_file, bp, root, blueprints_data=data, blueprints_file=blueprints_file)


def load_bank_cached(cache_file: Path, blueprints: Blueprints, root: Path = BANK_DIR, *,
                     blueprints_data: dict[str, Any] | None = None,
                     blueprints_file: Path = BLUEPRINTS_FILE) -> QuestionBank:
    """The whole bundled bank: from the cache when it matches the files, else parsed and cached."""
    files = bank_files(root)
    try:
        key = cache_key(files, blueprints_file)
    except OSError:
        return load_bank(files, blueprints=blueprints)
    try:
        doc = json.loads(cache_file.read_text(encoding="utf-8"))
        if doc.get("format") == CACHE_FORMAT and doc.get("key") == key:
            return _from_json(doc).with_mirrors(blueprints)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # missing, damaged or from another version: parse the YAML
    bank = load_bank(files, blueprints=blueprints)
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache_file.with_name(f".{cache_file.name}.{os.getpid()}.tmp")
        doc = _to_json(key, bank)
        if blueprints_data is not None:
            doc["blueprints"] = blueprints_data  # plain YAML data: strings, numbers, lists and mappings
        tmp.write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, cache_file)
    except OSError:
        pass  # a read-only or full data folder: the next start parses again
    return bank
