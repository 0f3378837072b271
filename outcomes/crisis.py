"""Crisis work: escalations by level, how fast a peer claimed them against each level's target,
how they ended, and who opted out.

Time to claim runs from the escalation to a peer's claim (resolving an unclaimed case claims it).
"Within target" means claimed by the deadline the peers were paged with: an escalation raised to a
higher level got the new level's deadline from the moment it was raised. An open escalation whose
deadline has not passed is not yet judged either way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from outcomes.scope import Scope, enrolled
from outcomes.stats import median, p90
from store.escalation_models import Escalation
from store.models import AuditEntry

LEVELS = ("emergency", "crisis", "concern")
UNRESOLVED = "unresolved"


@dataclass(frozen=True)
class LevelFigures:
    level: str
    escalations: int
    claimed: int
    target_minutes: float
    median_minutes: float | None  # escalation to claim
    p90_minutes: float | None
    within_target: int  # claimed within the level's target of the escalation's start
    judged: int  # claimed, or unclaimed past that deadline: the share's denominator


def escalations_in(session: Session, scope: Scope) -> list[Escalation]:
    found = session.scalars(
        select(Escalation)
        .where(
            Escalation.participant_id.in_(enrolled(scope)),
            Escalation.created_at < scope.end,
        )
        .order_by(Escalation.id)
    )
    return [each for each in found if scope.holds(each.created_at)]


def by_level(
    escalations: Sequence[Escalation], targets: Mapping[str, float], now: datetime
) -> list[LevelFigures]:
    """One line per level (emergency, crisis, concern), with its target in minutes."""
    return [
        _level(level, [e for e in escalations if e.level == level], targets[level], now)
        for level in LEVELS
    ]


def _level(level: str, escalations: list[Escalation], target: float, now: datetime) -> LevelFigures:
    # The deadline is the level's target from the escalation's start: respond_by is not, as
    # each re-page moves it on, and a case claimed after a re-page still missed its target.
    within = timedelta(minutes=target)
    claims = [(e, e.claimed_at) for e in escalations if e.claimed_at is not None]
    minutes = [(at - e.created_at).total_seconds() / 60 for e, at in claims]
    missed = [e for e in escalations if e.claimed_at is None and e.created_at + within <= now]
    return LevelFigures(
        level=level,
        escalations=len(escalations),
        claimed=len(claims),
        target_minutes=target,
        median_minutes=median(minutes),
        p90_minutes=p90(minutes),
        within_target=sum(at <= e.created_at + within for e, at in claims),
        judged=len(claims) + len(missed),
    )


def outcomes_of(escalations: Sequence[Escalation]) -> dict[str, int]:
    """How the escalations ended, by kind; the ones still open are "unresolved"."""
    kinds = Counter(e.outcome_kind or UNRESOLVED for e in escalations)
    return dict(sorted(kinds.items()))


def opt_outs(session: Session, scope: Scope) -> int:
    """People who opted out in the period, from the audit log: an address's opt-out time is
    cleared by START, the audit row is not."""
    rows = session.execute(
        select(AuditEntry.participant_id, AuditEntry.at).where(
            AuditEntry.action == "opted_out",
            AuditEntry.participant_id.in_(enrolled(scope)),
            AuditEntry.at < scope.end,
        )
    ).all()
    return len({participant for participant, at in rows if scope.holds(at)})
