"""Build the pieces the GUI and the command line share: the bank, the blueprints, the database
and the domain services over them.

`Services` is the one door to the domain: each screen and each command asks it for what it needs
(typed accessors, `start_exam`, `open_set`), and it is the only place that knows how the pieces are
wired (the outbox of a class server, the after-exam listeners). Nothing else in study/ imports this
module (import-linter keeps it so)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import SQLAlchemyError

from questions.bank import QuestionBank, load_bank
from questions.blueprints import Blueprints, load_blueprints
from study.exams import ActiveExam, ExamNotFinished, ExamService
from study.fast_start import Content, still_current
from study.fast_start import content as data_content
from study.settings import LearnerSettings
from study.storage.backup import BACKUP_DIR, BackupError, Backups
from study.storage.database import (
    DB_FILENAME,
    CorruptDatabase,
    Database,
    DatabaseError,
    default_url,
    open_database,
    sqlite_path,
)
from study.storage.failures import STORAGE_ADVICE, reason_in_words
from study.storage.health import check, header_problem, mark_clean_exit, mark_running, risky_location, was_unclean_exit
from study.storage.records import ImportedQuestionRecord, PracticeSetRecord

if TYPE_CHECKING:
    from questions.exam import ExamForm
    from study.analytics.progress import ProgressService
    from study.analytics.standings import Analytics
    from study.certs import CertificationService
    from study.classroom.imported import ImportedQuestions
    from study.classroom.live import LiveClass
    from study.classroom.results import ClassroomService
    from study.classroom.roster import RosterService
    from study.classroom.sets import OpenedSet, PracticeSetService
    from study.planning.plans import PlanService

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
    bank_key: str = ""  # the key of the bank and blueprint files the content came from (questions/bank_cache.py)

    @property
    def learner_id(self) -> int:
        return self.exams.learner_id

    # -- readers and services over the learner's records, with the learner's current settings
    def analytics(self) -> Analytics:
        """A fresh analytics reader with the learner's current settings."""
        from study.analytics.standings import Analytics

        return Analytics(self.db, self.blueprints, settings=self.settings.analytics())

    def progress(self) -> ProgressService:
        from study.analytics.progress import ProgressService

        return ProgressService(self.analytics(), self.bank)

    def plans(self) -> PlanService:
        """The study plan and spaced-review queue, with the learner's current settings."""
        from study.planning.plans import PlanService

        return PlanService(self.db, self.blueprints, self.bank, self.analytics(), self.exams.learner_id)

    def certs(self) -> CertificationService:
        from study.certs import CertificationService

        return CertificationService(self.db, self.blueprints, self.exams.learner_id)

    def practice_sets(self) -> PracticeSetService:
        from study.classroom.sets import PracticeSetService

        return PracticeSetService(self.db, self.blueprints)

    def classroom(self) -> ClassroomService:
        """Result files in (each import after a backup), the class report out."""
        from study.classroom.results import ClassroomService

        return ClassroomService(self.db, self.blueprints, settings=self.settings.analytics(), backups=self.backups)

    def roster(self) -> RosterService:
        """The class roster from the LMS, results matched to it, and the gradebook the LMS imports."""
        from study.classroom.roster import RosterService

        return RosterService(self.db, self.blueprints)

    def imported(self) -> ImportedQuestions:
        """The instructor's own questions (each import after a backup)."""
        from study.classroom.imported import ImportedQuestions

        return ImportedQuestions(self.db, self.blueprints, backups=self.backups)

    def live_class(self) -> LiveClass:
        """Who is taking what right now on a class server, and today's answers (Instructor > Live class)."""
        from study.classroom.live import live_class

        return live_class(self.db, self.blueprints)

    # -- exams
    def start_exam(self, form: ExamForm, title: str = "", source: str = "", *,
                   replace_unfinished: bool = False) -> ActiveExam:
        """Store a new exam and return it running. An unfinished exam raises ExamNotFinished (with
        its summary, for the one "exam not finished" question) unless `replace_unfinished`: then it
        is closed unfinished first, its answers kept in the history."""
        unfinished = self.exams.in_progress()
        if unfinished is not None:
            if not replace_unfinished:
                raise ExamNotFinished(unfinished)
            self.exams.abandon(unfinished.id)
        return self.exams.start(form, title, source)

    def open_set(self, path: Path, *, seed: int | None = None) -> OpenedSet:
        """Read a practice-set file, keep it, make its questions known for its own exams (never drawn
        into others), and return the exam to start. The learner's extra time applies to its limit."""
        from questions.exam import build_custom
        from study.classroom.sets import SOURCE_PREFIX, OpenedSet, check_against_blueprints, load_set, local_questions

        ps = load_set(path)
        check_against_blueprints(ps, self.blueprints, path.name)
        self.practice_sets().record(ps, authored=False)
        local = local_questions(ps, self.bank)
        self.exams.know_set_questions(local)
        limit = ps.time_limit_seconds
        if limit is not None:
            limit = int(round(limit * self.settings.extra_time()))
        seed = seed if seed is not None else random.SystemRandom().randrange(1, 2**31)
        form = build_custom(ps.test, ps.mode, [q.id for q in local], {q.id: q.area for q in local}, seed, limit,
                            shuffle=ps.shuffle)
        return OpenedSet(ps, form, ps.title, f"{SOURCE_PREFIX}{ps.hash}")

    def refresh_bank(self) -> QuestionBank:
        """Rebuild the bank from the bundled questions and the imports stored now (after an import, a
        mapping or a removal), so exams and set building see the change at once."""
        from study.classroom.imported import stored_questions

        base = QuestionBank(tuple(q for q in self.bank.questions if q.origin == "bank"), self.bank.files,
                            self.bank.problems, self.bank.mirrors)
        self.bank = base.with_questions(stored_questions(self.db, base, self.blueprints))
        self.exams.bank = self.bank
        return self.bank

    def close(self, *, backup: bool = False, snapshot: Callable[[Services], object] | None = None) -> str | None:
        """Close the database; with `backup`, take the at-exit copy first; with `snapshot` (Home's
        figures read from these services), keep what it reads for the next start when the database
        is the data folder's own file (study/storage/snapshot.py). Marks a clean exit.
        Returns why the at-exit copy failed, if it did (it is also told at the next start)."""
        failed = None
        if backup and self.backups is not None:
            try:
                self.backups.take("exit")
            except BackupError as e:
                failed = str(e)  # the data itself is safe; Backups remembers the failure for the next start
        if self.exams.outbox is not None:
            self.exams.outbox.close()  # what it still holds is in its file, sent at the next start
        self.db.dispose()
        if snapshot is not None:
            self._keep_snapshot(snapshot)
        mark_clean_exit(self.data_dir)
        return failed

    def _keep_snapshot(self, snapshot: Callable[[Services], object]) -> None:
        from study.storage import snapshot as kept

        path = sqlite_path(self.db.url)
        if path is None or path.resolve() != (self.data_dir / DB_FILENAME).resolve() or not self.bank_key:
            kept.discard(self.data_dir)
            return

        def read() -> object:
            try:
                return snapshot(self)
            finally:
                self.db.dispose()  # closed again before the file is looked at once more

        kept.save(self.data_dir, self.bank_key, read)


