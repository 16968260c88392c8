"""The parsed-bank cache: a start served from it sees exactly the bank the YAML gives; an edited
file, a damaged cache or a read-only folder never serves a stale or broken bank."""

from __future__ import annotations

import dataclasses
import marshal
import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from questions.bank import BANK_DIR, load_bank
from questions.bank_cache import load_bank_cached


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    root = tmp_path / "questions"
    shutil.copytree(BANK_DIR / "A5", root / "A5")
    return root


def test_a_cached_bank_is_the_parsed_bank(bank_copy: Path, tmp_path: Path, blueprints) -> None:
    cache = tmp_path / "cache" / "bank.cache"
    first = load_bank_cached(cache, blueprints, bank_copy)
    assert cache.is_file()
    second = load_bank_cached(cache, blueprints, bank_copy)
    parsed = load_bank(sorted(bank_copy.rglob("*.yaml")), blueprints)
    assert second.questions == first.questions == parsed.questions
    assert second.files == parsed.files and second.problems == parsed.problems
    assert marshal.loads(cache.read_bytes())[3][0]["id"] == parsed.questions[0].id
    # rebuilt field by field (questions/bank_cache._questions): the same instances in every way
    assert [vars(q) for q in second.questions] == [vars(q) for q in parsed.questions]
    assert [hash(q) for q in second.questions] == [hash(q) for q in parsed.questions]
    with_exhibit = next(q for q in second.questions if q.exhibit is not None)
    assert type(with_exhibit.exhibit) is type(next(q for q in parsed.questions if q.exhibit is not None).exhibit)
    with pytest.raises(dataclasses.FrozenInstanceError):
        second.questions[0].stem = "changed"  # type: ignore[misc]


