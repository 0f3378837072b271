"""Recovery capital: BARC-10 change from each person's first total to their latest, as it stood
at the period's end, and how many stood at 47 or more at their latest.

Only check-ins with all ten items scored have a total; a skipped item is never filled in, so a
check-in with fewer than ten answered is counted apart and never enters the change. The 47 cut-off
predicted sustained remission in the validation study (Vilsaint et al., 2017): for staff, a
strengths signal, never a pass mark.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from outcomes.scope import Scope, enrolled
from outcomes.stats import MeanWithCI, mean_with_ci
from store.barc10 import STRENGTHS_CUTOFF
from store.barc10_models import Barc10Checkin


@dataclass(frozen=True)
class Barc10Change:
    change: MeanWithCI  # latest total minus first, for people with two or more totals
    without_total: int  # check-ins completed in the period with fewer than ten items answered
    with_latest: int  # people with at least one total by the period's end
    strengths_signal: int  # of those, 47 or more at their latest (staff only, not a pass mark)
    changes: tuple[int, ...] = ()  # each person's change, the mean's data: the console draws it


def barc10_change(session: Session, scope: Scope) -> Barc10Change:
    rows = session.execute(
        select(Barc10Checkin.participant_id, Barc10Checkin.total, Barc10Checkin.completed_at)
        .where(
            Barc10Checkin.participant_id.in_(enrolled(scope)),
            Barc10Checkin.completed_at.is_not(None),
            Barc10Checkin.completed_at < scope.end,
        )
        .order_by(Barc10Checkin.completed_at, Barc10Checkin.id)
    ).all()
    totals: defaultdict[int, list[int]] = defaultdict(list)
    for participant, total, _ in rows:
        if total is not None:
            totals[participant].append(total)
    latest = [each[-1] for each in totals.values()]
    changes = tuple(each[-1] - each[0] for each in totals.values() if len(each) > 1)
    return Barc10Change(
        change=mean_with_ci(changes),
        without_total=sum(total is None and scope.holds(at) for _, total, at in rows),
        with_latest=len(latest),
        strengths_signal=sum(total >= STRENGTHS_CUTOFF for total in latest),
        changes=changes,
    )
