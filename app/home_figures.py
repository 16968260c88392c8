"""Home's figures as plain data (strings, numbers, None, lists and mappings): what Home's reads give,
turned into what the page shows. Home draws only from these, whether they were read just now or kept
at the last close (study/storage/snapshot.py), so both show the same. The readers run on a worker.
"""

from __future__ import annotations

from datetime import date
from typing import Any

Figures = dict[str, Any]  # "exams", "readiness", "plan": each part as the functions below make it


def exam_figures(s: Any) -> Figures:
    """The unfinished exam (for the resume banner) and the 20 latest finished ones."""
    exams = s.exams
    unfinished, recent = exams.in_progress(), exams.recent(20)
    banner = None
    if unfinished is not None:
        banner = {"id": unfinished.id, "title": unfinished.title, "position": unfinished.position,
                  "questions": unfinished.question_count, "answered": unfinished.answered,
                  "left": unfinished.time_left_seconds}
    return {"in_progress": banner,
            "recent": [{"id": ex.id, "started": ex.started_at.isoformat(), "test": ex.test, "mode": ex.mode.label,
                        "percent": ex.percent, "correct": ex.score_correct, "total": ex.score_total,
                        "used": ex.time_used_seconds, "limit": ex.time_limit_seconds} for ex in recent]}


def readiness_figures(s: Any) -> list[Figures]:
    """Where the learner stands on each of the (up to three) tests studied, with the next area to drill."""
    analytics = s.analytics()
    learner = s.learner_id
    out = []
    for st in (analytics.standing(learner, t, with_pace=False) for t in analytics.tests_studied(learner)[:3]):
        r = st.readiness
        top = st.areas[0] if st.areas else None
        out.append({"test": st.test, "verdict": r.verdict_text, "long_run": r.long_run_text, "day": r.day_text,
                    "top": None if top is None else {"area": top.area, "title": top.title,
                                                     "points": top.points_at_stake}})
    return out


def plan_figures(s: Any, today: date | None = None) -> tuple[Figures | None, Any, int | None]:
    """Today's study-plan session in words (None without a plan), with the session itself and the
    activity Start begins (not kept: Start waits for a read of its own)."""
    from study.day_words import day_text, start_text
    from study.planning.export import activity_short, focus_text
    from study.planning.plans import next_activity

    plans = s.plans()
    view = plans.active(notes=False)  # read once, without the notes Home does not show
    if view is None:
        return None, None, None
    today = today or date.today()
    session, scores = plans.featured(today, view)
    nxt = next_activity(session, scores) if session is not None and session.day == today else None
    if session is None:
        text = "No sessions left before the exam. Rest well, and good luck."
    elif session.day != today:
        text = (f"No session today. Next: {day_text(session.day, weekday=True)} at {start_text(session.start_time)}, "
                f"{focus_text(session.focus, session.kind)}.")
    else:
        state = {"done": " Done ✓.", "skipped": " Skipped ✗."}.get(session.status, "")
        text = (f"Tonight at {start_text(session.start_time)}, {session.minutes} minutes. Focus: "
                f"{focus_text(session.focus, session.kind)}.{state}")
    start = activity_short(session.activities[nxt]) if nxt is not None and session is not None else None
    return {"text": text, "start": start}, session, nxt


def home_figures(s: Any) -> Figures:
    """Every part, as the snapshot keeps them."""
    return {"exams": exam_figures(s), "readiness": readiness_figures(s), "plan": plan_figures(s)[0]}
