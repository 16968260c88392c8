"""The class roster from the LMS, results matched to it, and the gradebook the LMS imports.

A result file carries the name the student typed. With a roster, each result belongs to a roster
entry (with the LMS's identifiers) instead of to a typed name: a name that fits exactly one
entry ("Lee Wong", "lee wong", "Wong, Lee", the student's email or login) is matched at once; a
name that fits none or several is left for the instructor to choose, and stays out of the LMS
gradebook until then.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert, select, update

from questions.blueprints import Blueprints
from study.classroom.lms.rosters import GradeColumn, RosterEntry, fold, gradebook_csv, read_roster
from study.classroom.lms.textfile import FileRejected, decode_question_text, read_bytes, refuse_packaged
from study.classroom.sets import PracticeSetService
from study.storage.database import Database
from study.storage.records import RESULT, ROSTER, STUDENT

FIELDS = ("lms", "name", "first_name", "last_name", "username", "email", "id_number", "lms_user_id", "login_id",
          "section")


@dataclass(frozen=True)
class RosterPreview:
    """A roster file read and checked, nothing stored yet: what Import will add and update."""

    file: str
    lms: str
    entries: tuple[RosterEntry, ...]
    new: int  # students not on the stored roster yet
    updated: int  # students already there (their identifiers and section are refreshed)
    notes: tuple[str, ...] = ()  # e.g. the file was read as Windows-1252
    known: frozenset[str] = frozenset()  # the keys of the students already on the roster
    left_out: tuple[str, ...] = ()  # each person in the file who is not read as a student, and why

    @property
    def summary(self) -> str:
        return (f"{self.file}: {len(self.entries)} students from {self.lms.capitalize()} ({self.new} new, "
                f"{self.updated} already on the roster).")


@dataclass(frozen=True)
class LmsGradebook:
    """The gradebook file an LMS imports, and what the instructor should know about it."""

    lms: str
    text: str
    students: int  # rows in the file
    columns: tuple[str, ...]  # one per set (and per content area, if asked)
    left_out: tuple[str, ...]  # what is not in the file, and why
    notes: tuple[str, ...]  # how the file matches students

    @property
    def summary(self) -> str:
        return (f"{self.students} student{'s' if self.students != 1 else ''} and {len(self.columns)} grade "
                f"column{'s' if len(self.columns) != 1 else ''}, in the shape {self.lms.capitalize()}'s grade import reads.")


@dataclass(frozen=True)
class Unmatched:
    result_id: int
    typed_name: str
    set_title: str
    candidates: tuple[tuple[int, str], ...]  # roster id, name: the entries the name fits (none or several)

    @property
    def why(self) -> str:
        if not self.candidates:
            return f"{self.typed_name!r} ({self.set_title}) is not on the roster; choose who it is"
        names = ", ".join(f"{n} (#{i})" for i, n in self.candidates)
        return f"{self.typed_name!r} ({self.set_title}) fits {len(self.candidates)} students: {names}; choose one"


class RosterService:
    def __init__(self, db: Database, blueprints: Blueprints, *, now: Callable[[], datetime] | None = None) -> None:
        self.db = db
        self.blueprints = blueprints
        self.now = now or (lambda: datetime.now().replace(microsecond=0))

    def entries(self) -> list[tuple[int, RosterEntry]]:
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(ROSTER).order_by(ROSTER.c.last_name, ROSTER.c.first_name, ROSTER.c.id)).all()
        return [(int(r.id), RosterEntry(**{f: getattr(r, f) or "" for f in FIELDS})) for r in rows]

    def preview(self, path: Path) -> RosterPreview:
        """Read and check a roster file without storing anything (FileRejected names what is wrong)."""
        raw = read_bytes(path, what="roster file")
        refuse_packaged(raw, path.name)
        text, note = decode_question_text(raw, path.name)
        found, lms, left_out = read_roster(text, path.name)
        if not found:
            raise FileRejected(f"{path.name}: no students in the file (only students are read from a roster).")
        known = {e.key for _i, e in self.entries()}
        new = sum(1 for e in {e.key: e for e in found}.values() if e.key not in known)
        return RosterPreview(path.name, lms, tuple(found), new, len({e.key for e in found}) - new,
                             (note,) if note else (), frozenset(known), tuple(left_out))

    def store(self, preview: RosterPreview) -> int:
        """Store (or update) the previewed students, then match the results their names fit; returns
        how many results were matched."""
        now = self.now()
        with self.db.engine.begin() as conn:
            known = {r.entry_key: int(r.id) for r in conn.execute(select(ROSTER.c.id, ROSTER.c.entry_key))}
            for e in preview.entries:
                values = {f: getattr(e, f)[:300] for f in FIELDS}
                if e.key in known:
                    conn.execute(update(ROSTER).where(ROSTER.c.id == known[e.key]).values(**values, imported_at=now))
                else:
                    res = conn.execute(insert(ROSTER).values(**values, entry_key=e.key[:300], imported_at=now))
                    known[e.key] = int(res.inserted_primary_key[0])  # type: ignore[index]
        return self.match_results()

    def import_roster(self, path: Path) -> tuple[int, str]:
        """Store (or update) the roster file's students; returns how many and the LMS it came from."""
        preview = self.preview(path)
        self.store(preview)
        return len(preview.entries), preview.lms

    def add_student(self, name: str, *, email: str = "", id_number: str = "") -> int:
        """A student the LMS's roster file did not have (joined late, say), with the identifier the
        LMS's grade import matches on; returns the new roster number."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("a student needs a name")
        if not (email.strip() or id_number.strip()):
            raise ValueError("give the student's email address or ID number, so the LMS can match the grade")
        first, _, last = name.rpartition(" ") if " " in name else ("", "", name)
        lms = self._roster_lms()
        entry = RosterEntry(lms, name, first, last, email=email.strip(), id_number=id_number.strip())
        if entry.key in {e.key for _i, e in self.entries()}:
            raise ValueError(f"{name} ({email or id_number}) is already on the roster")
        with self.db.engine.begin() as conn:
            res = conn.execute(insert(ROSTER).values(**{f: getattr(entry, f)[:300] for f in FIELDS},
                                                     entry_key=entry.key[:300], imported_at=self.now()))
            return int(res.inserted_primary_key[0])  # type: ignore[index]

    def _roster_lms(self) -> str:
        kinds = [e.lms for _i, e in self.entries()]
        return max(set(kinds), key=kinds.count) if kinds else "moodle"

    def _results(self) -> list[tuple[int, str, str, int, int, int | None]]:
        q = (select(RESULT.c.id, STUDENT.c.name, RESULT.c.set_hash, RESULT.c.correct, RESULT.c.total, RESULT.c.roster_id)
             .join(STUDENT, STUDENT.c.id == RESULT.c.student_id).order_by(RESULT.c.id))
        with self.db.engine.connect() as conn:
            return [(int(r[0]), str(r[1]), str(r[2]), int(r[3]), int(r[4]), r[5]) for r in conn.execute(q)]

    def _fits(self, typed: str, entries: Sequence[tuple[int, RosterEntry]]) -> list[tuple[int, str]]:
        key = fold(typed)
        return [(i, e.name) for i, e in entries if key in e.names()]

    def match_results(self) -> int:
        """Match every unmatched result whose typed name fits exactly one roster entry; returns how many."""
        entries = self.entries()
        n = 0
        with self.db.engine.begin() as conn:
            for rid, typed, _h, _c, _t, roster_id in self._results():
                fits = self._fits(typed, entries) if roster_id is None else []
                if len(fits) == 1:
                    conn.execute(update(RESULT).where(RESULT.c.id == rid).values(roster_id=fits[0][0]))
                    n += 1
        return n

    def unmatched(self) -> list[Unmatched]:
        entries = self.entries()
        if not entries:
            return []
        titles = {ps.hash: ps.title for ps in PracticeSetService(self.db, self.blueprints).all()}
        return [Unmatched(rid, typed, titles.get(h, h[:10]), tuple(self._fits(typed, entries)))
                for rid, typed, h, _c, _t, roster_id in self._results() if roster_id is None]

    def assign(self, result_id: int, roster_id: int) -> None:
        """The instructor's choice: this result is this roster entry's."""
        if roster_id not in {i for i, _ in self.entries()}:
            raise KeyError(f"no student #{roster_id} on the roster")
        with self.db.engine.begin() as conn:
            if not conn.execute(update(RESULT).where(RESULT.c.id == result_id).values(roster_id=roster_id)).rowcount:
                raise KeyError(f"no result #{result_id}")

    def gradebook(self, lms: str, test: str | None = None, *, by_area: bool = False) -> LmsGradebook:
        """The LMS gradebook CSV (best attempt per student and set), what it leaves out and why."""
        entries = dict(self.entries())
        if not entries:
            raise FileRejected("There is no class roster yet: import the roster your LMS exports (Moodle's "
                               "participants CSV or Canvas's gradebook export) first, so each grade goes to its student.")
        sets = {ps.hash: ps for ps in PracticeSetService(self.db, self.blueprints).all()
                if test is None or ps.test == test}
        best: dict[tuple[str, int], tuple[int, int]] = {}
        with self.db.engine.connect() as conn:
            answers = {int(r.id): r.answers for r in conn.execute(select(RESULT.c.id, RESULT.c.answers))}
        area_right: dict[tuple[str, int, str], int] = {}
        for rid, _typed, h, correct, _total, roster_id in self._results():
            if roster_id is None or h not in sets:
                continue
            if (h, roster_id) not in best or correct > best[(h, roster_id)][0]:
                best[(h, roster_id)] = (correct, rid)
        columns: list[GradeColumn] = []
        for h, ps in sets.items():
            scores = {entries[r].key: c for (hh, r), (c, _rid) in best.items() if hh == h and r in entries}
            if scores:
                columns.append(GradeColumn(ps.title, len(ps.questions), scores))
            if by_area and scores:
                for (hh, r), (_c, rid) in best.items():
                    if hh != h:
                        continue
                    picked = {a["question_id"]: a["choice"] for a in json.loads(answers[rid])}
                    for q in ps.questions:
                        k = (h, r, q.area)
                        area_right[k] = area_right.get(k, 0) + (1 if picked.get(q.id) == q.answer else 0)
                for area in sorted({q.area for q in ps.questions}):
                    n = sum(1 for q in ps.questions if q.area == area)
                    columns.append(GradeColumn(f"{ps.title}: {ps.test} area {area}", n,
                                               {entries[r].key: area_right.get((h, r, area), 0)
                                                for (hh, r) in best if hh == h and r in entries}))
        text, notes = gradebook_csv(lms, list(entries.values()), columns)
        graded = {r for (_h, r) in best}
        left_out = [f"Not matched to a student yet, so not in the file: {u.why}" for u in self.unmatched()]
        idle = [e.name for i, e in entries.items() if i not in graded]
        if idle:
            left_out.append(f"{len(idle)} student{'s' if len(idle) != 1 else ''} on the roster with no result yet "
                            f"(their grades in the LMS stay as they are): {', '.join(sorted(idle)[:12])}"
                            + (", ..." if len(idle) > 12 else ""))
        if not columns:
            left_out.append("no results matched to the roster" + (f" for {test}" if test else "") + " yet")
        students = len({entries[r].key for r in graded if r in entries})
        return LmsGradebook(lms, text, students, tuple(c.title for c in columns), tuple(left_out), tuple(notes))

    def write_gradebook(self, path: Path, lms: str, test: str | None = None, *, by_area: bool = False) -> LmsGradebook:
        """The LMS gradebook written whole to `path` (an earlier file stays as it was if this fails)."""
        from study.storage.files import write_text

        book = self.gradebook(lms, test, by_area=by_area)
        write_text(path, book.text, newline="")
        return book
