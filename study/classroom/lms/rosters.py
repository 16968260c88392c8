"""Class rosters as LMSs export them, and gradebooks in the shapes their grade imports accept.

In:
- Moodle's participants page, "Download table data as" CSV: First name, Last name (or Surname),
  the identity fields the site shows (Email address by default; Username, ID number), Roles,
  Groups. Only rows whose role is Student are kept when a Roles column is present.
- Canvas's gradebook export (Grades > Export): Student ("Last, First"), ID, SIS User ID,
  SIS Login ID, Section, then one column per assignment; the "Points Possible" row and Canvas's
  "Student, Test" are left out.

Out (one row per student, the identifier column each import needs, one column per set and, if
asked, per content area; nothing else that the LMS would turn into a stray grade item):
- Moodle (Grades > Import > CSV file): "Email address" (map it to the user's email) or
  "ID number", then each set as a percentage (a new grade item's maximum is 100).
- Canvas (Grades > Import): Student, ID, SIS User ID, SIS Login ID, Section, then each set in
  points, with the "Points Possible" row Canvas reads for a new assignment.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from study.classroom.lms.cells import formula_safe
from study.classroom.lms.textfile import FileRejected

LMS_NAMES = ("moodle", "canvas")
CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


@dataclass(frozen=True)
class RosterEntry:
    lms: str
    name: str  # "First Last"
    first_name: str = ""
    last_name: str = ""
    username: str = ""
    email: str = ""
    id_number: str = ""  # Moodle's ID number, Canvas's SIS User ID
    lms_user_id: str = ""  # Canvas's ID
    login_id: str = ""  # Canvas's SIS Login ID
    section: str = ""

    @property
    def key(self) -> str:
        best = self.lms_user_id or self.email or self.username or self.id_number or self.name
        return f"{self.lms}:{best.casefold()}"

    def names(self) -> set[str]:
        """Every way a student may have typed who they are, folded: "Lee Wong", "Wong, Lee", "Wong Lee", email, login."""
        out = {fold(self.name)}
        if self.first_name or self.last_name:
            out |= {fold(f"{self.first_name} {self.last_name}"), fold(f"{self.last_name} {self.first_name}"),
                    fold(f"{self.last_name}, {self.first_name}")}
        out |= {fold(x) for x in (self.email, self.username, self.login_id) if x}
        return {n for n in out if n}


def fold(text: str) -> str:
    return " ".join(text.replace(",", " ").casefold().split())


def _rows(text: str, name: str) -> list[tuple[int, dict[str, str]]]:
    """Each row of the CSV with the line it starts on."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delim = max((",", ";", "\t"), key=first.count)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delim)
        rows, line = [], 2
        for r in reader:
            rows.append((line, {(k or "").strip(): (v or "").strip() for k, v in r.items() if k is not None}))
            line = reader.line_num + 1
    except csv.Error as e:
        raise FileRejected(f"{name}: not readable as CSV ({e}).") from None
    return rows


def _col(row: dict[str, str], *names: str) -> str:
    low = {k.casefold(): v for k, v in row.items()}
    return next((low[n] for n in names if low.get(n)), "")


def parse_roster(text: str, name: str) -> tuple[list[RosterEntry], str]:
    """The students of a Moodle participants or Canvas gradebook CSV, and which LMS it came from."""
    entries, lms, _left_out = read_roster(text, name)
    return entries, lms


