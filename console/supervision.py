"""What a supervisor watches: every unresolved case with who holds it and since when (the
overdue ones first), and who is on call now.

A re-page resets a case's target (escalation/service.py), so "overdue" here also means
re-paged and still unclaimed: a case is not back on time because its reminder went out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import queue
from console.reasons import plain_all
from core.settings import RosterPeer
from escalation.policy import ResponseTargets
from store.console_models import ConsoleSession, User
from store.escalation_models import Escalation, EscalationStatus
from store.models import Participant

_UNRESOLVED = (EscalationStatus.OPEN.value, EscalationStatus.CLAIMED.value)
_SEVERITY = {"emergency": 0, "crisis": 1}


@dataclass(frozen=True)
class HeldCase:
    id: int
    participant_id: int
    person: str
    level: str
    reasons: list[str]
    opened_at: datetime
    respond_by: datetime
    timer: queue.Timer
    claimed_by: str | None
    taken_over_by: str | None
    held_since: datetime | None  # when the case was claimed, or the conversation taken over
    reminders: int  # re-pages sent because nobody claimed it in time
    late: bool  # unclaimed past its target: now, or before a re-page reset the target


def _reminders(case: Escalation) -> int:
    return max(case.alerts_sent - 1, 0)


@dataclass(frozen=True)
class OnCall:
    name: str
    supervisor: bool
    signed_in: bool  # has a live console session now


def _held(case: Escalation, person: Participant, timer: queue.Timer) -> HeldCase:
    since = case.claimed_at if case.claimed_by else person.taken_over_at
    return HeldCase(
        case.id, person.id, queue.person_name(person), case.level, plain_all(case.reasons),
        case.created_at, case.respond_by, timer, case.claimed_by, person.taken_over_by,
        since if (case.claimed_by or person.taken_over_by) else None, _reminders(case),
        case.claimed_by is None and (timer == "overdue" or _reminders(case) > 0),
    )  # fmt: skip


def _order(case: HeldCase) -> tuple[int, int, datetime, int]:
    return (not case.late, _SEVERITY.get(case.level, 2), case.opened_at, case.id)


def open_cases(session: Session, targets: ResponseTargets, now: datetime) -> list[HeldCase]:
    found = session.execute(
        select(Escalation, Participant)
        .join(Participant, Participant.id == Escalation.participant_id)
        .where(Escalation.status.in_(_UNRESOLVED))
    ).all()
    held = [_held(case, person, queue.timer_of(case, targets, now)) for case, person in found]
    return sorted(held, key=_order)


def on_call(session: Session, roster: Sequence[RosterPeer], now: datetime) -> list[OnCall]:
    """The roster, and which of them has the console open (a session not yet expired; an idle
    one is swept at the next sign-in, so this can be a few minutes generous)."""
    live = set(
        session.scalars(
            select(User.name)
            .join(ConsoleSession, ConsoleSession.user_id == User.id)
            .where(ConsoleSession.authenticated.is_(True), ConsoleSession.expires_at > now)
        )
    )
    return [OnCall(peer.name, peer.supervisor, peer.name in live) for peer in roster]
