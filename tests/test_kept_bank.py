"""A start shows the bank its cache last held without first reading every bank file for the cache's
key (questions/bank_cache.load_content_kept); the services compare that key with the files before
they open, and take the files when they differ: an edited bank is never what an exam draws from."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from questions.bank import BANK_DIR, QuestionBank
from questions.bank_cache import current_key, load_content_kept, load_content_keyed
from questions.blueprints import BLUEPRINTS_FILE


@pytest.fixture
def content_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(bank folder, blueprints file, cache file): a copy of one test's questions."""
    root = tmp_path / "questions"
    shutil.copytree(BANK_DIR / "A5", root / "A5")
    blueprints_file = tmp_path / "blueprints.yaml"
    shutil.copy(BLUEPRINTS_FILE, blueprints_file)
    return root, blueprints_file, tmp_path / "cache" / "bank.cache"


def test_the_kept_content_is_the_cache_as_written_with_its_key(content_files: tuple[Path, Path, Path]) -> None:
    root, blueprints_file, cache = content_files
    bp, bank, key = load_content_keyed(cache, root, blueprints_file)
    kept = load_content_kept(cache)
    assert kept is not None
    assert kept[1].questions == bank.questions and kept[2] == key == current_key(root, blueprints_file)
    assert kept[0].get("A5").title == bp.get("A5").title


def test_an_edited_file_is_caught_by_the_key_the_services_compare(content_files: tuple[Path, Path, Path]) -> None:
    root, blueprints_file, cache = content_files
    _, bank, key = load_content_keyed(cache, root, blueprints_file)
    f = root / "A5" / "A5-B.yaml"
    q = next(bf for bf in bank.files if bf.path.endswith("A5-B.yaml")).questions[0]
    f.write_text(f.read_text().replace(f"    answer: {q.answer}\n", f"    answer: {'A' if q.answer != 'A' else 'B'}\n", 1))
    kept = load_content_kept(cache)
    assert kept is not None and kept[2] == key  # what the start shows: the files were not read
    assert kept[1].get(q.id).answer == q.answer
    assert current_key(root, blueprints_file) != key  # what the services compare before they open
    assert load_content_keyed(cache, root, blueprints_file)[1].get(q.id).answer != q.answer


@pytest.mark.parametrize("damage", ["missing", "truncated", "not marshal", "another format"])
def test_no_kept_content_from_a_cache_that_is_not_whole(content_files: tuple[Path, Path, Path], damage: str) -> None:
    import marshal

    root, blueprints_file, cache = content_files
    load_content_keyed(cache, root, blueprints_file)
    raw = cache.read_bytes()
    if damage == "missing":
        cache.unlink()
    elif damage == "truncated":
        cache.write_bytes(raw[: len(raw) // 2])
    elif damage == "not marshal":
        cache.write_text("questions: []\n")
    else:
        doc = marshal.loads(raw)
        cache.write_bytes(marshal.dumps((doc[0] + 1, *doc[1:])))
    assert load_content_kept(cache) is None


def test_the_services_take_the_files_when_the_shown_content_is_not_theirs(tmp_path: Path) -> None:
    from study.fast_start import content
    from study.services import open_services

    bp, bank, key = content(tmp_path)
    one = QuestionBank((bank.questions[0],))
    stale = open_services(tmp_path, content=(bp, one, key + "-before-an-edit"))
    try:
        assert len(stale.bank.questions) == len(bank.questions) and stale.bank_key == key
    finally:
        stale.close()
    kept = open_services(tmp_path, content=(bp, one, key))  # the files' own key: used as it is
    try:
        assert kept.bank is one
    finally:
        kept.close()
