"""The look: one deep-blue accent, neutral greys, the system font at 11 pt times the text scale.

Three themes: light, dark, and "system", which follows the operating system's colour scheme and
switches when it does. In both palettes the exam screen's text colours meet WCAG AA (4.5:1) on
the backgrounds they are drawn on (tests/test_accessibility.py reads them from the style sheet).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#1f4e8c"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
BASE_POINT_SIZE = 11.0

LIGHT = {
    "window": "#f4f5f7", "panel": "#ffffff", "text": "#1b1f24", "muted": "#5a6270", "border": "#d3d7de",
    "accent": ACCENT, "accent_text": "#ffffff", "hover": "#e8eef7", "selected": "#dbe6f5",
    "good": "#1d6b3a", "bad": "#a3231f", "warn_bg": "#fff3cd", "warn_text": "#5c4100", "sidebar": "#e9ecf1",
}
DARK = {
    "window": "#1e2126", "panel": "#272b31", "text": "#e8eaed", "muted": "#adb4bf", "border": "#3c424b",
    "accent": "#8fb4ea", "accent_text": "#10151c", "hover": "#323844", "selected": "#2e4466",
    "good": "#7fd39b", "bad": "#ff9b94", "warn_bg": "#4a3b10", "warn_text": "#ffe08a", "sidebar": "#23262b",
}


THEMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}

# What was last applied, so a text-size change keeps the theme and "system" can follow the OS.
# "platform_dark": the platform palette's verdict, read at the first apply_theme, before the app's
# own palette replaces it (None until then).
_current: dict[str, object] = {"theme": "system", "scale": 1.0, "following": False, "confirmed": False,
                               "platform_dark": None}


def system_is_dark() -> bool:
    if not _current["confirmed"]:
        # Before the first window: the platform's own palette says whether the system is dark.
        # Asking styleHints().colorScheme() now would create PySide's whole Qt namespace (~40 ms
        # of enum set-up); confirm_system_theme() asks it once the window is up.
        return _platform_dark()
    hints = QGuiApplication.styleHints()
    try:
        from PySide6.QtCore import Qt

        scheme = hints.colorScheme()
        if scheme == Qt.ColorScheme.Unknown:
            return _platform_dark()
        return scheme == Qt.ColorScheme.Dark
    except AttributeError:  # older Qt
        return _platform_dark()


def _platform_dark() -> bool:
    return bool(_current["platform_dark"])


def confirm_system_theme(app: QApplication) -> None:
    """After the first paint: ask the system's colour scheme, repaint if the palette guessed
    wrong, and follow later switches."""
    before = theme_is_dark(current_theme())
    _current["confirmed"] = True
    _follow_system(app)
    if theme_is_dark(current_theme()) != before:
        apply_theme(app, float(_current["scale"]))  # type: ignore[arg-type]


def theme_is_dark(theme: str) -> bool:
    """Whether a theme choice ("system", "light" or "dark") paints dark right now."""
    return system_is_dark() if theme not in ("light", "dark") else theme == "dark"


def current_theme() -> str:
    """The theme choice last applied ("system" until one is chosen)."""
    return str(_current["theme"])


def colours(dark: bool | None = None) -> dict[str, str]:
    return DARK if (theme_is_dark(current_theme()) if dark is None else dark) else LIGHT


def stylesheet(c: dict[str, str], scale: float = 1.0) -> str:
    pt = BASE_POINT_SIZE * scale
    indicator = round(pt * 1.3)  # a check box's or radio button's box grows with its label (14 px at 11 pt)
    # the tick on the accent: a white one on the light theme's deep blue, a dark one on the dark theme's light blue
    tick = (ICONS / ("check-dark.svg" if c["accent_text"] == DARK["accent_text"] else "check-light.svg")).as_posix()
    return f"""
    QWidget {{ color: {c['text']}; }}
    QMainWindow, QStackedWidget#pages, QWidget#page {{ background: {c['window']}; }}
    QFrame#sidebar {{ background: {c['sidebar']}; border-right: 1px solid {c['border']}; }}
    QPushButton#nav {{ text-align: left; padding: 9px 16px; border: none; border-radius: 6px;
        background: transparent; font-size: {pt * 1.05:.1f}pt; }}
    QPushButton#nav:hover {{ background: {c['hover']}; }}
    QPushButton#nav:checked {{ background: {c['selected']}; font-weight: 600; }}
    QPushButton#nav:focus {{ outline: none; border: 2px solid {c['accent']}; }}
    QLabel#h1 {{ font-size: {pt * 1.7:.1f}pt; font-weight: 600; }}
    QLabel#h2 {{ font-size: {pt * 1.25:.1f}pt; font-weight: 600; }}
    QLabel#muted {{ color: {c['muted']}; }}
    QLabel#strong {{ font-weight: 600; }}
    QFrame#card {{ background: {c['panel']}; border: 1px solid {c['border']}; border-radius: 8px; }}
    QFrame#exhibit {{ background: {c['panel']}; border: 1px solid {c['border']}; border-radius: 8px; }}
    QLabel#exhibitCaption {{ font-weight: 600; }}
    QFrame#banner {{ background: {c['warn_bg']}; border: 1px solid {c['border']}; border-radius: 8px; }}
    QFrame#banner QLabel {{ color: {c['warn_text']}; }}
    QPushButton {{ padding: 7px 14px; border: 1px solid {c['border']}; border-radius: 6px;
        background: {c['panel']}; }}
    QPushButton:hover {{ background: {c['hover']}; }}
    QPushButton:focus {{ border: 2px solid {c['accent']}; }}
    QPushButton:disabled {{ color: {c['muted']}; }}
    QPushButton#primary {{ background: {c['accent']}; color: {c['accent_text']}; border: 1px solid {c['accent']};
        font-weight: 600; }}
    QPushButton#primary:focus {{ border: 2px solid {c['text']}; }}
    QToolButton#cross {{ padding: 5px 10px; border: 1px solid {c['border']}; border-radius: 6px;
        background: {c['panel']}; }}
    QToolButton#cross:hover {{ background: {c['hover']}; }}
    QToolButton#cross:focus {{ border: 2px solid {c['accent']}; }}
    QPushButton#mode {{ text-align: left; padding: 12px 16px; }}
    QPushButton#choice {{ text-align: left; padding: 0px; background: {c['panel']}; border-radius: 8px;
        border: 2px solid {c['border']}; }}
    QPushButton#choice:focus {{ border: 2px dashed {c['text']}; }}
    QPushButton#choice:checked {{ background: {c['selected']}; border: 2px solid {c['accent']}; }}
    QPushButton#choice:checked:focus {{ border: 2px dashed {c['accent']}; }}
    QLabel#choiceText[crossed="true"] {{ color: {c['muted']}; text-decoration: line-through; }}
    QPushButton#choice[mark="key"] {{ border: 2px solid {c['good']}; }}
    QPushButton#choice[mark="wrong"] {{ border: 2px solid {c['bad']}; }}
    QLabel#badge {{ background: {c['panel']}; color: {c['accent']}; border: 2px solid {c['accent']}; border-radius: 6px;
        font-weight: 700; padding: 4px 10px; }}
    QLabel#badge[selected="true"] {{ background: {c['text']}; color: {c['panel']}; }}
    QFrame#examHeader, QFrame#examFooter {{ background: {c['panel']}; border: 1px solid {c['border']}; }}
    QLabel#timer {{ font-size: {pt * 1.2:.1f}pt; font-family: monospace; }}
    QLabel#timer[warn="true"] {{ color: {c['warn_text']}; background: {c['warn_bg']}; border-radius: 4px;
        padding: 0 6px; }}
    QPushButton#primary QLabel#wrapText {{ color: {c['accent_text']}; }}
    QLabel#wrapText[off="true"] {{ color: {c['muted']}; }}
    QLabel#timeBanner {{ font-weight: 700; font-size: {pt * 1.1:.1f}pt; padding: 6px 20px; }}
    QLabel#timeBanner[warn="false"] {{ font-weight: 400; color: {c['muted']}; background: {c['panel']};
        border-bottom: 2px solid {c['border']}; }}
    QLabel#timeBanner[warn="true"] {{ color: {c['warn_text']}; background: {c['warn_bg']};
        border-bottom: 2px solid {c['warn_text']}; }}
    QLabel#walkNote {{ color: {c['accent']}; font-weight: 600; }}
    QLabel#stem {{ font-size: {pt * 1.15:.1f}pt; }}
    QLabel#good {{ color: {c['good']}; font-weight: 600; }}
    QLabel#bad {{ color: {c['bad']}; font-weight: 600; }}
    QPushButton#cell {{ min-width: 64px; padding: 6px; }}
    QPushButton#cell[answered="false"] {{ border: 2px dashed {c['muted']}; }}
    QPushButton#cell[flagged="true"] {{ border: 2px solid {c['accent']}; font-weight: 700; }}
    QTableView, QTreeWidget, QListWidget, QTextBrowser {{ background: {c['panel']}; border: 1px solid {c['border']};
        border-radius: 6px; alternate-background-color: {c['window']}; }}
    QCheckBox, QRadioButton {{ spacing: {round(pt * 0.6)}px; }}
    QCheckBox::indicator, QRadioButton::indicator, QTableView::indicator, QListView::indicator,
    QTreeView::indicator {{ width: {indicator}px; height: {indicator}px;
        border: 2px solid {c['muted']}; background: {c['panel']}; }}
    QCheckBox::indicator, QTableView::indicator, QListView::indicator, QTreeView::indicator {{ border-radius: 3px; }}
    QRadioButton::indicator {{ border-radius: {indicator // 2 + 2}px; }}
    QCheckBox::indicator:hover, QRadioButton::indicator:hover, QTableView::indicator:hover,
    QListView::indicator:hover, QTreeView::indicator:hover {{ border-color: {c['accent']}; }}
    QCheckBox::indicator:checked, QTableView::indicator:checked, QListView::indicator:checked,
    QTreeView::indicator:checked {{ background: {c['accent']}; border-color: {c['accent']}; image: url("{tick}"); }}
    QRadioButton::indicator:checked {{ border-color: {c['accent']}; background: qradialgradient(cx: 0.5, cy: 0.5,
        radius: 0.5, fx: 0.5, fy: 0.5, stop: 0 {c['accent']}, stop: 0.55 {c['accent']}, stop: 0.6 {c['panel']},
        stop: 1 {c['panel']}); }}
    QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: {c['border']}; }}
    QHeaderView::section {{ background: {c['window']}; border: none; border-bottom: 1px solid {c['border']};
        padding: 4px 6px; font-weight: 600; }}
    """


def apply_theme(app: QApplication, scale: float = 1.0, dark: bool | None = None, *,
                theme: str | None = None) -> dict[str, str]:
    """Paint the app. `theme` ("system", "light", "dark") is remembered for later calls; without
    it the last choice stays. `dark` forces one palette for this call only."""
    if theme is not None:
        _current["theme"] = theme if theme in THEMES else "system"
    _current["scale"] = scale
    if _current["platform_dark"] is None:
        _current["platform_dark"] = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    if _current["confirmed"]:
        _follow_system(app)
    c = colours(dark)
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * scale)
    app.setFont(font)
    pal = app.palette()
    for role, key in ((QPalette.ColorRole.Window, "window"), (QPalette.ColorRole.Base, "panel"),
                      (QPalette.ColorRole.Text, "text"), (QPalette.ColorRole.WindowText, "text"),
                      (QPalette.ColorRole.ButtonText, "text"), (QPalette.ColorRole.Button, "panel"),
                      (QPalette.ColorRole.Highlight, "accent"), (QPalette.ColorRole.HighlightedText, "accent_text"),
                      (QPalette.ColorRole.AlternateBase, "window"), (QPalette.ColorRole.ToolTipBase, "panel"),
                      (QPalette.ColorRole.ToolTipText, "text"), (QPalette.ColorRole.PlaceholderText, "muted"),
                      (QPalette.ColorRole.Link, "accent")):
        pal.setColor(role, QColor(c[key]))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(c["muted"]))
    app.setPalette(pal)
    app.setStyleSheet(stylesheet(c, scale))
    return c


def _follow_system(app: QApplication) -> None:
    """Repaint when the OS switches between light and dark, while the choice is "system"."""
    if _current["following"]:
        return
    _current["following"] = True
    hints = QGuiApplication.styleHints()
    signal = getattr(hints, "colorSchemeChanged", None)  # Qt 6.5+
    if signal is None:
        return

    def changed(*_: object) -> None:
        if current_theme() == "system":
            apply_theme(app, float(_current["scale"]))  # type: ignore[arg-type]

    signal.connect(changed)
