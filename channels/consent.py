"""What the gateway asks of a program's invitations (checkins/invitations.py implements it; the
assembly wires it): whether a message is a YES, whether the person was invited, and, in the
transaction that stores the reply, their consent and its confirmation."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from store.models import Message


class InvitationAnswers(Protocol):
    def accepts(self, text: str) -> bool:
        """Whether the message is a yes: pure, checked before any database read."""
        ...

    def invited(self, session: Session, participant_id: int) -> bool:
        """Whether the person has an invitation waiting for their answer."""
        ...

    def accept(self, session: Session, *, message: Message, now: datetime) -> list[str]:
        """Records their consent; the confirmation to send, or [] if no longer invited."""
        ...
