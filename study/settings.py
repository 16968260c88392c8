"""A learner's settings, kept in the database with the rest of their record."""

from __future__ import annotations

from sqlalchemy import Table, delete, insert, select

from study.analytics import AnalyticsSettings
from study.database import Database
from study.records import Setting

SETTING: Table = Setting.__table__  # type: ignore[assignment]

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
            conn.execute(delete(SETTING).where(SETTING.c.learner_id == self.learner_id, SETTING.c.key == key))
            conn.execute(insert(SETTING).values(learner_id=self.learner_id, key=key, value=value))

    def analytics(self) -> AnalyticsSettings:
        target = float(self.get("target") or DEFAULTS["target"])
        half_life = float(self.get("half_life_days") or DEFAULTS["half_life_days"])
        return AnalyticsSettings(target=min(0.99, max(0.3, target)), half_life_days=max(1.0, half_life))
