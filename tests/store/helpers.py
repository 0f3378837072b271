"""Shared by the store tests: a fixed moment and a received message."""

from __future__ import annotations

from datetime import UTC, datetime

from store.db import Database
from store.messages import Stored, store_inbound

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def receive(
    db: Database,
    address: str = "sim:alex",
    channel_message_id: str = "m1",
    text: str = "hello",
    now: datetime = T0,
) -> Stored:
    """Stores one inbound message in a transaction of its own, as the gateway does."""
    with db.transaction() as session:
        return store_inbound(
            session, address=address, channel_message_id=channel_message_id, text=text, now=now
        )
