"""The learner's certifications: passes and failed attempts recorded, when each expires (five
years, two for an Entry-Level certificate, plus a year for each Renewal App year earned), what is
due for recertification, progress toward each Master credential with prerequisites, Entry-Level
attempts left in the school year, and which test to take next.

The rules come from the blueprint file's series facts, with their sources and verified flags
(study.certs.rules); the date arithmetic, the career view and the advisor are pure functions with
`today` passed in (dates, career, advisor); storage is in study.certs.service.
"""

from __future__ import annotations

from study.certs.advisor import BAYS, TRAINING, Advice, advise_first_test, timing_note
from study.certs.career import (
    STATUS_WORDS,
    CareerView,
    CertificationRecord,
    EntryLevelAttempts,
    MasterProgress,
    RenewalYear,
    career_view,
    entry_level_attempts,
    master_progress,
    records_from_passes,
)
from study.certs.dates import (
    DUE,
    EXPIRED,
    VALID,
    add_years,
    certification_status,
    due_from,
    expiry_date,
    next_attempt_from,
    purchase_ends,
    school_year,
    status_on,
)
from study.certs.rules import (
    CERTIFICATION_YEARS,
    DUE_WINDOW_YEARS,
    SeriesFact,
    TestingRules,
    series_facts,
    testing_rules,
)
from study.certs.service import FAILED, PURCHASED, Added, CertificationError, CertificationService

__all__ = [
    "BAYS", "CERTIFICATION_YEARS", "DUE", "DUE_WINDOW_YEARS", "EXPIRED", "FAILED", "PURCHASED", "STATUS_WORDS",
    "TRAINING", "VALID", "Added", "Advice", "CareerView", "CertificationError", "CertificationRecord",
    "CertificationService", "EntryLevelAttempts", "MasterProgress", "RenewalYear", "SeriesFact", "TestingRules",
    "add_years", "advise_first_test", "career_view", "certification_status", "due_from", "entry_level_attempts",
    "expiry_date", "master_progress", "next_attempt_from", "purchase_ends", "records_from_passes", "school_year",
    "series_facts", "status_on", "testing_rules", "timing_note",
]
