"""The study plan as a printable PDF, week by week, for the fridge or the toolbox lid.

Built with QTextDocument and QPdfWriter (Qt, so it lives in the app layer). Every piece of text
is HTML-escaped: test titles and topics come from data files.
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from pathlib import Path

from PySide6.QtGui import QTextDocument

from app.pdf_pages import Piece, keep_together, paginate, write_document_pdf
from questions.percent import percent_text
from study.day_words import day_text
from study.planning.export import activity_short, focus_text, session_title
from study.planning.plans import SessionRecord, StudyPlanView

MARGIN_MM = 20.0

STATUS = {"planned": "", "done": "Done", "skipped": "Skipped"}


def _status(s: SessionRecord, today: date) -> str:
    words = STATUS.get(s.status, s.status)
    if s.status == "done" and s.score is not None:
        words += f", {percent_text(s.score)}"
    if s.day == today:
        words = ("Today. " + words).strip()
    return words


def plan_html(plan: StudyPlanView, today: date) -> str:
    st = plan.settings
    recert = " (recertification test)" if st.recert else ""
    days = ", ".join(e.capitalize() for e in st.evenings)
    parts = [
        "<html><body style='font-family: sans-serif; font-size: 9pt;'>",
        f"<h1 style='font-size: 16pt;'>ASE study plan: {escape(', '.join(st.tests))}{escape(recert)}</h1>",
        f"<p>Exam on <b>{day_text(st.exam_date, weekday=True)}</b>. Sessions on {escape(days)} at {escape(st.start_time)}, "
        f"{st.minutes} minutes, from {day_text(st.start_date)}. {escape(plan.progress(today).text)}.</p>",
    ]
    for note in plan.notes:
        parts.append(f"<p style='color: #444;'>Note: {escape(note)}</p>")
    weeks: dict[date, list[SessionRecord]] = {}
    for s in plan.sessions:
        weeks.setdefault(s.day - timedelta(days=s.day.weekday()), []).append(s)
    for n, (monday, sessions) in enumerate(sorted(weeks.items()), 1):
        parts.append(f"<h2 style='font-size: 12pt; margin-top: 12px;'>Week {n}: {day_text(monday, year=False, short=True)} to "
                     f"{day_text(monday + timedelta(days=6), short=True)}</h2>")
        parts.append("<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
                     "<thead><tr><th align='left' width='14%'>Day</th><th align='left' width='38%'>Focus</th>"
                     "<th align='left' width='36%'>Activities</th><th align='left' width='12%'>Done?</th></tr></thead>")
        for s in sessions:
            acts = "<br>".join(escape(activity_short(a)) for a in s.activities)
            what = f"<b>{escape(session_title(s))}</b><br>{escape(focus_text(s.focus, s.kind))}"
            parts.append(f"<tr><td valign='top'>{day_text(s.day, weekday=True, year=False, short=True)}<br>{escape(s.start_time)}, {s.minutes} min</td>"
                         f"<td valign='top'>{what}</td><td valign='top'>{acts}</td>"
                         f"<td valign='top'>{escape(_status(s, today)) or '&nbsp;'}</td></tr>")
        parts.append("</table>")
    parts.append(f"<h2 style='font-size: 12pt;'>{day_text(st.exam_date, weekday=True)}: exam day. Good luck.</h2>")
    parts.append("<p style='color: #444;'>ASE Prep is an independent study tool, not affiliated with or endorsed "
                 "by ASE.</p></body></html>")
    return "\n".join(parts)


def plan_document(plan: StudyPlanView, today: date) -> QTextDocument:
    """The plan laid out on Letter pages: each week (its heading and table) on one page; a week
    longer than a page repeats its table's header on the next."""
    doc = QTextDocument()
    doc.setHtml(plan_html(plan, today))
    height = paginate(doc, MARGIN_MM)
    pieces: list[Piece] = []
    for frame in doc.rootFrame().childFrames():
        heading = frame.firstCursorPosition().block().previous()  # the week's heading, just above the table
        while heading.isValid() and not heading.text().startswith("Week "):
            heading = heading.previous()
        pieces.append((heading, frame) if heading.isValid() else frame)
    keep_together(doc, pieces, height)
    return doc


def write_pdf(plan: StudyPlanView, path: Path | str, today: date | None = None) -> None:
    """Write the plan to `path` as a US Letter PDF (whole, or not at all)."""
    doc = plan_document(plan, today or date.today())
    write_document_pdf(doc, Path(path), f"ASE study plan: {', '.join(plan.settings.tests)}")
