"""The outbox: replies are rows first, then sends. Claimed atomically so each goes out once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import Session

from store.models import MESSAGES, OUTBOX, OutboxItem, OutboxStatus

# A claim older than this belongs to a worker that died mid-send; the row is sent again.
SENDING_LEASE = timedelta(minutes=2)


def _due(now: datetime):  # type: ignore[no-untyped-def]
    return or_(
        (OutboxItem.status == OutboxStatus.PENDING) & (OutboxItem.next_attempt_at <= now),
        (OutboxItem.status == OutboxStatus.SENDING)
        & (OutboxItem.claimed_at <= now - SENDING_LEASE),
    )


def claim_due(
    session: Session, now: datetime, limit: int = 50, message_ids: list[int] | None = None
) -> list[OutboxItem]:
    """Claims due rows one conditional update at a time; a row another worker took is skipped."""
    query = select(OutboxItem.id).where(_due(now)).order_by(OutboxItem.id).limit(limit)
    if message_ids is not None:
        query = query.where(OutboxItem.message_id.in_(message_ids))
    claimed: list[OutboxItem] = []
    for item_id in session.scalars(query).all():
        result = session.execute(
            update(OutboxItem)
            .where(OutboxItem.id == item_id, _due(now))
            .values(status=OutboxStatus.SENDING, claimed_at=now, attempts=OutboxItem.attempts + 1)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            item = session.get(OutboxItem, item_id, populate_existing=True)
            assert item is not None
            claimed.append(item)
    return claimed


# Prebuilt Core statements: settling runs once per message sent, on the gateway's hot path.
_SETTLE_ITEM = update(OUTBOX).where(OUTBOX.c.id == bindparam("item_id"))
_SETTLE_MESSAGE = update(MESSAGES).where(MESSAGES.c.id == bindparam("outbound_id"))


def _settle(session: Session, item: OutboxItem, status: OutboxStatus, **values: object) -> None:
    session.execute(_SETTLE_ITEM, {"item_id": item.id, "status": status, **values})
    session.execute(_SETTLE_MESSAGE, {"outbound_id": item.message_id, "status": status})


def mark_sent(session: Session, item: OutboxItem, provider_id: str | None, now: datetime) -> None:
    _settle(session, item, OutboxStatus.SENT, sent_at=now, provider_message_id=provider_id)


def mark_retry(session: Session, item: OutboxItem, error: str, retry_at: datetime) -> None:
    _settle(session, item, OutboxStatus.PENDING, next_attempt_at=retry_at, last_error=error[:200])


def mark_failed(session: Session, item: OutboxItem, error: str) -> None:
    _settle(session, item, OutboxStatus.FAILED, last_error=error[:200])
