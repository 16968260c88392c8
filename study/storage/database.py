"""Open the learner's database, apply migrations, and refuse a file from a newer version.

SQLite runs in WAL mode with a busy timeout and full sync, so each answer's short transaction
survives a crash or a power cut the moment it returns. Any SQLAlchemy URL works; a class lab uses
PostgreSQL (postgresql+psycopg://...), built by the same migrations.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from study.storage.migrations import HEAD

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DB_FILENAME = "ase-prep.sqlite3"


class DatabaseError(Exception):
    """A database the app cannot use; the message says which and what to do."""


def default_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / DB_FILENAME).as_posix()}"


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
    # Alembic is imported here, only when a migration is due: most starts skip it entirely.
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


@dataclass
class Database:
    engine: Engine
    url: str

    def dispose(self) -> None:
        self.engine.dispose()


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
    try:
        engine = make_engine(url)
        rev = current_revision(engine)
    except SQLAlchemyError as e:
        raise DatabaseError(f"Cannot open the database {_shown(url)}: {e.__class__.__name__}: {e.orig if hasattr(e, 'orig') else e}") from e
    if rev is not None and rev not in known_revisions():
        engine.dispose()
        raise DatabaseError(
            f"The database {_shown(url)} was written by a newer version of ASE Prep "
            f"(schema {rev}; this version knows up to {HEAD}). Install the newer version to open it; "
            "the file has not been changed."
        )
    if rev is None:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if tables - {"sqlite_sequence"}:
            engine.dispose()
            raise DatabaseError(
                f"The database {_shown(url)} holds tables that are not ASE Prep's ({', '.join(sorted(tables)[:5])}). "
                "Choose another file or folder; this one has not been changed."
            )
    if migrate and rev != HEAD:
        if rev is not None and before_upgrade is not None:
            before_upgrade(rev)
        try:
            upgrade(engine)
        except SQLAlchemyError as e:
            engine.dispose()
            raise DatabaseError(f"Could not upgrade the database {_shown(url)}: {e}") from e
    return Database(engine, url)


def _shown(url: str) -> str:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return u.database or ":memory:"
    return u.render_as_string(hide_password=True)


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


def explain_failure(exc: BaseException, url: str) -> str | None:
    """A sentence for the person at the keyboard when the database fails during use (a class
    server gone, a full disk, another program holding the file); None when `exc` is not a
    database failure. The GUI shows it instead of a traceback."""
    if not isinstance(exc, SQLAlchemyError | sqlite3.Error):
        return None
    text_ = str(getattr(exc, "orig", None) or exc).strip()
    first = text_.splitlines()[0] if text_ else exc.__class__.__name__
    low = text_.lower()
    if make_url(url).get_backend_name() != "sqlite":
        from study.storage.sync import is_connection_lost

        if is_connection_lost(exc):
            return (f"The class server ({_shown(url)}) cannot be reached: {first}. Exams already running keep "
                    "every answer on this computer and send them when it is back; starting or resuming an "
                    "exam needs the server. Check the network, or ask your instructor whether the server is up.")
        return f"The class server refused the request: {first}. Nothing was changed."
    if "locked" in low or "busy" in low:
        return (f"Another program is using the data file ({_shown(url)}) and it stayed locked: {first}. "
                "Close other copies of ASE Prep, then try again. Nothing was changed.")
    if "full" in low or "disk i/o" in low or "readonly" in low or "read-only" in low:
        return (f"The data file ({_shown(url)}) cannot be written: {first}. Free some disk space or check "
                "that the folder is writable, then try again. What was saved before is intact.")
    return f"The database reported an error: {first}. Nothing was changed."
