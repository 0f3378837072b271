"""How far a channel has read (Telegram's getUpdates offset), one named row per reader.

A reader advances its cursor only after what it covers is stored, so a crash re-reads rather
than loses; re-reading is safe because inbound messages are deduplicated on the channel's id.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import ChannelCursor


def get_position(session: Session, name: str) -> int | None:
    """The stored position, or None before the reader's first advance."""
    return session.scalar(select(ChannelCursor.position).where(ChannelCursor.name == name))


def set_position(session: Session, name: str, position: int, now: datetime) -> None:
    # One reader per name (one poller per bot), so a read-then-write needs no upsert.
    cursor = session.get(ChannelCursor, name)
    if cursor is None:
        session.add(ChannelCursor(name=name, position=position, updated_at=now))
    else:
        cursor.position = position
        cursor.updated_at = now
