"""Finding or creating the participant behind a channel address."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.models import ADDRESSES, Participant, ParticipantAddress


def participant_for(session: Session, address: str) -> Participant | None:
    return session.scalar(
        select(Participant).join(ParticipantAddress).where(ParticipantAddress.address == address)
    )


_PARTICIPANT_ID = select(ADDRESSES.c.participant_id).where(
    ADDRESSES.c.address == bindparam("address")
)  # prebuilt: looked up on every inbound message


def participant_id_for(session: Session, address: str) -> int:
    """The participant behind an address, created on first contact; one query when known."""
    found = session.execute(_PARTICIPANT_ID, {"address": address}).scalar()
    return found if found is not None else get_or_create_participant(session, address).id


def get_or_create_participant(session: Session, address: str) -> Participant:
    """An unknown address becomes a new participant: anyone may text the warmline."""
    existing = participant_for(session, address)
    if existing is not None:
        return existing
    participant = Participant()
    link = ParticipantAddress(
        participant=participant, address=address, channel=address.partition(":")[0]
    )
    try:
        with session.begin_nested():  # two first messages at once from one new number
            session.add_all([participant, link])
    except IntegrityError:
        found = participant_for(session, address)
        assert found is not None
        return found
    return participant
