"""What a SQLite database at each schema revision holds, to tell a whole database from one an
interrupted upgrade left half-changed (an older version of the app applied each statement of a
migration on its own, so a kill could leave half of one in place).

The reference for a revision is built by running the migrations up to it on an in-memory
database, once per run; only starts that upgrade, and the choice of a backup to restore, need it.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, create_engine
from sqlalchemy.pool import StaticPool

Schema = frozenset[tuple[str, str, tuple[str, ...]]]


def schema_of(conn: Connection | sqlite3.Connection) -> Schema:
    """Every table (with its columns), index and trigger, by name."""
    run = conn.exec_driver_sql if isinstance(conn, Connection) else conn.execute
    rows = run("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN "
               "('table', 'index', 'trigger', 'view')").fetchall()
    out = set()
    for kind, name in rows:
        cols: tuple[str, ...] = ()
        if kind == "table":
            quoted = str(name).replace('"', '""')
            cols = tuple(sorted(str(r[1]) for r in run(f'PRAGMA table_info("{quoted}")').fetchall()))
        out.add((str(kind), str(name), cols))
    return frozenset(out)


@lru_cache(maxsize=16)
def reference(revision: str) -> Schema:
    """The schema the migrations build up to `revision`, from an empty database."""
    from study.storage.database import install_transactional_ddl, upgrade

    engine = create_engine("sqlite://", poolclass=StaticPool)
    install_transactional_ddl(engine)
    try:
        upgrade(engine, revision)
        with engine.connect() as conn:
            return schema_of(conn)
    finally:
        engine.dispose()


def app_tables() -> frozenset[str]:
    """The names of every table this version's migrations make."""
    from study.storage.migrations import HEAD

    return frozenset(name for kind, name, _ in reference(HEAD) if kind == "table")


def difference(have: Schema, revision: str) -> str | None:
    """None when `have` is exactly revision `revision`'s schema; else a short account of what differs."""
    want = reference(revision)
    if have == want:
        return None
    extra = sorted(f"{k} {n}" for k, n, _ in have - want if (k, n) not in {(a, b) for a, b, _ in want})
    missing = sorted(f"{k} {n}" for k, n, _ in want - have if (k, n) not in {(a, b) for a, b, _ in have})
    changed = sorted(f"table {n}" for k, n, _ in have - want if (k, n) in {(a, b) for a, b, _ in want})
    parts = []
    if extra:
        parts.append("has " + ", ".join(extra[:3]) + " from a later version")
    if missing:
        parts.append("lacks " + ", ".join(missing[:3]))
    if changed:
        parts.append("has changed columns in " + ", ".join(changed[:3]))
    return "; ".join(parts) or "its tables differ"


def file_problem(path: Path) -> str | None:
    """None when the SQLite file at `path` is a whole database at the revision it records (or a
    newer one this version cannot judge); else why it is not (for choosing a backup). Never raises."""
    from study.storage.database import known_revisions
    from study.storage.files import sqlite_uri

    try:
        con = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
        try:
            has_version = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                      "name = 'alembic_version'").fetchone()
            if not has_version:
                return "it holds no ASE Prep schema version"
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            have = schema_of(con)
        finally:
            con.close()
    except Exception as e:  # noqa: BLE001 - any unreadable file is simply not a good copy
        return f"it cannot be read ({e})"
    if row is None:
        return "it holds no ASE Prep schema version"
    if str(row[0]) not in known_revisions():
        return f"it was written by a newer version of ASE Prep (schema {row[0]})"
    why = difference(have, str(row[0]))
    return None if why is None else f"an upgrade was interrupted in it: it {why}"

