"""Live class: who is taking what right now and how far each has got, today's answers per student
and content area, and the item analysis of practice sets taken today. Read from the class server
every few seconds on a worker, so the screen never waits for the network."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import AppContext
from app.messages import plain_tip
from app.pages.common import card, fmt_clock, page_layout, plain_label, scrolling
from app.workers import run_in_background

REFRESH_MS = 4000
IDLE_MINUTES = 5  # no change for this long: the row says "idle"


def _table(columns: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(columns))
    t.setHorizontalHeaderLabels(columns)
    t.setAccessibleName(name)
    t.verticalHeader().hide()
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.setSortingEnabled(True)
    return t


def _item(text: str) -> QTableWidgetItem:
    return QTableWidgetItem(text)


def _fit_height(t: QTableWidget, wide: bool = False) -> None:
    """Show every row (the page scrolls, not the table): a class of 30 fits on two screens."""
    t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    rows = sum(t.rowHeight(r) for r in range(t.rowCount()))
    bar = t.horizontalScrollBar().sizeHint().height() if wide else 0
    t.setFixedHeight(t.horizontalHeader().height() + rows + 2 * t.frameWidth() + bar + 2)


class LiveClassPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.live = None
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
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        b.addWidget(self.table)
        lay.addWidget(box)

        heat, hb = card()
        hb.addWidget(plain_label("Today's answers by content area", "h2"))
        hb.addWidget(plain_label("Percent right of the answers given today (answers in brackets); darker is "
                                 "better. An empty cell: no answers in that area yet.", "muted"))
        self.heat = _table(["Student"], "Percent right today per student and content area")
        self.heat.sortByColumn(0, Qt.SortOrder.AscendingOrder)
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
        ctx.changed.connect(lambda what: self.refresh() if what == "exams" and self.isVisible() else None)

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
        from study.classroom.live import live_class

        db, bp = s.db, s.blueprints
        run_in_background(lambda: live_class(db, bp), self._fill, self._failed)

    def _failed(self, exc: BaseException, _tb: str) -> None:
        self._busy = False
        self.status.setText(f"Could not read the class server ({exc.__class__.__name__}); trying again in a few "
                            "seconds. The students' answers are kept on their computers meanwhile.")

    def _fill(self, live) -> None:  # type: ignore[no-untyped-def]
        self._busy = False
        self.live = live
        n = len(live.sittings)
        self.status.setText(f"Read at {live.read_at:%H:%M:%S}: {n} exam{'s' if n != 1 else ''} in progress, "
                            f"{live.finished_today} finished today.")
        self._fill_sittings(live.sittings)
        self._fill_heat(live.today)
        self._fill_items(live.items)

    def _fill_sittings(self, sittings) -> None:  # type: ignore[no-untyped-def]
        t = self.table
        t.setSortingEnabled(False)
        t.setRowCount(len(sittings))
        self.empty.setVisible(not sittings)
        t.setVisible(bool(sittings))
        for i, x in enumerate(sittings):
            t.setItem(i, 0, _item(x.learner))
            t.setItem(i, 1, _item(x.title))
            bar = QProgressBar()
            bar.setRange(0, max(1, x.question_count))
            bar.setValue(x.answered)
            bar.setTextVisible(False)
            bar.setAccessibleName(f"{x.learner}: {x.progress_text}")
            t.setCellWidget(i, 2, bar)
            t.setItem(i, 2, _item(""))
            t.setItem(i, 3, _item(f"{x.answered} of {x.question_count}, on question {x.position + 1}"))
            left = x.time_left_seconds
            t.setItem(i, 4, _item("untimed" if left is None else fmt_clock(left)))
            idle = x.idle_minutes >= IDLE_MINUTES
            t.setItem(i, 5, _item(f"idle {x.idle_minutes:.0f} min" if idle else f"{x.last_change:%H:%M:%S}"))
        t.setSortingEnabled(True)
        _fit_height(t)

    def _fill_heat(self, today) -> None:  # type: ignore[no-untyped-def]
        areas = sorted({a for row in today.values() for a in row})
        h = self.heat
        h.setSortingEnabled(False)
        h.clear()
        h.setColumnCount(1 + len(areas))
        h.setHorizontalHeaderLabels(["Student", *areas])
        h.setRowCount(len(today))
        accent = self.palette().highlight().color()
        for i, name in enumerate(sorted(today)):
            h.setItem(i, 0, _item(name))
            for j, area in enumerate(areas, start=1):
                right, n = today[name].get(area, (0, 0))
                if not n:
                    continue
                pct = 100.0 * right / n
                cell = _item(f"{pct:.0f} % ({n})")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                shade = QColor(accent)
                shade.setAlphaF(0.08 + 0.5 * pct / 100)
                cell.setBackground(QBrush(shade))
                cell.setToolTip(plain_tip(f"{name}, {area}: {right} of {n} right today"))
                h.setItem(i, j, cell)
        h.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        h.setSortingEnabled(True)
        _fit_height(h, wide=True)

    def _fill_items(self, items) -> None:  # type: ignore[no-untyped-def]
        self.items_note.setText("Facility: percent who got it right. Discrimination: how well the question "
                                "separates stronger from weaker students (Moodle's index; under 20 is worth a look)."
                                if items else "No practice set has been taken on the server today.")
        t = self.items
        t.setVisible(bool(items))
        t.setSortingEnabled(False)
        t.setRowCount(len(items))
        for i, it in enumerate(items):
            disc = "-" if it.discrimination is None else f"{it.discrimination:.0f} ({it.discrimination_band})"
            values = [it.set_title, str(it.position), it.area, str(it.attempts),
                      "-" if it.facility is None else f"{it.facility:.0f}", disc, *map(str, it.choice_counts)]
            for j, v in enumerate(values):
                t.setItem(i, j, _item(v))
        t.setSortingEnabled(True)
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
