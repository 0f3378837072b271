"""Escalations and their alerts: atomic state changes, each a conditional update."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, select, update
from sqlalchemy.orm import Session

from store.escalation_models import Escalation, EscalationStatus, OutcomeKind, PeerAlert
from store.models import Direction, Message, Participant, ParticipantAddress
from store.queue import (
    changed_one_row,
    claim_rows,
    failed_values,
    retry_values,
    sent_values,
)

UNRESOLVED = (EscalationStatus.OPEN, EscalationStatus.CLAIMED)
# How far back screening looks: means named a few messages ago still count.
RECENT_MESSAGES = 3


def unresolved_for(session: Session, participant_id: int) -> Escalation | None:
    return session.scalar(
        select(Escalation)
        .where(Escalation.participant_id == participant_id, Escalation.status.in_(UNRESOLVED))
        .order_by(Escalation.id.desc())
        .limit(1)
    )


@dataclass(frozen=True, slots=True)
class ConversationState:
    taken_over_by: str | None
    open_level: str | None  # the level of the person's unresolved escalation, if any
    recent: tuple[str, ...] = ()  # their last few messages before this one, oldest first
    opted_out: bool = False  # this address sent STOP (or its provider says it opted out)
    # The choices the last message to the person offered: "1" means the first, for that
    # question only. (title, payload) pairs.
    last_buttons: tuple[tuple[str, str], ...] = ()
    language: str | None = None  # "es" once they write in Spanish; None is English
    handed_back_by: str | None = None  # a peer handed them back and the assistant is not told
    # The crisis companion's mode on the open escalation ("released": asked directly, they said
    # no, and the assistant answers again until risk shows); None when none is open.
    companion_mode: str | None = None
    # The last thing sent to the person before this message (a form's question, say).
    last_reply: str | None = None


def _of_open_escalation(column: Any) -> Any:
    """One column of the person's newest unresolved escalation, as a scalar subquery."""
    return (
        select(column)
        .where(Escalation.participant_id == Participant.id, Escalation.status.in_(UNRESOLVED))
        .order_by(Escalation.id.desc())
        .limit(1)
        .scalar_subquery()
    )


_OPEN_LEVEL = _of_open_escalation(Escalation.level)
_OPEN_COMPANION = _of_open_escalation(Escalation.companion)
_OPTED_OUT = (
    select(ParticipantAddress.opted_out_at)
    .where(ParticipantAddress.address == bindparam("address"))
    .scalar_subquery()
)


def _of_last_reply(column: Any) -> Any:
    """One column of the last message sent to the person before this one, as a scalar
    subquery."""
    return (
        select(column)
        .where(
            Message.participant_id == Participant.id,
            Message.direction == Direction.OUTBOUND,
            Message.id < bindparam("before_id"),
        )
        .order_by(Message.id.desc())
        .limit(1)
        .scalar_subquery()
    )


_LAST_BUTTONS = _of_last_reply(Message.buttons)
_LAST_REPLY = _of_last_reply(Message.text)
_STATE = select(
    Participant.taken_over_by,
    _OPEN_LEVEL,
    _OPTED_OUT,
    _LAST_BUTTONS,
    Participant.language,
    Participant.handed_back_by,
    _OPEN_COMPANION,
    _LAST_REPLY,
).where(Participant.id == bindparam("participant_id"))  # prebuilt: read for every inbound message


_RECENT = (
    select(Message.text)
    .where(
        Message.participant_id == bindparam("participant_id"),
        Message.direction == Direction.INBOUND,
        Message.id < bindparam("before_id"),
    )
    .order_by(Message.id.desc())
    .limit(RECENT_MESSAGES)
)


def conversation_state(
    session: Session, participant_id: int, before_id: int, address: str = ""
) -> ConversationState:
    params = {"participant_id": participant_id, "before_id": before_id, "address": address}
    row = session.execute(_STATE, params).one()
    recent = tuple(reversed(session.execute(_RECENT, params).scalars().all()))
    buttons = tuple((str(b["title"]), str(b["payload"])) for b in row[3] or ())
    return ConversationState(
        taken_over_by=row[0],
        open_level=row[1],
        recent=recent,
        opted_out=row[2] is not None,
        last_buttons=buttons,
        language=row[4],
        handed_back_by=row[5],
        companion_mode=_mode(row[6]),
        last_reply=row[7],
    )


def _mode(companion: Any) -> str | None:
    """The mode of the companion's JSON, read leniently (it may come back as text)."""
    if isinstance(companion, str):
        try:
            companion = json.loads(companion)
        except ValueError:
            return None
    mode = companion.get("mode") if isinstance(companion, dict) else None
    return mode if isinstance(mode, str) else None


