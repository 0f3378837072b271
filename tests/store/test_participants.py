"""Participants: anyone may text the warmline, and one address is always one participant."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from store.db import Database
from store.models import AuditEntry, Participant, ParticipantAddress
from store.participants import get_or_create_participant, opt_in, opt_out, participant_for
from tests.store.helpers import T0, receive


@pytest.mark.parametrize(
    ("address", "channel"),
    [("tel:+15551234567", "tel"), ("telegram:-1001234567890", "telegram"), ("sim:alex", "sim")],
)
def test_unknown_address_creates_a_participant_with_that_address(
    db: Database, address: str, channel: str
) -> None:
    with db.transaction() as session:
        created = get_or_create_participant(session, address).id

    with db.transaction() as session:
        links = session.scalars(select(ParticipantAddress)).all()
        assert [(link.participant_id, link.address, link.channel) for link in links] == [
            (created, address, channel)
        ]


def test_same_address_twice_gives_the_same_participant(db: Database) -> None:
    with db.transaction() as session:
        first = get_or_create_participant(session, "tel:+15551234567").id
    with db.transaction() as session:
        second = get_or_create_participant(session, "tel:+15551234567").id
        count = session.scalar(select(func.count()).select_from(Participant))

    assert (second, count) == (first, 1)


def test_same_address_twice_in_one_transaction_gives_the_same_participant(db: Database) -> None:
    with db.transaction() as session:
        first = get_or_create_participant(session, "sim:alex")
        second = get_or_create_participant(session, "sim:alex")

    assert second.id == first.id


def test_different_addresses_give_different_participants(db: Database) -> None:
    with db.transaction() as session:
        one = get_or_create_participant(session, "tel:+15551234567").id
        other = get_or_create_participant(session, "telegram:42").id

    assert one != other


def test_participant_for_an_unknown_address_is_none(db: Database) -> None:
    with db.transaction() as session:
        assert participant_for(session, "sim:nobody") is None


def test_an_opt_out_and_an_opt_in_are_audited_once_each_with_why(db: Database) -> None:
    receive(db, "tel:+15550001234")
    with db.transaction() as session:
        assert opt_out(session, "tel:+15550001234", T0, why="STOP")
        assert not opt_out(session, "tel:+15550001234", T0, why="STOP")  # a repeat changes nothing
        assert opt_in(session, "tel:+15550001234", why="START")
    with db.transaction() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert [(e.action, e.detail) for e in entries] == [
            ("opted_out", {"channel": "tel", "why": "STOP"}),
            ("opted_in", {"channel": "tel", "why": "START"}),
        ]
