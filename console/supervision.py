"""What a supervisor watches: every unresolved case with who holds it and since when (the
overdue ones first), and who is on call now.

A re-page resets a case's respond_by (escalation/service.py: it becomes the time of the next
re-page), so "overdue" here also means re-paged and still unclaimed: a case is not back on time
because its reminder went out. Such a case says how long it has been overdue (since its first
re-page) and when the next re-page goes, never "respond within", which would contradict it.
Re-pages are counted from the reminder alerts themselves: a page at a higher level (also an
alert round) is not a missed target."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import queue
from console.reasons import plain_all
from console.repages import NO_REPAGES, Repages, repages
from escalation.policy import ResponseTargets
from store.console_models import ConsoleSession, User
from store.escalation_models import Escalation, EscalationStatus
from store.models import Participant
from store.roster import OnCall as RosterEntry

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
    overdue_since: datetime | None  # when its target was first missed, if it is late


@dataclass(frozen=True)
class OnCall:
    name: str
    supervisor: bool
    signed_in: bool  # has a live console session now


def _held(case: Escalation, person: Participant, timer: queue.Timer, repages: Repages) -> HeldCase:
    since = case.claimed_at if case.claimed_by else person.taken_over_at
    late = timer == "overdue"  # unclaimed past its target, or re-paged (console/repages.py)
    return HeldCase(
        case.id, person.id, queue.person_name(person), case.level, plain_all(case.reasons),
        case.created_at, case.respond_by, timer, case.claimed_by, person.taken_over_by,
        since if (case.claimed_by or person.taken_over_by) else None, repages.count, late,
        (repages.first_at or case.respond_by) if late else None,
    )  # fmt: skip


def _order(case: HeldCase) -> tuple[int, int, datetime, int]:
    return (not case.late, _SEVERITY.get(case.level, 2), case.opened_at, case.id)


def open_cases(session: Session, targets: ResponseTargets, now: datetime) -> list[HeldCase]:
    found = session.execute(
        select(Escalation, Participant)
        .join(Participant, Participant.id == Escalation.participant_id)
        .where(Escalation.status.in_(_UNRESOLVED))
    ).all()
    rounds = repages(session, [case.id for case, _ in found])
    held = []
    for case, person in found:
        repaged = rounds.get(case.id, NO_REPAGES)
        timer = queue.timer_of(case, targets, now, repaged=repaged.count > 0)
        held.append(_held(case, person, timer, repaged))
    return sorted(held, key=_order)


def on_call(session: Session, roster: Sequence[RosterEntry], now: datetime) -> list[OnCall]:
    """The roster the console keeps (escalation.service.on_call), and which of them has the
    console open (a session not yet expired; an idle one is swept at the next sign-in, so this
    can be a few minutes generous)."""
    live = set(
        session.scalars(
            select(User.name)
            .join(ConsoleSession, ConsoleSession.user_id == User.id)
            .where(ConsoleSession.authenticated.is_(True), ConsoleSession.expires_at > now)
        )
    )
    return [OnCall(peer.name, peer.supervisor, peer.name in live) for peer in roster]
