"""When a scheduled message must wait, and where it goes when it need not: shared by the due
events' pass and its nudges, so both wait for the same things.

A message waits while the person texted in the last half hour (they are in a conversation),
another scheduled event went to them in the last twelve hours (never two check-ups at once), a
peer has the conversation, an escalation is open, or they opted out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from store import messages
from store.enrollment_models import DueEvent
from store.escalation_models import Escalation
from store.escalations import UNRESOLVED, conversation_state
from store.models import Direction, Message, Participant, ParticipantAddress

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


def addresses_unless_waiting(
    session: Session, participant_ids: Sequence[int], now: datetime
) -> dict[int, str]:
    """`address_unless_waiting` for many people in a few queries (one for each thing a message
    waits for), whatever their number: the people who need not wait, and where theirs goes."""
    people = set(participant_ids)
    if not people:
        return {}
    latest = _latest_inbound(session, people)
    busy = {pid for pid, (_, at) in latest.items() if at > now - IN_CONVERSATION}
    people -= busy | _recently_sent(session, people, now) | _held(session, people)
    enrolled = _enrolled_addresses(session, people - latest.keys())
    chosen = {
        pid: latest[pid][0] if pid in latest else enrolled[pid]
        for pid in people
        if pid in latest or pid in enrolled
    }
    stopped = _opted_out(session, set(chosen.values()))
    return {pid: address for pid, address in chosen.items() if address not in stopped}


def _latest_inbound(session: Session, people: set[int]) -> dict[int, tuple[str, datetime]]:
    last = (
        select(func.max(Message.id))
        .where(Message.participant_id.in_(people), Message.direction == Direction.INBOUND)
        .group_by(Message.participant_id)
    )
    rows = session.execute(
        select(Message.participant_id, Message.address, Message.created_at).where(
            Message.id.in_(last)
        )
    )
    return {pid: (address, at) for pid, address, at in rows}


def _recently_sent(session: Session, people: set[int], now: datetime) -> set[int]:
    return set(
        session.scalars(
            select(DueEvent.participant_id)
            .where(DueEvent.participant_id.in_(people), DueEvent.sent_at > now - SPACING)
            .distinct()
        )
    )


def _held(session: Session, people: set[int]) -> set[int]:
    """People a peer has taken over, or with an escalation open."""
    taken = select(Participant.id).where(
        Participant.id.in_(people), Participant.taken_over_by.is_not(None)
    )
    escalated = select(Escalation.participant_id).where(
        Escalation.participant_id.in_(people), Escalation.status.in_(UNRESOLVED)
    )
    return set(session.scalars(taken.union(escalated)))


def _enrolled_addresses(session: Session, people: set[int]) -> dict[int, str]:
    if not people:
        return {}
    rows = session.execute(
        select(ParticipantAddress.participant_id, ParticipantAddress.address)
        .where(ParticipantAddress.participant_id.in_(people))
        .order_by(ParticipantAddress.id.desc())
    )
    return {pid: address for pid, address in rows}  # read last to first: the first wins


def _opted_out(session: Session, addresses: set[str]) -> set[str]:
    if not addresses:
        return set()
    return set(
        session.scalars(
            select(ParticipantAddress.address).where(
                ParticipantAddress.address.in_(addresses),
                ParticipantAddress.opted_out_at.is_not(None),
            )
        )
    )
