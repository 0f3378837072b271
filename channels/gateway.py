"""The pipeline every channel shares.

store inbound (before the channel is acknowledged) -> risk screen -> route: the gateway's own
answer and an escalation for risk, nothing while a peer has the conversation, else the engine ->
store replies (atomically with marking the message answered, and with any escalation and its
peer alerts) -> outbox -> send.

A crash between any two steps loses nothing: an inbound row not marked answered is picked up
again once its lease runs out, and replies exist only as outbox rows until they are sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy.orm import Session

from channels.base import Channel, Inbound, Reply
from channels.consent import InvitationAnswers
from channels.crisis import CrisisTurns
from channels.engine import HANDED_BACK_BY, EngineClient, EngineUnavailable
from channels.gateway_records import Compose, GatewayRecords
from channels.keywords import (
    TEXT_ONLY,
    WARMLINE,
    Keyword,
    Program,
    keyword_reply,
    keyword_sending,
)
from channels.leases import inbound_claims
from channels.outbox import OutboxDispatcher
from channels.plain import UnconfiguredChannel
from channels.routing import Route, route
from channels.weighing import weighed
from core.clock import utcnow
from escalation import service
from escalation.companion import language_of
from escalation.companion.language import clearly_spanish
from escalation.levels import Level, Screening
from escalation.responses import lost_answer_reply
from escalation.screening import Screener, screen_safely
from escalation.service import EscalationPolicy
from store import messages, participants
from store.db import Database
from store.escalations import ConversationState
from store.messages import Draft, Sending, Stored
from store.models import Message
from store.participants import engine_sender

logger = logging.getLogger(__name__)


_UNCONFIGURED = UnconfiguredChannel()
# Concerns the assistant answers, paged with its reply (channels/routing.py).
_ASSISTANT_CONCERNS = (Route.CONCERN_MID_FORM, Route.CONCERN_QUIET)

__all__ = ["Gateway", "Inbound", "draft_for"]


def draft_for(channel: Channel, reply: Reply) -> Draft:
    """A reply as it is stored and sent on this channel, with the engine's choices."""
    return Draft(channel.render(reply), tuple((b.title, b.payload) for b in reply.buttons))