def load_content(cache_file: Path | None = None) -> tuple[Blueprints, QuestionBank]:
    """Blueprints and the bundled bank; with `cache_file`, parsed YAML is kept there for the next start."""
    if cache_file is None:
        bp = load_blueprints()
        return bp, load_bank(blueprints=bp)
    from questions.bank_cache import load_content_cached

    return load_content_cached(cache_file)


def local_backups(data_dir: Path | None, db_url: str | None) -> Backups | None:
    """The backups of the SQLite database these start options name (None for a server), whether or
    not that database can be opened: Help > Restore backup works on a database that cannot."""
    path = sqlite_path(database_url(data_dir or default_data_dir(), db_url))
    return Backups(path, (data_dir or default_data_dir()) / BACKUP_DIR) if path is not None else None


def open_services(data_dir: Path | None = None, db_url: str | None = None, content: Content | None = None) -> Services:
    """Open the database (migrating it) and load the bank (unless `content` is already loaded:
    `data_content` of the same folder, or its cache as a start showed it, used if the bank's files
    are still those it came from).

    Raises CorruptDatabase for a file that is unreadable, not a database, left half-upgraded, or
    that fails the health check after an unclean exit (the caller offers the newest good backup);
    DatabaseError for a database the app cannot use and for a data folder it cannot write, with a
    sentence that says what to do.
    """
    data_dir = data_dir or default_data_dir()
    url = database_url(data_dir, db_url)
    try:
        return _open(data_dir, url, content)
    except OSError as e:
        raise folder_problem(data_dir, e) from e


