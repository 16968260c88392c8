"""Fuzzed set files, result files, GIFT, Aiken and CSV imports: any input gives a result or a
clear error naming the file, never a crash; a refused import changes nothing stored."""

from __future__ import annotations

import functools
import json
import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import SQLAlchemyError

from main import main
from questions.blueprints import load_blueprints
from questions.model import LETTERS
from study.classroom.importers import (
    FileRejected,
    ImportResult,
    decode_text,
    parse_aiken,
    parse_csv,
    parse_gift,
    parse_text,
)
from study.classroom.results import ClassroomService
from study.classroom.sets import (
    PracticeSetService,
    ResultAnswer,
    SetFileError,
    build_result,
    build_set,
    canonical_json,
    parse_result,
    parse_set,
)
from study.storage.database import open_database
from tests.conftest import make_question

BP = load_blueprints()
DIR = Path(tempfile.mkdtemp(prefix="fuzz-files-"))
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SET = build_set("Fuzz quiz", "A5", [make_question("A5", a, i, "ABCD"[i % 4]) for i, a in enumerate("AABCD", 1)],
                instructor="Ms. Fuzz", created=datetime(2026, 11, 20, 18, 0))
RESULT = build_result(SET, "Pat Doe", [ResultAnswer(q.id, "B", 12.5) for q in SET.questions], 70.0,
                      finished=datetime(2026, 11, 20, 18, 30))


def check_import(result: ImportResult, name: str) -> None:
    for q in result.imported:
        assert q.source.startswith(name + ":")
        assert q.answer in LETTERS and len(q.choices) == 4 and all(q.choices) and q.stem
        assert len({c.casefold() for c in q.choices}) == 4
    for s in result.skipped:
        assert s.source.startswith(name + ":") and s.reason


def parse_any(fmt: str, text: str) -> None:
    try:
        check_import(parse_text(text, "f.txt", fmt), "f.txt")
    except FileRejected as e:
        assert fmt == "csv" and str(e).startswith("f.txt")


# -- bytes and text ---------------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_decode_or_get_a_clear_message(raw):
    try:
        text = decode_text(raw, "x.gift")
    except FileRejected as e:
        assert str(e).startswith("x.gift: ")
    else:
        assert "\x00" not in text


@FAST
@given(st.sampled_from(["gift", "aiken", "csv"]), st.text(max_size=2000))
def test_any_text_in_any_format(fmt, text):
    parse_any(fmt, text)


GIFT_TOKENS = ["{", "}", "~", "=", "#", "####", "::", "\\", "\\n", "\n", "\n\n", "// c", "$CATEGORY: a/b", "%50%",
               "%-100%", "->", "[html]", "[markdown]", "<b>", "&amp;", "T", "FALSE", " ", "word", "Q?", "\\{", "\\:"]


@FAST
@given(st.lists(st.sampled_from(GIFT_TOKENS), max_size=80))
def test_gift_shaped_noise(tokens):
    text = "".join(tokens)
    check_import(parse_gift(text, "g.gift"), "g.gift")


AIKEN_LINES = ["Which one?", "A. one", "B. two", "C) three", "D. four", "E. five", "a. low", "ANSWER: A",
               "ANSWER: D", "answer: b", "ANSWER:", "ANSWER: Z", "", "  ", "A.", "Technician A says"]


@FAST
@given(st.lists(st.sampled_from(AIKEN_LINES), max_size=60))
def test_aiken_shaped_noise(lines):
    check_import(parse_aiken("\n".join(lines), "a.txt"), "a.txt")


CSV_CELLS = ["stem", "A", "B", "C", "D", "answer", "tags", "x", "", "\"", "\"q\"\"", "a,b", ";", "\t", "\n", "B",
             "5", "A5", "Q", "technician_ab", "3"]


@FAST
@given(st.lists(st.lists(st.sampled_from(CSV_CELLS), max_size=12), max_size=20), st.sampled_from([",", ";", "\t"]))
def test_csv_shaped_noise(rows, sep):
    text = "\n".join(sep.join(r) for r in [["stem", "A", "B", "C", "D", "answer"], *rows])
    try:
        check_import(parse_csv(text, "c.csv"), "c.csv")
    except FileRejected as e:
        assert str(e).startswith("c.csv")


