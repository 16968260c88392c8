"""Answers to a question that has since changed stop counting toward the standings.

Each answer stores the version of the question it answered (migration 0008). When the app starts
with a bank in which some questions carry a newer version, the learner's answers to the older
versions are marked superseded: they stay in the record (past exams, the heat map) but no longer
count toward area estimates, readiness, topics or the missed-question list. A fingerprint of the
bank's versions, kept with the learner's settings, makes an unchanged bank cost one read.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from study.storage.database import Database
from study.storage.records import SETTING
from study.storage.writes import set_setting, supersede_answers

CHECKED_KEY = "answers_checked_against_bank"
log = logging.getLogger(__name__)


def fingerprint(versions: Mapping[str, int]) -> str:
    """Which questions are past their first version, and at which version."""
    changed = sorted(f"{qid}:{v}" for qid, v in versions.items() if v > 1)
    return hashlib.sha256("\n".join(changed).encode()).hexdigest()


def supersede_old_answers(db: Database, learner_id: int, versions: Mapping[str, int]) -> int:
    """Mark this learner's answers to an older version of a question as superseded; returns how
    many changed. One transaction; the tally triggers move the answers out of the counted columns.

    A login that may not write (a class lab's instructor) leaves the record as it is: the
    standings then count the older answers too, as before versions were stored."""
    mark = fingerprint(versions)
    by_version: dict[int, list[str]] = {}
    for qid, v in versions.items():
        if v > 1:
            by_version.setdefault(v, []).append(qid)
    try:
        with db.engine.begin() as conn:
            done = conn.execute(select(SETTING.c.value).where(
                SETTING.c.learner_id == learner_id, SETTING.c.key == CHECKED_KEY)).scalar()
            if done == mark:
                return 0
            changed = 0
            for version, ids in sorted(by_version.items()):
                for i in range(0, len(ids), 500):
                    changed += supersede_answers(conn, learner_id, version, ids[i:i + 500])
            set_setting(conn, learner_id, CHECKED_KEY, mark)
    except DBAPIError as e:
        log.warning("could not mark answers to changed questions for learner %s: %s", learner_id, e)
        return 0
    if changed:
        log.info("%s answers to questions that have since changed no longer count (learner %s)", changed, learner_id)
    return changed