class Gateway:
    def __init__(
        self,
        *,
        db: Database,
        engine: EngineClient,
        screener: Screener,
        channels: Mapping[str, Channel],
        outbox: OutboxDispatcher,
        engine_retry: timedelta,
        policy: EscalationPolicy,
        clock: Callable[[], datetime] = utcnow,
        program: Program = WARMLINE,
        invitations: InvitationAnswers | None = None,
    ) -> None:
        self._engine = engine
        self._screener = screener
        self._channels = channels
        self._outbox = outbox
        self._policy = policy
        self._crisis = CrisisTurns(policy)
        self._records = GatewayRecords(db, policy, engine_retry, clock)
        self._program = program
        self._invitations = invitations
        self._answering: dict[int, asyncio.Task[list[Message]]] = {}  # by inbound message id
        self._claims = inbound_claims(db, clock)  # leases renewed while a message is answered

    async def accept(self, inbound: Inbound) -> Stored:
        """Stores the message and answers it in the background: what every channel calls (a
        webhook, a poller, the simulator), acknowledging the message once this returns. Should
        the process die before the answer is stored, the message's lease runs out and
        `retry_due` answers it."""
        scheme = inbound.address.partition(":")[0]
        reopens = self._channel(scheme).reopens(inbound.text)
        stored, state = await asyncio.to_thread(self._records.store, inbound, reopens)
        if not stored.duplicate:
            task = asyncio.create_task(self._answer(stored.message, state))
            self._answering[stored.message.id] = task
            task.add_done_callback(partial(self._answered, stored.message.id))
        return stored

    def _answered(self, message_id: int, task: asyncio.Task[list[Message]]) -> None:
        self._answering.pop(message_id, None)
        if not task.cancelled() and task.exception() is not None:
            logger.error("answering message %s failed", message_id, exc_info=task.exception())

    async def replies_to(self, message_id: int, timeout: float) -> list[Message]:
        """The replies to one message, once its answer under way is stored and sent (waiting
        at most `timeout` seconds for it): what the simulator shows, and what tests read."""
        task = self._answering.get(message_id)
        if task is not None:  # a failed answer was logged; its message is retried after its lease
            await asyncio.wait({task}, timeout=timeout)
        return await asyncio.to_thread(self._records.replies_to, message_id)

    async def drain(self) -> None:
        """Waits for the answers under way (shutdown, tests)."""
        while self._answering:
            await asyncio.gather(*self._answering.values(), return_exceptions=True)

    async def _answer(
        self, message: Message, state: ConversationState | None = None
    ) -> list[Message]:
        """Screens, routes (the engine, the gateway's own risk reply, or the peer), stores the
        replies and sends them."""
        with self._claims.holding([(message.id, message.attempts)]):
            if state is None:
                state = await asyncio.to_thread(self._records.state, message)
            screening = weighed(
                screen_safely(self._screener, message.text, state.recent), state.last_reply
            )
            replies = await self._replies_for(message, screening, state)
        # Answered (or held for the engine): the message's claim is settled with its replies,
        # which the outbox's own claims now cover while they are sent.
        await self._outbox.send_items([reply.outbox for reply in replies if reply.outbox])
        return replies

    async def retry_due(self) -> int:
        """Answers messages that a crash or an engine outage left unanswered."""
        due = await asyncio.to_thread(self._records.due_ids)
        for message_id in due:
            message = await asyncio.to_thread(self._records.claim, message_id)
            if message is not None:
                await self._answer(message)
        return len(due)

    async def _replies_for(
        self, message: Message, screening: Screening, state: ConversationState
    ) -> list[Message]:
        language = language_of(message.text, state.language)
        # Written only when it changes: no UPDATE on every message of someone already known.
        learned = language if language != (state.language or "en") else None
        keyword = self._channel(message.channel).keyword(message.text, opted_out=state.opted_out)
        if keyword is not None:  # carrier keywords never reach the assistant
            again = keyword is Keyword.STOP and state.opted_out
            return await self._keyword(message, keyword, screening, language, learned, again)
        # Media is kept as its URLs, never opened; any words with it are still answered.
        lead = [TEXT_ONLY] if message.media_urls else []
        decided = route(screening, state, message.text)
        if decided in _ASSISTANT_CONCERNS and (state.opted_out or not message.text.strip()):
            decided = Route.RISK_REPLY  # nothing for the assistant to answer: the gateway does
        turn = self._turn(decided, screening, state, language)
        if turn is not None:  # the gateway answers (or, for a peer, stays quiet) by itself
            return await self._finish(message, lead, screening, compose=turn, language=learned)
        if not message.text.strip() or state.opted_out:
            # A photo with no words or an empty text: nothing to ask. Someone who opted out
            # and texts anyway can get no answer until START: the assistant is not asked, but
            # risk above was still screened, escalated and put before a peer.
            return await self._finish(message, lead, screening, language=learned)
        if await self._answers_invitation(message):
            accept = self._invitations.accept if self._invitations else None
            return await self._finish(message, lead, screening, compose=accept, language=learned)
        concern = (
            partial(self._crisis.concern_mid_form, screening=screening)
            if decided in _ASSISTANT_CONCERNS
            else None
        )
        told = decided is Route.CONCERN_MID_FORM
        return await self._ask_engine(message, screening, state, lead, learned, concern, told)

    async def _answers_invitation(self, message: Message) -> bool:
        """A YES from someone a program invited: their consent, not a turn for the assistant."""
        invitations = self._invitations
        if invitations is None or not invitations.accepts(message.text):
            return False
        return await asyncio.to_thread(self._records.invited, invitations, message)

    def _turn(
        self, decided: Route, screening: Screening, state: ConversationState, language: str
    ) -> Compose | None:
        """What the gateway itself says, composed in the transaction that stores it."""
        crisis = self._crisis
        if decided is Route.RISK_REPLY:
            # From the gateway itself: a crisis answer never waits on, or depends on, the engine.
            return partial(crisis.opening, screening=screening, language=language)
        if decided is Route.COMPANION:
            return partial(
                crisis.follow_up,
                screening=screening,
                language=language,
                handed_back_by=state.handed_back_by,
            )
        if decided is Route.PEER:
            return partial(crisis.with_peer, screening=screening)
        if decided is Route.PEER_EMERGENCY:
            return partial(crisis.emergency_with_peer, screening=screening, language=language)
        return None

    async def _keyword(
        self,
        message: Message,
        keyword: Keyword,
        screening: Screening,
        language: str,
        learned: str | None,
        stopped_again: bool = False,
    ) -> list[Message]:
        """STOP, START, HELP, in the person's language. Still screened: someone in crisis may
        text exactly "help", and the HELP reply always carries 988 and 911. A STOP from someone
        already opted out gets nothing: the one confirmation was sent, and "i said take me off.
        dont text me again" asks for exactly that silence."""
        texts = [] if stopped_again else keyword_reply(keyword, self._program, language)
        risky = keyword is Keyword.HELP and screening.level >= Level.CONCERN
        opening = partial(self._crisis.opening, screening=screening, language=language)
        return await self._finish(
            message,
            texts,
            screening,
            compose=opening if risky else None,
            sending=keyword_sending(keyword),
            consent=keyword,
            language=learned,
        )

    async def _ask_engine(
        self,
        message: Message,
        screening: Screening,
        state: ConversationState,
        lead: list[str],
        learned: str | None,
        concern: Compose | None = None,
        told: bool = False,
    ) -> list[Message]:
        """The assistant's turn. The language the person writes in is kept here too (`learned`,
        when it changed), so their check-ups, crisis and STOP texts follow it. `concern`: a
        concern this message opened that the assistant answers, paged with the reply; `told`:
        the person is told a peer was (mid-way through a form)."""
        channel = self._channel(message.channel)
        sender = engine_sender(message.participant_id)
        text = channel.meaning(message.text, state.last_buttons)
        # The first turn after a peer handed the person back: the assistant is told who was
        # there, so it picks up from the peer instead of greeting them cold.
        after_peer = {HANDED_BACK_BY: state.handed_back_by} if state.handed_back_by else None
        try:
            # The message's id goes along: a retry after a timeout is then not taken twice.
            first = message.attempts <= 1
            replies = await self._engine.message(
                sender, text, message.id, first_attempt=first, metadata=after_peer
            )
        except EngineUnavailable as error:
            logger.warning("message %s held: engine unavailable (%s)", message.id, error)
            language = language_of(message.text, state.language)
            if concern is not None:  # never held: the gateway's own concern reply, paged now
                opening = self._turn(Route.RISK_REPLY, screening, state, language)
                return await self._finish(message, lead, screening, compose=opening)
            return await asyncio.to_thread(self._records.defer, message, screening, language)
        if not replies and not lead:
            # The engine took the message yet said nothing (its action failed): never silence.
            logger.warning("message %s: the engine answered with nothing", message.id)
            replies = [Reply(lost_answer_reply(language_of(message.text, state.language)))]
        drafts = [*map(Draft, lead), *(draft_for(channel, reply) for reply in replies)]
        if told:  # a peer was told: said before the form's next question, if any
            word = Draft(self._crisis.told(language_of(message.text, state.language)))
            drafts.insert(len(drafts) - 1 if len(drafts) > 1 else len(drafts), word)
        return await self._finish(
            message,
            drafts,
            screening,
            compose=_both(self._assistant_answered(state), concern),
            sending=messages.ASSISTANT,
            # Kept only when clearly so: "ya sure" must not move someone's check-ups to Spanish.
            language=learned if learned != "es" or clearly_spanish(message.text) else None,
        )

    def _assistant_answered(self, state: ConversationState) -> Compose | None:
        """What the assistant's answer settles besides itself: the hand-back it was told of,
        and the peer's alert when an open case's person wrote."""
        if state.handed_back_by is None and state.open_level is None:
            return None  # the usual turn: nothing more to write
        return partial(self._after_assistant, told_of_hand_back=state.handed_back_by is not None)

    def _after_assistant(
        self,
        session: Session,
        message: Message,
        now: datetime,
        *,
        told_of_hand_back: bool,
    ) -> list[str]:
        if told_of_hand_back:
            participants.assistant_told_of_hand_back(session, message.participant_id)
        service.message_arrived(session, self._policy, message.participant_id, now)
        return []

    async def _finish(
        self,
        message: Message,
        texts: Sequence[str | Draft],
        screening: Screening,
        *,
        compose: Compose | None = None,
        sending: Sending = messages.GATEWAY,
        consent: Keyword | None = None,
        language: str | None = None,
    ) -> list[Message]:
        return await asyncio.to_thread(
            self._records.store_replies,
            message,
            texts,
            screening,
            compose,
            sending,
            consent,
            language,
        )

    def _channel(self, scheme: str) -> Channel:
        """The message's channel, or for one this process does not run, plain-text rules."""
        return self._channels.get(scheme) or _UNCONFIGURED


def _both(first: Compose | None, then: Compose | None) -> Compose | None:
    """What two composers write, in one transaction, in order."""
    if first is None or then is None:
        return first or then
    return lambda session, **kwargs: [*first(session, **kwargs), *then(session, **kwargs)]