# -- set and result files ---------------------------------------------------------------------------------

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=12)


def mutate(data: dict, draw) -> dict:  # type: ignore[type-arg, no-untyped-def]
    """Replace, drop or add a field somewhere in the file's JSON."""
    node = data
    path = draw(st.lists(st.integers(0, 50), max_size=3))
    for step in path:
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []
        containers = [(k, v) for k, v in children if isinstance(v, dict | list) and v]
        if not containers:
            break
        node = containers[step % len(containers)][1]
    op = draw(st.sampled_from(["replace", "drop", "add"]))
    if isinstance(node, dict) and node:
        key = draw(st.sampled_from(sorted(node)))
        if op == "drop":
            del node[key]
        else:
            node[key if op == "replace" else draw(st.text(max_size=6))] = draw(JSON)
    elif isinstance(node, list) and node:
        i = draw(st.integers(0, len(node) - 1))
        if op == "drop":
            del node[i]
        else:
            node[i] = draw(JSON)
    return data


def parse_safely(parse, raw: bytes, name: str):  # type: ignore[no-untyped-def]
    try:
        return parse(raw, name)
    except SetFileError as e:
        assert str(e).startswith(name + ":"), str(e)
        return None


@FAST
@given(st.data(), st.booleans(), st.sampled_from(["set", "result"]))
def test_mutated_set_and_result_files(data, rehash, kind):
    base, parse = (SET, parse_set) if kind == "set" else (RESULT, parse_result)
    doc = mutate(json.loads(base.to_json()), data.draw)
    if rehash and isinstance(doc, dict):
        try:
            doc["hash"] = __import__("hashlib").sha256(canonical_json({k: v for k, v in doc.items() if k != "hash"})).hexdigest()
        except (TypeError, ValueError):
            pass
    got = parse_safely(parse, json.dumps(doc).encode("utf-8"), f"f.{kind}")
    if got is not None and not rehash:
        assert got.hash == base.hash  # without a fresh hash only a no-op change can pass


@FAST
@given(st.data(), st.sampled_from(["set", "result"]))
def test_damaged_bytes_of_set_and_result_files(data, kind):
    base, parse = (SET, parse_set) if kind == "set" else (RESULT, parse_result)
    raw = bytearray(base.to_json().encode("utf-8"))
    op = data.draw(st.sampled_from(["truncate", "flip", "insert", "random"]))
    if op == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    elif op == "flip":
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    elif op == "insert":
        i = data.draw(st.integers(0, len(raw)))
        raw[i:i] = data.draw(st.binary(min_size=1, max_size=20))
    else:
        raw = bytearray(data.draw(st.binary(max_size=2000)))
    got = parse_safely(parse, bytes(raw), f"f.{kind}")
    if got is not None:
        assert got.hash == base.hash


# -- a refused import changes nothing stored -------------------------------------------------------------


@functools.cache
def database():  # type: ignore[no-untyped-def]
    db = open_database(f"sqlite:///{DIR / 'fuzz.sqlite3'}")
    PracticeSetService(db, BP).record(SET, authored=True)
    return db


def snapshot(db) -> list:  # type: ignore[type-arg, no-untyped-def]
    with db.engine.connect() as conn:
        return [conn.exec_driver_sql(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("imported_question", "class_result", "class_student", "practice_set")]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_a_refused_result_file_changes_nothing(data):
    db = database()
    doc = mutate(json.loads(RESULT.to_json()), data.draw)
    raw = json.dumps(doc).encode("utf-8") if data.draw(st.booleans()) else data.draw(st.binary(max_size=500))
    p = DIR / "r.aseresult"
    p.write_bytes(raw)
    before = snapshot(db)
    out = ClassroomService(db, BP).import_results([p])
    (o,) = out.outcomes
    if o.status == "rejected":
        assert o.message.startswith("r.aseresult:")
        assert snapshot(db) == before
    else:
        assert o.status in ("added", "duplicate")


@functools.cache
def data_folder() -> Path:
    """A learner's data folder for the command line's import, with one stored question already."""
    folder = DIR / "cli-data"
    rc = main(["--data-dir", str(folder), "questions", "import", str(Path(__file__).parent / "data" / "brakes.csv"),
               "--test", "A5", "--area", "A"])
    assert rc == 0
    return folder


def folder_snapshot(folder: Path) -> list:  # type: ignore[type-arg]
    db = open_database(f"sqlite:///{folder / 'ase-prep.sqlite3'}")
    try:
        return snapshot(db)
    finally:
        db.dispose()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["gift", "aiken", "csv"]), st.binary(max_size=1500))
