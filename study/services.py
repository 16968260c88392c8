"""Build the pieces the GUI and the command line share: the bank, the blueprints, the database
and the domain services over them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from questions.bank import QuestionBank, load_bank
from questions.blueprints import Blueprints, load_blueprints
from study.database import Database, default_url, open_database
from study.exams import ExamService
from study.settings import LearnerSettings

APP_NAME = "ASE Prep"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_url(data_dir: Path | None, db_url: str | None) -> str:
    if db_url:
        return db_url
    return default_url(data_dir or default_data_dir())


@dataclass
class Services:
    """Everything a screen or a command needs, made once at start."""

    data_dir: Path
    db: Database
    blueprints: Blueprints
    bank: QuestionBank
    exams: ExamService
    settings: LearnerSettings

    def analytics(self):  # type: ignore[no-untyped-def]
        """A fresh analytics reader with the learner's current settings."""
        from study.analytics import Analytics

        return Analytics(self.db, self.blueprints, settings=self.settings.analytics())

    def progress(self):  # type: ignore[no-untyped-def]
        from study.progress import ProgressService

        return ProgressService(self.analytics(), self.bank)

    def close(self) -> None:
        self.db.dispose()


def load_content() -> tuple[Blueprints, QuestionBank]:
    bp = load_blueprints()
    return bp, load_bank(blueprints=bp)


def open_services(data_dir: Path | None = None, db_url: str | None = None) -> Services:
    """Open the database (migrating it) and load the bank; raises DatabaseError on a bad file."""
    data_dir = data_dir or default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(database_url(data_dir, db_url))
    bp, bank = load_content()
    exams = ExamService(db, bank, bp)
    return Services(data_dir, db, bp, bank, exams, LearnerSettings(db, exams.learner_id))
