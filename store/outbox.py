"""The outbox: replies are rows first, then sends. Claimed atomically so each goes out once.

Nothing goes to an address that opted out, except the notice confirming it (`compliance`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import ColumnElement, case, select, update
from sqlalchemy.orm import Session

from store.models import OUTBOX, Lane, OutboxItem, ParticipantAddress
from store.queue import (
    SENDING_LEASE,
    claim_rows,
    due,
    failed_values,
    renew_claims,
    retry_values,
    sent_values,
)

__all__ = [
    "OPTED_OUT",
    "SENDING_LEASE",
    "claim_due",
    "mark_failed",
    "mark_retry",
    "mark_sent",
    "renew",
]

OPTED_OUT = "opted out"

# Urgent rows are claimed first, then normal ones, bulk last.
_LANE_FIRST = case({Lane.URGENT: 0, Lane.NORMAL: 1}, value=OutboxItem.lane, else_=2)
_STOPPED = select(ParticipantAddress.address).where(ParticipantAddress.opted_out_at.is_not(None))


def _refused() -> ColumnElement[bool]:
    """A row that must not go out: its address opted out, and it is not the confirmation."""
    return ~OutboxItem.compliance & OutboxItem.address.in_(_STOPPED)


def claim_due(
    session: Session,
    now: datetime,
    limit: int = 50,
    message_ids: list[int] | None = None,
    *,
    urgent_only: bool = False,
) -> list[OutboxItem]:
    """Claims due rows, urgent first; a row another worker took is skipped. Due rows to an
    address that opted out are failed in the same transaction, so they are never sent."""
    only: list[ColumnElement[bool]] = []
    if message_ids is not None:
        only.append(OutboxItem.message_id.in_(message_ids))
    if urgent_only:
        only.append(OutboxItem.lane == Lane.URGENT)
    _fail_refused(session, now, *only)
    return claim_rows(session, OutboxItem, now, limit, ~_refused(), *only, first=[_LANE_FIRST])


def renew(session: Session, held: Mapping[int, int], now: datetime) -> set[int]:
    """Renews a live worker's claims on outbox rows; returns those still its own."""
    return renew_claims(session, OutboxItem, held, now)


def _fail_refused(session: Session, now: datetime, *only: ColumnElement[bool]) -> None:
    session.execute(
        update(OutboxItem)
        .where(due(OutboxItem, now), _refused(), *only)
        .values(failed_values(OPTED_OUT))
        .execution_options(synchronize_session=False)
    )


def _settle(session: Session, item: OutboxItem, values: dict[str, object]) -> None:
    session.execute(update(OUTBOX).where(OUTBOX.c.id == item.id).values(values))


def mark_sent(session: Session, item: OutboxItem, provider_id: str | None, now: datetime) -> None:
    _settle(session, item, sent_values(provider_id, now))


def mark_retry(session: Session, item: OutboxItem, error: str, retry_at: datetime) -> None:
    _settle(session, item, retry_values(error, retry_at))


def mark_failed(session: Session, item: OutboxItem, error: str) -> None:
    _settle(session, item, failed_values(error))
