"""Delivery statuses on outbox rows: recorded only over a status they supersede, so callbacks
that arrive out of order never move a message backwards."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from store.db import Database
from store.deliveries import Delivery, Recorded, record_delivery
from store.messages import finish_inbound
from store.models import OutboxItem
from store.outbox import mark_sent
from tests.store.helpers import T0, receive

ADDRESS = "tel:+15557654321"
SID = "SM" + "1" * 32
LATER = T0 + timedelta(seconds=5)


@pytest.fixture
def sent(db: Database) -> None:
    """One reply, sent with the provider id SID."""
    stored = receive(db, ADDRESS, "in-1")
    with db.transaction() as session:
        [reply] = finish_inbound(session, stored.message, ["hello"], "none", T0, send_now=True)
        assert reply.outbox is not None
        mark_sent(session, reply.outbox, SID, T0)


def record(db: Database, status: str, supersedes: set[str], code: int | None = None) -> Delivery:
    with db.transaction() as session:
        return record_delivery(session, SID, status, code, LATER, supersedes=supersedes)


def delivery_columns(db: Database) -> tuple[str | None, int | None, object]:
    with db.transaction() as session:
        item = session.scalars(select(OutboxItem)).one()
        return item.delivery_status, item.delivery_error_code, item.delivery_updated_at


@pytest.mark.usefixtures("sent")
def test_a_status_is_recorded_with_its_error_code_and_time(db: Database) -> None:
    delivery = record(db, "undelivered", set(), code=30003)

    assert delivery == Delivery(Recorded.UPDATED, ADDRESS)
    assert delivery_columns(db) == ("undelivered", 30003, LATER)


@pytest.mark.usefixtures("sent")
def test_a_status_replaces_only_one_it_supersedes(db: Database) -> None:
    outcomes = [
        record(db, "queued", set()).outcome,
        record(db, "delivered", {"queued", "sent"}).outcome,
        record(db, "sent", {"queued"}).outcome,  # late: "delivered" is not among its earlier
    ]

    assert outcomes == [Recorded.UPDATED, Recorded.UPDATED, Recorded.STALE]
    assert delivery_columns(db)[0] == "delivered"


@pytest.mark.usefixtures("sent")
def test_a_stale_status_still_says_whom_the_message_went_to(db: Database) -> None:
    record(db, "delivered", set())

    assert record(db, "sent", set()) == Delivery(Recorded.STALE, ADDRESS)


@pytest.mark.usefixtures("sent")
def test_an_unknown_provider_id_changes_nothing(db: Database) -> None:
    with db.transaction() as session:
        delivery = record_delivery(session, "SMunknown", "delivered", None, LATER, supersedes=())

    assert delivery == Delivery(Recorded.UNKNOWN, None)
    assert delivery_columns(db) == (None, None, None)
