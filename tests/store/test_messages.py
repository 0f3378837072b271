"""Inbound messages: stored once however often a channel delivers them, claimed by one worker
at a time, and read back as a conversation."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from store.db import Database
from store.messages import (
    PROCESSING_LEASE,
    claim_inbound,
    conversation,
    due_inbound_ids,
    finish_inbound,
    renew_inbound,
)
from store.models import Message
from tests.store.helpers import T0, receive


def message_count(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(Message)) or 0


def test_store_inbound_stores_the_message_as_processing_under_a_lease(db: Database) -> None:
    stored = receive(db, "tel:+15551234567", "SM0001", "hi there", T0)

    with db.transaction() as session:
        row = session.get(Message, stored.message.id)
        assert row is not None
        actual = (
            stored.duplicate,
            row.address,
            row.channel,
            row.direction,
            row.channel_message_id,
            row.text,
            row.status,
            row.attempts,
            row.next_attempt_at,
            row.created_at,
        )

    assert actual == (
        False,
        "tel:+15551234567",
        "tel",
        "inbound",
        "SM0001",
        "hi there",
        "processing",
        1,
        T0 + PROCESSING_LEASE,
        T0,
    )


def test_repeated_channel_message_id_is_a_duplicate_returning_the_first_row(
    db: Database,
) -> None:
    first = receive(db, "telegram:42", "update-7", "first delivery", T0)
    again = receive(db, "telegram:42", "update-7", "webhook retried", T0 + timedelta(seconds=30))

    assert (again.duplicate, again.message.id, again.message.text, message_count(db)) == (
        True,
        first.message.id,
        "first delivery",
        1,
    )


def test_same_channel_message_id_on_different_channels_is_not_a_duplicate(db: Database) -> None:
    sms = receive(db, "tel:+15551234567", "1001")
    telegram = receive(db, "telegram:1001", "1001")

    assert (sms.duplicate, telegram.duplicate, message_count(db)) == (False, False, 2)


@pytest.mark.parametrize(
    "claim_at",
    [T0, T0 + PROCESSING_LEASE / 2, T0 + PROCESSING_LEASE - timedelta(seconds=1)],
    ids=["at-once", "half-way", "a-second-before-expiry"],
)
def test_message_whose_lease_is_running_cannot_be_claimed(db: Database, claim_at: datetime) -> None:
    stored = receive(db)

    with db.transaction() as session:
        assert claim_inbound(session, stored.message.id, claim_at) is None


@pytest.mark.parametrize(
    "claim_at",
    [T0 + PROCESSING_LEASE, T0 + timedelta(hours=1)],
    ids=["at-expiry", "long-after"],
)
def test_message_whose_lease_ran_out_is_claimed_exactly_once(
    db: Database, claim_at: datetime
) -> None:
    stored = receive(db)

    with db.transaction() as session:
        claimed = claim_inbound(session, stored.message.id, claim_at)
        assert claimed is not None
        actual = (claimed.status, claimed.attempts, claimed.next_attempt_at)
    with db.transaction() as session:
        second = claim_inbound(session, stored.message.id, claim_at)

    assert (actual, second) == (("processing", 2, claim_at + PROCESSING_LEASE), None)


def test_processed_message_is_never_claimed(db: Database) -> None:
    stored = receive(db)
    with db.transaction() as session:
        finish_inbound(session, stored.message, ["hello"], "none", T0)

    with db.transaction() as session:
        assert claim_inbound(session, stored.message.id, T0 + timedelta(days=1)) is None


def test_conversation_returns_one_participants_messages_in_order(db: Database) -> None:
    first = receive(db, "sim:alex", "a1", "hi", T0)
    with db.transaction() as session:
        finish_inbound(session, first.message, ["hello alex", "how are you?"], "none", T0)
    receive(db, "sim:bo", "b1", "hey", T0 + timedelta(seconds=1))
    receive(db, "sim:alex", "a2", "still here", T0 + timedelta(seconds=2))

    with db.transaction() as session:
        rows = conversation(session, first.message.participant_id)
        latest = conversation(session, first.message.participant_id, limit=2)

    assert [(m.direction, m.text) for m in rows] == [
        ("inbound", "hi"),
        ("outbound", "hello alex"),
        ("outbound", "how are you?"),
        ("inbound", "still here"),
    ]
    assert [m.text for m in latest] == ["how are you?", "still here"]


def test_renewing_extends_the_lease_only_of_messages_the_worker_still_answers(
    db: Database,
) -> None:
    answering = receive(db, channel_message_id="m1").message
    taken = receive(db, channel_message_id="m2").message
    answered = receive(db, channel_message_id="m3").message
    later = T0 + PROCESSING_LEASE
    with db.transaction() as session:
        assert claim_inbound(session, taken.id, later) is not None  # its worker stalled
        finish_inbound(session, answered, ["hello"], "none", T0)

    with db.transaction() as session:
        held = {message.id: 1 for message in (answering, taken, answered)}
        renewed = renew_inbound(session, held, later)
    with db.transaction() as session:
        due = due_inbound_ids(session, later + PROCESSING_LEASE - timedelta(seconds=1))

    assert (renewed, due) == ({answering.id}, [])