def test_a_refused_question_file_changes_nothing(capsys, fmt, raw):
    """Through the command a user types, which reads the file and stores what it found: a file it
    refuses leaves every stored table as it was; one it accepts adds exactly what it reports."""
    folder = data_folder()
    capsys.readouterr()  # (what making the folder printed)
    path = DIR / f"q.{'txt' if fmt == 'aiken' else fmt}"
    path.write_bytes(raw)
    before = folder_snapshot(folder)
    rc = main(["--data-dir", str(folder), "questions", "import", str(path), "--format", fmt, "--test", "A5",
               "--area", "A", "--json"])
    out, err = capsys.readouterr()
    if rc != 0:
        assert err.startswith(f"error: {path.name}") or "Nothing was imported" in err, err
        assert folder_snapshot(folder) == before
        return
    stored = json.loads(out)["stored"]
    after = folder_snapshot(folder)
    assert len(after[0]) == len(before[0]) + len(stored) and after[1:] == before[1:]


AIKEN_QUESTION = st.builds(lambda n, key: f"Question {n}: which one?\nA. one\nB. two\nC. three\nD. four\nANSWER: {key}\n",
                           st.integers(0, 10**9), st.sampled_from("ABCD"))
QUESTION_FILE = st.one_of(
    st.binary(max_size=1500),  # anything at all
    st.lists(AIKEN_QUESTION, min_size=1, max_size=6).map(lambda qs: "\n".join(qs).encode()),  # questions to store
    st.tuples(st.lists(AIKEN_QUESTION, max_size=4), st.binary(max_size=200))  # questions, then noise
    .map(lambda t: "\n".join(t[0]).encode() + t[1]),
)


def refuse_inserts_after(db, n: int) -> None:  # type: ignore[no-untyped-def]
    """The database refuses the (n+1)-th new imported question (as a full disk would, part-way)."""
    with db.engine.begin() as conn:
        have = conn.exec_driver_sql("SELECT COUNT(*) FROM imported_question").scalar()
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS refuse_import")
        conn.exec_driver_sql(f"CREATE TRIGGER refuse_import BEFORE INSERT ON imported_question "
                             f"WHEN (SELECT COUNT(*) FROM imported_question) >= {have + n} "
                             "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")


def allow_inserts(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS refuse_import")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["gift", "aiken", "csv"]), QUESTION_FILE, st.integers(0, 4))
def test_a_store_the_database_refuses_part_way_keeps_nothing(fmt, raw, refuse_after):
    """The app's own path (read the file from disk, map it, store it): a file refused at reading, or a
    store the database refuses part-way, leaves what is stored exactly as it was; a store that works
    adds exactly the questions the preview listed."""
    from study.classroom.imported import ImportedQuestions, ImportFailed, check_mapping
    from study.classroom.importers import parse_file, with_mapping

    db = database()
    p = DIR / "questions.txt"
    p.write_bytes(raw)
    before = snapshot(db)
    try:
        result = check_mapping(with_mapping(parse_file(p, fmt), "A5", "A"), BP)
    except FileRejected as e:
        assert str(e).startswith("questions.txt")
        assert snapshot(db) == before
        return
    store = ImportedQuestions(db, BP)
    refuse_inserts_after(db, refuse_after)
    try:
        try:
            out = store.store(result)
        except (ImportFailed, SQLAlchemyError):
            assert snapshot(db) == before  # all or nothing: not one question of the file is kept
            return
    finally:
        allow_inserts(db)
    assert len(out.added) <= refuse_after  # the database took every row it was given
    assert len(out.added) + len(out.already) == len(result.imported)
    with db.engine.connect() as conn:
        stored = {r[0] for r in conn.exec_driver_sql("SELECT id FROM imported_question")}
    assert set(out.added) <= stored
    if not out.added:
        assert snapshot(db) == before
