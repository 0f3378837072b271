"""Participants: anyone may text the warmline, and one address is always one participant."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from store.db import Database
from store.models import Participant, ParticipantAddress
from store.participants import get_or_create_participant, participant_for


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
