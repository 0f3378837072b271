"""The outbox: replies are rows first, then sends. Claimed atomically so each goes out once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from store.models import MESSAGES, OUTBOX, OutboxItem
from store.queue import (
    SENDING_LEASE,
    claim_rows,
    failed_values,
    retry_values,
    sent_values,
)

__all__ = ["SENDING_LEASE", "claim_due", "mark_failed", "mark_retry", "mark_sent"]


def claim_due(
    session: Session, now: datetime, limit: int = 50, message_ids: list[int] | None = None
) -> list[OutboxItem]:
    """Claims due rows one conditional update at a time; a row another worker took is skipped."""
    only = [OutboxItem.message_id.in_(message_ids)] if message_ids is not None else []
    return claim_rows(session, OutboxItem, now, limit, *only)


# Prebuilt Core statements: settling runs once per message sent, on the gateway's hot path.
_SETTLE_ITEM = update(OUTBOX).where(OUTBOX.c.id == bindparam("item_id"))
_SETTLE_MESSAGE = update(MESSAGES).where(MESSAGES.c.id == bindparam("outbound_id"))


def _settle(session: Session, item: OutboxItem, values: dict[str, object]) -> None:
    session.execute(_SETTLE_ITEM, {"item_id": item.id, **values})
    session.execute(_SETTLE_MESSAGE, {"outbound_id": item.message_id, "status": values["status"]})


def mark_sent(session: Session, item: OutboxItem, provider_id: str | None, now: datetime) -> None:
    _settle(session, item, sent_values(provider_id, now))


def mark_retry(session: Session, item: OutboxItem, error: str, retry_at: datetime) -> None:
    _settle(session, item, retry_values(error, retry_at))


def mark_failed(session: Session, item: OutboxItem, error: str) -> None:
    _settle(session, item, failed_values(error))
