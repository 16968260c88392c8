"""What the charts draw, read back from the figure: the score-over-time axis shows clock times when
the exams fall on one day, its legend never covers the latest point, a heat-map value is readable
on its cell (WCAG contrast of at least 4.5:1), and an area's share of the real test is its own
marker in words under the area, not a second bar on the accuracy scale."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace as NS

import pytest
from matplotlib.figure import Figure

from app.theme import colours

pytestmark = pytest.mark.gui


def drawn(draw, *args):  # type: ignore[no-untyped-def]
    fig = Figure(figsize=(6, 2.8), layout="constrained")
    c = colours(False)
    fig.set_facecolor(c["panel"])
    draw(fig, c, *args)
    fig.canvas.draw()
    return fig


def readiness():
    return NS(scored_questions=45, day_low=20, day_high=34, target=0.75)


def points(day_apart: bool):
    start = datetime(2026, 11, 20, 9, 5)
    step = timedelta(days=3) if day_apart else timedelta(minutes=50)
    return [NS(exam_id=i, finished=start + i * step, mode="quick10", percent=p) for i, p in enumerate([50, 60, 15])]


def test_exams_on_one_day_are_told_apart_by_their_clock_times():
    import re

    from app.pages.progress import ProgressPage

    fig = drawn(ProgressPage._draw_scores, points(False), readiness())
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and all(re.fullmatch(r"1?\d:\d\d [AP]M", t) for t in labels), labels  # 9:30 AM, 10:00 AM (not "20 09:30")
    assert ax.get_xlabel() == "Friday, November 20, 2026"  # the day, said once


def test_the_legend_never_covers_the_latest_score():
    from app.pages.progress import ProgressPage

    for apart in (False, True):
        fig = drawn(ProgressPage._draw_scores, points(apart), readiness())
        ax = fig.axes[0]
        line = next(ln for ln in ax.get_lines() if len(ln.get_xdata()) == 3)
        x, y = ax.transData.transform(line.get_xydata()[-1])
        box = ax.get_legend().get_window_extent()
        assert not box.contains(x, y), (box, x, y)


def luminance(rgb):  # type: ignore[no-untyped-def]
    def ch(v):  # type: ignore[no-untyped-def]
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (ch(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):  # type: ignore[no-untyped-def]
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_every_heat_map_value_is_readable_on_its_cell():
    from matplotlib.colors import to_rgb

    from app.pages.progress import ProgressPage

    monday = date(2026, 11, 2)
    weeks = [NS(area=a, week=monday + timedelta(weeks=w), answered=20, correct=k)
             for w, (a, k) in enumerate([(a, k) for a in "ABC" for k in (1, 10, 19, 20)])]
    report = NS(standing=NS(areas=[NS(area=a) for a in "ABC"]), weeks=weeks)
    fig = drawn(ProgressPage._draw_heat, report)
    ax = fig.axes[0]
    image = ax.get_images()[0]
    values = [t for t in ax.texts if t.get_text()]
    assert values
    for t in values:
        j, i = t.get_position()
        cell = image.cmap(image.norm(image.get_array()[int(i), int(j)]))
        assert contrast(to_rgb(t.get_color()), cell) >= 4.5, (t.get_text(), t.get_color(), cell)


def test_the_share_of_the_real_test_is_a_marker_under_each_area_not_a_bar_on_the_accuracy_scale():
    from app.pages.results import ResultsPage

    score = NS(areas=[NS(area="A", title="Hydraulic", total=10, correct=7, percent=70.0, real_test_share=0.3),
                      NS(area="B", title="Drum", total=5, correct=2, percent=40.0, real_test_share=0.1)])
    fig = drawn(ResultsPage._draw_chart, score)
    ax = fig.axes[0]
    assert len(ax.patches) == 2, "one bar per area: your percent correct"
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["A\n30%\nof the test", "B\n10%\nof the test"]
