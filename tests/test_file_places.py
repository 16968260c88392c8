"""File dialogs open in the user's Documents folder, then in the folder last used (remembered for
the next start), never in the folder the app runs from (they opened in the source folder)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSettings

from app import file_places
from app.dialogs import Dialogs

pytestmark = pytest.mark.gui


@pytest.fixture
def places(tmp_path, monkeypatch, qapp):
    docs = tmp_path / "Documents"
    docs.mkdir()
    monkeypatch.setattr(file_places, "documents", lambda: str(docs))
    return tmp_path, docs, []


def test_the_first_dialog_opens_in_documents_and_the_next_in_the_folder_last_used(places, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    root, docs, asked = places
    elsewhere = root / "usb"
    elsewhere.mkdir()
    answers = [str(elsewhere / "plan.csv"), str(elsewhere / "result.aseresult")]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda p, c, start, k: (asked.append(start), (answers.pop(0), ""))[1])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda p, c, start, k: (asked.append(start), (answers.pop(0), ""))[1])
    settings = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
    d = Dialogs()
    d.settings = settings
    d.save_file(None, "Save the plan", "plan.csv", "CSV (*.csv)")
    assert asked[0] == str(docs / "plan.csv") and not asked[0].startswith(os.getcwd())
    again = Dialogs()  # the next start
    again.settings = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
    again.open_file(None, "Open a result", "ASE Prep result (*.aseresult)")
    assert asked[1] == str(elsewhere)


def test_a_folder_gone_since_falls_back_to_documents(places):
    root, docs, _ = places
    settings = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
    file_places.remember(settings, str(root / "gone" / "x.csv"))
    assert file_places.start_folder(settings) == str(docs)
