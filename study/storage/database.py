"""Open the learner's database, apply migrations, and refuse a file from a newer version.

SQLite runs in WAL mode with a busy timeout and full sync, so each answer's short transaction
survives a crash or a power cut the moment it returns. Any SQLAlchemy URL works; a class lab uses
PostgreSQL (postgresql+psycopg://...), built by the same migrations.

Each upgrade runs in one transaction on either engine (on SQLite the driver's own transaction
handling is switched off for it, so the DDL is inside the transaction too): a start killed
mid-upgrade leaves the database exactly as it was. A database an older version left half-upgraded,
or one SQLite cannot read, is reported as damaged so that the newest good backup can be offered.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from study.storage.failures import STORAGE_ADVICE, reason_in_words, shown_url
from study.storage.files import DB_FILENAME
from study.storage.migrations import HEAD

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """A database the app cannot use; the message says which and what to do."""


class CorruptDatabase(DatabaseError):
    """A SQLite file the app cannot trust: unreadable, not a database, or left half-upgraded. The
    caller offers the newest good backup (the file itself is set aside, never deleted)."""

    ADVICE = ("Start ASE Prep (python main.py) to put the newest good backup in its place; the damaged file is "
              "kept beside it, never deleted.")

    def __init__(self, path: Path, detail: str, what: str = "") -> None:
        self.what = what or f"The database {path} is damaged ({detail})."  # the GUI's dialog says the rest
        super().__init__(f"{self.what} {self.ADVICE}")
        self.path = path
        self.detail = detail


class HalfUpgraded(CorruptDatabase):
    """An upgrade by an older version was interrupted and left part of it applied."""

    ADVICE = ("Start ASE Prep (python main.py) to put the copy taken before the upgrade in its place; this file is "
              "kept beside it, never deleted.")

    def __init__(self, path: Path, revision: str, detail: str) -> None:
        super().__init__(path, detail, f"The database {path} was left half-upgraded by an interrupted start (it is "
                                       f"at schema {revision} but {detail}).")
        self.revision = revision


def default_url(data_dir: Path) -> str:
    """The SQLite address of the database in `data_dir`, whatever characters the path holds
    (`#`, `?` and `%` would otherwise be read as parts of the address)."""
    return URL.create("sqlite", database=str(data_dir / DB_FILENAME)).render_as_string(hide_password=False)


# A class server can restart or drop off the network mid-exam: fail fast (the exam carries on with
# its local outbox, study.storage.sync) rather than wait minutes for TCP to give up. Values are libpq's.
POSTGRES_CONNECT_ARGS = {
    "connect_timeout": 5,  # seconds to open a connection
    "keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 3, "keepalives_count": 3,
    "tcp_user_timeout": 8000,  # ms an unacknowledged write may wait before the socket is dropped
    "application_name": "ASE Prep",
}


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA foreign_keys=ON")
    try:  # SQLite's math functions are a compile-time option; analytics needs power()
        cur.execute("SELECT power(2, 3)")
    except sqlite3.OperationalError:
        dbapi_conn.create_function("power", 2, _power, deterministic=True)
    cur.close()


def _power(x: float | None, y: float | None) -> float | None:
    return None if x is None or y is None else math.pow(x, y)


def make_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if u.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4,
                             connect_args=dict(POSTGRES_CONNECT_ARGS))
    return create_engine(url, pool_pre_ping=True)


def install_transactional_ddl(engine: Engine) -> None:
    """Make SQLite run CREATE, ALTER and DROP inside the caller's transaction: Python's sqlite3
    otherwise commits before each of them, so a migration killed half-way stays half-applied."""

    def driver_off(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None

    def begin(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", driver_off)
    event.listen(engine, "begin", begin)


def known_revisions() -> set[str]:
    """Revision ids this build knows, read from the migration file names (no Alembic import)."""
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("*.py")}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to `revision` in one transaction: all of it or none of it."""
    # Alembic is imported here, only when a migration is due: most starts skip it entirely.
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    own = None
    if path is not None:  # a file: a second engine whose transactions include the DDL
        own = make_engine(engine.url.render_as_string(hide_password=False))
        install_transactional_ddl(own)
    try:
        with (own or engine).begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    finally:
        if own is not None:
            own.dispose()


