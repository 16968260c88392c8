"""Build the pieces the GUI and the command line share: the bank, the blueprints, the database
and the domain services over them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from questions.bank import QuestionBank, load_bank
from questions.blueprints import Blueprints, load_blueprints
from study.exams import ExamService
from study.settings import LearnerSettings
from study.storage.backup import BACKUP_DIR, BackupError, Backups
from study.storage.database import (
    STORAGE_ADVICE,
    CorruptDatabase,
    Database,
    DatabaseError,
    default_url,
    open_database,
    reason_in_words,
    sqlite_path,
)
from study.storage.health import check, header_problem, mark_clean_exit, mark_running, risky_location, was_unclean_exit

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
    backup_warning: str | None = None  # the last backup failed (at exit, say) and none has worked since

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

    def close(self, *, backup: bool = False) -> str | None:
        """Close the database; with `backup`, take the at-exit copy first. Marks a clean exit.
        Returns why the at-exit copy failed, if it did (it is also told at the next start)."""
        failed = None
        if backup and self.backups is not None:
            try:
                self.backups.take("exit")
            except BackupError as e:
                failed = str(e)  # the data itself is safe; Backups remembers the failure for the next start
        self.db.dispose()
        mark_clean_exit(self.data_dir)
        return failed


BANK_CACHE = Path("cache") / "bank.json"  # inside the data folder


def load_content(cache_file: Path | None = None) -> tuple[Blueprints, QuestionBank]:
    """Blueprints and the bundled bank; with `cache_file`, parsed YAML is kept there for the next start."""
    bp = load_blueprints()
    if cache_file is None:
        return bp, load_bank(blueprints=bp)
    from questions.bank_cache import load_bank_cached

    return bp, load_bank_cached(cache_file, bp)


def local_backups(data_dir: Path | None, db_url: str | None) -> Backups | None:
    """The backups of the SQLite database these start options name (None for a server), whether or
    not that database can be opened: Help > Restore backup works on a database that cannot."""
    path = sqlite_path(database_url(data_dir or default_data_dir(), db_url))
    return Backups(path, (data_dir or default_data_dir()) / BACKUP_DIR) if path is not None else None


def open_services(data_dir: Path | None = None, db_url: str | None = None) -> Services:
    """Open the database (migrating it) and load the bank.

    Raises CorruptDatabase for a file that is unreadable, not a database, left half-upgraded, or
    that fails the health check after an unclean exit (the caller offers the newest good backup);
    DatabaseError for a database the app cannot use and for a data folder it cannot write, with a
    sentence that says what to do.
    """
    data_dir = data_dir or default_data_dir()
    url = database_url(data_dir, db_url)
    try:
        return _open(data_dir, url)
    except OSError as e:
        raise folder_problem(data_dir, e) from e


def folder_problem(data_dir: Path, e: OSError) -> DatabaseError:
    from study.storage.files import what_to_do, why_not_written

    return DatabaseError(f"ASE Prep cannot use its data folder {data_dir}: {why_not_written(e)} "
                         f"({e.strerror or e}). {what_to_do(e)}.")


def _open(data_dir: Path, url: str) -> Services:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = sqlite_path(url)
    backups = Backups(path, data_dir / BACKUP_DIR) if path is not None else None
    warning = risky_location(path.parent) if path is not None else None
    if path is not None and backups is not None:
        backups.clean_leftovers()
        if path.exists():
            problem = header_problem(path, backups_exist=bool(backups.all()))
            if problem is None and was_unclean_exit(data_dir):
                verdict = check(path, quick=True)
                problem = None if verdict == "ok" else verdict
                reason = reason_in_words(verdict, path.parent) if problem else None
                if reason is not None:  # the disk or the folder, not the file: never "damaged"
                    raise DatabaseError(f"ASE Prep cannot check its data file {path}: {reason} ({verdict}). "
                                        f"{STORAGE_ADVICE[reason]}")
            if problem is not None:
                raise CorruptDatabase(path, problem)
    mark_running(data_dir)

    def before_upgrade(rev: str) -> None:
        if backups is not None:
            backups.take(f"before-migration-from-{rev}")

    db = open_database(url, before_upgrade=before_upgrade)
    try:
        return _build(data_dir, db, backups, warning)
    except SQLAlchemyError as e:  # the file opened, but its pages are damaged
        db.dispose()
        low = str(e).lower()
        if path is not None and ("malformed" in low or "not a database" in low or "corrupt" in low):
            raise CorruptDatabase(path, str(getattr(e, "orig", None) or e).splitlines()[0]) from e
        raise


def _build(data_dir: Path, db: Database, backups: Backups | None, warning: str | None) -> Services:
    bp, bank = load_content(data_dir / BANK_CACHE)
    from study.classroom.imported import stored_questions, stored_set_questions

    # an instructor's mapped imports mix with the bundled bank; the questions of sets opened here are
    # known for their own exams only
    bank = bank.with_questions(stored_questions(db, bank, bp))
    exams = ExamService(db, bank, bp)
    exams.know_set_questions(stored_set_questions(db, bank, bp))
    # answers to questions that have changed since they were given stop counting toward the standings
    from study.storage.versions import supersede_old_answers

    supersede_old_answers(db, exams.learner_id, {q.id: q.version for q in bank.questions})
    services = Services(data_dir, db, bp, bank, exams, LearnerSettings(db, exams.learner_id), backups, warning,
                        backups.last_failure() if backups is not None else None)
    # after each exam: the review queue takes its answers and the study plan re-plans what is ahead
    exams.finished_listeners.append(lambda exam_id: services.plans().after_exam(exam_id))
    # on a class server: answers left on this workstation by an offline session start going out now
    from study.storage.sync import attach_outbox

    attach_outbox(services)
    return services
