"""Entry-Level tests in the GUI with the real bank: an instructor builds a set for one from the
Instructor page, and it holds only the mirrored test's entry-level questions."""

from __future__ import annotations

import json

import pytest

from tests.test_gui_instructor import instructor_page, no_dialogs, teacher  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui


def test_an_instructor_builds_an_entry_level_set(qtbot, teacher, tmp_path, no_dialogs):  # noqa: F811
    page = instructor_page(qtbot, teacher)
    build = page.build
    i = build.test_box.findData("EA5")
    assert i >= 0 and "Entry-Level Brakes" in build.test_box.itemText(i)
    build.test_box.setCurrentIndex(i)
    bank = teacher.ctx.services.bank
    assert build.pick_table.rowCount() == len(bank.for_test("EA5"))
    qtbot.keyClicks(build.title_edit, "Entry-Level brakes check")
    build.area_spins["A"].setValue(4)
    build.area_spins["C"].setValue(2)
    path = build.save(str(tmp_path / "ea5.aseset"))
    assert path is not None and no_dialogs == []
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["test"] == "EA5" and len(data["questions"]) == 6
    assert all(q["test"] == "EA5" and bank.get(q["id"]).entry_level and bank.get(q["id"]).test == "A5"
               for q in data["questions"])
