"""When a scheduled message must wait, and where it goes when it need not: shared by the due
events' pass and its nudges, so both wait for the same things.

A message waits while the person texted in the last half hour (they are in a conversation),
another scheduled event went to them in the last twelve hours (never two check-ups at once), a
peer has the conversation, an escalation is open, or they opted out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from store import messages
from store.enrollment_models import DueEvent
from store.escalations import conversation_state
from store.models import ParticipantAddress

IN_CONVERSATION = timedelta(minutes=30)
SPACING = timedelta(hours=12)
_NO_MESSAGE = 2**31 - 1  # after every message id (a 32-bit key): none of theirs to look back on


def address_unless_waiting(session: Session, participant_id: int, now: datetime) -> str | None:
    """Where a scheduled message goes (the channel they last texted on, else the one they were
    enrolled with), or None while it must wait."""
    latest = messages.latest_inbound(session, participant_id)
    if latest is not None and latest.created_at > now - IN_CONVERSATION:
        return None
    recent = session.scalar(
        select(DueEvent.id).where(
            DueEvent.participant_id == participant_id, DueEvent.sent_at > now - SPACING
        )
    )
    if recent is not None:
        return None
    address = latest.address if latest is not None else _enrolled_address(session, participant_id)
    if address is None:
        return None
    state = conversation_state(
        session, participant_id, (latest.id + 1) if latest else _NO_MESSAGE, address
    )
    blocked = state.taken_over_by is not None or state.open_level is not None or state.opted_out
    return None if blocked else address


def _enrolled_address(session: Session, participant_id: int) -> str | None:
    return session.scalar(
        select(ParticipantAddress.address)
        .where(ParticipantAddress.participant_id == participant_id)
        .order_by(ParticipantAddress.id)
        .limit(1)
    )
