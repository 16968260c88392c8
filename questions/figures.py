"""A test's figures in words, each with how sure it is: verified, unverified (a source we could
not confirm), or assumed (the app's own, where no source published one). Every screen and command
that shows a test's figures says them through here, so an assumption is never shown as ASE's."""

from __future__ import annotations

from typing import Any

from questions.blueprints import STATUS_WORDS, VERIFIED, TestBlueprint, flag


def _minutes(m: int) -> str:
    h, r = divmod(m, 60)
    return f"{m} minutes" if h == 0 else f"{h} h {r} min" if r else f"{h} hour{'s' if h != 1 else ''}"


def figure_words(bp: TestBlueprint) -> list[tuple[str, str]]:
    """(the figure in words, its status) for the scored count, unscored count, time and areas; the
    areas' status is "mixed" when they differ (see area_groups)."""
    out: list[tuple[str, str]] = []
    if bp.scored_questions:
        out.append((f"{bp.scored_questions} scored questions", bp.figure_status("scored_questions")))
    if bp.unscored_questions:
        out.append((f"{bp.unscored_questions} unscored research questions", bp.figure_status("unscored_questions")))
    if bp.time_minutes:
        out.append((_minutes(bp.time_minutes), bp.figure_status("time_minutes")))
    if bp.areas:
        statuses = {a.status for a in bp.areas}
        out.append((f"{len(bp.areas)} content areas and their counts",
                    statuses.pop() if len(statuses) == 1 else "mixed"))
    return out


def area_groups(bp: TestBlueprint) -> str:
    """"areas A, C, D: unverified; B: verified": each status with its areas, in the blueprint's order."""
    groups: dict[str, list[str]] = {}
    for a in bp.areas:
        groups.setdefault(a.status, []).append(a.letter)
    return "; ".join(f"{'areas' if len(ls) > 1 else 'area'} {', '.join(ls)}: {STATUS_WORDS[st] or 'verified'}"
                     for st, ls in groups.items())


def figures_text(bp: TestBlueprint) -> str:
    """One line: "50 scored questions, assumed (no published figure); 75 minutes, assumed (...)"."""
    parts = []
    for words, status in figure_words(bp):
        parts.append(f"{words} ({area_groups(bp)})" if status == "mixed" else words + flag(status))
    return "; ".join(parts)


def unsure_text(bp: TestBlueprint) -> str:
    """Only the figures that are not verified, or "" when every figure is."""
    parts = []
    for words, status in figure_words(bp):
        if status == VERIFIED:
            continue
        parts.append(f"{words}: {area_groups(bp)}" if status == "mixed" else f"{words}: {STATUS_WORDS[status]}")
    return "; ".join(parts)


def assumption_notes(bp: TestBlueprint) -> list[str]:
    """Each assumption's own sentence, for the detail view and the README."""
    return [f"{a.figure_words[:1].upper()}{a.figure_words[1:]}: {a.says}" for a in bp.assumptions]


def describe(bp: TestBlueprint) -> dict[str, Any]:
    """The test's figures with their statuses, ready for json.dumps."""
    def fig(name: str) -> dict[str, Any]:
        return {"value": getattr(bp, name), "status": bp.figure_status(name)}

    return {
        "code": bp.code, "name": bp.name, "series": bp.series,
        "scored_questions": fig("scored_questions"), "unscored_questions": fig("unscored_questions"),
        "time_minutes": fig("time_minutes"),
        "areas": [{"letter": a.letter, "title": a.title, "scored_questions": a.scored_questions, "status": a.status}
                  for a in bp.areas],
        "assumptions": [{"figure": a.figure, "value": a.value, "says": a.says} for a in bp.assumptions],
        "mirrors": bp.mirrors, "entry_level": bp.entry_level, "valid_years": bp.valid_years,
        "prerequisites": list(bp.prerequisites), "reference": bp.reference,
    }
