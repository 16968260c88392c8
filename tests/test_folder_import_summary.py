"""Importing a folder of results ends with a summary of what was imported, skipped and rejected:
a file that is not a result file is skipped and named, a damaged one rejected, and the counts are
said every time (0 included), so an instructor knows nothing went missing."""

from __future__ import annotations

from study.classroom.results import FileOutcome, ResultImport
from study.services import open_services


def test_a_folder_import_counts_imported_skipped_and_rejected(tmp_path):
    folder = tmp_path / "week3"
    folder.mkdir()
    (folder / "notes.txt").write_text("bring pencils", encoding="utf-8")
    (folder / "dana.aseresult").write_text("not a result at all", encoding="utf-8")
    s = open_services(tmp_path / "data")
    try:
        out = s.classroom().import_results([folder])
    finally:
        s.close()
    assert out.summary == "0 results imported, 1 skipped (1 not a result file), 1 rejected."
    assert [o.file for o in out.skipped] == ["notes.txt"] and "not an ASE Prep result file" in out.skipped[0].message
    assert [o.file for o in out.rejected] == ["dana.aseresult"]


def test_the_summary_says_why_files_were_skipped():
    out = ResultImport((FileOutcome("a.aseresult", "added", ""), FileOutcome("b.aseresult", "duplicate", ""),
                        FileOutcome("c.pdf", "skipped", "")))
    assert out.summary == ("1 result imported, 2 skipped (1 already imported, counted once; 1 not a result file), "
                           "0 rejected.")
