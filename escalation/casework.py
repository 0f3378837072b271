"""What a peer (or a supervisor) does with a case: claim, resolve, take over, hand back, assign,
and tell the screener it was wrong.

The rules: a peer acts on what is theirs or on nobody's (an unclaimed case, a conversation no
one has taken over); a supervisor acts on any case. Each step reads the state, checks the rule,
then makes one conditional update on the state it read, in the caller's transaction, so two
people acting at once cannot both win. Each step is written to the audit log, never with text.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from sqlalchemy.orm import Session

from escalation.levels import Level
from escalation.service import EscalationPolicy, alert_peers, holder_of
from store import audit, escalations, feedback
from store.escalation_models import (
    AlertKind,
    Escalation,
    EscalationStatus,
    FeedbackKind,
    OutcomeKind,
)
from store.escalations import Outcome
from store.models import Direction, Message, Participant

__all__ = [
    "Outcome",
    "assign",
    "claim",
    "hand_back",
    "may_resolve",
    "missed_risk",
    "resolve",
    "take_over",
]


M = TypeVar("M", Escalation, Participant)


def _actor(peer: str) -> str:
    return f"peer:{peer}"


def _fresh(session: Session, model: type[M], row_id: int) -> M | None:
    # The state as the database has it now, not as an earlier step in this session left it.
    return session.get(model, row_id, populate_existing=True)


def claim(session: Session, escalation_id: int, peer: str, now: datetime) -> bool:
    won = escalations.claim(session, escalation_id, peer, now)
    if won:
        audit.record(session, _actor(peer), "claimed", escalation_id=escalation_id)
    return won


def may_resolve(escalation: Escalation, peer: str, *, supervisor: bool) -> bool:
    """Anyone may resolve an unclaimed case (a false alarm in one step); a claimed one, its
    claimer or a supervisor."""
    if escalation.status == EscalationStatus.RESOLVED:
        return False
    return supervisor or escalation.claimed_by in (None, peer)


def resolve(
    session: Session,
    escalation_id: int,
    peer: str,
    outcome: str | Outcome,
    now: datetime,
    *,
    supervisor: bool = False,
    level: Level = Level.NONE,
) -> bool:
    """Ends the case. `level` is, for a false alarm, what the message should have been rated:
    the false alarm is kept as labelled data for the screening work."""
    ending = outcome if isinstance(outcome, Outcome) else Outcome(outcome)
    case = _fresh(session, Escalation, escalation_id)
    if case is None or not may_resolve(case, peer, supervisor=supervisor):
        return False
    held_by = case.claimed_by
    if not escalations.resolve(session, escalation_id, peer, ending, now, held_by=held_by):
        return False
    if ending.kind == OutcomeKind.FALSE_ALARM and case.message_id is not None:
        report = feedback.Report(
            case.message_id, FeedbackKind.FALSE_ALARM, case.level, level.label, peer, case.id
        )
        feedback.add(session, report, now)
    audit.record(
        session, _actor(peer), "resolved", case.participant_id,
        escalation_id=escalation_id, kind=ending.kind.value, claimed_by=held_by,
    )  # fmt: skip
    return True


def assign(
    session: Session,
    policy: EscalationPolicy,
    escalation_id: int,
    to: str,
    by: str,
    now: datetime,
) -> bool:
    """A supervisor gives an unresolved case to `to` (the caller checks `by` is one): the
    conversation moves too if the old holder had taken it over, and the new holder is paged."""
    case = _fresh(session, Escalation, escalation_id)
    if case is None or case.status == EscalationStatus.RESOLVED:
        return False
    was = holder_of(session, case)
    if not escalations.assign(session, escalation_id, to, now, held_by=case.claimed_by):
        return False
    person = _fresh(session, Participant, case.participant_id)
    if was is not None and person is not None and person.taken_over_by == was:
        escalations.take_over(session, case.participant_id, to, now, held_by=was)
    alert_peers(session, policy, case, {to}, AlertKind.ASSIGNED, now)
    audit.record(
        session, _actor(by), "assigned", case.participant_id,
        escalation_id=escalation_id, to=to, taken_from=was,
    )  # fmt: skip
    return True


def take_over(
    session: Session, participant_id: int, peer: str, now: datetime, *, supervisor: bool = False
) -> bool:
    """Pauses the bot for this person. A peer takes a conversation nobody has; a supervisor
    takes it from whoever has it."""
    person = _fresh(session, Participant, participant_id)
    if person is None:
        return False
    held_by = person.taken_over_by
    if held_by not in (None, peer) and not supervisor:
        return False
    if not escalations.take_over(session, participant_id, peer, now, held_by=held_by):
        return False
    taken_from = held_by if held_by not in (None, peer) else None
    audit.record(session, _actor(peer), "took-over", participant_id, taken_from=taken_from)
    return True


def hand_back(
    session: Session, participant_id: int, peer: str, now: datetime, *, supervisor: bool = False
) -> bool:
    """Back to the assistant: by the peer who has the conversation, or by a supervisor."""
    person = _fresh(session, Participant, participant_id)
    if person is None or person.taken_over_by is None:
        return False
    held_by = person.taken_over_by
    if held_by != peer and not supervisor:
        return False
    if not escalations.hand_back(session, participant_id, held_by, now):
        return False
    audit.record(session, _actor(peer), "handed-back", participant_id, held_by=held_by)
    return True


def missed_risk(session: Session, message: Message, level: Level, peer: str, now: datetime) -> bool:
    """A peer says an inbound message deserved a higher level than the screener gave it: kept
    as labelled data. Refused unless `level` is higher than the screened one."""
    screened = Level.__members__.get((message.risk_level or "none").upper(), Level.NONE)
    if message.direction != Direction.INBOUND or level <= screened:
        return False
    report = feedback.Report(
        message.id, FeedbackKind.MISSED_RISK, message.risk_level, level.label, peer
    )
    feedback.add(session, report, now)
    audit.record(
        session, _actor(peer), "marked-missed-risk", message.participant_id,
        message_id=message.id, screened_level=screened.label, level=level.label,
    )  # fmt: skip
    return True
