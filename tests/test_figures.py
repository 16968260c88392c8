"""A test's figures in words wherever they are shown: verified figures plainly, unverified ones as
unverified, the app's own as "assumed (no published figure)", in the `tests` command, in plans and
in `weak`."""

from __future__ import annotations

import json
from datetime import date

from main import main
from questions.figures import assumption_notes, describe, figures_text, unsure_text


def test_each_figure_says_how_sure_it_is(blueprints):
    assert figures_text(blueprints.get("A5")) == ("45 scored questions; 10 unscored research questions; 1 h 15 min; "
                                                  "4 content areas and their counts")
    assert unsure_text(blueprints.get("A5")) == ""
    a9 = figures_text(blueprints.get("A9"))
    assert "1 h 15 min, assumed (no published figure)" in a9 and a9.startswith("50 scored questions;")
    l3 = figures_text(blueprints.get("L3"))
    assert "45 scored questions, unverified" in l3
    assert "(areas A, B, C, E: assumed (no published figure); area D: unverified)" in l3
    l1 = unsure_text(blueprints.get("L1"))
    assert l1 == "6 content areas and their counts: areas A, C, D, E, F: unverified; area B: verified"
    ea6 = unsure_text(blueprints.get("EA6"))
    assert "40 scored questions: unverified" in ea6 and "1 hour: assumed (no published figure)" in ea6
    notes = assumption_notes(blueprints.get("P2"))
    assert any(n.startswith("Content areas: A trade magazine reported in 2011 that about 57%") for n in notes)
    d = describe(blueprints.get("C1"))
    assert d["scored_questions"] == {"value": 50, "status": "assumed"}
    assert d["unscored_questions"]["status"] == "unverified" and {a["status"] for a in d["areas"]} == {"assumed"}


def test_the_tests_command_lists_figures_and_assumptions(capsys):
    assert main(["tests", "--json"]) == 0
    data = {t["code"]: t for t in json.loads(capsys.readouterr().out)}
    assert {"A9", "L1", "L3", "C1", "P2", "EA5", "EG1"} <= set(data)
    assert data["EA5"]["mirrors"] == "A5" and data["EA5"]["questions"] > 40 and data["EA5"]["valid_years"] == 2
    assert data["L1"]["reference"] == "PV-1" and data["L3"]["prerequisites"] == ["A6", "A8"]
    assert data["A9"]["time_minutes"] == {"value": 75, "status": "assumed"}
    assert main(["tests"]) == 0
    out = capsys.readouterr().out
    assert "Assumed - Time limit: ASE's time limit for A9 was not found" in out
    assert "EA5  Entry-Level Brakes:" in out and "drawn from A5's entry-level questions" in out


def test_a_plan_says_which_figures_are_not_ases(capsys, tmp_path):
    start = date.today()
    args = ["--data-dir", str(tmp_path), "plan", "--start-date", start.isoformat(), "--weeks", "6",
            "--evenings", "mon,wed,thu", "--json", "--no-save"]
    assert main([*args, "--test", "C1"]) == 0
    notes = json.loads(capsys.readouterr().out)["notes"]
    assert any(n.startswith("C1's figures are not all ASE's: 50 scored questions: assumed (no published figure)")
               for n in notes)
    assert main([*args, "--test", "A5"]) == 0
    assert not [n for n in json.loads(capsys.readouterr().out)["notes"] if "not all ASE's" in n]
    assert main(["--data-dir", str(tmp_path), "weak", "--test", "P2"]) == 0
    assert "Figures not all ASE's: 50 scored questions: assumed (no published figure)" in capsys.readouterr().out
