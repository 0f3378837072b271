"""Reminders of put-off check-ups: due when their time comes, claimed by one worker, due again
only after a claim's lease runs out, and done once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from store import checkup, messages
from store import checkup_reminders as reminders
from store.checkup_models import Checkup
from store.checkup_reminders import REMINDER_LEASE, Outcome
from store.db import Database
from store.models import AuditEntry, Lane, OutboxItem
from tests.store.helpers import T0

ADDRESS = "tel:+15551230000"


@pytest.fixture
def checkup_id(db: Database) -> int:
    """Someone texted, then said "not now" to a check-up: asked again an hour later."""
    with db.transaction() as session:
        stored = messages.store_inbound(
            session, address=ADDRESS, channel_message_id="m1", text="not now", now=T0
        )
        row = checkup.ask_again(session, stored.message.participant_id, T0 + timedelta(hours=1), T0)
        return row.id


def test_a_reminder_is_due_only_once_its_time_has_come(db: Database, checkup_id: int) -> None:
    with db.transaction() as session:
        early = reminders.due_reminders(session, T0 + timedelta(minutes=59))
        due = reminders.due_reminders(session, T0 + timedelta(hours=1))

    assert (early, due) == ([], [checkup_id])


def test_one_worker_claims_a_reminder_and_the_other_gets_nothing(
    db: Database, checkup_id: int
) -> None:
    now = T0 + timedelta(hours=2)
    with db.transaction() as session:
        first = reminders.claim(session, checkup_id, now)
    with db.transaction() as session:
        second = reminders.claim(session, checkup_id, now)
        still_due = reminders.due_reminders(session, now + REMINDER_LEASE - timedelta(seconds=1))

    assert first is not None
    assert first.latest is not None
    assert first.latest.address == ADDRESS
    assert (second, still_due) == (None, [])


def test_a_claim_left_by_a_crash_runs_out_and_the_reminder_is_due_again(
    db: Database, checkup_id: int
) -> None:
    now = T0 + timedelta(hours=2)
    with db.transaction() as session:
        reminders.claim(session, checkup_id, now)
    with db.transaction() as session:
        again = reminders.claim(session, checkup_id, now + REMINDER_LEASE)

    assert again is not None


def test_finishing_queues_the_offer_behind_live_replies_and_audits_it(
    db: Database, checkup_id: int
) -> None:
    now = T0 + timedelta(hours=2)
    with db.transaction() as session:
        target = reminders.claim(session, checkup_id, now)
        assert target is not None
        sent = reminders.finish(session, target, Outcome.OFFERED, now, ["Is now a good time?"])
    with db.transaction() as session:
        row = session.get_one(Checkup, checkup_id)
        item = session.scalars(select(OutboxItem)).one()
        audit = session.scalars(select(AuditEntry).where(AuditEntry.actor == "scheduler")).one()
        due_after = reminders.due_reminders(session, now + timedelta(days=1))

    assert [m.text for m in sent] == ["Is now a good time?"]
    assert (row.reminded_at is not None, row.reminder_outcome) == (True, "offered")
    assert (item.lane, item.address) == (Lane.BULK, ADDRESS)
    assert audit.detail == {"outcome": "offered"}
    assert due_after == []


def test_a_later_check_up_supersedes_the_reminder(db: Database, checkup_id: int) -> None:
    now = T0 + timedelta(hours=2)
    with db.transaction() as session:
        first = reminders.claim(session, checkup_id, now)
        assert first is not None
        checkup.record_answer(session, first.participant_id, "how", ("ok", "ok"), now)
    with db.transaction() as session:
        again = reminders.claim(session, checkup_id, now + REMINDER_LEASE)
        assert again is not None

    assert (first.superseded, again.superseded) == (False, True)
