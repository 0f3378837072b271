"""Re-pages: the reminder alerts that went out because nobody claimed a case in time.

A re-page resets a case's respond_by to the time of the next re-page (escalation/service.py),
so respond_by alone would show a re-paged, still unclaimed case as on time again. The queue and
the supervision page both read a case's re-pages here, so they agree: re-paged and unclaimed
is overdue. Only reminder alerts count: a page at a higher level is not a missed target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, distinct, exists, func, select
from sqlalchemy.orm import Session

from store.escalation_models import AlertKind, Escalation, PeerAlert


@dataclass(frozen=True)
class Repages:
    count: int  # reminder rounds (one round alerts every peer at once)
    first_at: datetime | None


NO_REPAGES = Repages(0, None)


def repages(session: Session, ids: Sequence[int]) -> dict[int, Repages]:
    rounds = session.execute(
        select(
            PeerAlert.escalation_id,
            func.count(distinct(PeerAlert.created_at)),
            func.min(PeerAlert.created_at),
        )
        .where(PeerAlert.kind == AlertKind.REMINDER, PeerAlert.escalation_id.in_(ids))
        .group_by(PeerAlert.escalation_id)
    ).all()
    return {case_id: Repages(count, first) for case_id, count, first in rounds if case_id}


def repaged() -> ColumnElement[bool]:
    """In a query over escalations: this case has been re-paged at least once."""
    return exists().where(
        PeerAlert.escalation_id == Escalation.id, PeerAlert.kind == AlertKind.REMINDER
    )
