"""Study plans as stored records: the active plan and its sessions, marking them done or skipped,
re-planning the sessions still ahead from the current ranking (the spaced-review queue of missed
questions is review_queue, starting a session's activities is starts; both are mixed in; the
records the screens and exports read are plan_view's).

Past sessions keep their record (done or skipped, when, the score); only sessions still to come,
and today's if nothing of it has been started, are re-planned. Each change is one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, insert, select, update

from questions.bank import QuestionBank
from questions.blueprints import Blueprints
from study.analytics.standings import Analytics, TestStanding, as_date
from study.planning.plan_input import exam_spec
from study.planning.plan_length import DIAGNOSTIC_FRESH_DAYS, diagnostic_note
from study.planning.plan_view import (  # noqa: F401 - re-exported
    STARTABLE,
    PlanProgress,
    SessionRecord,
    StudyPlanView,
    next_activity,
    plan_progress,
)
from study.planning.planner import (
    Activity,
    Focus,
    KeptSession,
    Key,
    Plan,
    PlanInputError,
    PlannedSession,
    PlanRequest,
    PlanSettings,
    build_plan,
    plan_notes,
    session_days,
    session_uid,
    topics_weakest_first,
    validate,
)
from study.planning.review_queue import DueCard, ReviewQueue  # noqa: F401 - re-exported
from study.planning.starts import PlanStart, SessionStarts, source_tag  # noqa: F401 - re-exported
from study.storage.database import Database
from study.storage.records import (
    EXAM,
    PLAN,
    SESSION,
)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class PlanService(ReviewQueue, SessionStarts):
    """The learner's study plans and review queue. Returns frozen dataclasses, never rows."""

    def __init__(self, db: Database, blueprints: Blueprints, bank: QuestionBank, analytics: Analytics,
                 learner_id: int, *, now: Callable[[], datetime] = _now) -> None:
        self.db = db
        self.blueprints = blueprints
        self.bank = bank
        self.analytics = analytics
        self.learner_id = learner_id
        self.now = now

    def today(self) -> date:
        return self.now().date()

    # -- ranking
    def stakes(self, tests: tuple[str, ...]) -> dict[Key, float]:
        """Points at stake per area from the learner's current standing (blueprint weights with no history)."""
        return _points_at_stake(self._standings(tests))

    def topic_orders(self, tests: tuple[str, ...]) -> dict[Key, tuple[str, ...]]:
        """Per area, its topics in the order to study them: weakest first by the learner's results."""
        return self.ranking(tests)[1]

    def ranking(self, tests: tuple[str, ...]) -> tuple[dict[Key, float], dict[Key, tuple[str, ...]]]:
        """What a plan is aimed at, from one reading of the learner's standing per test: points at
        stake per area, and each area's topics weakest first (blueprint order where no topic has
        enough answers to judge)."""
        standings = self._standings(tests)
        orders: dict[Key, tuple[str, ...]] = {}
        for t, standing in standings.items():
            orders.update(self._topic_orders(t, standing))
        return _points_at_stake(standings), orders

    def _standings(self, tests: tuple[str, ...]) -> dict[str, TestStanding]:
        return {t: self.analytics.standing(self.learner_id, t, with_pace=False) for t in tests}

    def _topic_orders(self, test: str, standing: TestStanding) -> dict[Key, tuple[str, ...]]:
        # a topic with too few answers is "not enough data", never weak: it is left out of the
        # estimates and so keeps its blueprint place after the weak topics
        estimates: dict[str, dict[str, float]] = {}
        for ts in self.analytics.topics(self.learner_id, test, standing):
            if ts.status != "not enough data":
                estimates.setdefault(ts.area, {})[ts.topic] = ts.estimate
        target = self.analytics.settings.target
        return {(test, a.letter): topics_weakest_first(a.topics, estimates.get(a.letter, {}), target)
                for a in self.blueprints.get(test).areas if a.topics}

    # -- creating and reading
    def preview(self, request: PlanRequest) -> Plan:
        """The plan the request would make, unsaved; raises PlanInputError."""
        settings = self._validate(request)
        stakes, topics = self.ranking(settings.tests)
        plan = build_plan(settings, self.blueprints, stakes, seed=0, topics=topics,
                          diagnosed=self.diagnosed(settings))
        return replace(plan, notes=plan.notes + self.record_notes(settings))

    def _validate(self, request: PlanRequest, today: date | None = None) -> PlanSettings:
        """validate(), and for a Renewal App plan that each test is held: only tests passed before a
        subscription starts appear in the App."""
        settings = validate(request, self.blueprints, today or self.today())
        if settings.renewal:
            held = {r.test for r in self._certs().list()}
            missing = [t for t in settings.tests if t not in held]
            if missing:
                raise PlanInputError([f"The Renewal App keeps a certification you hold alive; no {t} pass is recorded. "
                                      f"Record it on the Certifications page first, or plan for the {t} test."
                                      for t in missing])
        return settings

    def _certs(self):  # type: ignore[no-untyped-def]
        from study.certs import CertificationService

        return CertificationService(self.db, self.blueprints, self.learner_id, today=self.today)

    def diagnosed(self, settings: PlanSettings) -> tuple[str, ...]:
        """The plan's tests with a full-length practice exam finished in the 14 days before the plan
        starts, or since: it says where the learner stands, so the plan needs no diagnostic of its own."""
        since = datetime.combine(settings.start_date - timedelta(days=DIAGNOSTIC_FRESH_DAYS), datetime.min.time())
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(EXAM.c.test).distinct().where(
                EXAM.c.learner_id == self.learner_id, EXAM.c.state == "finished", EXAM.c.mode == "full",
                EXAM.c.test.in_(settings.tests), EXAM.c.finished_at >= since)).all()
        return tuple(t for t in settings.tests if t in {r[0] for r in rows})

    def record_notes(self, settings: PlanSettings) -> tuple[str, ...]:
        """What the recorded attempts, purchases and Renewal App credit mean for this plan: ASE's 30
        full days between attempts, 90 days from purchase to test, and how the Renewal App year stands."""
        from study.planning.record_notes import plan_record_notes

        return plan_record_notes(settings, self._certs().view())

    def create(self, request: PlanRequest) -> StudyPlanView:
        """Validate, build and save a plan as the active one (the previous active plan is kept, inactive)."""
        settings = self._validate(request)
        stakes, topics = self.ranking(settings.tests)
        now = self.now()
        with self.db.engine.begin() as conn:  # a PlanInputError from build_plan rolls it all back
            conn.execute(update(PLAN).where(PLAN.c.learner_id == self.learner_id, PLAN.c.active.is_(True))
                         .values(active=False, updated_at=now))
            res = conn.execute(insert(PLAN).values(learner_id=self.learner_id, **_plan_values(settings), active=True,
                                                   created_at=now, updated_at=now))
            plan_id = int(res.inserted_primary_key[0])  # type: ignore[index]
            plan = build_plan(settings, self.blueprints, stakes, seed=plan_id, topics=topics,
                              diagnosed=self.diagnosed(settings))
            conn.execute(insert(SESSION), [{**_session_values(plan_id, s), "modified_at": now} for s in plan.sessions])
        self.queue_missed(settings.tests)
        view = self.plan(plan_id)
        assert view is not None
        return view

    def active(self, *, notes: bool = True) -> StudyPlanView | None:
        """The active plan; without `notes`, its notes are left out (and not worked out: Home's
        "Today's session" shows none, and they read the learner's certifications)."""
        with self.db.engine.connect() as conn:
            row = conn.execute(select(PLAN.c.id).where(PLAN.c.learner_id == self.learner_id, PLAN.c.active.is_(True))
                               .order_by(PLAN.c.id.desc()).limit(1)).first()
        return self.plan(int(row[0]), notes=notes) if row else None

    def plan(self, plan_id: int, *, notes: bool = True) -> StudyPlanView | None:
        with self.db.engine.connect() as conn:
            p = conn.execute(select(PLAN).where(PLAN.c.id == plan_id)).first()
            if p is None:
                return None
            rows = conn.execute(select(SESSION).where(SESSION.c.plan_id == plan_id)
                                .order_by(SESSION.c.day)).all()
            replaced = conn.execute(
                select(SESSION, PLAN.c.updated_at.label("replaced_at")).join(PLAN, PLAN.c.id == SESSION.c.plan_id)
                .where(PLAN.c.learner_id == p.learner_id, PLAN.c.id < plan_id, PLAN.c.active.is_(False),
                       SESSION.c.day >= p.start_date, SESSION.c.status.in_(("planned", "cancelled")))
                .order_by(SESSION.c.day)).all() if p.active else []
        settings = _settings_of(p)
        records = tuple(_record(r) for r in rows)
        diagnostics = {a.test for r in records for a in r.activities if a.kind == "exam" and a.purpose == "diagnostic"}
        stood_in = [t for t in settings.tests if t not in diagnostics
                    and exam_spec(self.blueprints.get(t), settings.minutes, settings.recert, settings.renewal)]
        said = (*plan_notes(settings, self.blueprints, session_days(settings)),
                *diagnostic_note(settings.tests, stood_in), *self.record_notes(settings)) if notes else ()
        gone = tuple(replace(_record(r), status="cancelled", sequence=int(r.sequence or 0) + 1,
                             modified_at=r.replaced_at) for r in replaced)
        return StudyPlanView(plan_id, settings, tuple(r for r in records if r.status != "cancelled"), said,
                             tuple(r for r in records if r.status == "cancelled"), gone)

    # -- changing
    def change(self, plan_id: int, request: PlanRequest) -> StudyPlanView:
        """New settings for a plan under way: it keeps its start date and its past, and re-plans the rest."""
        view = self.plan(plan_id)
        if view is None:
            raise KeyError(f"no plan {plan_id}")
        today = self.today()
        original = view.settings.start_date
        start = original if original <= today else (request.start_date or today)
        req = PlanRequest(request.tests, request.evenings, request.exam_date, start, request.weeks,
                          request.minutes, request.start_time, request.recert, request.renewal)
        # the 6-8 weeks count from the plan's own start; the exam must still be ahead of today
        settings = self._validate(req, min(start, today))
        if settings.exam_date <= today:
            raise PlanInputError([f"The exam date {settings.exam_date} is not after today ({today}); choose a "
                                  f"date from {start + timedelta(weeks=6)} to {start + timedelta(weeks=8)}."])
        build_plan(settings, self.blueprints, self.stakes(settings.tests), seed=plan_id)  # feasible afresh?
        # (topics never change which areas fit, so the check leaves them out)
        return self._replan(plan_id, settings)

    def replan(self, plan_id: int | None = None) -> StudyPlanView | None:
        """Plan the sessions still ahead again from the current ranking."""
        view = self.plan(plan_id) if plan_id is not None else self.active()
        if view is None:
            return None
        return self._replan(view.id, view.settings)

    def _started_uids(self, conn: Connection, uids: list[str]) -> set[str]:
        if not uids:
            return set()
        rows = conn.execute(select(EXAM.c.source).where(EXAM.c.learner_id == self.learner_id,
                                                        EXAM.c.source.like("plan:%")))
        started = {str(src).split(":")[1] for (src,) in rows if str(src).count(":") >= 2}
        return started & set(uids)

    def _replan(self, plan_id: int, settings: PlanSettings) -> StudyPlanView:
        today = self.today()
        stakes, topics = self.ranking(settings.tests)
        with self.db.engine.begin() as conn:
            raw = {int(r.id): r for r in conn.execute(select(SESSION).where(SESSION.c.plan_id == plan_id))}
            rows = [_record(r) for r in raw.values()]
            now = self.now()
            started = self._started_uids(conn, [r.uid for r in rows if r.day == today])
            keep: dict[date, KeptSession] = {}
            for r in rows:
                if r.status == "cancelled":
                    continue
                if r.day < today or r.status != "planned" or r.uid in started:
                    keep[r.day] = KeptSession(r.planned, r.status == "done" or r.uid in started)
            plan = build_plan(settings, self.blueprints, stakes, seed=plan_id, keep=keep, from_day=today,
                              diagnosed=self.diagnosed(settings),
                              topics=topics)
            by_day = {r.day: r for r in rows}
            new_days = {s.day for s in plan.sessions}
            for s in plan.sessions:
                if s.day in keep:
                    continue
                values = _session_values(plan_id, s)
                old = by_day.get(s.day)
                if old is None:
                    conn.execute(insert(SESSION).values(**values, modified_at=now))
                else:
                    changes = {k: v for k, v in values.items() if k not in ("plan_id", "uid")}
                    if any(getattr(raw[old.id], k) != v for k, v in changes.items() if k != "day"):
                        changes.update(sequence=old.sequence + 1, modified_at=now)  # calendars apply the change
                    conn.execute(update(SESSION).where(SESSION.c.id == old.id).values(**changes))
            for r in rows:  # sessions no longer on the calendar stay as cancelled, for the .ics export
                if r.day not in new_days and r.status == "planned" and r.day not in keep:
                    conn.execute(update(SESSION).where(SESSION.c.id == r.id).values(
                        status="cancelled", sequence=r.sequence + 1, modified_at=now))
            conn.execute(update(PLAN).where(PLAN.c.id == plan_id).values(**_plan_values(settings),
                                                                          updated_at=self.now()))
        view = self.plan(plan_id)
        assert view is not None
        return view

    def mark(self, session_id: int, status: str, score: float | None = None) -> StudyPlanView | None:
        """Mark a session done or skipped (or back to planned), then re-plan what is ahead."""
        if status not in ("done", "skipped", "planned"):
            raise ValueError(f"unknown session status {status!r}")
        with self.db.engine.begin() as conn:
            row = conn.execute(select(SESSION.c.plan_id).where(SESSION.c.id == session_id)).first()
            if row is None:
                raise KeyError(f"no session {session_id}")
            values: dict[str, object] = {"status": status, "done_at": self.now() if status != "planned" else None}
            if score is not None or status == "planned":
                values["score"] = score
            conn.execute(update(SESSION).where(SESSION.c.id == session_id).values(
                **values, sequence=SESSION.c.sequence + 1, modified_at=self.now()))
        return self.replan(int(row[0]))

    # -- after an exam
    def after_exam(self, exam_id: int) -> None:
        """The finished-exam listener: update the review queue, credit the plan session it came
        from, and re-plan the sessions ahead from the new ranking."""
        self.record_reviews(exam_id)
        with self.db.engine.connect() as conn:
            ex = conn.execute(select(EXAM).where(EXAM.c.id == exam_id)).first()
        if ex is None:
            return
        if str(ex.source).startswith("plan:"):
            self._credit_session(str(ex.source), ex)
        self.replan()

    def _credit_session(self, source: str, ex) -> None:  # type: ignore[no-untyped-def]
        _, uid, _idx = source.split(":", 2)
        active = self.active()
        rec = next((s for s in active.sessions if s.uid == uid), None) if active else None
        if active is None or rec is None:
            return
        with self.db.engine.begin() as conn:
            finished = conn.execute(select(EXAM.c.source, EXAM.c.score_correct, EXAM.c.score_total)
                                    .where(EXAM.c.learner_id == self.learner_id, EXAM.c.state == "finished",
                                           EXAM.c.source.like(f"plan:{uid}:%"))).all()
            by_index: dict[int, float] = {}
            for src, k, n in finished:
                by_index[int(str(src).rsplit(":", 1)[1])] = 100.0 * (k or 0) / n if n else 0.0
            needed = [i for i, a in enumerate(rec.activities) if a.kind in ("exam", "drill")]
            values: dict[str, object] = {"exam_id": ex.id}
            if rec.status == "planned" and needed and all(i in by_index for i in needed):
                values.update(status="done", done_at=self.now(),
                              score=round(sum(by_index[i] for i in needed) / len(needed), 1))
            conn.execute(update(SESSION).where(SESSION.c.id == rec.id).values(**values))

    def featured(self, today: date | None = None, view: StudyPlanView | None = None,
                 ) -> tuple[SessionRecord | None, dict[int, float]]:
        """The session Start begins, with its activities' scores so far: tonight's while something
        of it is left to start (its review after the exam, say), else the next one to do. Of `view`
        when given (the active plan, already read), else of the active plan."""
        view = view or self.active(notes=False)
        if view is None:
            return None, {}
        today = today or self.today()
        tonight = view.on(today)
        if tonight is not None and tonight.status != "skipped":
            scores = self.activity_scores(tonight.uid)
            if tonight.status == "planned" or next_activity(tonight, scores) is not None:
                return tonight, scores
        nxt = view.next_from(today)
        return nxt, (self.activity_scores(nxt.uid) if nxt else {})

    def activity_scores(self, uid: str) -> dict[int, float]:
        """Percent scored on each of a session's activities taken so far (by activity index)."""
        with self.db.engine.connect() as conn:
            rows = conn.execute(select(EXAM.c.source, EXAM.c.score_correct, EXAM.c.score_total)
                                .where(EXAM.c.learner_id == self.learner_id, EXAM.c.state == "finished",
                                       EXAM.c.source.like(f"plan:{uid}:%")).order_by(EXAM.c.id)).all()
        return {int(str(s).rsplit(":", 1)[1]): (100.0 * (k or 0) / n if n else 0.0) for s, k, n in rows}

