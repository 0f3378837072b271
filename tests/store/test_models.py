"""Stored times are instants: read back as timezone-aware UTC, compared as instants, whatever
the backend (SQLite keeps no zone) and whatever zone the caller's datetime was in."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

from store.db import Database
from store.messages import PROCESSING_LEASE, claim_inbound
from store.models import Message
from tests.store.helpers import T0, receive

NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def test_datetimes_read_back_as_timezone_aware_utc(db: Database) -> None:
    stored = receive(db, now=T0)

    with db.transaction() as session:
        row = session.get(Message, stored.message.id)
        assert row is not None
        zones = (row.created_at.tzinfo, row.next_attempt_at and row.next_attempt_at.tzinfo)

    assert zones == (UTC, UTC)


def test_a_datetime_in_another_zone_is_stored_as_the_same_instant(db: Database) -> None:
    stored = receive(db, now=T0.astimezone(NEW_YORK_WINTER))

    with db.transaction() as session:
        row = session.get(Message, stored.message.id)
        assert row is not None
        actual = (row.created_at, row.created_at.utcoffset(), row.next_attempt_at)

    assert actual == (T0, timedelta(0), T0 + PROCESSING_LEASE)


def test_lease_expiry_compares_instants_across_zones(db: Database) -> None:
    stored = receive(db, now=T0.astimezone(NEW_YORK_WINTER))

    with db.transaction() as session:
        early = claim_inbound(session, stored.message.id, T0 + PROCESSING_LEASE / 2)
    with db.transaction() as session:
        expired = claim_inbound(session, stored.message.id, T0 + PROCESSING_LEASE)

    assert (early, expired is not None) == (None, True)
