"""Linking a channel address to the participant a program enrolled (a Telegram deep link
t.me/<bot>?start=<code> carries the participant's enrolment code)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Participant, ParticipantAddress


def link_by_code(session: Session, code: str, address: str, now: datetime) -> int | None:
    """Attaches the address to the participant enrolled with `code`, moving it from the
    anonymous participant it may have started as; returns the participant's id, or None for a
    code nobody was enrolled with (the conversation then simply goes on as it was).

    Messages already sent from the address stay with whoever they were from: the move changes
    who the address is from now on, not the record of the past.
    """
    enrolled = session.scalar(select(Participant).where(Participant.enrollment_code == code))
    if enrolled is None:
        return None
    attach_address(session, enrolled.id, address, now)
    return enrolled.id


def attach_address(session: Session, participant_id: int, address: str, now: datetime) -> None:
    """The address is the participant's from now on (moved from the anonymous participant it
    may have started as; the messages it sent before stay with whoever they were from)."""
    link = session.scalar(select(ParticipantAddress).where(ParticipantAddress.address == address))
    if link is None:
        session.add(
            ParticipantAddress(
                participant_id=participant_id,
                address=address,
                channel=address.partition(":")[0],
                created_at=now,
            )
        )
    else:
        link.participant_id = participant_id
    session.flush()  # a concurrent first message from the address fails here, not at commit
