"""What the gateway and the Telegram intake ask of a program's invitations (checkins/ implements
it; the assembly wires it): whether a message is a YES, whether the person was invited, and, in
the transaction that stores the reply, their consent and its confirmation; and what a pressed
Telegram deep link answers."""

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


class DeepLinkStarts(Protocol):
    def start(self, session: Session, *, token: str, address: str, now: datetime) -> list[str]:
        """`/start <token>` from a Telegram deep link, in the transaction that stores it: spends
        the token, links the chat and invites the person; what to answer (the invitation, or
        why the link did not work)."""
        ...
