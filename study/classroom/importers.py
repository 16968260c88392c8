"""An instructor's own questions from GIFT, Aiken, CSV and Moodle XML files, and questions out.

The readers live in study.classroom.lms (one module a format); this module picks the format and
reads a file. Reading a file from outside is guarded once for every format: at most
MAX_FILE_BYTES, UTF-8 with or without a byte-order mark, UTF-16 recognised (Excel's "Unicode
text"), Windows-1252 when the file is not UTF-8 (said in the result's notes), anything else a
clear error naming the file. Parsers never raise on bad content: a bad question is skipped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from study.classroom.lms import emphasis
from study.classroom.lms.aiken import parse_aiken
from study.classroom.lms.csvfile import CSV_HEADER, CSV_REQUIRED, parse_csv
from study.classroom.lms.found import ImportedQuestion, ImportResult, SkippedItem
from study.classroom.lms.gift import gift_escape, gift_export, parse_gift, to_gift
from study.classroom.lms.moodle_xml import looks_like_moodle_xml, parse_moodle_xml, to_moodle_xml
from study.classroom.lms.textfile import (
    MAX_FILE_BYTES,
    FileRejected,
    decode_question_text,
    decode_text,
    one_line_ends,
    read_bytes,
    read_text,
    refuse_packaged,
)

FORMATS = ("gift", "aiken", "csv", "moodle-xml")

_GIFT_BLOCK = re.compile(r"\{[^{}]*[~=][^{}]*\}", re.DOTALL)
_AIKEN_ANSWER = re.compile(r"^\s*ANSWER\s*:\s*[A-Za-z](?![A-Za-z0-9])", re.IGNORECASE | re.MULTILINE)


def detect_format(path: Path, text: str) -> str:
    """By extension (.gift, .csv), else by content: GIFT's { } answer blocks, Aiken's ANSWER: lines
    (a GIFT file whose text has a line starting "Answer:" is still GIFT), a CSV header."""
    ext = path.suffix.lower()
    if ext == ".gift":
        return "gift"
    if ext in (".csv", ".tsv"):
        return "csv"
    if ext == ".xml" or looks_like_moodle_xml(text):
        return "moodle-xml"
    text = one_line_ends(text)
    gift, aiken = len(_GIFT_BLOCK.findall(text)), len(_AIKEN_ANSWER.findall(text))
    if gift and gift >= aiken:
        return "gift"
    if aiken:
        return "aiken"
    first = text.lstrip("\ufeff").split("\n", 1)[0].casefold()
    if first.startswith("sep=") or ("stem" in first and ("," in first or ";" in first or "\t" in first)):
        return "csv"
    raise FileRejected(f"{path.name}: not recognizably GIFT, Aiken, CSV or Moodle XML. Choose the format, "
                       "or check the file.")


def parse_text(text: str, name: str, fmt: str) -> ImportResult:
    text = emphasis.strip(text)  # the readers' own bold and italic markers never come from a file
    if fmt == "gift":
        return parse_gift(text, name)
    if fmt == "aiken":
        return parse_aiken(text, name)
    if fmt == "csv":
        return parse_csv(text, name)
    if fmt == "moodle-xml":
        return parse_moodle_xml(text, name)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def parse_file(path: Path, fmt: str | None = None) -> ImportResult:
    """Read and parse one file; raises FileRejected for a file that cannot be read at all."""
    raw = read_bytes(path, what="question file")
    refuse_packaged(raw, path.name)
    text, note = decode_question_text(raw, path.name)
    text = one_line_ends(text)
    fmt = fmt or detect_format(path, text)
    result = parse_text(text, path.name, fmt)
    return replace(result, notes=(note,) + result.notes) if note else result


def with_mapping(result: ImportResult, test: str | None, area: str | None) -> ImportResult:
    """Give questions without their own test/area the instructor's choice (a CSV row's own wins)."""
    if not test and not area:
        return result
    out = []
    for q in result.imported:
        t = q.test or test
        a = q.area or (area if (q.test or test) == test else None)
        out.append(replace(q, test=t, area=a))
    return replace(result, imported=tuple(out))


__all__ = [
    "CSV_HEADER", "CSV_REQUIRED", "FORMATS", "MAX_FILE_BYTES", "FileRejected", "ImportResult", "ImportedQuestion",
    "SkippedItem", "decode_text", "detect_format", "gift_escape", "gift_export", "parse_aiken", "parse_csv",
    "parse_file", "parse_gift", "parse_moodle_xml", "parse_text", "read_bytes", "read_text", "to_gift",
    "to_moodle_xml", "with_mapping",
]
