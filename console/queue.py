"""The queue: unresolved escalations, most severe first and then longest waiting, each with
its response timer; and a stamp that changes when the queue does, for the live page."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from console.reasons import plain_all
from console.repages import repaged, repages
from escalation.levels import Level
from escalation.policy import ResponseTargets
from store.escalation_models import Escalation, EscalationStatus
from store.models import Direction, Message, Participant

Filter = Literal["all", "mine", "unclaimed", "overdue"]
FILTERS: tuple[Filter, ...] = ("all", "mine", "unclaimed", "overdue")
Timer = Literal["on time", "due soon", "overdue", "claimed"]
# Due soon: the last third of the target (5 of 15 minutes for a crisis).
DUE_SOON_SHARE = 1 / 3
_UNRESOLVED = (EscalationStatus.OPEN.value, EscalationStatus.CLAIMED.value)
_SEVERITY = case((Escalation.level == "emergency", 0), (Escalation.level == "crisis", 1), else_=2)


@dataclass(frozen=True)
class QueueRow:
    id: int
    participant_id: int
    person: str
    level: str
    reasons: list[str]
    channel: str
    opened_at: datetime
    last_message_at: datetime | None
    respond_by: datetime
    due_soon_at: datetime  # when the timer turns from on time to due soon
    claimed_by: str | None
    taken_over_by: str | None
    timer: Timer


def due_soon_at(escalation: Escalation, targets: ResponseTargets) -> datetime:
    target = targets.within(Level[escalation.level.upper()])
    return escalation.respond_by - target * DUE_SOON_SHARE


def timer_of(
    escalation: Escalation, targets: ResponseTargets, now: datetime, *, repaged: bool = False
) -> Timer:
    """A re-paged case whose respond_by moved on is still overdue (console/repages.py)."""
    if escalation.claimed_by is not None:
        return "claimed"
    if escalation.respond_by <= now or repaged:
        return "overdue"
    return "due soon" if due_soon_at(escalation, targets) <= now else "on time"


def _query(
    viewer: str, chosen: Filter, now: datetime
) -> Select[Escalation, Participant, str, datetime]:
    screened = aliased(Message)
    last_inbound = (
        select(func.max(Message.created_at))
        .where(Message.participant_id == Escalation.participant_id)
        .where(Message.direction == Direction.INBOUND)
        .scalar_subquery()
    )
    query = (
        select(Escalation, Participant, screened.channel, last_inbound)
        .join(Participant, Participant.id == Escalation.participant_id)
        .outerjoin(screened, screened.id == Escalation.message_id)
        .where(Escalation.status.in_(_UNRESOLVED))
        .order_by(_SEVERITY, Escalation.created_at, Escalation.id)
    )
    if chosen == "mine":
        query = query.where(
            or_(Escalation.claimed_by == viewer, Participant.taken_over_by == viewer)
        )
    elif chosen in ("unclaimed", "overdue"):
        query = query.where(Escalation.claimed_by.is_(None))
    if chosen == "overdue":
        query = query.where(or_(Escalation.respond_by < now, repaged()))
    return query


def person_name(person: Participant) -> str:
    return person.display_name or f"Person {person.id}"


def rows(
    session: Session, viewer: str, chosen: Filter, targets: ResponseTargets, now: datetime
) -> list[QueueRow]:
    found = session.execute(_query(viewer, chosen, now)).all()
    rounds = repages(session, [e.id for e, *_ in found])
    return [
        QueueRow(
            id=e.id,
            participant_id=p.id,
            person=person_name(p),
            level=e.level,
            reasons=plain_all(e.reasons),
            channel=channel or "unknown",
            opened_at=e.created_at,
            last_message_at=last,
            respond_by=e.respond_by,
            due_soon_at=due_soon_at(e, targets),
            claimed_by=e.claimed_by,
            taken_over_by=p.taken_over_by,
            timer=timer_of(e, targets, now, repaged=e.id in rounds),
        )
        for e, p, channel, last in found
    ]


def stamp(session: Session) -> tuple[Any, ...]:
    """Changes whenever a row of the queue would: a case opened, raised, claimed, resolved or
    assigned, a conversation taken over or handed back, a message in."""
    cases = session.execute(
        select(
            func.count(Escalation.id),
            func.max(Escalation.id),
            func.max(Escalation.claimed_at),
            func.max(Escalation.resolved_at),
            func.max(Escalation.respond_by),
            func.max(Escalation.message_id),
        )
    ).one()
    people = session.execute(
        select(func.max(Participant.taken_over_at), func.max(Participant.handed_back_at))
    ).one()
    latest = session.scalar(select(func.max(Message.id)))
    return (*cases, *people, latest)


def case_stamp(session: Session, escalation_id: int) -> tuple[Any, ...]:
    """Changes whenever the escalation page would: the case's state, who has the
    conversation, a message in or out."""
    case = session.get(Escalation, escalation_id, populate_existing=True)
    if case is None:
        return ()
    person = session.get(Participant, case.participant_id, populate_existing=True)
    latest = session.scalar(
        select(func.max(Message.id)).where(Message.participant_id == case.participant_id)
    )
    held = person.taken_over_by if person else None
    return (case.status, case.claimed_by, case.level, held, latest)


def token_of(stamp_now: tuple[Any, ...]) -> str:
    """A stamp as the short text the event stream sends as each event's id: a page drawn with
    it, or a browser reconnecting with it (Last-Event-ID), is told only of a later change."""
    return hashlib.sha256(repr(stamp_now).encode()).hexdigest()[:16]
