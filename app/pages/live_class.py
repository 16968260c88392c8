"""Live class: who is taking what right now and how far each has got, today's answers per student
and content area, and the item analysis of practice sets taken today. Read from the class server
every few seconds on a worker, so the screen never waits for the network."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.ops import Change
from app.pages.common import card, fmt_clock, page_layout, plain_label, scrolling
from app.table_model import Cell, RowsTable, cell, number
from questions.percent import percent_text
from study.day_words import clock_text

REFRESH_MS = 4000
IDLE_MINUTES = 5  # no change for this long: the row says "idle"


def _table(columns: list[str], name: str) -> RowsTable:
    t = RowsTable(columns, name)
    t.setMinimumHeight(0)
    return t


def _fit_height(t: RowsTable, wide: bool = False) -> None:
    """Show every row (the page scrolls, not the table): a class of 30 fits on two screens."""
    t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    rows = sum(t.rowHeight(r) for r in range(t.rowCount()))
    bar = t.horizontalScrollBar().sizeHint().height() if wide else 0
    t.setFixedHeight(t.horizontalHeader().height() + rows + 2 * t.frameWidth() + bar + 2)


class LiveClassPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.live: Any = None
        self._busy = False
        inner = QWidget()
        lay = page_layout(inner, "Live class", "Who is taking what right now, refreshed every few seconds. "
                                                "On a class server an instructor's login sees every student; "
                                                "a student's login sees only their own work.")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(inner))

        row = QHBoxLayout()
        self.status = plain_label("Reading the class...", "muted")
        self.status.setAccessibleName("When the class was last read")
        row.addWidget(self.status, 1)
        self.refresh_btn = QPushButton("Refresh now")
        self.refresh_btn.setAccessibleName("Read the class again now")
        self.refresh_btn.clicked.connect(self.refresh)
        row.addWidget(self.refresh_btn)
        lay.addLayout(row)

        box, b = card()
        b.addWidget(plain_label("Taking an exam now", "h2"))
        self.empty = plain_label("Nobody is taking an exam right now. Rows appear here as students start.", "muted")
        b.addWidget(self.empty)
        self.table = _table(["Student", "Exam", "Progress", "Answered", "Time left", "Last change"],
                            "Exams in progress, one row per student")
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        b.addWidget(self.table)
        lay.addWidget(box)

        heat, hb = card()
        hb.addWidget(plain_label("Today's answers by content area", "h2"))
        hb.addWidget(plain_label("Percent right of the answers given today (answers in brackets); darker is "
                                 "better. An empty cell: no answers in that area yet.", "muted"))
        self.heat = _table(["Student"], "Percent right today per student and content area")
        hb.addWidget(self.heat)
        lay.addWidget(heat)

        items, ib = card()
        ib.addWidget(plain_label("Item analysis of today's practice sets", "h2"))
        self.items_note = plain_label("", "muted")
        ib.addWidget(self.items_note)
        self.items = _table(["Set", "Question", "Area", "Attempts", "Facility %", "Discrimination", "A", "B", "C",
                             "D", "Blank"], "Item analysis: facility and discrimination per question")
        ib.addWidget(self.items)
        lay.addWidget(items)
        lay.addStretch(1)

        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        ctx.changed.connect(lambda what: self.refresh() if what & Change.EXAMS and self.isVisible() else None)

    def on_show(self) -> None:
        self.refresh()
        self.timer.start()

    def hideEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        self.timer.stop()  # no queries while nobody is looking
        super().hideEvent(e)

    def refresh(self) -> None:
        s = self.ctx.services
        if s is None or self._busy:
            return
        self._busy = True
        self.ctx.ops.read(s.live_class, self._fill, self._failed, owner=self)

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self._busy = False
        self.status.setText(f"Could not read the class server ({exc.__class__.__name__}); trying again in a few "
                            "seconds. The students' answers are kept on their computers meanwhile.")

    def _fill(self, live) -> None:  # type: ignore[no-untyped-def]
        self._busy = False
        self.live = live
        n = len(live.sittings)
        self.status.setText(f"Read at {clock_text(live.read_at, seconds=True)}: {n} exam{'s' if n != 1 else ''} in progress, "
                            f"{live.finished_today} finished today.")
        self._fill_sittings(live.sittings)
        self._fill_heat(live.today)
        self._fill_items(live.items)

    def _fill_sittings(self, sittings: Any) -> None:
        t = self.table
        self.empty.setVisible(not sittings)
        t.setVisible(bool(sittings))
        rows = []
        for x in sittings:
            left = x.time_left_seconds
            idle = x.idle_minutes >= IDLE_MINUTES
            rows.append([cell(x.learner, data=x), cell(x.title),
                         number("", x.answered / max(1, x.question_count)),
                         number(f"{x.answered} of {x.question_count}, on question {x.position + 1}", x.answered),
                         number("untimed" if left is None else fmt_clock(left), left),
                         number(f"idle {x.idle_minutes:.0f} min" if idle else clock_text(x.last_change, seconds=True),
                                -x.idle_minutes)])
        t.set_rows(rows)
        for r in range(t.rowCount()):  # each row's progress as a bar, beside the words that say it
            x = t.item(r, 0).data()
            bar = QProgressBar()
            bar.setRange(0, max(1, x.question_count))
            bar.setValue(x.answered)
            bar.setTextVisible(False)
            bar.setAccessibleName(f"{x.learner}: {x.progress_text}")
            t.setIndexWidget(t.proxy.index(r, 2), bar)
        _fit_height(t)

    def _fill_heat(self, today: Any) -> None:
        areas = sorted({a for row in today.values() for a in row})
        h = self.heat
        h.set_headers(["Student", *areas])
        accent = self.palette().highlight().color()
        rows = []
        for name in sorted(today):
            row = [cell(name)]
            for area in areas:
                right, n = today[name].get(area, (0, 0))
                if not n:
                    row.append(number("", None))
                    continue
                pct = 100.0 * right / n
                shade = QColor(accent)
                shade.setAlphaF(0.08 + 0.5 * pct / 100)
                row.append(Cell(f"{percent_text(pct)} ({n})", pct, None, f"{name}, {area}: {right} of {n} right today",
                                center=True, background=shade))
            rows.append(row)
        h.set_rows(rows)
        h.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        _fit_height(h, wide=True)

    def _fill_items(self, items: Any) -> None:
        self.items_note.setText("Facility: percent who got it right. Discrimination: how well the question "
                                "separates stronger from weaker students (Moodle's index; under 20 is worth a look)."
                                if items else "No practice set has been taken on the server today.")
        t = self.items
        t.setVisible(bool(items))
        t.set_rows([[cell(it.set_title), number(str(it.position), it.position), cell(it.area),
                     number(str(it.attempts), it.attempts),
                     number("-" if it.facility is None else f"{it.facility:.0f}", it.facility),
                     number("-" if it.discrimination is None else f"{it.discrimination:.0f} ({it.discrimination_band})",
                            it.discrimination),
                     *[number(str(n), n) for n in it.choice_counts]] for it in items])
        _fit_height(t)


if __name__ == "__main__":  # preview: python -m app.pages.live_class [--db URL]
    import argparse
    import sys

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.theme import apply_theme
    from study.services import open_services

    p = argparse.ArgumentParser()
    p.add_argument("--db")
    a = p.parse_args()
    app = QApplication(sys.argv[:1])
    apply_theme(app)
    c = AppContext(QSettings())
    c.set_services(open_services(None, a.db))
    page = LiveClassPage(c)
    page.resize(1100, 800)
    page.show()
    page.on_show()
    app.exec()
