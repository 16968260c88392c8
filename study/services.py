"""Build the pieces the GUI and the command line share: the bank, the blueprints, the database
and the domain services over them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from questions.bank import QuestionBank, load_bank
from questions.blueprints import Blueprints, load_blueprints
from study.exams import ExamService
from study.settings import LearnerSettings
from study.storage.backup import (
    BACKUP_DIR,
    BackupError,
    Backups,
    CorruptDatabase,
    check,
    mark_clean_exit,
    mark_running,
    risky_location,
    was_unclean_exit,
)
from study.storage.database import Database, default_url, open_database, sqlite_path

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
    backups: Backups | None = None  # SQLite files only
    location_warning: str | None = None

    def analytics(self):  # type: ignore[no-untyped-def]
        """A fresh analytics reader with the learner's current settings."""
        from study.analytics.standings import Analytics

        return Analytics(self.db, self.blueprints, settings=self.settings.analytics())

    def progress(self):  # type: ignore[no-untyped-def]
        from study.analytics.progress import ProgressService

        return ProgressService(self.analytics(), self.bank)

    def plans(self):  # type: ignore[no-untyped-def]
        """The study plan and spaced-review queue, with the learner's current settings."""
        from study.planning.plans import PlanService

        return PlanService(self.db, self.blueprints, self.bank, self.analytics(), self.exams.learner_id)

    def close(self, *, backup: bool = False) -> None:
        """Close the database; with `backup`, take the at-exit copy first. Marks a clean exit."""
        if backup and self.backups is not None:
            try:
                self.backups.take("exit")
            except BackupError:
                pass  # the data itself is safe; a missing copy is reported next time
        self.db.dispose()
        mark_clean_exit(self.data_dir)


BANK_CACHE = Path("cache") / "bank.json"  # inside the data folder


def load_content(cache_file: Path | None = None) -> tuple[Blueprints, QuestionBank]:
    """Blueprints and the bundled bank; with `cache_file`, parsed YAML is kept there for the next start."""
    bp = load_blueprints()
    if cache_file is None:
        return bp, load_bank(blueprints=bp)
    from questions.bank_cache import load_bank_cached

    return bp, load_bank_cached(cache_file, bp)


def open_services(data_dir: Path | None = None, db_url: str | None = None) -> Services:
    """Open the database (migrating it) and load the bank.

    Raises DatabaseError for a file the app cannot use and CorruptDatabase when the health
    check after an unclean exit fails (the caller offers the newest good backup).
    """
    data_dir = data_dir or default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    url = database_url(data_dir, db_url)
    path = sqlite_path(url)
    backups = Backups(path, data_dir / BACKUP_DIR) if path is not None else None
    warning = risky_location(path.parent) if path is not None else None
    if path is not None and path.exists() and was_unclean_exit(data_dir):
        verdict = check(path, quick=True)
        if verdict != "ok":
            raise CorruptDatabase(path, verdict)
    mark_running(data_dir)
    def before_upgrade(rev: str) -> None:
        if backups is not None:
            backups.take(f"before-migration-from-{rev}")

    db = open_database(url, before_upgrade=before_upgrade)
    bp, bank = load_content(data_dir / BANK_CACHE)
    from study.classroom.imported import stored_questions

    # an instructor's mapped imports and the questions of sets opened here mix with the bundled bank
    bank = bank.with_questions(stored_questions(db, bank, bp))
    exams = ExamService(db, bank, bp)
    # answers to questions that have changed since they were given stop counting toward the standings
    from study.storage.versions import supersede_old_answers

    supersede_old_answers(db, exams.learner_id, {q.id: q.version for q in bank.questions})
    services = Services(data_dir, db, bp, bank, exams, LearnerSettings(db, exams.learner_id), backups, warning)
    # after each exam: the review queue takes its answers and the study plan re-plans what is ahead
    exams.finished_listeners.append(lambda exam_id: services.plans().after_exam(exam_id))
    # on a class server: answers left on this workstation by an offline session start going out now
    from study.storage.sync import attach_outbox

    attach_outbox(services)
    return services
