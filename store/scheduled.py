"""Queuing a batch of messages the warmline starts (a scheduler pass's check-ups and welcomes):
every message and every outbox row of the batch in one insert each, in the caller's
transaction, instead of a few round trips per person.

Like `messages.add_first_contact`, a message to an address that opted out is kept, failed, as
the record of what was not sent; the background sender sends the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.messages import _NEW_OUTBOUND, _NEW_OUTBOX, Draft, Sending, _outbox_row, _reply_row
from store.models import Message, OutboxItem, OutboxStatus, ParticipantAddress
from store.outbox import OPTED_OUT


@dataclass(frozen=True)
class FirstContact:
    participant_id: int
    address: str
    drafts: Sequence[Draft]


def queue_first_contacts(
    session: Session, contacts: Sequence[FirstContact], now: datetime, *, sending: Sending
) -> list[OutboxItem]:
    """Stores each contact's messages and their outbox rows, due at once; returns the rows."""
    pairs = [(_anchor(contact), draft) for contact in contacts for draft in contact.drafts]
    if not pairs:
        return []
    stopped = _opted_out(session, {contact.address for contact in contacts})
    rows = [_reply_row(anchor, draft, now) | {"author": sending.author} for anchor, draft in pairs]
    reply_ids = session.execute(_NEW_OUTBOUND, rows).scalars().all()
    items = [
        _outbox_row(anchor, reply_id, OutboxStatus.PENDING, now, False)
        | {"lane": sending.lane, "compliance": sending.compliance}
        | _refusal(anchor.address in stopped and not sending.compliance)
        for (anchor, _), reply_id in zip(pairs, reply_ids, strict=True)
    ]
    item_ids = session.execute(_NEW_OUTBOX, items).scalars().all()
    return [OutboxItem(id=item_id, **item) for item_id, item in zip(item_ids, items, strict=True)]


def _anchor(contact: FirstContact) -> Message:
    return Message(
        participant_id=contact.participant_id,
        address=contact.address,
        channel=contact.address.partition(":")[0],
    )


def _refusal(refused: bool) -> dict[str, object]:
    return {"status": OutboxStatus.FAILED, "last_error": OPTED_OUT} if refused else {}


def _opted_out(session: Session, addresses: set[str]) -> set[str]:
    return set(
        session.scalars(
            select(ParticipantAddress.address).where(
                ParticipantAddress.address.in_(addresses),
                ParticipantAddress.opted_out_at.is_not(None),
            )
        )
    )
