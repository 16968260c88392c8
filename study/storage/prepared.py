"""Prepared UPDATEs for the answer hot path on a local SQLite file: the SQL text and each column's
value converter are made once per set of columns, then each answer is one execute on the driver's
own connection. Building and compiling a Core statement per answer cost more than SQLite's own
work (benchmarks/bench_exam.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Table

_UPDATES: dict[tuple[str, tuple[str, ...]], tuple[str, tuple[Callable[[Any], Any] | None, ...]]] = {}


def prepared_update(table: Table, conn: Connection, values: dict[str, object]) -> tuple[str, list[object]]:
    """`UPDATE table SET a = ?, b = ?` for these columns (text and converters cached), and the values
    converted by each column's own type for this dialect."""
    key = (table.name, tuple(values))
    hit = _UPDATES.get(key)
    if hit is None:
        cols = [table.c[k] for k in values]
        sql = f"UPDATE {table.name} SET " + ", ".join(f"{c.name} = ?" for c in cols)
        hit = _UPDATES[key] = (sql, tuple(c.type.dialect_impl(conn.dialect).bind_processor(conn.dialect) for c in cols))
    sql, procs = hit
    return sql, [v if p is None or v is None else p(v) for p, v in zip(procs, values.values(), strict=True)]