def _points_at_stake(standings: dict[str, TestStanding]) -> dict[Key, float]:
    return {(t, a.area): a.points_at_stake for t, st in standings.items() for a in st.areas}


def _plan_values(s: PlanSettings) -> dict[str, object]:
    return dict(tests=",".join(s.tests), recert=s.recert, renewal=s.renewal, start_date=s.start_date,
                exam_date=s.exam_date, evenings=",".join(s.evenings), minutes=s.minutes, start_time=s.start_time)


def _settings_of(p) -> PlanSettings:  # type: ignore[no-untyped-def]
    return PlanSettings(tuple(t for t in str(p.tests).split(",") if t), tuple(e for e in str(p.evenings).split(",") if e),
                        as_date(p.start_date), as_date(p.exam_date), int(p.minutes), str(p.start_time), bool(p.recert),
                        bool(p.renewal))


def _session_values(plan_id: int, s: PlannedSession) -> dict[str, object]:
    return dict(plan_id=plan_id, uid=session_uid(plan_id, s.day), day=s.day, start_time=s.start_time,
                minutes=s.minutes, focus=json.dumps([f.as_json() for f in s.focus]),
                activities=json.dumps([a.as_json() for a in s.activities]), status="planned", done_at=None,
                score=None, exam_id=None)


def _record(r) -> SessionRecord:  # type: ignore[no-untyped-def]
    return SessionRecord(int(r.id), str(r.uid), as_date(r.day), str(r.start_time), int(r.minutes),
                         tuple(Focus.from_json(f) for f in json.loads(r.focus)),
                         tuple(Activity.from_json(a) for a in json.loads(r.activities)),
                         str(r.status), r.done_at, r.score, r.exam_id, int(r.sequence or 0), r.modified_at)



