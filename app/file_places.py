"""Where a file dialog opens: the folder last used for a file, else the user's Documents folder
(else their home folder), never the folder the app happens to run from. The folder is remembered
in the app's settings, so the next start opens there too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

KEY = "folders/last"


def documents() -> str:
    from PySide6.QtCore import QStandardPaths

    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs if docs and Path(docs).is_dir() else str(Path.home())


def start_folder(settings: Any) -> str:
    """The folder last used (if it is still there), else Documents."""
    last = settings.value(KEY, "") if settings is not None else ""
    return str(last) if last and Path(str(last)).is_dir() else documents()


def suggest(settings: Any, name: str) -> str:
    """`name` in the start folder, unless it already names a folder of its own."""
    if not name:
        return start_folder(settings)
    p = Path(name)
    return name if p.is_absolute() or len(p.parts) > 1 else str(Path(start_folder(settings)) / name)


def remember(settings: Any, path: str | None, is_folder: bool = False) -> None:
    if settings is not None and path:
        settings.setValue(KEY, str(Path(path) if is_folder else Path(path).parent))
