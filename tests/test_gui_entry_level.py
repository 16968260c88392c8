"""Entry-Level tests in the GUI with the real bank: an instructor builds a set for one from the
Instructor page, and it holds only the mirrored test's entry-level questions."""

from __future__ import annotations

import json

import pytest

from tests.test_gui_instructor import instructor_page, teacher, teacher_dialogs  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui


def test_an_instructor_builds_an_entry_level_set(qtbot, teacher, tmp_path, teacher_dialogs):  # noqa: F811
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
    path = tmp_path / "ea5.aseset"
    build.save(str(path))
    qtbot.waitUntil(lambda: "Saved ea5.aseset" in build.message.text(), timeout=10000)
    assert teacher_dialogs.said == []
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["test"] == "EA5" and len(data["questions"]) == 6
    assert all(q["test"] == "EA5" and bank.get(q["id"]).entry_level and bank.get(q["id"]).test == "A5"
               for q in data["questions"])
