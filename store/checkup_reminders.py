"""Check-ups put off with "not now", offered again when their time comes: each exactly once.

A reminder is claimed with a conditional update before the engine is asked, and marked done in
the transaction that queues what the engine said, so it is queued once. A claim older than its
lease belongs to a process that died between the two: the reminder is due again (the engine
may then be asked twice; what it says is still queued once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from store import messages
from store.audit import record
from store.checkup_models import Checkup
from store.escalations import ConversationState, conversation_state
from store.models import Lane, Message

REMINDER_LEASE = timedelta(minutes=2)


class Outcome(StrEnum):
    OFFERED = "offered"
    OPTED_OUT = "opted_out"  # they texted STOP since: nothing more goes to them
    SUPERSEDED = "superseded"  # a later check-up (their own, or put off again) takes its place
    NEVER_TEXTED = "never_texted"  # no address to send to


@dataclass(frozen=True, slots=True)
class Target:
    """Whom a claimed reminder goes to: their last message (whose channel the offer takes) and
    who answers them now."""

    checkup_id: int
    participant_id: int
    latest: Message | None
    state: ConversationState | None
    superseded: bool  # a check-up started or put off after this one: theirs is the newer one


def _due(now: datetime) -> ColumnElement[bool]:
    return (
        (Checkup.ask_again_at <= now)
        & Checkup.completed_at.is_(None)
        & Checkup.reminded_at.is_(None)
        & or_(
            Checkup.reminder_claimed_at.is_(None),
            Checkup.reminder_claimed_at <= now - REMINDER_LEASE,
        )
    )


def due_reminders(session: Session, now: datetime, limit: int = 20) -> list[int]:
    """Check-up rows whose time to ask again has come, oldest first."""
    query = select(Checkup.id).where(_due(now)).order_by(Checkup.ask_again_at).limit(limit)
    return list(session.scalars(query))


def claim(session: Session, checkup_id: int, now: datetime) -> Target | None:
    """Takes a due reminder for this worker alone, with what deciding about it needs."""
    participant_id = session.execute(
        update(Checkup)
        .where(Checkup.id == checkup_id, _due(now))
        .values(reminder_claimed_at=now)
        .returning(Checkup.participant_id)
        .execution_options(synchronize_session=False)
    ).scalar()
    if participant_id is None:  # another worker took it
        return None
    latest = messages.latest_inbound(session, participant_id)
    state = (
        conversation_state(session, participant_id, latest.id + 1, latest.address)
        if latest is not None
        else None
    )
    later = select(Checkup.id).where(
        Checkup.participant_id == participant_id, Checkup.id > checkup_id
    )
    superseded = session.scalars(later.limit(1)).first() is not None
    return Target(checkup_id, participant_id, latest, state, superseded)


def finish(
    session: Session,
    target: Target,
    outcome: Outcome,
    now: datetime,
    texts: Sequence[str | messages.Draft] = (),
) -> list[Message]:
    """Marks the reminder done and queues what offers the check-up, in one transaction."""
    session.execute(
        update(Checkup)
        .where(Checkup.id == target.checkup_id)
        .values(reminded_at=now, reminder_outcome=outcome)
        .execution_options(synchronize_session=False)
    )
    record(session, "scheduler", "checkup reminder", target.participant_id, outcome=outcome)
    if outcome is not Outcome.OFFERED or target.latest is None:
        return []
    # Scheduled sends wait behind replies to people who are texting right now.
    sending = messages.Sending(Lane.BULK, author="scheduler")
    return messages.add_replies(session, target.latest, texts, now, send_now=True, sending=sending)
