"""Linkage back to treatment: tasks opened in the period (a check-up showed need, or the person
asked for a peer), how many people said yes to a peer, and how those tasks ended ("offered" or
"open" while they have not)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from outcomes.scope import Scope, enrolled
from store.linkage_models import LinkageTask


@dataclass(frozen=True)
class Linkage:
    opened: int
    accepted: int  # of those, the person said yes to a peer
    by_end: dict[str, int]  # an outcome (linked_to_treatment...), or "offered" / "open"


def linkage_figures(session: Session, scope: Scope) -> Linkage:
    tasks = session.scalars(
        select(LinkageTask).where(
            LinkageTask.participant_id.in_(enrolled(scope)), LinkageTask.opened_at < scope.end
        )
    )
    opened = [task for task in tasks if scope.holds(task.opened_at)]
    ends = Counter(task.outcome or task.status for task in opened)
    return Linkage(
        opened=len(opened),
        accepted=sum(task.accepted_at is not None for task in opened),
        by_end=dict(sorted(ends.items())),
    )
