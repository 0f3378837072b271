"""The outbox: each due reply is claimed by one worker, a dead worker's claim is taken over after
SENDING_LEASE, and every outcome is written to both the outbox row and its message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from store.db import Database
from store.messages import Sending, finish_inbound
from store.models import Lane, Message, OutboxItem, ParticipantAddress
from store.outbox import (
    OPTED_OUT,
    SENDING_LEASE,
    claim_due,
    mark_failed,
    mark_retry,
    mark_sent,
    renew,
)
from tests.store.helpers import T0, receive

SENT_AT = T0 + timedelta(seconds=1)
RETRY_AT = T0 + timedelta(minutes=1)


def queue_replies(
    db: Database, texts: list[str], at: datetime = T0, sender: str = "a"
) -> list[int]:
    """Answers a fresh inbound message with these replies, due at `at`; returns their ids."""
    stored = receive(db, f"sim:{sender}", f"{sender}-{at.isoformat()}", now=at)
    with db.transaction() as session:
        return [reply.id for reply in finish_inbound(session, stored.message, texts, "none", at)]


def claim(
    db: Database, now: datetime, message_ids: list[int] | None = None, limit: int = 50
) -> list[OutboxItem]:
    with db.transaction() as session:
        return claim_due(session, now, limit, message_ids=message_ids)


def test_claim_due_claims_due_pending_rows_once(db: Database) -> None:
    reply_ids = queue_replies(db, ["one", "two"])

    first = claim(db, T0)
    second = claim(db, T0)

    assert [(i.message_id, i.status, i.attempts, i.claimed_at) for i in first] == [
        (reply_id, "sending", 1, T0) for reply_id in reply_ids
    ]
    assert second == []


def test_claim_due_skips_rows_not_yet_due(db: Database) -> None:
    [reply_id] = queue_replies(db, ["later"], at=T0 + timedelta(minutes=1))

    early = claim(db, T0)
    on_time = claim(db, T0 + timedelta(minutes=1))

    assert (early, [i.message_id for i in on_time]) == ([], [reply_id])


def test_claim_due_only_claims_the_given_messages_rows(db: Database) -> None:
    [mine] = queue_replies(db, ["mine"], sender="a")
    [other] = queue_replies(db, ["theirs"], sender="b")

    claimed = claim(db, T0, message_ids=[mine])

    assert ([i.message_id for i in claimed], [i.message_id for i in claim(db, T0)]) == (
        [mine],
        [other],
    )


@pytest.mark.parametrize(
    ("claim_age", "reclaimed"),
    [
        (timedelta(seconds=1), False),
        (SENDING_LEASE - timedelta(seconds=1), False),
        (SENDING_LEASE, True),
        (SENDING_LEASE + timedelta(hours=1), True),
    ],
    ids=["fresh", "just-inside-lease", "at-lease", "long-dead"],
)
def test_sending_row_is_reclaimed_only_when_its_claim_is_older_than_the_lease(
    db: Database, claim_age: timedelta, reclaimed: bool
) -> None:
    queue_replies(db, ["hello"])
    claim(db, T0)  # a worker claims the row, then dies mid-send

    later = claim(db, T0 + claim_age)

    expected = [(2, T0 + claim_age)] if reclaimed else []
    assert [(i.attempts, i.claimed_at) for i in later] == expected


Settle = Callable[[Session, OutboxItem], None]
OUTCOMES: dict[str, Settle] = {
    "sent": lambda session, item: mark_sent(session, item, "SM123", SENT_AT),
    "retry": lambda session, item: mark_retry(session, item, "timeout", RETRY_AT),
    "failed": lambda session, item: mark_failed(session, item, "blocked by the user"),
}


@pytest.mark.parametrize(
    ("outcome", "status", "last_error"),
    [
        ("sent", "sent", None),
        ("retry", "pending", "timeout"),
        ("failed", "failed", "blocked by the user"),
    ],
)
def test_outcome_sets_status_on_the_outbox_row_and_its_message(
    db: Database, outcome: str, status: str, last_error: str | None
) -> None:
    queue_replies(db, ["hello"])
    [item] = claim(db, T0)

    with db.transaction() as session:
        OUTCOMES[outcome](session, item)
    with db.transaction() as session:
        row = session.get(OutboxItem, item.id)
        message = session.get(Message, item.message_id)
        assert row is not None
        assert message is not None
        actual = (row.status, message.status, row.last_error)

    assert actual == (status, None, last_error)  # the message row does not mirror it


def test_mark_sent_records_when_and_the_providers_id(db: Database) -> None:
    queue_replies(db, ["hello"])
    [item] = claim(db, T0)

    with db.transaction() as session:
        mark_sent(session, item, "SM123", SENT_AT)
    with db.transaction() as session:
        row = session.get(OutboxItem, item.id)
        assert row is not None
        actual = (row.sent_at, row.provider_message_id)

    assert (actual, claim(db, T0 + timedelta(days=1))) == ((SENT_AT, "SM123"), [])


def test_retried_row_becomes_due_again_at_retry_at(db: Database) -> None:
    queue_replies(db, ["hello"])
    [item] = claim(db, T0)
    with db.transaction() as session:
        mark_retry(session, item, "timeout", RETRY_AT)

    early = claim(db, RETRY_AT - timedelta(seconds=1))
    on_time = claim(db, RETRY_AT)

    assert (early, [(i.id, i.attempts) for i in on_time]) == ([], [(item.id, 2)])


def test_failed_row_is_never_claimed_again(db: Database) -> None:
    queue_replies(db, ["hello"])
    [item] = claim(db, T0)
    with db.transaction() as session:
        mark_failed(session, item, "blocked by the user")

    assert claim(db, T0 + timedelta(days=1)) == []


@pytest.mark.parametrize("settle", ["retry", "failed"])
def test_long_error_is_cut_to_the_column_width(db: Database, settle: str) -> None:
    queue_replies(db, ["hello"])
    [item] = claim(db, T0)

    with db.transaction() as session:
        if settle == "retry":
            mark_retry(session, item, "x" * 500, RETRY_AT)
        else:
            mark_failed(session, item, "x" * 500)
    with db.transaction() as session:
        row = session.get(OutboxItem, item.id)
        assert row is not None

    assert row.last_error == "x" * 200


# --- lanes and opt-outs -------------------------------------------------------------------------


def set_lanes(db: Database, lanes: dict[int, Lane], compliance: bool = False) -> None:
    """Puts the rows of these messages in these lanes."""
    with db.transaction() as session:
        for message_id, lane in lanes.items():
            session.execute(
                update(OutboxItem)
                .where(OutboxItem.message_id == message_id)
                .values(lane=lane, compliance=compliance)
            )


def opt_out(db: Database, address: str, at: datetime | None = T0) -> None:
    with db.transaction() as session:
        session.execute(
            update(ParticipantAddress)
            .where(ParticipantAddress.address == address)
            .values(opted_out_at=at)
        )


def test_claim_due_takes_urgent_rows_first_then_normal_then_bulk(db: Database) -> None:
    ids = queue_replies(db, ["bulk", "normal", "urgent", "bulk too"])
    set_lanes(db, {ids[0]: Lane.BULK, ids[2]: Lane.URGENT, ids[3]: Lane.BULK})

    first_two = claim(db, T0, limit=2)

    assert [i.message.text for i in first_two + claim(db, T0)] == [
        "urgent",
        "normal",
        "bulk",
        "bulk too",
    ]


def test_claim_due_can_take_urgent_rows_only(db: Database) -> None:
    ids = queue_replies(db, ["normal", "urgent"])
    set_lanes(db, {ids[1]: Lane.URGENT})

    with db.transaction() as session:
        urgent = claim_due(session, T0, urgent_only=True)

    assert [i.message_id for i in urgent] == [ids[1]]


def test_a_due_row_to_an_opted_out_address_is_failed_not_claimed(db: Database) -> None:
    [mine] = queue_replies(db, ["to someone who left"], sender="a")
    [other] = queue_replies(db, ["to someone here"], sender="b")
    opt_out(db, "sim:a")

    claimed = claim(db, T0)

    assert [i.message_id for i in claimed] == [other]
    with db.transaction() as session:
        row = session.scalars(select(OutboxItem).where(OutboxItem.message_id == mine)).one()
        assert (row.status, row.last_error) == ("failed", OPTED_OUT)


def test_the_opt_out_confirmation_is_claimed_even_so(db: Database) -> None:
    [notice] = queue_replies(db, ["You are unsubscribed."])
    set_lanes(db, {notice: Lane.URGENT}, compliance=True)
    opt_out(db, "sim:a")

    assert [i.message_id for i in claim(db, T0)] == [notice]


def test_replies_to_an_opted_out_address_are_stored_failed_except_the_notice(
    db: Database,
) -> None:
    queue_replies(db, ["hello"], sender="a")
    opt_out(db, "sim:a")
    stored = receive(db, "sim:a", "a-later", now=SENT_AT)

    with db.transaction() as session:
        refused = finish_inbound(session, stored.message, ["not sent"], "none", SENT_AT)
        notice = finish_inbound(
            session, stored.message, ["unsubscribed"], "none", SENT_AT,
            sending=Sending(Lane.URGENT, compliance=True),
        )  # fmt: skip

    assert [(r.outbox.status, r.outbox.last_error) for r in refused if r.outbox] == [
        ("failed", OPTED_OUT)
    ]
    assert [r.outbox.status for r in notice if r.outbox] == ["pending"]


# --- leases: renewed by the worker holding them ---------------------------------------------


def test_renewing_keeps_only_the_claims_the_worker_still_holds(db: Database) -> None:
    queue_replies(db, ["kept", "taken over", "sent"])
    kept, taken, sent = claim(db, T0)
    later = T0 + SENDING_LEASE
    [retaken] = claim(db, later, message_ids=[taken.message_id])  # its worker stalled
    with db.transaction() as session:
        mark_sent(session, sent, "SM1", T0)

    with db.transaction() as session:
        renewed = renew(session, {row.id: row.attempts for row in (kept, taken, sent)}, later)

    assert (renewed, [i.id for i in claim(db, later + SENDING_LEASE / 2)]) == ({kept.id}, [])
    assert retaken.attempts == 2
