"""No database statement and no server connection on the GUI thread (issue 14): every test watches
each SQL statement (SQLAlchemy's, and, on SQLite, every statement the driver runs, so reads on the
driver's own cursor are seen too), each new connection and each connection taken from the pool, and
fails if one ran on the main thread from the GUI's code (a frame in app/) instead of on a worker. A
test that calls the GUI's loader itself (`load_services`) or the reader of Home's figures kept at
close (`home_figures`) is doing the worker's part and is not counted."""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

APP = str(Path(__file__).resolve().parent.parent / "app") + "/"
CALLED_BY_TESTS = {"load_services", "home_figures"}  # the app calls them on the write worker (the loader, the close)
_seen: list[str] = []


def _on_gui_thread(what: str) -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    f = sys._getframe(2)
    where: list[str] = []
    while f is not None:
        name = f.f_code.co_filename
        if name.startswith(APP):
            if f.f_code.co_name in CALLED_BY_TESTS:
                return
            where.append(f"{name[len(APP):]}:{f.f_lineno} {f.f_code.co_name}")
        f = f.f_back
    if where:
        _seen.append(f"{what} on the GUI thread from " + " <- ".join(where[:4]))


@event.listens_for(Engine, "before_cursor_execute")
def _statement(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
    _on_gui_thread(f"SQL {statement.split(None, 1)[0] if statement.strip() else '?'}")


def _driver_statement(statement: str) -> None:
    _on_gui_thread(f"SQL on the driver's cursor {statement.split(None, 1)[0] if statement.strip() else '?'}")


@event.listens_for(Engine, "connect")
def _connect(dbapi_connection, connection_record) -> None:  # type: ignore[no-untyped-def]
    _on_gui_thread("a new database connection")
    if isinstance(dbapi_connection, sqlite3.Connection):
        # SQLite calls this for every statement it runs, SQLAlchemy's or a driver cursor's, on the
        # thread that runs it (the hot paths read and write on the driver's own cursor)
        dbapi_connection.set_trace_callback(_driver_statement)


@event.listens_for(Engine, "checkout")
def _checkout(dbapi_connection, connection_record, connection_proxy) -> None:  # type: ignore[no-untyped-def]
    _on_gui_thread("a connection taken from the pool")


@pytest.fixture(autouse=True)
def no_sql_on_the_gui_thread() -> Iterator[None]:
    _seen.clear()
    yield
    seen, _seen[:] = list(_seen), []
    assert not seen, f"{len(seen)} database round trips on the GUI thread, first: {seen[0]}"