def read_roster(text: str, name: str) -> tuple[list[RosterEntry], str, list[str]]:
    """The students of a Moodle participants or Canvas gradebook CSV, which LMS it came from, and
    each person left out with the line and why (a teacher, Canvas's test student)."""
    rows = _rows(text, name)
    header = {k.casefold() for _line, r in rows[:1] for k in r}
    out: list[RosterEntry] = []
    left_out: list[str] = []
    if {"student", "sis login id"} <= header or {"student", "id", "section"} <= header:
        for line, r in rows:
            student = _col(r, "student")
            if not student or student.strip().casefold() == "points possible":
                continue  # Canvas's second row, not a person
            if student.strip().casefold() == "student, test":
                left_out.append(f"{student} (line {line}): Canvas's test student (Student View); left out.")
                continue
            last, _, first = student.partition(",")
            first, last = (first.strip(), last.strip()) if first else ("", "")
            out.append(RosterEntry("canvas", f"{first} {last}".strip() or student, first, last,
                                   id_number=_col(r, "sis user id"), lms_user_id=_col(r, "id"),
                                   login_id=_col(r, "sis login id"), section=_col(r, "section"),
                                   email=_col(r, "email")))
        return out, "canvas", left_out
    if "first name" in header and ({"last name", "surname"} & header):
        for line, r in rows:
            roles = _col(r, "roles")
            first, last = _col(r, "first name"), _col(r, "last name", "surname")
            if roles and "student" not in roles.casefold():
                left_out.append(f"{first} {last} (line {line}): {roles}, not a student; left out.")
                continue
            out.append(RosterEntry("moodle", f"{first} {last}".strip(), first, last, username=_col(r, "username"),
                                   email=_col(r, "email address", "email"), id_number=_col(r, "id number", "idnumber"),
                                   section=_col(r, "groups")))
        if out and not any(e.email or e.username or e.id_number for e in out):
            left_out.append("No email address, username or ID number in the file: Moodle's grade import needs one "
                            "to find each student. Show one on the participants page (Site administration > Users > "
                            "Permissions > User policies > Show user identity) and download the list again.")
        return out, "moodle", left_out
    raise FileRejected(f"{name}: not a roster this app knows. Use Moodle's participants download (CSV) or Canvas's "
                       "gradebook export; the first row must name the columns (First name, Last name, Email "
                       "address... or Student, ID, SIS User ID, SIS Login ID, Section).")


@dataclass(frozen=True)
class GradeColumn:
    title: str
    points: int  # questions in the set (or the area)
    scores: dict[str, int]  # roster entry key -> right answers (best attempt)


def gradebook_csv(lms: str, roster: Sequence[RosterEntry], columns: Sequence[GradeColumn]) -> tuple[str, list[str]]:
    """The gradebook in the shape `lms`'s grade import reads, and what the instructor should know."""
    out = io.StringIO(newline="")
    w = csv.writer(out)
    notes: list[str] = []
    graded = [e for e in roster if any(e.key in c.scores for c in columns)]
    # a set's title, a name and a section are text a spreadsheet must not run; the identifiers the
    # LMS matches on (email, ID number, username, login, Canvas ID) are written exactly as it sent them
    titles = [str(formula_safe(c.title)) for c in columns]
    guarded = [t for t, c in zip(titles, columns, strict=True) if t != c.title]
    if guarded:
        notes.append(f"{len(guarded)} column title{'s' if len(guarded) != 1 else ''} ({guarded[0][1:]!r}"
                     f"{', ...' if len(guarded) > 1 else ''}) start{'' if len(guarded) != 1 else 's'} as a spreadsheet "
                     "formula would, so each is written behind an apostrophe and kept as text; the LMS shows "
                     "the apostrophe in the grade item's name")
    if lms == "moodle":
        ident = "Email address" if all(e.email for e in graded) else "ID number" if all(e.id_number for e in graded) \
            else "Username"
        if not all(e.email for e in graded):
            notes.append(f"not every student has an email address on the roster, so the file matches by {ident}")
        w.writerow([ident, *titles])
        for e in graded:
            who = {"Email address": e.email, "ID number": e.id_number, "Username": e.username}[ident]
            w.writerow([who, *[_pct(c.scores.get(e.key), c.points) for c in columns]])
    elif lms == "canvas":
        w.writerow([*CANVAS_IDENTITY, *titles])
        w.writerow(["Points Possible", "", "", "", "", *[c.points for c in columns]])
        for e in graded:
            student = f"{e.last_name}, {e.first_name}" if e.last_name else e.name
            w.writerow([formula_safe(student), e.lms_user_id, e.id_number, e.login_id, formula_safe(e.section),
                        *["" if c.scores.get(e.key) is None else c.scores[e.key] for c in columns]])
    else:
        raise ValueError(f"unknown LMS {lms!r}; choose {' or '.join(LMS_NAMES)}")
    return out.getvalue(), notes


def _pct(right: int | None, points: int) -> str:
    return "" if right is None or not points else f"{100 * right / points:.1f}"
