"""Reading and checking ASE Prep's own files: practice sets (`.aseset`) and result files
(`.aseresult`), both versioned JSON with a content hash: sha256 of the canonical JSON (sorted keys,
no spaces, UTF-8) of everything else in the file. A changed byte anywhere shows as a hash
mismatch. The hash proves a file is intact, not who wrote it: there is no signing key.

Every reader refuses with a message that names the file and says what is wrong (SetFileError),
and never raises anything else on bad input.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from study.classroom.lms.textfile import FileRejected, decode_text, read_bytes

SET_FORMAT = "ase-prep-set"
RESULT_FORMAT = "ase-prep-result"
# 1: the key in plain JSON; 2: each key a salted hash the app checks an answer against (study.classroom.sets);
# 3: format 2 with each question's exhibit inside (study.classroom.set_exhibits), written only by a set that has one;
# 4: format 3 with each question's reference section ("PV-1#sensor-data"), written only by a set that has one
SET_VERSION = 5
RESULT_VERSION = 1
FORMAT_VERSION = SET_VERSION  # the newest format written (kept for older callers)
SET_SUFFIX = ".aseset"
RESULT_SUFFIX = ".aseresult"
FEEDBACK_MODES = ("exam", "study")
MAX_QUESTIONS = 500
SOURCE_PREFIX = "set:"  # exam.source of an exam taken from a set: "set:<hash>"

HEX64 = re.compile(r"^[0-9a-f]{64}$")
QID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9~_.-]{0,39}$")


class SetFileError(FileRejected):
    """A set or result file that cannot be used; the message names the file and what is wrong."""


class SetBuildError(ValueError):
    """A set that cannot be built as asked (too few questions, no title, ...)."""


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def content_hash(payload: Mapping[str, Any]) -> str:
    """sha256 of the canonical JSON of a file's payload without its "hash" field."""
    return hashlib.sha256(canonical_json({k: v for k, v in payload.items() if k != "hash"})).hexdigest()


def read_file(path: Path, what: str) -> bytes:
    try:
        return read_bytes(path, what=what)
    except SetFileError:
        raise
    except FileRejected as e:
        raise SetFileError(str(e)) from None


def load_json(raw: bytes, name: str, what: str) -> dict[str, Any]:
    try:
        text = decode_text(raw, name)
    except FileRejected as e:
        raise SetFileError(str(e)) from None
    if not text.strip():
        raise SetFileError(f"{name}: the {what} is empty.")

    def no_constants(c: str) -> Any:
        raise ValueError(f"{c} is not a number")

    try:
        data = json.loads(text, parse_constant=no_constants)
    except json.JSONDecodeError as e:
        if e.pos >= len(text.rstrip()) or _unclosed(text):
            raise SetFileError(f"{name}: the {what} is cut short (it ends in the middle; "
                               "copy it again from where it came from).") from None
        raise SetFileError(f"{name}: the {what} is damaged: not valid JSON at line {e.lineno}, "
                           f"column {e.colno} ({e.msg}).") from None
    except RecursionError:
        raise SetFileError(f"{name}: the {what} is damaged: nested too deeply to be one.") from None
    except ValueError as e:
        raise SetFileError(f"{name}: the {what} is damaged: {e}.") from None
    if not isinstance(data, dict):
        raise SetFileError(f"{name}: is not an ASE Prep {what} (expected a JSON object).")
    return data


def _unclosed(text: str) -> bool:
    """Whether the JSON text stops inside a string, object or list (a file cut short)."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "{[":
            depth += 1
        elif ch in "}]":
            depth -= 1
    return in_string or depth > 0


def check_header(data: dict[str, Any], name: str, fmt: str, what: str) -> None:
    kind = data.get("format")
    if kind != fmt:
        if kind == RESULT_FORMAT:
            raise SetFileError(f"{name}: is a result file ({RESULT_SUFFIX}), not a practice set. "
                               "Import it on the Instructor page's Class tab.")
        if kind == SET_FORMAT:
            raise SetFileError(f"{name}: is a practice set ({SET_SUFFIX}), not a result file. "
                               "Open it from Practice > Open practice set.")
        raise SetFileError(f"{name}: is not an ASE Prep {what} (no \"format\": \"{fmt}\" in it).")
    version = data.get("version")
    newest = SET_VERSION if fmt == SET_FORMAT else RESULT_VERSION
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SetFileError(f"{name}: has an unknown {what} version ({str(version)[:20]!r}).")
    if version > newest:
        raise SetFileError(f"{name}: was made by a newer version of ASE Prep ({what} format {version}; "
                           f"this version reads up to format {newest}). Update ASE Prep to open it.")
    h = data.get("hash")
    if not isinstance(h, str) or not HEX64.match(h):
        raise SetFileError(f"{name}: has no valid content hash, so it cannot be checked. "
                           "Ask for a fresh copy of the file.")
    try:
        actual = content_hash(data)
    except (TypeError, ValueError, RecursionError):
        actual = ""
    if actual != h:
        raise SetFileError(f"{name}: has been changed since it was saved (its content hash does not match). "
                           "Ask for a fresh copy of the file.")


class Fields:
    """Typed reads from a JSON object, each failure a message naming the field."""

    def __init__(self, data: Mapping[str, Any], name: str, where: str = "") -> None:
        self.data, self.name, self.where = data, name, where

    def fail(self, msg: str) -> SetFileError:
        return SetFileError(f"{self.name}: {self.where}{msg}")

    def text(self, key: str, *, required: bool = True, max_len: int = 20000) -> str:
        v = self.data.get(key, None if required else "")
        if v is None and not required:
            return ""
        if not isinstance(v, str) or (required and not v.strip()):
            raise self.fail(f"{key} must be text" + (" and not empty" if required else ""))
        if len(v) > max_len:
            raise self.fail(f"{key} is longer than {max_len} characters")
        return v

    def number(self, key: str, *, optional: bool = False, low: float = 0.0, high: float = 1e9) -> float | None:
        v = self.data.get(key)
        if v is None and optional:
            return None
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) or not low <= v <= high:
            raise self.fail(f"{key} must be a number from {low:g} to {high:g}")
        return float(v)

    def flag(self, key: str, default: bool) -> bool:
        v = self.data.get(key, default)
        if not isinstance(v, bool):
            raise self.fail(f"{key} must be true or false")
        return v