def folder_problem(data_dir: Path, e: OSError) -> DatabaseError:
    from study.storage.files import what_to_do, why_not_written

    return DatabaseError(f"ASE Prep cannot use its data folder {data_dir}: {why_not_written(e)} "
                         f"({e.strerror or e}). {what_to_do(e)}.")


def _open(data_dir: Path, url: str, content: Content | None) -> Services:
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
        return _build(data_dir, db, backups, warning, content)
    except SQLAlchemyError as e:  # the file opened, but its pages are damaged
        db.dispose()
        low = str(e).lower()
        if path is not None and ("malformed" in low or "not a database" in low or "corrupt" in low):
            raise CorruptDatabase(path, str(getattr(e, "orig", None) or e).splitlines()[0]) from e
        raise


def _build(data_dir: Path, db: Database, backups: Backups | None, warning: str | None,
           content: Content | None) -> Services:
    if content is not None and not still_current(content):
        content = None  # the bank's files changed since the cache a start showed was written: parsed again
    bp, bank, bank_key = content or data_content(data_dir)
    # an instructor's mapped imports mix with the bundled bank; the questions of sets opened here are
    # known for their own exams only (the code that reads them is loaded only when there are some)
    imported, sets = db.holds_rows(ImportedQuestionRecord.__table__.name, PracticeSetRecord.__table__.name)
    if imported:
        from study.classroom.imported import stored_questions

        bank = bank.with_questions(stored_questions(db, bank, bp))
    exams = ExamService(db, bank, bp)
    if sets:
        from study.classroom.imported import stored_set_questions

        exams.know_set_questions(stored_set_questions(db, bank, bp))
    # answers to questions that have changed since they were given stop counting toward the standings
    from study.storage.versions import supersede_old_answers

    supersede_old_answers(db, exams.learner_id, {q.id: q.version for q in bank.questions})
    services = Services(data_dir, db, bp, bank, exams, LearnerSettings(db, exams.learner_id), backups, warning,
                        backups.last_failure() if backups is not None else None, bank_key)
    # after each exam: the review queue takes its answers and the study plan re-plans what is ahead
    exams.finished_listeners.append(lambda exam_id: services.plans().after_exam(exam_id))
    # on a class server: answers wait on this workstation while it cannot be reached, and what an
    # offline session left here starts going out now
    _wire_outbox(data_dir, db, exams)
    return services


def _wire_outbox(data_dir: Path, db: Database, exams: ExamService) -> None:
    """Give the exams of a server database (not a local SQLite file) an outbox in the data folder."""
    if sqlite_path(db.url) is not None:
        return
    from study.storage.sync import OUTBOX_FILENAME, Outbox

    exams.outbox = Outbox(data_dir / OUTBOX_FILENAME, db.engine)
    exams.outbox.kick()
