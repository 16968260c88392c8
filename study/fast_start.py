"""A start's first look at the data, before the database layer loads: the bundled bank (from its
cache) and the figures Home showed at the last close, if they still hold (study/storage/snapshot.py).
Standard library and questions/ only: importing SQLAlchemy takes longer than a bare window takes to
paint, and it is not needed to show either."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from questions.bank import QuestionBank
from questions.blueprints import Blueprints

BANK_CACHE = Path("cache") / "bank.cache"  # inside the data folder (questions/bank_cache.py)
Content = tuple[Blueprints, QuestionBank, str]  # blueprints, the bundled bank, the key of their files


def content(data_dir: Path) -> Content:
    """The blueprints and the bundled bank through the data folder's cache, with their files' key."""
    from questions.bank_cache import load_content_keyed

    return load_content_keyed(data_dir / BANK_CACHE)


def kept_content(data_dir: Path) -> Content:
    """`content` as the data folder's cache last held it, not yet compared with the files (the
    services compare it, `still_current`, before they open); parsed when there is no cache."""
    from questions.bank_cache import load_content_kept

    return load_content_kept(data_dir / BANK_CACHE) or content(data_dir)


def still_current(loaded: Content) -> bool:
    """Whether the bank and blueprint files are still those `loaded` came from."""
    from questions.bank_cache import current_key

    return current_key() == loaded[2]


def kept_figures(data_dir: Path, loaded: Content) -> Any | None:
    """What Home showed at the last close, if the database, the day, the bank and the code are those it
    was taken of; else None."""
    from study.storage.snapshot import load

    return load(data_dir, loaded[2]) if loaded[2] else None
