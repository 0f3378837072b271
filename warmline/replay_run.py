"""Replaying conversations through a running system's `POST /dev/chat`, one new person each,
every reply recorded; and the two ways a check-up or a BARC-10 is opened first."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from datetime import time as clock_time
from types import TracebackType
from typing import Protocol, TextIO

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from channels.engine import EngineClient
from channels.simulator import SimulatorChannel
from checkins.dispatch import INTENTS, SCHEDULED, NotStarted
from checkins.plans import EventKind
from core.addresses import Scheme, simulator
from core.clock import utcnow
from core.settings import Settings
from store import audit
from store.db import Database
from store.enrollment_models import Consent, Enrollment
from store.messages import Draft
from store.models import OutboxItem, OutboxStatus
from store.participants import participant_id_for
from store.scheduled import FirstContact, queue_first_contacts
from warmline.assembly import scheduled_starter
from warmline.replay_conversations import Conversation
from warmline.replay_transcript import Exchange, Recorded

CHAT_TIMEOUT_SECONDS = 120.0  # past the engine's own timeout the gateway answers anyway
SENT_WITHIN_SECONDS = 30.0
ACTOR = "replay"
REPLAY_WINDOW = (clock_time(0, 0), clock_time(23, 59))


class ReplayError(Exception):
    """The replay could not go on (the system did not answer as a running one does);
    `recorded` holds the conversations finished before it stopped."""

    def __init__(self, message: str, recorded: Sequence[Recorded] = ()) -> None:
        super().__init__(message)
        self.recorded = list(recorded)


class Chat:
    """The simulator's chat of a running system."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._client = httpx.Client(timeout=CHAT_TIMEOUT_SECONDS, trust_env=False)

    def __enter__(self) -> Chat:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._client.close()

    def send(self, sender: str, text: str) -> tuple[str, ...]:
        """What `sender` is told back when they text `text`, in order."""
        try:
            response = self._client.post(
                f"{self.base_url}/dev/chat", json={"from": sender, "text": text}
            )
        except httpx.HTTPError as error:
            raise ReplayError(f"{self.base_url}/dev/chat: {type(error).__name__}") from None
        if response.status_code != 200:  # 404: not in dev mode; the body may hold the text
            raise ReplayError(f"{self.base_url}/dev/chat answered {response.status_code}")
        return tuple(str(reply) for reply in response.json()["replies"])


class Opener(Protocol):
    how: str  # for the report

    def __call__(self, chat: Chat, sender: str, kind: str) -> Exchange:
        """The assistant opens a check-up or a BARC-10 (`kind`) with the person."""
        ...


class TriggerText:
    """In the person's place, the assistant's own trigger for it, through /dev/chat."""

    how = "the assistant's own trigger (/checkup_start, /barc10_start) sent through /dev/chat"

    def __call__(self, chat: Chat, sender: str, kind: str) -> Exchange:
        trigger = f"/{INTENTS[EventKind(kind)]}"
        return Exchange("trigger", trigger, None, chat.send(sender, trigger))


class ScheduledStart:
    """As the scheduler starts one (checkins/dispatch.py): the engine's trigger_intent in the
    person's conversation, its messages stored, queued and sent by the app's outbox."""

    how = "the assistant, as the scheduler starts one (trigger_intent, sent by the outbox)"

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    def __call__(self, chat: Chat, sender: str, kind: str) -> Exchange:  # noqa: ARG002
        address = str(simulator(sender))
        db = Database(self._settings.app_database_url)
        try:
            with db.transaction() as session:
                participant = participant_id_for(session, address)
                enrolled_for_replay(session, participant)
            drafts = asyncio.run(self._drafts(participant, INTENTS[EventKind(kind)], address))
            with db.transaction() as session:
                contact = FirstContact(participant, address, drafts)
                queued = queue_first_contacts(session, [contact], utcnow(), sending=SCHEDULED)
                audit.record(session, ACTOR, f"scheduled {kind} started", participant)
            wait_sent(db, [item.id for item in queued])
        finally:
            db.dispose()
        return Exchange("opening", "", None, tuple(draft.text for draft in drafts))

    async def _drafts(self, participant: int, intent: str, address: str) -> list[Draft]:
        settings = self._settings
        engine = EngineClient(
            settings.engine_url, settings.engine_timeout_seconds, token=settings.engine_token_value
        )
        try:
            start = scheduled_starter(engine, {Scheme.SIM.value: SimulatorChannel()})
            return await start(participant, intent, address)
        except NotStarted as error:
            raise ReplayError(f"the engine could not start a {intent}: {error}") from None
        finally:
            await engine.aclose()


def enrolled_for_replay(session: Session, participant: int) -> None:
    """As a program would have enrolled them: the scheduler starts check-ups only for someone
    enrolled and consented, and what they may ask of their check-ups ("can we pause these for a
    while") reads their enrollment. No due events: the replay starts each one itself."""
    if session.scalar(select(Enrollment.id).where(Enrollment.participant_id == participant)):
        return
    now = utcnow()
    session.add(
        Enrollment(
            participant_id=participant,
            external_id=f"replay-{participant}",
            discharge_date=now.date(),
            plan="standard",
            timezone="America/New_York",
            window_start=REPLAY_WINDOW[0],
            window_end=REPLAY_WINDOW[1],
            consent=Consent.CONSENTED,
            consent_at=now,
            enrolled_by=ACTOR,
            created_at=now,
            updated_at=now,
        )
    )


def wait_sent(db: Database, ids: list[int]) -> None:
    """Until the outbox has sent them: the person answers what reached their phone."""
    deadline = time.monotonic() + SENT_WITHIN_SECONDS
    while time.monotonic() < deadline:
        with db.transaction() as session:
            statuses = set(session.scalars(select(OutboxItem.status).where(OutboxItem.id.in_(ids))))
        if statuses <= {OutboxStatus.SENT, OutboxStatus.FAILED}:
            return
        time.sleep(0.2)
    raise ReplayError("the app's outbox did not send the opening within 30 seconds")


def replay_one(conversation: Conversation, chat: Chat, opener: Opener, sender: str) -> Recorded:
    exchanges: list[Exchange] = []
    try:
        if conversation.opens_with != "person":
            exchanges.append(opener(chat, sender, conversation.opens_with))
        for turn in conversation.turns:
            replies = chat.send(sender, turn.text)
            exchanges.append(Exchange("person", turn.text, turn.expect, replies))
    except ReplayError as error:  # where it stopped, never what was said
        raise ReplayError(f"{conversation.id}, after {len(exchanges)} exchanges: {error}") from None
    return Recorded(conversation.id, conversation.persona, conversation.opens_with,
                    tuple(exchanges))  # fmt: skip


def replay(
    conversations: Sequence[Conversation],
    chat: Chat,
    opener: Opener,
    tag: str,
    progress: TextIO | None = None,
) -> list[Recorded]:
    """Each conversation as a new person (`replay-<tag>-<n>`), one after another."""
    recorded: list[Recorded] = []
    for number, conversation in enumerate(conversations, 1):
        try:
            recorded.append(replay_one(conversation, chat, opener, f"replay-{tag}-{number}"))
        except ReplayError as error:
            raise ReplayError(str(error), recorded) from None
        if progress is not None:  # counts only: never what anyone said
            progress.write(f"replayed {number} of {len(conversations)}\n")
    return recorded