def test_an_edit_that_keeps_the_size_and_sets_the_time_back_misses_the_cache(bank_copy: Path, tmp_path: Path,
                                                                           blueprints) -> None:
    """The key is the files' sizes and times (questions/file_signature.py), not their contents: a file
    rewritten to the same length with its old modification time put back (as `cp -p` or an archive
    tool would) still has another change time."""
    cache = tmp_path / "bank.cache"
    f = bank_copy / "A5" / "A5-B.yaml"
    old = f.stat()
    before = load_bank_cached(cache, blueprints, bank_copy)
    stem = before.for_area("A5", "B")[0].stem
    word = stem.split()[0]
    text = f.read_text(encoding="utf-8")
    time.sleep(0.05)  # past the file system clock's tick, as any real edit is
    f.write_text(text.replace(word, word[::-1].upper() if word[::-1].upper() != word else "X" * len(word), 1),
                 encoding="utf-8")
    os.utime(f, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert f.stat().st_size == old.st_size and f.stat().st_mtime_ns == old.st_mtime_ns
    after = load_bank_cached(cache, blueprints, bank_copy)
    assert after.for_area("A5", "B")[0].stem != stem


def test_an_edited_file_misses_the_cache(bank_copy: Path, tmp_path: Path, blueprints) -> None:
    cache = tmp_path / "bank.cache"
    before = load_bank_cached(cache, blueprints, bank_copy)
    f = bank_copy / "A5" / "A5-B.yaml"
    text = f.read_text()
    first_stem = before.for_area("A5", "B")[0].stem.split()[0]
    f.write_text(text.replace("    stem: >\n      " + first_stem, "    stem: >\n      EDITED " + first_stem, 1))
    after = load_bank_cached(cache, blueprints, bank_copy)
    assert after.for_area("A5", "B")[0].stem.startswith("EDITED ")


def test_an_edited_question_is_what_the_next_start_serves(bank_copy: Path, tmp_path: Path) -> None:
    """The start's own path (blueprints and bank from one cache): an edited file is parsed again."""
    from questions.bank_cache import load_content_cached
    from questions.blueprints import BLUEPRINTS_FILE

    blueprints_file = tmp_path / "blueprints.yaml"
    shutil.copy(BLUEPRINTS_FILE, blueprints_file)
    cache = tmp_path / "cache" / "bank.cache"
    _, before = load_content_cached(cache, bank_copy, blueprints_file)
    assert load_content_cached(cache, bank_copy, blueprints_file)[1].questions == before.questions  # served cached
    f = bank_copy / "A5" / "A5-B.yaml"
    q = next(bf for bf in before.files if bf.path.endswith("A5-B.yaml")).questions[0]  # the file's first
    f.write_text(f.read_text().replace(f"    answer: {q.answer}\n", f"    answer: {'A' if q.answer != 'A' else 'B'}\n", 1))
    _, after = load_content_cached(cache, bank_copy, blueprints_file)
    assert after.get(q.id).answer != q.answer
    assert load_content_cached(cache, bank_copy, blueprints_file)[1].get(q.id).answer == after.get(q.id).answer


def test_a_damaged_cache_is_ignored_and_replaced(bank_copy: Path, tmp_path: Path, blueprints) -> None:
    cache = tmp_path / "bank.cache"
    good = load_bank_cached(cache, blueprints, bank_copy)
    fmt, key, bp, questions, files, problems = marshal.loads(cache.read_bytes())
    first = list(questions[0])
    first[8] = "not what the YAML says"  # the answer
    tampered = ((tuple(first), *questions[1:]))
    cache.write_bytes(marshal.dumps((fmt, "0" * 64, bp, tampered, files, problems)))  # a cache from other files
    assert load_bank_cached(cache, blueprints, bank_copy).questions == good.questions
    data = cache.read_bytes()
    cache.write_bytes(data[: len(data) // 2])  # truncated
    assert load_bank_cached(cache, blueprints, bank_copy).questions == good.questions
    assert marshal.loads(cache.read_bytes())[1] != "0" * 64
    # the right key over contents of another shape (a question short of a field): parsed again
    cache.write_bytes(marshal.dumps((fmt, key, bp, (tuple(first[:-1]),), files, problems)))
    assert load_bank_cached(cache, blueprints, bank_copy).questions == good.questions
    cache.write_bytes(b'{"format": 1, "key": "' + key.encode() + b'"}')  # JSON, as version 1 wrote
    assert load_bank_cached(cache, blueprints, bank_copy).questions == good.questions


def test_the_json_cache_of_earlier_versions_is_removed(bank_copy: Path, tmp_path: Path, blueprints) -> None:
    old = tmp_path / "cache" / "bank.json"
    old.parent.mkdir()
    old.write_text('{"format": 1}')
    load_bank_cached(tmp_path / "cache" / "bank.cache", blueprints, bank_copy)
    assert not old.exists() and (tmp_path / "cache" / "bank.cache").is_file()


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root writes through a read-only mode")
def test_a_read_only_cache_folder_still_loads(bank_copy: Path, tmp_path: Path, blueprints) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert len(load_bank_cached(folder / "bank.cache", blueprints, bank_copy)) > 0
    finally:
        folder.chmod(0o700)


def test_a_cache_in_a_folder_that_is_a_file_still_loads(bank_copy: Path, tmp_path: Path, blueprints) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    assert len(load_bank_cached(blocker / "bank.cache", blueprints, bank_copy)) > 0


LATER_START = """
import gc, sys
from pathlib import Path
from questions.bank_cache import load_content_cached
bp, bank = load_content_cached(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
print(len(bank), "yaml" in sys.modules, "pydantic" in sys.modules, gc.isenabled(), bp.get("A5").title)
"""


def test_a_later_start_parses_no_yaml_at_all_not_even_the_blueprints(bank_copy: Path, tmp_path: Path) -> None:
    import subprocess

    from questions.bank_cache import load_content_cached
    from questions.blueprints import BLUEPRINTS_FILE, load_blueprints

    blueprints_file = tmp_path / "blueprints.yaml"
    shutil.copy(BLUEPRINTS_FILE, blueprints_file)
    cache = tmp_path / "cache" / "bank.cache"
    bp, bank = load_content_cached(cache, bank_copy, blueprints_file)  # the first start parses and caches
    assert bp == load_blueprints(blueprints_file) and bp.series_facts == load_blueprints(blueprints_file).series_facts

    def later() -> list[str]:
        done = subprocess.run([sys.executable, "-c", LATER_START, str(cache), str(bank_copy), str(blueprints_file)],
                              capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip().split(maxsplit=4)

    assert later() == [str(len(bank)), "False", "False", "True", "A5 Brakes"]
    # an edited blueprint file is read again, and the new figures are the ones served
    blueprints_file.write_text(blueprints_file.read_text().replace("name: Brakes", "name: Brake Systems", 1))
    assert later() == [str(len(bank)), "True", "True", "True", "A5 Brake Systems"]
    assert later()[1:] == ["False", "False", "True", "A5 Brake Systems"]


def test_the_bank_files_are_every_yaml_file_in_path_order(tmp_path: Path) -> None:
    """bank_files lists the tree as os.walk would: a linked file is a file, a linked folder is not
    entered, a folder named like a file is not a file."""
    from questions.bank import bank_files

    (tmp_path / "A5" / "deep").mkdir(parents=True)
    for name in ("A5/A5-B.yaml", "A5/A5-A.yaml", "A5/deep/x.yaml", "A5-top.yaml", "notes.txt"):
        (tmp_path / name).write_text("questions: []\n")
    (tmp_path / "A5" / "folder.yaml").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "A5", target_is_directory=True)
    (tmp_path / "A5" / "alias.yaml").symlink_to(tmp_path / "A5-top.yaml")
    expected = ["A5/A5-A.yaml", "A5/A5-B.yaml", "A5/alias.yaml", "A5/deep/x.yaml", "A5-top.yaml"]
    assert bank_files(tmp_path) == sorted(tmp_path / p for p in expected)
