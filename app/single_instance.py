"""One running app per data folder.

Two copies on one folder lose answers (one restores a backup under the other; both finish the
same exam). So the first start holds a lock file in the data folder and listens on a local socket
named after the folder; a second start (a double-clicked .aseset, say) finds the lock, hands its
request to the running window over the socket and exits. A lock whose process died is taken over
(QLockFile checks the process), so a crash never locks the folder for good.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "app.lock"
HANDOVER_MS = 8000  # a second start waits this long for the first to answer (it may still be starting)


def data_folder(data_dir: Path | None) -> Path:
    """The folder the app will use: --data-dir, or the platform's user data folder."""
    if data_dir is not None:
        return Path(data_dir)
    from platformdirs import user_data_dir

    return Path(user_data_dir("ASE Prep", appauthor=False))


def server_name(folder: Path) -> str:
    import hashlib  # here, not at the top: a start's first window need not wait for OpenSSL's loading

    try:
        key = str(folder.resolve())
    except OSError:
        key = str(folder.absolute())
    return "ase-prep-" + hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:24]


class AppInstance(QObject):
    """The claim on one data folder. `claim()` True: this is the running app (`request` fires for
    each request a later start hands over). False: another copy runs; `hand_over()` to it."""

    request = Signal(dict)  # {"open": "/path/to/set.aseset"} or {} (just come to the front)

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.lock: QLockFile | None = None
        self.server: QLocalServer | None = None
        self.holder = 0  # the other copy's process id, when claim() failed

    @cached_property
    def name(self) -> str:
        """The local socket's name, asked once the window is up (listen) or by a later start."""
        return server_name(self.folder)

    def claim(self) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return True  # a folder that cannot be made: opening the data says why; nothing to share
        lock = QLockFile(str(self.folder / LOCK_NAME))
        lock.setStaleLockTime(0)  # stale only when its process is gone, however old
        if lock.tryLock(0):
            self.lock = lock
            return True
        if lock.error() != QLockFile.LockError.LockFailedError:
            return True  # a read-only folder, say: no lock to take, and the data's own checks speak
        info = lock.getLockInfo()  # (pid, hostname, appname) in PySide6
        self.holder = int(info[0]) if info and isinstance(info[0], int) else 0
        return False

    def listen(self) -> None:
        """Answer later starts (called once the window is up)."""
        if self.lock is None or self.server is not None:
            return
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.name)  # a socket left by a copy that crashed: we hold the lock
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if server.listen(self.name):
            server.newConnection.connect(self._accept)
            self.server = server

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        raw = bytes(sock.readLine().data())
        try:
            import json

            message = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            message = {}
        sock.write(b"ok\n")
        sock.flush()
        sock.disconnectFromServer()
        self.request.emit(message if isinstance(message, dict) else {})

    def hand_over(self, message: dict[str, str], timeout_ms: int = HANDOVER_MS) -> bool:
        """Give `message` to the running copy; True once it has acknowledged it."""
        import time

        from PySide6.QtNetwork import QLocalSocket

        end = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < end:
            sock = QLocalSocket()
            sock.connectToServer(self.name)
            if sock.waitForConnected(500):
                import json

                sock.write(json.dumps(message).encode("utf-8") + b"\n")
                sock.flush()
                if sock.waitForReadyRead(max(500, int((end - time.monotonic()) * 1000))):
                    return bytes(sock.readAll().data()).startswith(b"ok")
                return False
            time.sleep(0.1)  # the running copy may not be listening yet
        return False

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
