"""What becomes of an inbound message: answered (status and replies in one transaction),
deferred while the engine is down, or found again by the sweep for unanswered messages."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from store.db import Database
from store.messages import (
    PROCESSING_LEASE,
    defer_inbound,
    due_inbound_ids,
    finish_inbound,
    replies_to,
)
from store.models import Message, OutboxItem
from tests.store.helpers import T0, receive

ANSWERED_AT = T0 + timedelta(seconds=2)


def outbox_rows(db: Database) -> list[tuple[int, str, str, str, datetime | None]]:
    with db.transaction() as session:
        items = session.scalars(select(OutboxItem).order_by(OutboxItem.id)).all()
        return [(i.message_id, i.channel, i.address, i.status, i.next_attempt_at) for i in items]


def test_finish_inbound_marks_processed_and_queues_each_reply_once(db: Database) -> None:
    stored = receive(db, "telegram:42", "update-1")
    with db.transaction() as session:
        replies = finish_inbound(session, stored.message, ["one", "two"], "none", ANSWERED_AT)
        reply_ids = [reply.id for reply in replies]

    with db.transaction() as session:
        inbound = session.get(Message, stored.message.id)
        assert inbound is not None
        state = (inbound.status, inbound.risk_level, inbound.processed_at)
        stored_replies = [
            (r.id, r.direction, r.text, r.status, r.reply_to_id, r.address, r.channel)
            for r in replies_to(session, stored.message.id)
        ]

    inbound_id = stored.message.id
    assert (state, inbound.next_attempt_at) == (("processed", "none", ANSWERED_AT), None)
    assert stored_replies == [
        (reply_ids[0], "outbound", "one", None, inbound_id, "telegram:42", "telegram"),
        (reply_ids[1], "outbound", "two", None, inbound_id, "telegram:42", "telegram"),
    ]
    assert outbox_rows(db) == [
        (reply_id, "telegram", "telegram:42", "pending", ANSWERED_AT) for reply_id in reply_ids
    ]


def answer_then_crash(db: Database, inbound: Message) -> None:
    """A worker answers, then dies before its transaction commits."""
    with db.transaction() as session:
        finish_inbound(session, inbound, ["one", "two"], "none", ANSWERED_AT)
        session.flush()
        raise RuntimeError("crash before commit")


def test_finish_inbound_rolled_back_leaves_neither_status_nor_replies(db: Database) -> None:
    stored = receive(db)

    with pytest.raises(RuntimeError, match="crash before commit"):
        answer_then_crash(db, stored.message)

    with db.transaction() as session:
        inbound = session.get(Message, stored.message.id)
        assert inbound is not None
        actual = (inbound.status, inbound.processed_at, replies_to(session, inbound.id))
        message_count = session.scalar(select(func.count()).select_from(Message))

    assert (actual, message_count, outbox_rows(db)) == (("processing", None, []), 1, [])


def test_defer_inbound_marks_engine_pending_until_retry_and_queues_the_holding_text(
    db: Database,
) -> None:
    stored = receive(db, "sim:alex", "s1")
    retry_at = T0 + timedelta(minutes=5)
    with db.transaction() as session:
        holding = defer_inbound(
            session, stored.message, ["We'll be right back."], "concern", retry_at, ANSWERED_AT
        )
        holding_id = holding[0].id

    with db.transaction() as session:
        inbound = session.get(Message, stored.message.id)
        assert inbound is not None
        state = (inbound.status, inbound.risk_level, inbound.next_attempt_at)
        texts = [(r.direction, r.text) for r in replies_to(session, inbound.id)]

    assert (state, texts) == (
        ("engine_pending", "concern", retry_at),
        [("outbound", "We'll be right back.")],
    )
    assert outbox_rows(db) == [(holding_id, "sim", "sim:alex", "pending", ANSWERED_AT)]


def test_due_inbound_ids_returns_unanswered_messages_whose_time_has_come_oldest_first(
    db: Database,
) -> None:
    oldest = receive(db, "sim:alex", "a", now=T0).message  # lease runs out at T0 + lease
    newer = receive(db, "sim:bo", "b", now=T0 + timedelta(seconds=1)).message
    answered = receive(db, "sim:cy", "c", now=T0 + timedelta(seconds=2)).message
    deferred = receive(db, "sim:di", "d", now=T0 + timedelta(seconds=3)).message
    with db.transaction() as session:
        finish_inbound(session, answered, ["hi"], "none", T0 + timedelta(seconds=2))
        defer_inbound(session, deferred, ["soon"], "none", T0 + timedelta(hours=1), T0)
        # the oldest is now due later than the newer one: order is by age, not by due time
        defer_inbound(session, oldest, ["soon"], "none", T0 + timedelta(minutes=9), T0)

    with db.transaction() as session:
        actual = {
            "leases running": due_inbound_ids(session, T0 + PROCESSING_LEASE / 2),
            "one due": due_inbound_ids(session, T0 + timedelta(minutes=3)),
            "retries due": due_inbound_ids(session, T0 + timedelta(minutes=10)),
            "all due": due_inbound_ids(session, T0 + timedelta(hours=2)),
            "limited": due_inbound_ids(session, T0 + timedelta(hours=2), limit=1),
        }

    assert actual == {
        "leases running": [],
        "one due": [newer.id],
        "retries due": [oldest.id, newer.id],
        "all due": [oldest.id, newer.id, deferred.id],
        "limited": [oldest.id],
    }
