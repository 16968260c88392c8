"""Real file-system faults for tests: a small disk that can be filled to the last byte, a folder
that cannot be written, and a watch on which files a process opens.

The small disk is a tmpfs of its own (mounting needs root, which the test machine has); without
it the tests that need a full disk are skipped and say so. A read-only folder is a read-only
tmpfs as root, and a folder without write permission otherwise (root ignores permissions).
"""

from __future__ import annotations

import ctypes
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount(folder: Path, options: str) -> bool:
    if os.geteuid() != 0:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


class SmallDisk:
    """A tmpfs of `size_kb`; `fill()` takes every free byte, `free()` gives them back."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.filler = folder / "filler.bin"

    def fill(self) -> None:
        with self.filler.open("ab", buffering=0) as f:
            for size in (1 << 16, 4096, 1):  # big pieces, then down to the last byte
                try:
                    while f.write(b"\0" * size):
                        pass
                except OSError:
                    pass

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    folder = tmp_path / "small disk"
    if not _mount(folder, "size=8m,mode=0755"):
        pytest.skip("a full disk needs a tmpfs of its own (run as root)")
    try:
        yield SmallDisk(folder)
    finally:
        _unmount(folder)


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """An existing, empty folder nothing can be written to."""
    folder = tmp_path / "read only"
    if _mount(folder, "ro,size=1m"):
        try:
            yield folder
        finally:
            _unmount(folder)
        return
    if os.geteuid() == 0:
        pytest.skip("as root a read-only folder needs a mount of its own")
    folder.mkdir()
    folder.chmod(0o555)
    try:
        yield folder
    finally:
        folder.chmod(0o755)


class OpenWatch:
    """Which times a file is opened or read, by any process (Linux inotify): Qt reading an image an
    <img src=file:...> names shows here, whatever widget or document did it."""

    IN_ACCESS, IN_OPEN, IN_NONBLOCK = 0x01, 0x20, 0o4000

    def __init__(self, path: Path) -> None:
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(self.IN_NONBLOCK)
        if self.fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1 failed")
        if self.libc.inotify_add_watch(self.fd, os.fsencode(path), self.IN_OPEN | self.IN_ACCESS) < 0:
            raise OSError(ctypes.get_errno(), f"cannot watch {path}")

    def events(self) -> int:
        """How many opens and reads happened since the last call."""
        n = 0
        while True:
            try:
                buf = os.read(self.fd, 4096)
            except BlockingIOError:
                return n
            n += len(buf) // 16  # each event is 16 bytes (no name for a watched file)

    def close(self) -> None:
        os.close(self.fd)
