"""`ase-prep desktop install | remove`: ASE Prep in the Linux desktop's menus (a .desktop entry and an
icon) and as the program that opens .aseset and .aseresult files, for this user only.

Everything goes under $XDG_DATA_HOME (~/.local/share) by the freedesktop.org specifications: the
entry in applications/, the icons in icons/hicolor/, the two file types in mime/packages/. The
desktop's caches are refreshed with update-mime-database, update-desktop-database and
gtk-update-icon-cache where the system has them; without them the files still work after the next
login. A double-clicked file starts `ase-prep FILE`: if the app is already running on the same
data folder, that start hands the file to the open window and exits.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from questions.blueprints import RESOURCES

APP_ID = "ase-prep"
SET_TYPE = "application/x-ase-prep-set"
RESULT_TYPE = "application/x-ase-prep-result"
ICONS = RESOURCES / "icons"
MIME_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{SET_TYPE}">
    <comment>ASE Prep practice set</comment>
    <sub-class-of type="application/json"/>
    <generic-icon name="{SET_TYPE.replace('/', '-')}"/>
    <glob pattern="*.aseset" weight="80"/>
  </mime-type>
  <mime-type type="{RESULT_TYPE}">
    <comment>ASE Prep practice set result</comment>
    <sub-class-of type="application/json"/>
    <generic-icon name="{RESULT_TYPE.replace('/', '-')}"/>
    <glob pattern="*.aseresult" weight="80"/>
  </mime-type>
</mime-info>
"""


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    desk = sub.add_parser("desktop", help="add ASE Prep to the Linux desktop's menus and file types (or remove it)")
    dsub = desk.add_subparsers(dest="desktop_command", required=True)
    dsub.add_parser("install", help="a menu entry, an icon, and .aseset/.aseresult files that open in ASE Prep")
    dsub.add_parser("remove", help="take them away again")


def run(args: argparse.Namespace) -> int | None:
    if args.command != "desktop":
        return None
    data = data_home()
    if args.desktop_command == "install":
        written = install(data, launcher())
        print(f"ASE Prep is in the desktop's menus; .aseset and .aseresult files open in it ({written[0]}).")
    else:
        removed = remove(data)
        print(f"Removed {len(removed)} file(s) from {data}." if removed else f"Nothing to remove under {data}.")
    return 0


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> list[str]:
    """The command that starts this copy of ASE Prep: its `ase-prep` script where there is one
    (pip, pipx, the source folder's venv), else this Python running main.py."""
    here = Path(sys.argv[0])
    if here.name == APP_ID and here.exists():
        return [str(here.resolve())]
    beside = Path(sys.executable).with_name(APP_ID)
    if beside.exists():
        return [str(beside)]
    found = shutil.which(APP_ID)
    if found:
        return [str(Path(found).resolve())]
    return [sys.executable, str(Path(__file__).resolve().parent.parent / "main.py")]


def exec_quote(arg: str) -> str:
    """One argument of a desktop entry's Exec key: quoted with \\", `, $ and \\ escaped (the
    specification's rule), then every backslash doubled again as the key's string value needs."""
    if arg and not any(ch in arg for ch in ' \t\n"\'\\><~|&;$*?#()`'):
        quoted = arg
    else:
        quoted = '"' + "".join("\\" + ch if ch in '"`$\\' else ch for ch in arg) + '"'
    return quoted.replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(command: list[str]) -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=ASE Prep",
        "GenericName=ASE test practice",
        "Comment=Timed practice exams, weak areas and study plans for the ASE certification tests "
        "(an independent study tool, not affiliated with ASE)",
        "Exec=" + " ".join(exec_quote(a) for a in command) + " %f",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Education;",
        "Keywords=ASE;automotive;technician;mechanic;certification;exam;practice;",
        f"MimeType={SET_TYPE};{RESULT_TYPE};",
        f"StartupWMClass={APP_ID}",
        "",
    ])


def _targets(data: Path) -> dict[Path, bytes]:
    hicolor = data / "icons" / "hicolor" / "scalable"
    return {
        data / "applications" / f"{APP_ID}.desktop": b"",  # filled by install with this copy's command
        hicolor / "apps" / f"{APP_ID}.svg": (ICONS / f"{APP_ID}.svg").read_bytes(),
        hicolor / "mimetypes" / f"{SET_TYPE.replace('/', '-')}.svg":
            (ICONS / f"{SET_TYPE.replace('/', '-')}.svg").read_bytes(),
        hicolor / "mimetypes" / f"{RESULT_TYPE.replace('/', '-')}.svg":
            (ICONS / f"{RESULT_TYPE.replace('/', '-')}.svg").read_bytes(),
        data / "mime" / "packages" / f"{APP_ID}.xml": MIME_XML.encode(),
    }


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    part.write_bytes(content)
    os.replace(part, path)


def install(data: Path, command: list[str]) -> list[Path]:
    targets = _targets(data)
    entry = data / "applications" / f"{APP_ID}.desktop"
    targets[entry] = desktop_entry(command).encode()
    for path, content in targets.items():
        _write(path, content)
    _refresh(data)
    if shutil.which("xdg-mime"):  # the default for our own two types (harmless when it is the only one)
        subprocess.run(["xdg-mime", "default", entry.name, SET_TYPE, RESULT_TYPE], capture_output=True, check=False)
    return list(targets)


def remove(data: Path) -> list[Path]:
    gone = [p for p in _targets(data) if p.exists()]
    for p in gone:
        p.unlink()
    _refresh(data)
    return gone


def _refresh(data: Path) -> None:
    """The desktop's caches; a tool that is missing or fails leaves the files to be read at the next login."""
    for tool, arg in (("update-mime-database", data / "mime"), ("update-desktop-database", data / "applications"),
                      ("gtk-update-icon-cache", data / "icons" / "hicolor")):
        if shutil.which(tool) and arg.exists():
            extra = ["-f", "-t", "-q"] if tool == "gtk-update-icon-cache" else []
            subprocess.run([tool, *extra, str(arg)], capture_output=True, check=False)
