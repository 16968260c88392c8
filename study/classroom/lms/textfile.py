"""Reading a file from outside, guarded once for every format.

At most a size limit; UTF-8 with or without a byte-order mark, UTF-16 recognised (Excel's
"Unicode text"); anything else a clear error naming the file. Question files (not the app's own
JSON files) also fall back to Windows-1252, Excel's "CSV (Comma delimited)" on Windows and
Notepad's "ANSI", and say so.
"""

from __future__ import annotations

from pathlib import Path

MAX_FILE_BYTES = 20 * 1024 * 1024


class FileRejected(Exception):
    """A file that cannot be used at all; the message names the file and says what is wrong."""


def read_bytes(path: Path, *, limit: int = MAX_FILE_BYTES, what: str = "file") -> bytes:
    """The file's bytes, refusing anything over `limit` before reading it all."""
    name = path.name
    try:
        with path.open("rb") as f:
            raw = f.read(limit + 1)
    except FileNotFoundError:
        raise FileRejected(f"{name}: the {what} does not exist (looked in {path.parent}).") from None
    except IsADirectoryError:
        raise FileRejected(f"{name}: is a folder, not a {what}.") from None
    except OSError as e:
        raise FileRejected(f"{name}: cannot read the {what}: {e.strerror or e}.") from None
    if len(raw) > limit:
        raise FileRejected(f"{name}: the {what} is larger than {limit // (1024 * 1024)} MB, too large to be one; "
                           "check that you chose the right file.")
    return raw


_SAVE_CSV = "not a CSV file; save it as \"CSV UTF-8\" (File > Save As) and import the CSV."
_PACKAGES = (  # a file in the zip, what the file is and what to bring instead
    ("imsmanifest.xml", "a QTI quiz package (what Canvas and Blackboard export), which ASE Prep does not read. "
                        "Bring the questions as Moodle XML, GIFT, Aiken or CSV (Moodle: Question bank > Export)."),
    ("moodle_backup.xml", "a Moodle course backup. Export the questions from Moodle's Question bank > Export as "
                          "Moodle XML or GIFT and import that file."),
    ("xl/workbook.xml", "an Excel workbook, " + _SAVE_CSV),
    ("word/document.xml", "a Word document. Save it as plain text (UTF-8) laid out as GIFT or Aiken and import that."),
    ("content.xml", "an OpenDocument file (LibreOffice), " + _SAVE_CSV),
)
_MAGIC = ((b"\xd0\xcf\x11\xe0", "an older Office file (.xls or .doc). Save it as \"CSV UTF-8\" (a sheet) or as "
                                    "plain text (a document) and import that."),
          (b"%PDF", "a PDF, which holds no questions a program can read. Import the GIFT, Aiken, Moodle XML or CSV "
                    "file it was made from."),
          (b"\x1f\x8b", "a compressed (gzip) file, such as a Moodle backup (.mbz). Export the questions from "
                         "Moodle's Question bank > Export as Moodle XML or GIFT and import that file."))


def refuse_packaged(raw: bytes, name: str) -> None:
    """A quiz package, workbook, document or archive where a text file was wanted: FileRejected
    saying what the file is and what to bring instead (nothing inside it is read but its names)."""
    if raw.startswith(b"PK\x03\x04"):
        import io
        import zipfile

        try:
            names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            names = set()
        what = next((words for inner, words in _PACKAGES if inner in names), "a zip file, not a text file. "
                    "Unpack it and import the GIFT, Aiken, Moodle XML or CSV file inside.")
        raise FileRejected(f"{name}: {what}")
    for magic, words in _MAGIC:
        if raw.startswith(magic):
            raise FileRejected(f"{name}: {words}")


def _looks_utf16(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for BOM-less UTF-16 text (most of one byte column is NUL)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    sample = raw[:4000]
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)


def decode_text(raw: bytes, name: str) -> str:
    """Text from a file's bytes: UTF-8 (BOM or not) or UTF-16 (BOM or detected); else a clear error."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(enc)
            except UnicodeDecodeError:
                raise FileRejected(f"{name}: starts as {enc.upper()} text but is damaged further on "
                                   "(cut short or mixed encodings).") from None
            return _no_nul(text, name)
    enc16 = _looks_utf16(raw)  # BOM-less UTF-16 of plain text is valid UTF-8 too (NULs): look first
    if enc16 is not None:
        try:
            return _no_nul(raw.decode(enc16), name)
        except UnicodeDecodeError:
            pass
    try:
        return _no_nul(raw.decode("utf-8"), name)
    except UnicodeDecodeError as e:
        if b"\x00" in raw[:4000]:
            raise FileRejected(f"{name}: is not a text file (it holds binary data).") from None
        line = raw[: e.start].count(b"\n") + 1
        raise FileRejected(
            f"{name}: line {line} is not UTF-8 text (byte 0x{raw[e.start]:02X}). Save the file as UTF-8 "
            "(in Excel: \"CSV UTF-8\"; in a text editor: encoding UTF-8) and try again.") from None


def decode_question_text(raw: bytes, name: str) -> tuple[str, str]:
    """Like `decode_text`, but a file that is not UTF-8 is read as Windows-1252 (what Excel and
    Notepad write on Windows) instead of refused; the second value says so, or is empty."""
    try:
        return decode_text(raw, name), ""
    except FileRejected:
        if b"\x00" in raw[:4000]:
            raise
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as e:
            line = raw[: e.start].count(b"\n") + 1
            raise FileRejected(f"{name}: line {line} is neither UTF-8 nor Windows-1252 text "
                               f"(byte 0x{raw[e.start]:02X}). Save it as UTF-8 and try again.") from None
        sample = next((ch for ch in text if ord(ch) > 127), "")
        return _no_nul(text, name), (
            f"{name}: not UTF-8, so it was read as Windows-1252 (Excel's \"CSV (Comma delimited)\" on Windows)"
            + (f"; check that characters such as {sample} look right" if sample else "") + ".")


def _no_nul(text: str, name: str) -> str:
    if "\x00" in text:
        raise FileRejected(f"{name}: is not a text file (it holds NUL characters).")
    return text


def read_text(path: Path, *, limit: int = MAX_FILE_BYTES, what: str = "file") -> str:
    return decode_text(read_bytes(path, limit=limit, what=what), path.name)


def one_line_ends(text: str) -> str:
    """Windows (CR LF) and old Mac (CR alone) line ends as LF, as Moodle's readers take them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
