"""Instructor: build a practice set and hand it out as a file, bring in your own questions
(GIFT, Aiken, CSV, Moodle XML) and send questions out for an LMS, and see the class from the result
files students send back (with the LMS's roster, and a gradebook the LMS imports).

This module assembles the page from its three tabs, each a module of its own: instructor_build
(Build a set, with instructor_preview for "Preview as a student"), instructor_questions (My
questions) and instructor_class (Class results); the pieces they share are in instructor_common.
Text from files (questions, student names) is shown only through plain_label and plain-text
table cells, never as rich text; the dialogs come through the context (ctx.dialogs).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QTabWidget, QWidget

from app.context import AppContext
from app.ops import Change
from app.pages.common import page_layout, scrolling
from app.pages.instructor_build import BuildTab
from app.pages.instructor_class import ClassTab
from app.pages.instructor_questions import QuestionsTab


@dataclass(frozen=True)
class ResultFiles:
    """A hand-off: students' result files to import on Class results (double-clicked, say)."""

    paths: tuple[str, ...]


class InstructorPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self._filled = False
        lay = page_layout(self, "Instructor", "Build practice sets and hand them out as files, bring in your own "
                                              "questions, and see where the class is weak from the results.")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Instructor sections")
        self.tabs.tabBar().setAccessibleName("Instructor sections: Build a set, My questions, Class results")
        self.build = BuildTab(ctx)
        self.questions = QuestionsTab(ctx)
        self.klass = ClassTab(ctx)
        for w, title in ((self.build, "Build a set"), (self.questions, "My questions"), (self.klass, "Class results")):
            self.tabs.addTab(scrolling(w, f"{title} tab"), title)
        lay.addWidget(self.tabs, 1)
        ctx.ready.connect(self.fill)
        ctx.changed.connect(self._changed)

    @property
    def loading(self) -> bool:
        return self.questions.loading or self.klass.loading or self.klass.roster.loading

    def on_show(self) -> None:
        if self.ctx.services is not None and not self._filled:
            self.fill()
        request = self.ctx.take_request("instructor")
        if isinstance(request, ResultFiles):
            self.import_result_files(list(request.paths))

    def fill(self) -> None:
        if self.ctx.services is None:
            return
        self._filled = True
        self.build.fill()
        self.questions.fill()
        self.klass.fill()

    def import_result_files(self, paths: list[str]) -> None:
        """Result files handed to the app (double-clicked): imported on Class results, as its Import would."""
        self.tabs.setCurrentIndex(2)
        if self.ctx.services is not None and not self._filled:
            self.fill()
        self.klass.import_files(paths)

    def _changed(self, what: Change) -> None:
        if not self._filled:
            return
        if what & Change.QUESTIONS:
            self.build.fill()
            self.questions.refresh()
        if what & Change.SETS:
            self.klass.fill()


if __name__ == "__main__":  # a preview of the page alone: python -m app.pages.instructor [DATA_DIR]
    import sys

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from study.services import open_services

    app = QApplication(sys.argv)
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.home() / ".ase-prep-preview"
    ctx = AppContext(QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat))
    page = InstructorPage(ctx)
    page.resize(1180, 800)
    page.show()
    ctx.set_services(open_services(data))
    sys.exit(app.exec())
