"""About: what the app is, and that it is independent of ASE."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.pages.common import card, plain_label, scrolling_page

ABOUT = (
    "ASE Prep helps automotive technicians prepare for the ASE certification tests: timed, "
    "scenario-style practice exams shaped like the real computer-based tests, an honest picture "
    "of the content areas you keep missing, and study plans you can keep.\n\n"
    "ASE Prep is an independent study tool. It is not affiliated with, endorsed by or sponsored "
    "by the National Institute for Automotive Service Excellence (ASE). \"ASE\" is used only to "
    "name the tests this app helps you prepare for. All questions are original practice "
    "questions written for this app; they are not questions from any ASE test.\n\n"
    "Test figures (content areas, numbers of questions, time limits) come from published sources "
    "listed in the app's blueprint file; figures marked \"unverified\" could not be confirmed and "
    "may differ from the current test. Check ase.com before you book a test.\n\n"
    "Everything runs on this computer; the app never uses the network."
)


class AboutPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        lay = scrolling_page(self, "About ASE Prep")
        box, inner = card()
        text = plain_label(ABOUT)
        text.setAccessibleName("About ASE Prep")
        inner.addWidget(text)
        lay.addWidget(box)
        lay.addStretch(1)