def _held_by(name: str | None) -> ColumnElement[bool]:
    """The case (or conversation) is still where the caller saw it: with `name`, or nobody."""
    return Escalation.claimed_by.is_(None) if name is None else Escalation.claimed_by == name


def claim(session: Session, escalation_id: int, peer: str, now: datetime) -> bool:
    """Exactly one of two peers claiming at once wins: the update only matches an open row."""
    result = session.execute(
        update(Escalation)
        .where(Escalation.id == escalation_id, Escalation.status == EscalationStatus.OPEN)
        .values(status=EscalationStatus.CLAIMED, claimed_by=peer, claimed_at=now)
    )
    return changed_one_row(result)


@dataclass(frozen=True, slots=True)
class Outcome:
    note: str  # the peer's words: kept on the escalation, never in the audit log
    kind: OutcomeKind = OutcomeKind.OTHER


def resolve(
    session: Session,
    escalation_id: int,
    peer: str,
    outcome: Outcome,
    now: datetime,
    *,
    held_by: str | None,
) -> bool:
    """Resolves the case if it is unresolved and still held by `held_by`, as the caller saw it,
    so a claim or a reassignment in between wins. An unclaimed case is claimed by the resolver
    in the same update: a false alarm takes one step."""
    result = session.execute(
        update(Escalation)
        .where(
            Escalation.id == escalation_id,
            Escalation.status.in_(UNRESOLVED),
            _held_by(held_by),
        )
        .values(
            status=EscalationStatus.RESOLVED,
            claimed_by=held_by or peer,
            claimed_at=func.coalesce(Escalation.claimed_at, now),
            resolved_by=peer,
            resolved_at=now,
            outcome=outcome.note,
            outcome_kind=outcome.kind,
        )
    )
    return changed_one_row(result)


def assign(
    session: Session, escalation_id: int, peer: str, now: datetime, *, held_by: str | None
) -> bool:
    """Gives an unresolved case to `peer` if it is still held by `held_by` (None: unclaimed)."""
    result = session.execute(
        update(Escalation)
        .where(
            Escalation.id == escalation_id,
            Escalation.status.in_(UNRESOLVED),
            _held_by(held_by),
        )
        .values(status=EscalationStatus.CLAIMED, claimed_by=peer, claimed_at=now)
    )
    return changed_one_row(result)


def overdue(session: Session, now: datetime) -> Sequence[Escalation]:
    return session.scalars(
        select(Escalation)
        .where(Escalation.status == EscalationStatus.OPEN, Escalation.respond_by <= now)
        .order_by(Escalation.id)
    ).all()


def _taken_over_by(name: str | None) -> ColumnElement[bool]:
    return (
        Participant.taken_over_by.is_(None) if name is None else Participant.taken_over_by == name
    )


def take_over(
    session: Session,
    participant_id: int,
    peer: str,
    now: datetime,
    *,
    held_by: str | None = None,
) -> bool:
    """Pauses the bot for this person, if `held_by` (None: nobody) still has the conversation,
    so of two peers taking it at once one wins. A takeover forgets the last hand-back: the
    assistant has nothing to be told until this peer hands back."""
    result = session.execute(
        update(Participant)
        .where(Participant.id == participant_id, _taken_over_by(held_by))
        .values(taken_over_by=peer, taken_over_at=now, handed_back_by=None, handed_back_at=None)
    )
    return changed_one_row(result)


def hand_back(session: Session, participant_id: int, held_by: str, now: datetime) -> bool:
    """Gives the conversation back to the assistant if `held_by` still has it, remembering who
    was with the person, so the assistant's next turn knows a peer was there."""
    result = session.execute(
        update(Participant)
        .where(Participant.id == participant_id, Participant.taken_over_by == held_by)
        .values(taken_over_by=None, taken_over_at=None, handed_back_by=held_by, handed_back_at=now)
    )
    return changed_one_row(result)


def claim_due_alerts(session: Session, now: datetime, limit: int = 50) -> list[PeerAlert]:
    return claim_rows(session, PeerAlert, now, limit)


def _settle_alert(session: Session, alert: PeerAlert, values: dict[str, object]) -> None:
    session.execute(update(PeerAlert).where(PeerAlert.id == alert.id).values(**values))


def mark_alert_sent(
    session: Session, alert: PeerAlert, provider_id: str | None, now: datetime
) -> None:
    _settle_alert(session, alert, sent_values(provider_id, now))


def mark_alert_retry(session: Session, alert: PeerAlert, error: str, retry_at: datetime) -> None:
    _settle_alert(session, alert, retry_values(error, retry_at))


def mark_alert_failed(session: Session, alert: PeerAlert, error: str) -> None:
    _settle_alert(session, alert, failed_values(error))
