"""Practice lists every test of the blueprint file, the new ones (P2, C1, A9, L1, L3) and the
Entry-Level tests with them, each ready in every mode; a test's figures are said with how sure each
is: an unverified figure as unverified, an assumed one as assumed with its sentence, never as ASE's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.conftest import open_window

pytestmark = pytest.mark.gui

NEW = ("P2", "C1", "A9", "L1", "L3", "EA1", "EA2", "EA3", "EA4", "EA5", "EA6", "EA7", "EA8", "EG1")


@pytest.fixture
def practice(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    w.show_page("practice")
    page = w.page("practice")
    qtbot.waitUntil(lambda: page.tree.topLevelItemCount() > 0, timeout=10000)
    yield page
    w.shutdown()


def _items(page):
    out = {}
    for i in range(page.tree.topLevelItemCount()):
        g = page.tree.topLevelItem(i)
        for j in range(g.childCount()):
            it = g.child(j)
            out[it.data(0, Qt.ItemDataRole.UserRole)] = it
    return out


def test_every_test_is_listed_and_the_new_ones_are_ready_in_every_mode(practice):
    items = _items(practice)
    groups = [practice.tree.topLevelItem(i).text(0) for i in range(practice.tree.topLevelItemCount())]
    assert items["EA5"].parent().text(0) == "E series: Entry-Level (students)", groups
    codes = [bp.code for bp in practice.ctx.services.blueprints.tests]
    assert set(codes) <= set(items)
    for code in NEW:
        assert not items[code].isDisabled(), code
        practice.select_test(code)
        assert practice.test == code
        for key, b in practice.mode_buttons.items():
            assert b.isEnabled(), (code, key, b.text())
        assert practice.drill_btn.isEnabled() and practice.drill_area.count() >= 3


def test_assumed_figures_are_said_as_assumed_and_unverified_as_unverified(practice):
    practice.select_test("C1")
    facts = practice.facts.text()
    assert "50 scored questions, assumed (no published figure)" in facts
    assert "75 minutes, assumed (no published figure)" in facts
    assert "10 unscored research questions, unverified" in facts
    # the assumptions' own sentences are one click away, so the practice modes stay in view
    assert practice.why_btn.isVisibleTo(practice) and not practice.why.isVisibleTo(practice)
    practice.why_btn.click()
    assert practice.why.isVisibleTo(practice) and "not ASE's task list" in practice.why.text()
    assert all(line.endswith("in the bank") and "on the test, assumed (no published figure);" in line
               for line in practice.areas.text().splitlines())
    practice.select_test("L1")
    lines = practice.areas.text().splitlines()
    assert "on the test, unverified;" in lines[0] and "unverified" not in lines[1] and "assumed" not in lines[1]
    assert "assumed" not in practice.facts.text() and not practice.why_btn.isVisibleTo(practice)
    practice.select_test("EA5")
    assert "Drawn from A5's entry-level questions" in practice.facts.text()
    for code in ("A5", "A1"):  # every figure shown is verified (A1's unscored count is said as not published)
        practice.select_test(code)
        assert "unverified" not in practice.facts.text() and "assumed" not in practice.facts.text()
        assert not _items(practice)[code].text(0).endswith("†")
    assert _items(practice)["C1"].text(0).endswith("†")
