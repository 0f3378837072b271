"""Finding or creating the participant behind a channel address."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.models import Participant, ParticipantAddress


def participant_for(session: Session, address: str) -> Participant | None:
    return session.scalar(
        select(Participant).join(ParticipantAddress).where(ParticipantAddress.address == address)
    )


def participant_id_for(session: Session, address: str) -> int:
    """The participant behind an address, created on first contact; one query when known."""
    found = session.scalar(
        select(ParticipantAddress.participant_id).where(ParticipantAddress.address == address)
    )
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
