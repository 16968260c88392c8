"""scripts/system-deps.sh, run by `make run` and `make test`: silent and quick when nothing is
missing, and never the reason a start that would work fails (no root, sudo asking a password, offline)."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "system-deps.sh"
LIBS = ["libEGL.so.1", "libGL.so.1", "libxkbcommon.so.0", "libfontconfig.so.1", "libfreetype.so.6",
        "libglib-2.0.so.0", "libdbus-1.so.3", "libX11.so.6", "libxcb.so.1", "libxcb-cursor.so.0",
        "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-shape.so.0", "libxcb-randr.so.0",
        "libxcb-render-util.so.0", "libxcb-image.so.0", "libxkbcommon-x11.so.0", "libxcb-xinerama.so.0"]


def stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/bash\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def run(tmp_path: Path, *, libs: list[str], uid: int = 0, sudo_ok: bool = True, apt_ok: bool = True,
        ) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    bin_ = tmp_path / "bin"
    bin_.mkdir(exist_ok=True)
    log = tmp_path / "calls.log"
    listing = "".join(f"\t{lib} (libc6,x86-64) => /lib/x86_64-linux-gnu/{lib}\\n" for lib in libs)
    stub(bin_, "ldconfig", f'printf "{len(libs)} libs found in cache\\n{listing}"')
    # a font list far longer than a pipe holds: a reader that stops early kills fc-list with SIGPIPE
    stub(bin_, "fc-list", "yes '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf: DejaVu Sans:style=Book' "
                          "| head -c 2000000")
    stub(bin_, "id", f'[ "$1" = -u ] && echo {uid} || /usr/bin/id "$@"')
    stub(bin_, "apt-get", f'echo "apt-get $*" >> {log}; exit {0 if apt_ok else 100}')
    stub(bin_, "sudo", f'echo "sudo $*" >> {log}; [ "$1" = -n ] || exit 1; {"" if sudo_ok else "exit 1;"} '
                       'shift; "$@"')
    env = dict(os.environ, PATH=f"{bin_}:{os.environ['PATH']}")
    done = subprocess.run(["bash", str(SCRIPT), "run"], env=env, capture_output=True, text=True, timeout=60)
    calls = log.read_text().splitlines() if log.exists() else []
    return done, calls


@pytest.mark.parametrize("attempt", range(5))
def test_nothing_missing_does_nothing(tmp_path: Path, attempt: int) -> None:
    done, calls = run(tmp_path, libs=LIBS)
    assert done.returncode == 0, done.stderr
    assert calls == [] and done.stdout == "" and done.stderr == ""


def test_missing_library_installed_as_root_from_the_lists_at_hand(tmp_path: Path) -> None:
    done, calls = run(tmp_path, libs=[x for x in LIBS if x != "libxcb-cursor.so.0"])
    assert done.returncode == 0
    assert calls == ["apt-get install -y -qq libxcb-cursor0"]


def test_without_a_password_free_sudo_the_start_goes_on_and_says_what_to_install(tmp_path: Path) -> None:
    done, calls = run(tmp_path, libs=[x for x in LIBS if x != "libxcb-cursor.so.0"], uid=1000, sudo_ok=False)
    assert done.returncode == 0
    assert not any(c.startswith("apt-get") for c in calls)
    assert all(c.startswith("sudo -n") for c in calls)  # never a sudo that could prompt
    assert "libxcb-cursor0" in done.stderr and "apt-get install" in done.stderr


def test_offline_the_start_goes_on(tmp_path: Path) -> None:
    done, calls = run(tmp_path, libs=[x for x in LIBS if x != "libGL.so.1"], apt_ok=False)
    assert done.returncode == 0
    assert "libgl1" in done.stderr and "could not install" in done.stderr
    assert calls[0].startswith("apt-get install") and "apt-get update -qq" in calls
