"""The plan week by week: one row a week, one cell a day, today and the exam day marked in words
and symbols (never colour alone). Selecting a day says which session it holds (`day_chosen`)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.messages import plain_tip
from app.pages.plan_form import DAYS
from questions.percent import percent_text
from study.day_words import day_text

KIND_WORDS = {"study": "Study", "exam": "★ Practice exam", "light": "Light review"}
LEGEND = ("▶ today   ✓ done   ✗ skipped   ○ past, not marked   ★ practice exam   ◆ exam day. "
          "Select a day to see its session.")


def cell_text(session: Any, today: date) -> str:
    """What a calendar cell says: marks in words and symbols, never colour alone."""
    lines = []
    if session.day == today:
        lines.append("▶ TODAY")
    status = {"done": "✓ Done", "skipped": "✗ Skipped"}.get(session.status, "")
    if session.status == "done" and session.score is not None:
        status += f" {percent_text(session.score)}"
    if session.status == "planned" and session.day < today:
        status = "○ Not marked"
    if status:
        lines.append(status)
    lines.append(KIND_WORDS.get(session.kind, "Study"))
    tests = sorted({f.test for f in session.focus})
    if session.kind == "exam":
        lines.append(", ".join(tests))
    else:
        for t in tests:
            lines.append(f"{t} " + ", ".join(f.area for f in session.focus if f.test == t))
    lines.append(f"{session.minutes} min")
    return "\n".join(lines)


class PlanCalendar(QTableWidget):
    day_chosen = Signal(object)  # the session id of the day selected, or None for a day without one

    def __init__(self) -> None:
        super().__init__(0, 8)
        self.setHorizontalHeaderLabels(["Week"] + [d[1] for d in DAYS])
        self.setAccessibleName("Week-by-week calendar of the plan; the arrow keys move between days")
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)  # Tab leaves the calendar; arrows move between days
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.currentCellChanged.connect(lambda r, c, *_: self._chosen(r, c))
        self.horizontalHeader().sectionResized.connect(lambda *_: self.fit())

    def _chosen(self, row: int, col: int) -> None:
        item = self.item(row, col)
        self.day_chosen.emit(item.data(Qt.ItemDataRole.UserRole) if item is not None else None)

    def fill(self, view: Any, today: date, select: int | None) -> None:
        """The plan's weeks from the Monday of its start to the exam; the day of session `select`
        becomes the current one."""
        st = view.settings
        first = st.start_date - timedelta(days=st.start_date.weekday())
        weeks = (st.exam_date - first).days // 7 + 1
        by_day = {s.day: s for s in view.sessions}
        self.blockSignals(True)
        self.clearContents()
        self.setRowCount(weeks)
        current = None
        for w in range(weeks):
            monday = first + timedelta(weeks=w)
            head = QTableWidgetItem(f"Week {w + 1}\n{day_text(monday, year=False, short=True)}")
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.setItem(w, 0, head)
            for d in range(7):
                day = monday + timedelta(days=d)
                s = by_day.get(day)
                if s is not None:
                    text = cell_text(s, today)
                elif day == st.exam_date:
                    text = "◆ EXAM DAY\n" + ", ".join(st.tests)
                elif day == today:
                    text = "▶ TODAY\nno session"
                else:
                    text = day_text(day, year=False, short=True) if st.start_date <= day <= st.exam_date else ""
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, s.id if s is not None else None)
                said, when = " ".join(text.split()), day_text(day, weekday=True)
                item.setToolTip(plain_tip(f"{when}: {said}" if said else when))  # whole, for a narrow column
                if day == today or day == st.exam_date:  # marked by words in capitals and a tint, not bold
                    # (bold words did not fit a column at 200 % text)
                    mark = QColor(self.palette().highlight().color())
                    mark.setAlpha(50)  # a tint that works on light and dark themes; the words carry the meaning
                    item.setBackground(mark)
                elif s is None:
                    item.setForeground(self.palette().placeholderText())
                self.setItem(w, d + 1, item)
                if s is not None and s.id == select:
                    current = (w, d + 1)
        self.fit()
        self.blockSignals(False)
        if current is not None:
            if (self.currentRow(), self.currentColumn()) == current:
                self._chosen(*current)  # already the current day: no change to report it
            else:
                self.setCurrentCell(*current)  # reported by currentCellChanged

    def fit(self) -> None:
        """Rows as tall as their text at the current column widths, and no inner scrolling."""
        self.resizeRowsToContents()
        self.setFixedHeight(self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(self.rowCount())) + 4)
