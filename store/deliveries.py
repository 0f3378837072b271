"""What a provider says became of a sent message (queued, delivered, undelivered ...).

Kept on the outbox row the send settled, so staff can see that a crisis reply reached the phone
or that it did not. Providers' callbacks arrive out of order, so a status is recorded only over
one it supersedes, in a single conditional UPDATE: two callbacks at once cannot undo each other.
Which status supersedes which is the channel's knowledge, passed in; the store only applies it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from store.models import OutboxItem
from store.queue import changed_one_row


class Recorded(Enum):
    UPDATED = "updated"
    STALE = "stale"  # a later status is already recorded: this one arrived late
    UNKNOWN = "unknown"  # no sent message has this provider id


@dataclass(frozen=True, slots=True)
class Delivery:
    outcome: Recorded
    address: str | None  # whom the message was sent to, when it is known


def record_delivery(
    session: Session,
    provider_message_id: str,
    status: str,
    error_code: int | None,
    now: datetime,
    *,
    supersedes: Collection[str],
) -> Delivery:
    """Records `status` on the message sent as `provider_message_id`, unless the recorded
    status is one `status` does not supersede (a late "sent" after "delivered")."""
    address = session.scalar(
        select(OutboxItem.address).where(OutboxItem.provider_message_id == provider_message_id)
    )
    if address is None:
        return Delivery(Recorded.UNKNOWN, None)
    result = session.execute(
        update(OutboxItem)
        .where(
            OutboxItem.provider_message_id == provider_message_id,
            or_(
                OutboxItem.delivery_status.is_(None),
                OutboxItem.delivery_status.in_(list(supersedes)),
            ),
        )
        .values(delivery_status=status, delivery_error_code=error_code, delivery_updated_at=now)
    )
    return Delivery(Recorded.UPDATED if changed_one_row(result) else Recorded.STALE, address)
