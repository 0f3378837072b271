"""Claiming rows of a send queue (the outbox, peer alerts) so each goes to exactly one worker."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Result, or_, select, tuple_, update
from sqlalchemy.orm import Session

from store.models import OutboxStatus

# A claim older than this belongs to a worker that died; its row is due again. Short, so that a
# restarted app sends what a dead one held within half a minute: a live worker renews its claims
# every quarter lease (channels/leases.py), however slow its provider.
SENDING_LEASE = timedelta(seconds=20)

T = TypeVar("T")


def rows_changed(result: Result[Any]) -> int:
    """How many rows an update or delete changed."""
    return result.rowcount  # type: ignore[attr-defined, no-any-return]


def changed_one_row(result: Result[Any]) -> bool:
    """Whether a conditional update matched: how a claim knows it won."""
    return rows_changed(result) == 1


def due(model: Any, now: datetime) -> ColumnElement[bool]:
    return or_(
        (model.status == OutboxStatus.PENDING) & (model.next_attempt_at <= now),
        (model.status == OutboxStatus.SENDING) & (model.claimed_at <= now - SENDING_LEASE),
    )


def claim_rows(
    session: Session,
    model: type[T],
    now: datetime,
    limit: int,
    *only: ColumnElement[bool],
    first: Sequence[ColumnElement[Any]] = (),
) -> list[T]:
    """Claims due rows one conditional update at a time; a row another worker took is skipped.

    Rows are taken in `first` order (a lane's priority, say), then oldest first."""
    table: Any = model
    query = select(table.id).where(due(table, now), *only).order_by(*first, table.id).limit(limit)
    claimed: list[T] = []
    for row_id in session.scalars(query).all():
        result = session.execute(
            update(table)
            .where(table.id == row_id, due(table, now))
            .values(status=OutboxStatus.SENDING, claimed_at=now, attempts=table.attempts + 1)
        )
        if changed_one_row(result):
            row = session.get(model, row_id, populate_existing=True)
            assert row is not None
            claimed.append(row)
    return claimed


def renew_claims(
    session: Session,
    model: type[Any],
    held: Mapping[int, int],
    now: datetime,
    *,
    status: str = OutboxStatus.SENDING,
    lease_column: str = "claimed_at",
) -> set[int]:
    """Renews the claims a live worker holds (row id -> its claim's attempts); returns the ids
    still its own. A row another worker claimed since (its attempts moved on) is left alone.

    Called for the whole batch on each heartbeat, and for one row right before it is sent: a
    row whose claim was lost then is not sent, so after a stall only the row already in the
    provider's hands can go out twice."""
    if not held:
        return set()
    renewed = session.execute(
        update(model)
        .where(
            model.status == status,
            tuple_(model.id, model.attempts).in_(list(held.items())),
        )
        .values({lease_column: now})
        .returning(model.id)
        .execution_options(synchronize_session=False)
    )
    return set(renewed.scalars())


# What each outcome of a send changes on a queue row, the same for every queue.
ERROR_WIDTH = 200


def sent_values(provider_id: str | None, now: datetime) -> dict[str, object]:
    return {"status": OutboxStatus.SENT, "sent_at": now, "provider_message_id": provider_id}


def retry_values(error: str, retry_at: datetime) -> dict[str, object]:
    return {
        "status": OutboxStatus.PENDING,
        "next_attempt_at": retry_at,
        "last_error": error[:ERROR_WIDTH],
    }


def failed_values(error: str) -> dict[str, object]:
    return {"status": OutboxStatus.FAILED, "last_error": error[:ERROR_WIDTH]}
