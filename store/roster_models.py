"""Who is on call, in order, as the console keeps it; and a peer's unsent reply to a case.

The roster was a setting; now the console edits it and the setting only seeds an empty table
(store/roster.py). Peer API tokens stay in the setting: a secret does not belong in a table an
admin can read back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.clock import utcnow
from store.models import Base


class OnCallPeer(Base):
    __tablename__ = "oncall_roster"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The order alerts go out in, and the order the console shows (ties: by id).
    position: Mapped[int] = mapped_column(Integer)
    # The name casework records (claimed_by, audit actors), as in users.name.
    name: Mapped[str] = mapped_column(String(64), unique=True)
    supervisor: Mapped[bool] = mapped_column(Boolean, default=False)
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    phone: Mapped[str | None] = mapped_column(String(16))
    sim: Mapped[str | None] = mapped_column(String(64))  # dev mode: the simulator's name
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReplyDraft(Base):
    """A reply a peer typed and has not sent, kept so an idle log-off does not lose it: one
    per peer and case, deleted when sent or discarded (and with a resolved case)."""

    __tablename__ = "reply_drafts"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id"), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