@dataclass
class Database:
    engine: Engine
    url: str

    def dispose(self) -> None:
        self.engine.dispose()

    def holds_rows(self, *tables: str) -> list[bool]:
        """Whether each of these tables holds a row: one short read, so a start can skip what is
        empty (and the code that reads it)."""
        with self.engine.connect() as conn:
            return [conn.execute(text(f'SELECT 1 FROM "{t}" LIMIT 1')).first() is not None for t in tables]


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        return Path(u.database)
    return None


def open_database(url: str, *, migrate: bool = True,
                  before_upgrade: Callable[[str], None] | None = None) -> Database:
    """Open (creating if needed) and migrate; a newer or foreign database is refused unchanged.

    `before_upgrade(revision)` runs before an existing database is migrated (the backup).
    """
    path = sqlite_path(url)
    try:
        engine = make_engine(url)
        rev = current_revision(engine)
    except SQLAlchemyError as e:
        raise _open_failure(e, url, path) from e
    if rev is not None and rev not in known_revisions():
        engine.dispose()
        raise DatabaseError(
            f"The database {shown_url(url)} was written by a newer version of ASE Prep "
            f"(schema {rev}; this version knows up to {HEAD}). Install the newer version to open it; "
            "the file has not been changed."
        )
    if rev is None:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names()) - {"sqlite_sequence"}
            empty = path is not None and all(
                conn.exec_driver_sql(f'SELECT COUNT(*) FROM "{t}"').scalar() == 0 for t in tables)
        if tables:
            engine.dispose()
            from study.storage.schema import app_tables

            if path is not None and tables <= app_tables() and empty:
                # a first start killed while an older version built the tables: nothing in it yet
                from study.storage.files import set_aside

                set_aside(path, "interrupted-first-start")
                return open_database(url, migrate=migrate, before_upgrade=before_upgrade)
            if path is not None and tables <= app_tables():
                raise CorruptDatabase(path, "its tables were made by an interrupted start and hold no schema "
                                            "version")
            raise DatabaseError(
                f"The database {shown_url(url)} holds tables that are not ASE Prep's ({', '.join(sorted(tables)[:5])}). "
                "Choose another file or folder; this one has not been changed."
            )
    if migrate and rev != HEAD:
        if rev is not None and path is not None:
            _refuse_half_upgraded(engine, path, rev)
        if rev is not None and before_upgrade is not None:
            before_upgrade(rev)
        try:
            upgrade(engine)
        except SQLAlchemyError as e:
            engine.dispose()
            raise DatabaseError(f"Could not upgrade the database {shown_url(url)}; it is unchanged: "
                                f"{_first_line(e)}") from e
    return Database(engine, url)


def _refuse_half_upgraded(engine: Engine, path: Path, rev: str) -> None:
    from study.storage.schema import difference, schema_of

    with engine.connect() as conn:
        why = difference(schema_of(conn), rev)
    if why is not None:
        engine.dispose()
        raise HalfUpgraded(path, rev, why)


def _first_line(e: BaseException) -> str:
    text_ = str(getattr(e, "orig", None) or e).strip()
    return text_.splitlines()[0] if text_ else e.__class__.__name__


def _open_failure(e: SQLAlchemyError, url: str, path: Path | None) -> DatabaseError:
    """A damaged file is CorruptDatabase (a backup is offered); a folder or disk that stops the
    database from opening gets its own sentence; anything else says what the driver said."""
    first = _first_line(e)
    low = first.lower()
    if path is not None and ("not a database" in low or "malformed" in low or "corrupt" in low):
        return CorruptDatabase(path, first)
    reason = reason_in_words(first, path.parent) if path is not None else None
    if path is not None and reason is not None:
        return DatabaseError(f"ASE Prep cannot open its data file {path}: {reason} ({first}). "
                             f"{STORAGE_ADVICE[reason]}")
    return DatabaseError(f"Cannot open the database {shown_url(url)}: {first}")


def check_connection(url: str) -> str:
    """One sentence on whether `url` can be opened (for the class-server setting); never raises."""
    try:
        u = make_url(url)
        engine = create_engine(url, pool_pre_ping=True, **({"connect_args": {"connect_timeout": 5}}
                                                          if u.get_backend_name() == "postgresql" else {}))
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
                rev = current_revision(engine)
        finally:
            engine.dispose()
    except Exception as e:  # noqa: BLE001 - reported to the user, whatever it is
        first = str(e).strip().splitlines()[0] if str(e).strip() else e.__class__.__name__
        return f"Could not connect: {first}"
    if rev is None:
        return "Connected. The database is empty: your instructor runs 'class init' on it first."
    return f"Connected (schema {rev}). Save, then restart ASE Prep to use it."
