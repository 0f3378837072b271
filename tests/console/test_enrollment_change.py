"""A changed discharge date recomputes the plan's due events and keeps a linkage follow-up on its
calendar day (it is a week after a check-up that showed need, not a day of the plan): the task
still points at a pending check-up that day, on SQLite and on PostgreSQL's foreign keys."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from checkins.plans import load_plans
from console import enrollment
from core.clock import utcnow
from store import linkage
from store.db import Database
from store.enrollment_models import DueEvent, DueStatus, Enrollment
from store.linkage_models import LinkageTask
from tests.console.enrollment_files import csv_text, discharged, good_rows


def test_a_new_discharge_date_keeps_the_linkage_follow_up_on_its_day(db: Database) -> None:
    plans, now = load_plans(), utcnow()
    rules = enrollment.rules(list(plans), ["Ana"], now.date(), "America/Chicago")
    with db.transaction() as session:
        done = enrollment.upload(
            session, csv_text(good_rows()[:1]), rules, plans, "peer:Pat", now, import_good=False
        )
        person = done.enrolled[0].participant_id
        task = linkage.offer(session, person, None, ["weekly_use"], now)
        before = session.get_one(DueEvent, task.follow_up_event_id).due_on

    with db.transaction() as session:
        due = enrollment.change(session, person, discharged(20), "standard", plans, "peer:Pat", now)

    with db.transaction() as session:
        kept = session.scalars(select(LinkageTask)).one()
        follow_up = session.get_one(DueEvent, kept.follow_up_event_id)
        moved = session.scalars(select(Enrollment)).one().discharge_date
    assert due is not None
    assert (follow_up.due_on, follow_up.status, follow_up.kind) == (
        before,
        DueStatus.PENDING,
        "checkup",
    )
    assert follow_up.day == (before - moved).days
    assert moved == now.date() - timedelta(days=20)
