"""The PySide6 GUI: windows, pages, item models and workers. Talks to study's services only."""

import sys

from app.qt_code_cache import import_binding

import_binding()  # PySide6, its support modules' compiled code kept between starts (app/qt_code_cache.py)
import PySide6  # noqa: E402, F401 - imported above; it installs shiboken's import hook, made cheap below


def _skip_feature_source_scan() -> None:
    """Importing PySide6 replaces `__import__` with shiboken's hook for `from __feature__ import
    snake_case`, which reads the whole source file of every module imported afterwards (through
    `inspect.getsource`) to see whether it mentions PySide6. The app uses no `__feature__`, so each
    module may simply be taken as using none: the same answer the hook gives a module it never saw,
    without reading about 400 files at start (a quarter of the time to import the database layer)."""
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", _uses_no_feature)  # noqa: B010 - a private name of the binding


def _uses_no_feature(module: object) -> bool:
    return True  # "uses PySide6" with no feature selected: select id 0, plain Qt names


_skip_feature_source_scan()
