"""Telegram deep links a program hands to the people it enrolls: t.me/<bot>?start=<token>.

The token is unguessable (128 bits), good once and for a limited time, and only its SHA-256 is
stored: someone who reads the database cannot link a chat of their own to a person. When the
person presses Start, Telegram sends "/start <token>"; `redeem` spends the token with a
conditional update (two presses at once link once) and says why one was refused.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ForeignKey, String, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.clock import utcnow
from store.models import Base
from store.queue import changed_one_row, rows_changed

# A link is handed over at discharge and may sit in a pocket for a while; long enough for that,
# short enough that a lost slip of paper stops working.
VALID_FOR = timedelta(days=30)


class TelegramLink(Base):
    __tablename__ = "telegram_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256, hex
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()


class Refused(StrEnum):
    UNKNOWN = "unknown"  # mistyped, cut short, or never issued
    EXPIRED = "expired"
    USED = "used"  # good once: pressed before (by this chat or another)


@dataclass(frozen=True)
class Redeemed:
    participant_id: int


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(session: Session, participant_id: int, now: datetime) -> str:
    """A new token for the person's deep link; returned once, stored only as its hash."""
    token = secrets.token_urlsafe(16)
    session.add(
        TelegramLink(
            participant_id=participant_id,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + VALID_FOR,
        )
    )
    return token


def redeem(session: Session, token: str, now: datetime) -> Redeemed | Refused:
    """Spends the token: whose link it was, or why it cannot be used."""
    link = session.scalar(select(TelegramLink).where(TelegramLink.token_hash == token_hash(token)))
    if link is None:
        return Refused.UNKNOWN
    if link.used_at is not None:
        return Refused.USED
    if link.expires_at <= now:
        return Refused.EXPIRED
    spent = session.execute(
        update(TelegramLink)
        .where(TelegramLink.id == link.id, TelegramLink.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return Redeemed(link.participant_id) if changed_one_row(spent) else Refused.USED


def retire_unused(session: Session, participant_id: int, now: datetime) -> int:
    """Ends the person's unused links now (a new one replaces them); how many were ended."""
    return rows_changed(
        session.execute(
            update(TelegramLink)
            .where(
                TelegramLink.participant_id == participant_id,
                TelegramLink.used_at.is_(None),
                TelegramLink.expires_at > now,
            )
            .values(expires_at=now)
            .execution_options(synchronize_session=False)
        )
    )
