"""A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder, started
with pg_ctl on a unix socket in that folder (no TCP port at all), removed afterwards.

PostgreSQL refuses to run as root; as root the server runs as the `postgres` system user (Debian's
postgresql package creates it) through runuser. Without the server binaries `find_bin_dir()` is None
and the PostgreSQL tests are skipped, which the test run says plainly.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "postgres"
SUPERUSER_PASSWORD = "throwaway-superuser"  # scram on the socket, so the students' passwords are checked too


def find_bin_dir() -> Path | None:
    """Where initdb and pg_ctl live: $PG_BIN, PATH, or Debian's /usr/lib/postgresql/<n>/bin."""
    env = os.environ.get("PG_BIN")
    candidates = [Path(env)] if env else []
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        candidates += sorted((p / "bin" for p in debian.iterdir()), key=lambda p: p.parent.name, reverse=True)
    for c in candidates:
        if (c / "initdb").exists() and (c / "pg_ctl").exists():
            return c
    return None


def skip_reason() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when they can."""
    if find_bin_dir() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) not installed: apt-get install postgresql"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed in the venv"
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    return None


class ThrowawayServer:
    """One PostgreSQL cluster in a temporary folder, reached through a unix socket only."""

    def __init__(self, bin_dir: Path | None = None, settings: dict[str, str] | None = None) -> None:
        found = bin_dir or find_bin_dir()
        if found is None:
            raise RuntimeError("PostgreSQL server binaries not found")
        self.bin = found
        self.dir = Path(tempfile.mkdtemp(prefix="ase-pg-"))
        self.data = self.dir / "data"
        self.socket_dir = self.dir
        self.port = random.randint(20000, 60000)  # names the socket file; nothing listens on TCP
        self._as_root = os.geteuid() == 0
        self.started = False
        self.frozen = False
        self.settings = dict(settings or {})  # more server settings (-c name=value), e.g. for a benchmark

    def _run(self, *cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        argv = list(cmd)
        if self._as_root:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, check=check, capture_output=True, text=True, timeout=120)

    def init(self) -> ThrowawayServer:
        if self._as_root:
            shutil.chown(self.dir, "postgres")
        pwfile = self.dir / "pw"
        pwfile.write_text(SUPERUSER_PASSWORD + "\n")
        if self._as_root:
            shutil.chown(pwfile, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--pwfile", str(pwfile),
                  "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync")
        pwfile.unlink()
        return self

    def start(self) -> None:
        opts = (f"-k {self.socket_dir} -c listen_addresses='' -p {self.port} -c fsync=on "
                "-c max_connections=120 -c shared_buffers=32MB"
                + "".join(f" -c {k}={v}" for k, v in self.settings.items()))
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.dir / "server.log"),
                  "-o", opts, "-w", "-t", "60", "start")
        self.started = True

    def stop(self, mode: str = "fast") -> None:
        """Stop the server: 'fast' closes sessions; 'immediate' is a crash (recovery on start)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop", check=False)
        self.started = False

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def _pids(self) -> list[int]:
        """The postmaster and every process it started (backends, checkpointer, walwriter...)."""
        try:
            root = int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return []
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
                children.setdefault(ppid, []).append(int(entry.name))
        out, todo = [], [root]
        while todo:
            pid = todo.pop()
            out.append(pid)
            todo += children.get(pid, [])
        return out

    def freeze(self) -> None:
        """The server stops answering without refusing: every one of its processes is stopped
        (SIGSTOP), so the kernel still accepts connections and data but no reply ever comes."""
        for pid in self._pids():
            os.kill(pid, signal.SIGSTOP)
        self.frozen = True

    def thaw(self) -> None:
        for pid in self._pids():
            os.kill(pid, signal.SIGCONT)
        self.frozen = False

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = SUPERUSER_PASSWORD) -> str:
        return f"postgresql+psycopg://{user}:{password}@/{database}?host={self.socket_dir}&port={self.port}"

    def psql(self, sql: str, database: str = "postgres") -> list[tuple]:  # type: ignore[type-arg]
        """Run one statement as the superuser, outside any transaction (CREATE DATABASE needs that)."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port, user=SUPERUSER, password=SUPERUSER_PASSWORD,
                             dbname=database, autocommit=True, connect_timeout=10) as con:
            cur = con.execute(sql)  # type: ignore[arg-type]
            return cur.fetchall() if cur.description else []

    def create_database(self, name: str) -> str:
        """A fresh empty database; returns the superuser's URL to it."""
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def log(self) -> str:
        try:
            return (self.dir / "server.log").read_text()
        except OSError:
            return ""

    def destroy(self) -> None:
        if self.frozen:
            self.thaw()
        if self.started:
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> ThrowawayServer:
        self.init().start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.destroy()


def wait_until(predicate, timeout: float = 30.0, every: float = 0.05) -> bool:  # type: ignore[no-untyped-def]
    """Poll `predicate` until true or `timeout` seconds pass (for waits on another thread or process)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(every)
    return bool(predicate())


# -- pytest fixtures (tests/conftest.py imports these so every test module can use them)
import pytest  # noqa: E402

_server: ThrowawayServer | None = None
_databases = 0


@pytest.fixture(scope="session")
def pg_server():  # type: ignore[no-untyped-def]
    """One throwaway PostgreSQL server for the whole run; skipped (and said so) without the binaries."""
    global _server
    reason = skip_reason()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = ThrowawayServer()
    server.init().start()
    _server = server
    yield server
    server.destroy()


@pytest.fixture
def pg_url(pg_server: ThrowawayServer):  # type: ignore[no-untyped-def]
    """A fresh empty database on the throwaway server (the superuser's URL); dropped afterwards."""
    global _databases
    _databases += 1
    name = f"t{_databases}_{os.getpid()}"
    if not pg_server.started:  # a test that stopped the server and failed before starting it again
        pg_server.start()
    url = pg_server.create_database(name)
    yield url
    if pg_server.frozen:  # a test that froze the server and failed before thawing it
        pg_server.thaw()
    if not pg_server.started:
        pg_server.start()
    pg_server.drop_database(name)


def summary_line() -> str:
    """What the run did about PostgreSQL, for the end of the test output."""
    if _server is not None:
        return f"PostgreSQL tests ran against a throwaway server ({_server.bin}, {_databases} databases)"
    reason = skip_reason()
    if reason:
        return f"PostgreSQL tests SKIPPED: {reason}"
    return "PostgreSQL tests: none selected in this run"
