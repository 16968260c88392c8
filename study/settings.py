"""A learner's settings, kept in the database with the rest of their record."""

from __future__ import annotations

from sqlalchemy import select

from study.analytics.standings import AnalyticsSettings
from study.storage.database import Database
from study.storage.records import SETTING
from study.storage.writes import set_setting

DEFAULTS: dict[str, str] = {"target": "0.75", "half_life_days": "21"}


class LearnerSettings:
    def __init__(self, db: Database, learner_id: int) -> None:
        self.db = db
        self.learner_id = learner_id

    def get(self, key: str, default: str | None = None) -> str | None:
        with self.db.engine.connect() as conn:
            row = conn.execute(select(SETTING.c.value).where(SETTING.c.learner_id == self.learner_id,
                                                             SETTING.c.key == key)).first()
        return row[0] if row else (default if default is not None else DEFAULTS.get(key))

    def set(self, key: str, value: str) -> None:
        with self.db.engine.begin() as conn:
            set_setting(conn, self.learner_id, key, value)

    def analytics(self) -> AnalyticsSettings:
        target = float(self.get("target") or DEFAULTS["target"])
        half_life = float(self.get("half_life_days") or DEFAULTS["half_life_days"])
        return AnalyticsSettings(target=min(0.99, max(0.3, target)), half_life_days=max(1.0, half_life))

    # Extra time on timed exams, an accommodation: the time limit is multiplied by this factor.
    EXTRA_TIME_FACTORS = (1.0, 1.5, 2.0)

    def extra_time(self) -> float:
        """The learner's extra-time factor (1, 1.5 or 2); anything else stored reads as 1."""
        try:
            factor = float(self.get("extra_time", "1") or "1")
        except ValueError:
            return 1.0
        return factor if factor in self.EXTRA_TIME_FACTORS else 1.0

    def set_extra_time(self, factor: float) -> None:
        if factor not in self.EXTRA_TIME_FACTORS:
            raise ValueError(f"extra time must be one of {self.EXTRA_TIME_FACTORS}, not {factor}")
        self.set("extra_time", f"{factor:g}")
