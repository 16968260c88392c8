"""Answers that survive a lost server: a local outbox on the workstation and a resend loop.

In a class lab the answers go straight to the shared PostgreSQL server. When the server restarts
or the network drops mid-exam, a change that cannot be committed there is committed to a small
SQLite file in the data folder instead (the learner's answer is acknowledged only once it is on
disk somewhere), and a background thread sends the outbox when the server answers again.

Each entry holds a row's whole latest state, never a difference: a response row keyed by its uid,
an exam's clock and end keyed by the exam id (absolute values), each with the token of the sitting
that wrote it (study.storage.writes). Sending one twice, or after a commit whose reply was lost,
leaves the same row, so every answer lands exactly once. Later changes to the same row replace the
queued one; `seq` makes sure a resend never deletes a newer change queued while it was on the
wire. An entry the server refuses because the exam was taken over meanwhile (resumed on another
workstation, or finished there) is logged and dropped: it never overwrites the newer sitting.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from study.storage.failures import is_connection_lost
from study.storage.writes import save_exam, save_response

OUTBOX_FILENAME = "outbox.sqlite3"
log = logging.getLogger(__name__)

def _encode(values: dict[str, Any]) -> str:
    return json.dumps({k: {"__dt__": v.isoformat()} if isinstance(v, datetime) else v for k, v in values.items()})


def _decode(text: str) -> dict[str, Any]:
    raw = json.loads(text)
    return {k: datetime.fromisoformat(v["__dt__"]) if isinstance(v, dict) and "__dt__" in v else v
            for k, v in raw.items()}


class Outbox:
    """The workstation's store of changes the server has not acknowledged yet, and their resender.

    `put` is called on the GUI thread and only touches the local file; the resend loop runs on its
    own thread with its own server connection, so a dead server never stalls the exam screen.
    """

    def __init__(self, path: Path, engine: Engine, *, retry_seconds: float = 1.0,
                 on_change: Callable[[bool], None] | None = None) -> None:
        self.path = path
        self.engine = engine
        self.target = engine.url.render_as_string(hide_password=True)
        self.retry_seconds = retry_seconds
        self.on_change = on_change
        self.sent = 0  # entries the resend loop delivered (for tests and the benchmark)
        self.refused = 0  # of those, entries the server refused: their exam was taken over elsewhere
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._sending = threading.Lock()  # held for a whole send round; `paused()` waits for it
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=5)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("CREATE TABLE IF NOT EXISTS pending (target TEXT NOT NULL, kind TEXT NOT NULL, "
                         "key TEXT NOT NULL, seq INTEGER NOT NULL, payload TEXT NOT NULL, queued_at TEXT NOT NULL, "
                         "PRIMARY KEY (target, kind, key))")
        row = self._db.execute("SELECT COUNT(*), COALESCE(MAX(seq), 0) FROM pending WHERE target = ?",
                               (self.target,)).fetchone()
        self._count, self._seq = int(row[0]), int(row[1])

    # -- the GUI thread's side
    @property
    def offline(self) -> bool:
        """True while any change waits here for the server (the exam screen says so)."""
        return self._count > 0

    @property
    def pending_count(self) -> int:
        return self._count

    def put_response(self, row: dict[str, Any], writer: str = "") -> None:
        self._put("response", str(row["uid"]), dict(row, writer=writer))

    def put_exam(self, exam_id: int, values: dict[str, Any], writer: str = "") -> None:
        self._put("exam", str(exam_id), dict(values, writer=writer))

    def _put(self, kind: str, key: str, values: dict[str, Any]) -> None:
        with self._lock:
            was_offline = self._count > 0
            old = self._db.execute("SELECT payload FROM pending WHERE target = ? AND kind = ? AND key = ?",
                                   (self.target, kind, key)).fetchone()
            merged = (_decode(old[0]) if old else {}) | values  # an exam's clock joins its queued end
            self._seq += 1
            self._db.execute("INSERT OR REPLACE INTO pending VALUES (?, ?, ?, ?, ?, ?)",
                             (self.target, kind, key, self._seq, _encode(merged), datetime.now().isoformat()))
            if not old:
                self._count += 1
        if not was_offline:
            self._notify(True)
        self.kick()

    def pending_for_exam(self, exam_id: int) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """What is queued for one exam: (its exam values or None, its response rows)."""
        with self._lock:
            rows = self._db.execute("SELECT kind, key, payload FROM pending WHERE target = ?",
                                    (self.target,)).fetchall()
        exam = next((_decode(p) for k, key, p in rows if k == "exam" and key == str(exam_id)), None)
        responses = [r for r in (_decode(p) for k, _, p in rows if k == "response") if r.get("exam_id") == exam_id]
        for values in [exam, *responses]:
            if values is not None:
                values.pop("writer", None)
        return exam, responses

    # -- the resend loop
    def kick(self) -> None:
        """Start the resend loop if it is not running (it stops by itself once the outbox is empty)."""
        with self._lock:
            if self._count == 0 or self._stop.is_set():
                return
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="answer-outbox", daemon=True)
                self._thread.start()
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            if self.flush():
                return
            self._wake.wait(self.retry_seconds)
            self._wake.clear()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No send round runs inside this block (one under way is waited for)."""
        with self._sending:
            yield

    def retag(self, exam_id: int, writer: str) -> None:
        """Queued changes of this exam are from now on the new sitting's: it resumes exactly them."""
        with self._lock:
            rows = self._db.execute("SELECT kind, key, payload FROM pending WHERE target = ?", (self.target,)).fetchall()
            for kind, key, payload in rows:
                values = _decode(payload)
                mine = key == str(exam_id) if kind == "exam" else values.get("exam_id") == exam_id
                if mine:
                    self._db.execute("UPDATE pending SET payload = ? WHERE target = ? AND kind = ? AND key = ?",
                                     (_encode(dict(values, writer=writer)), self.target, kind, key))

    def flush(self) -> bool:
        """Send everything queued in one transaction; True once the outbox is empty."""
        with self._sending:
            return self._flush()

    def _flush(self) -> bool:
        with self._lock:
            entries = self._db.execute("SELECT kind, key, seq, payload FROM pending WHERE target = ? ORDER BY seq",
                                       (self.target,)).fetchall()
        if not entries:
            return True
        refused = []
        try:
            with self.engine.begin() as conn:
                for kind, key, _, payload in entries:
                    values = _decode(payload)
                    writer = str(values.pop("writer", ""))
                    stored = (save_response(conn, values, writer) if kind == "response"
                              else save_exam(conn, int(key), values, writer))
                    if not stored:
                        refused.append((kind, key))
        except Exception as e:  # noqa: BLE001 - the loop retries; a bad entry is logged, never dropped
            if not is_connection_lost(e):
                log.exception("the outbox could not send its answers; it will try again")
            return False
        for kind, key in refused:
            log.warning("the server refused a queued %s change (%s): its exam was taken over elsewhere", kind, key)
        with self._lock:
            self.refused += len(refused)
            for kind, key, seq, _ in entries:
                cur = self._db.execute("DELETE FROM pending WHERE target = ? AND kind = ? AND key = ? AND seq = ?",
                                       (self.target, kind, key, seq))
                self._count -= cur.rowcount
                self.sent += cur.rowcount
            empty = self._count == 0
        if empty:
            self._notify(False)
        return empty

    def wait_until_sent(self, timeout: float) -> bool:
        """Block until the outbox is empty or `timeout` passes (closing the app, benchmarks)."""
        thread = self._thread
        if thread is not None and thread.is_alive():
            thread.join(timeout)
        return self._count == 0

    def _notify(self, offline: bool) -> None:
        if self.on_change is not None:
            try:
                self.on_change(offline)
            except Exception:  # noqa: BLE001 - a listener never breaks the write path
                log.exception("outbox listener failed")

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(5)
        with self._lock:
            self._db.close()
