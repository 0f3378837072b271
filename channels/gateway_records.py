"""The gateway's transactions: each step of answering a message that must be all or nothing.

Storing a message and reading who answers the person; storing the replies together with what
the gateway composed for them (an escalation, its alerts, the companion's turn) and any opt-out;
holding a message for the engine's return; the retry queue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from channels.base import Inbound
from channels.consent import InvitationAnswers
from channels.keywords import Keyword
from escalation import service
from escalation.levels import Screening
from escalation.responses import holding_reply
from escalation.service import EscalationPolicy
from store import messages, participants
from store.db import Database
from store.escalations import ConversationState, conversation_state
from store.messages import Draft, Sending, Stored
from store.models import Message

# What the gateway writes in the reply's own transaction (an escalation, the companion's turn,
# alerts): called with the session, the message and the time; returns texts to send after any
# already given.
Compose = Callable[..., list[str]]


class GatewayRecords:
    def __init__(
        self,
        db: Database,
        policy: EscalationPolicy,
        engine_retry: timedelta,
        clock: Callable[[], datetime],
    ) -> None:
        self._db = db
        self._policy = policy
        self._engine_retry = engine_retry
        self._clock = clock

    def state(self, message: Message) -> ConversationState:
        with self._db.transaction() as session:
            return conversation_state(session, message.participant_id, message.id, message.address)

    def store(self, inbound: Inbound, reopens: bool) -> tuple[Stored, ConversationState]:
        """Stores the message (opting the address back in if writing `reopens` it) and reads
        who answers this person, in one transaction."""
        with self._db.transaction() as session:
            stored = messages.store_inbound(
                session,
                address=inbound.address,
                channel_message_id=inbound.channel_message_id,
                text=inbound.text,
                now=self._clock(),
                media_urls=inbound.media_urls,
            )
            message = stored.message
            if reopens:
                participants.opt_in(session, inbound.address, why="wrote to the bot again")
            state = conversation_state(session, message.participant_id, message.id, inbound.address)
            return stored, state

    def store_replies(
        self,
        message: Message,
        texts: Sequence[str | Draft],
        screening: Screening,
        compose: Compose | None,
        sending: Sending,
        consent: Keyword | None,
        language: str | None,
    ) -> list[Message]:
        """The replies, what the gateway composed (an escalation, its alerts, the companion's
        turn), and the opt-out (STOP) or opt-in (START) the message asked for: one
        transaction, all or nothing."""
        with self._db.transaction() as session:
            now = self._clock()
            if language is not None:
                participants.set_language(session, message.participant_id, language)
            if compose is not None:
                texts = [*texts, *compose(session, message=message, now=now)]
            if consent is Keyword.STOP:
                participants.opt_out(session, message.address, now, why="STOP")
                service.person_opted_out(session, self._policy, message.participant_id, now)
            elif consent is Keyword.START:
                participants.opt_in(session, message.address, why="START")
            return messages.finish_inbound(
                session, message, texts, screening.level.label, now, send_now=True, sending=sending
            )

    def defer(self, message: Message, screening: Screening, language: str) -> list[Message]:
        # One holding reply per message, not one per retry while the engine stays down.
        holding = [holding_reply(language)] if message.attempts <= 1 else []
        now = self._clock()
        with self._db.transaction() as session:
            return messages.defer_inbound(
                session,
                message,
                holding,
                screening.level.label,
                now + self._engine_retry,
                now,
                send_now=True,
            )

    def invited(self, invitations: InvitationAnswers, message: Message) -> bool:
        with self._db.transaction() as session:
            return invitations.invited(session, message.participant_id)

    def replies_to(self, message_id: int) -> list[Message]:
        with self._db.transaction() as session:
            return messages.replies_to(session, message_id)

    def due_ids(self) -> list[int]:
        with self._db.transaction() as session:
            return messages.due_inbound_ids(session, self._clock())

    def claim(self, message_id: int) -> Message | None:
        with self._db.transaction() as session:
            return messages.claim_inbound(session, message_id, self._clock())
