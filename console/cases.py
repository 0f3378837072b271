"""The peer API's case actions, each in one transaction: the casework step, and when it is
refused, a 409 that says who has the case or the conversation, read in the same transaction."""

from __future__ import annotations

from datetime import datetime
from typing import NoReturn, Protocol

from fastapi import HTTPException
from sqlalchemy.orm import Session

from escalation import casework, service
from escalation.levels import Level
from escalation.service import EscalationPolicy, level_of
from store import drafts
from store.db import Database
from store.escalation_models import Escalation, EscalationStatus, OutcomeKind
from store.models import Direction, Message, Participant


class Actor(Protocol):
    """Who acts: a roster peer of the API, or a user signed in to the console."""

    @property
    def name(self) -> str: ...

    @property
    def supervisor(self) -> bool: ...


def _conflict(why: str) -> NoReturn:
    raise HTTPException(status_code=409, detail=why)


def _case(session: Session, escalation_id: int) -> Escalation:
    case = session.get(Escalation, escalation_id, populate_existing=True)
    if case is None:
        raise HTTPException(status_code=404, detail="no such escalation")
    return case


def _person(session: Session, participant_id: int) -> Participant:
    person = session.get(Participant, participant_id, populate_existing=True)
    if person is None:
        raise HTTPException(status_code=404, detail="no such participant")
    return person


def _where_the_case_is(case: Escalation) -> str:
    if case.status == EscalationStatus.RESOLVED:
        return f"this escalation was already resolved by {case.resolved_by}"
    if case.claimed_by is None:
        return "this escalation is unclaimed"
    return f"{case.claimed_by} has claimed this escalation"


def claim(db: Database, escalation_id: int, peer: Actor, now: datetime) -> None:
    with db.transaction() as session:
        _case(session, escalation_id)
        if not casework.claim(session, escalation_id, peer.name, now):
            _conflict(_where_the_case_is(_case(session, escalation_id)))


def resolve(
    db: Database,
    escalation_id: int,
    peer: Actor,
    outcome: casework.Outcome,
    level: Level,
    now: datetime,
) -> None:
    with db.transaction() as session:
        case = _case(session, escalation_id)
        if outcome.kind == OutcomeKind.FALSE_ALARM and level >= level_of(case):
            raise HTTPException(
                status_code=422,
                detail=f"a false alarm's level is below the screened one ({case.level})",
            )
        done = casework.resolve(
            session, escalation_id, peer.name, outcome, now,
            supervisor=peer.supervisor, level=level,
        )  # fmt: skip
        if not done:
            where = _where_the_case_is(_case(session, escalation_id))
            _conflict(f"{where}: only its claimer or a supervisor can resolve it")
        # Resolved from the console or the API alike, nobody's reply to it waits any more.
        drafts.forget_case(session, escalation_id)


def assign(
    db: Database,
    policy: EscalationPolicy,
    escalation_id: int,
    to: str,
    by: Actor,
    now: datetime,
) -> None:
    if not by.supervisor:
        raise HTTPException(status_code=403, detail="only a supervisor can reassign a case")
    with db.transaction() as session:
        if to not in {peer.name for peer in service.on_call(session, policy, now)}:
            raise HTTPException(status_code=422, detail="no peer of that name is on the roster")
        _case(session, escalation_id)
        if not casework.assign(session, policy, escalation_id, to, by.name, now):
            _conflict(_where_the_case_is(_case(session, escalation_id)))


def _where_the_conversation_is(person: Participant) -> str:
    if person.taken_over_by is None:
        return "nobody has taken this conversation over"
    return f"{person.taken_over_by} has this conversation"


def take_over(db: Database, participant_id: int, peer: Actor, now: datetime) -> None:
    with db.transaction() as session:
        _person(session, participant_id)
        if not casework.take_over(
            session, participant_id, peer.name, now, supervisor=peer.supervisor
        ):
            where = _where_the_conversation_is(_person(session, participant_id))
            _conflict(f"{where}: they can hand it back, or a supervisor can take it over")


def hand_back(db: Database, participant_id: int, peer: Actor, now: datetime) -> None:
    with db.transaction() as session:
        _person(session, participant_id)
        if not casework.hand_back(
            session, participant_id, peer.name, now, supervisor=peer.supervisor
        ):
            where = _where_the_conversation_is(_person(session, participant_id))
            _conflict(f"{where}: only whoever has it, or a supervisor, can hand it back")


def missed_risk(db: Database, message_id: int, level: Level, peer: Actor, now: datetime) -> None:
    with db.transaction() as session:
        message = session.get(Message, message_id)
        if message is None or message.direction != Direction.INBOUND:
            raise HTTPException(status_code=404, detail="no such message from a participant")
        if not casework.missed_risk(session, message, level, peer.name, now):
            screened = message.risk_level or "none"
            _conflict(f"this message was rated {screened}: a missed risk is a higher level")
