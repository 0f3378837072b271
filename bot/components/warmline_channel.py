"""The engine's message webhook for the warmline's gateway: locked by the engine token, and taking
each message into the conversation at most once.

Runs inside the engine (Python 3.10, `var/engine-venv`), found through PYTHONPATH
(`warmline/engine_env.py`) and named by module path in bot/credentials.yml, which serves it at
`POST /webhooks/warmline/webhook`. It replaces Rasa's REST channel, which has two faults here:

- It takes any caller. This one asks for `Authorization: Bearer <engine token>`, the token the
  engine's HTTP API already asks for (`WARMLINE_ENGINE_TOKEN` in the engine's environment), and
  answers 401 without it. Without a token configured it refuses every call: closed, not open.
- It does not de-duplicate. When the engine is slow or hung, the gateway gives up on a call and
  asks again later, yet the first call may still be answered: the message then moves the
  conversation twice. Here each call carries the gateway's id for the message (`message_id`),
  kept on the user event in the tracker. Before handling, under a per-conversation lock held
  from the check until the tracker is saved, the webhook looks for that id in the tracker; if it
  is there, the message is not handled again and the call is answered with the bot messages
  that followed it, so a retry gets the same replies the lost call would have had. The tracker,
  not this process's memory, is the record: a restarted engine still knows what it took.

Reading the tracker costs as much again as Rasa's own read of it (about 9 ms for a session of
five turns, 40 ms for sixty, measured on the SQLite tracker store), so it is read only when the
message may have been taken before: when this process has seen its id, or when the caller does
not say `"first_attempt": true`. A first attempt's message can have been taken before only by
a retry that overtook it, and both reached this same process (a call does not outlive the
process it was sent to): for it, this process's memory is enough.

A call that the caller abandons (a timeout closes the connection, and Sanic then cancels the
request) is finished anyway: a half-handled message could have run its actions without saving
the turn, and handled again they would run twice. Finished, the turn is in the tracker, and the
caller's retry gets its replies.

A call may carry `metadata`, a few short strings the gateway sends with the message (the first
message after a peer hands the conversation back carries `handed_back_by`, the peer's display
name): it goes into the user event, where the actions read it (`handback.py` says what the
assistant does with it). Anything else there (not an object of short strings) is dropped and the
message handled without it: metadata never costs the person their answer.

Message text, senders, tokens and metadata are never logged.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, NamedTuple

import action_calls
import handback
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

# This module is loaded by the serving engine only, never by training.
action_calls.install()
handback.install()

TOKEN_ENV = "WARMLINE_ENGINE_TOKEN"  # noqa: S105 - where the token is, not a token
BEARER = "Bearer "
# Ids this process has taken, newest last. A first attempt waits in the engine no longer than
# the engine is hung; far fewer messages than this arrive meanwhile.
REMEMBERED_IDS = 50_000
# What a message's metadata may hold: a few short strings (a peer's display name), nothing more.
METADATA_MAX_ITEMS = 8
METADATA_MAX_CHARS = 200

Handler = Callable[[UserMessage], Awaitable[Any]]


class SenderLocks:
    """One asyncio lock per conversation, dropped once nobody holds or waits for it.

    Rasa locks a conversation only inside `handle_message`; the check for an earlier copy of
    the message must sit under the same lock as the handling, or two calls for one message
    could both find nothing and both be handled."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def hold(self, sender: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(sender, (asyncio.Lock(), 0))
        self._locks[sender] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[sender]
            if users <= 1:
                del self._locks[sender]
            else:
                self._locks[sender] = (lock, users - 1)

    def __len__(self) -> int:
        return len(self._locks)


class SeenIds:
    """The message ids this process has taken, the oldest forgotten first."""

    def __init__(self, size: int = REMEMBERED_IDS) -> None:
        self._ids: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def __contains__(self, message_id: object) -> bool:
        return message_id in self._ids

    def add(self, message_id: str) -> None:
        self._ids[message_id] = None
        self._ids.move_to_end(message_id)
        while len(self._ids) > self._size:
            self._ids.popitem(last=False)


def replies_after(tracker: DialogueStateTracker | None, message_id: str) -> list[BotUttered] | None:
    """The bot messages that answered the user event with this id, or None if the conversation
    has no such event. Stops at the next user event (a later message, or a trigger_intent)."""
    if tracker is None:
        return None
    found: list[BotUttered] | None = None
    for event in tracker.events:
        if isinstance(event, UserUttered):
            if found is not None:
                break
            if event.message_id == message_id:
                found = []
        elif found is not None and isinstance(event, BotUttered):
            found.append(event)
    return found


def bearer_matches(header: str | None, token: str) -> bool:
    """Whether an Authorization header carries this token; constant-time, never true without a
    configured token."""
    if not token or not header or not header.startswith(BEARER):
        return False
    return hmac.compare_digest(header[len(BEARER) :].encode(), token.encode())


def metadata_of(value: object) -> dict[str, str] | None:
    """A call's `metadata` if it is an object of at most a few short strings; else None."""
    if not isinstance(value, dict) or not value or len(value) > METADATA_MAX_ITEMS:
        return None
    for key, item in value.items():
        if not isinstance(key, str) or not isinstance(item, str):
            return None
        if not key or len(key) > METADATA_MAX_CHARS or len(item) > METADATA_MAX_CHARS:
            return None
    return dict(value)


class Call(NamedTuple):
    """One webhook call, as read from its body."""

    sender: str
    text: str
    message_id: str
    first_attempt: bool
    metadata: dict[str, str] | None


class WarmlineInput(RestInput):
    """Rasa's REST channel's request and answer (`sender`, `message` -> a list of bot
    messages), plus `message_id`, `first_attempt` and `metadata`, behind the engine token."""

    def __init__(self, token: str) -> None:
        self._token = token
        self._locks = SenderLocks()
        self._seen = SeenIds()
        self._running: set[asyncio.Task[list[dict[str, Any]]]] = set()

    @classmethod
    def name(cls) -> str:
        return "warmline"

    @classmethod
    def from_credentials(cls, _credentials: dict[str, Any] | None) -> InputChannel:
        # The token comes from the environment, never from credentials.yml (kept in git).
        token = os.environ.get(TOKEN_ENV, "")
        if not token:
            logger.error("%s is not set: the warmline webhook refuses every call", TOKEN_ENV)
        return cls(token)

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not bearer_matches(request.headers.get("Authorization"), self._token):
                return response.json(
                    {"error": "the engine token is missing or wrong"},
                    status=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            call = _parsed(request)
            if call is None:
                return response.json(
                    {"error": "expected sender, message and message_id, as strings"}, status=400
                )
            agent = request.app.ctx.agent
            work = asyncio.ensure_future(self._once(agent, on_new_message, call))
            # Shielded: the caller going away cancels this request, not the handling (above).
            self._running.add(work)
            work.add_done_callback(self._finished)
            try:
                messages = await asyncio.shield(work)
            except Exception:  # logged in _finished; the caller asks again
                return response.json({"error": "the message was not handled"}, status=500)
            return response.json(messages)

        return webhook

    def _finished(self, work: asyncio.Task[list[dict[str, Any]]]) -> None:
        self._running.discard(work)
        if not work.cancelled() and work.exception() is not None:
            logger.error("handling a message failed", exc_info=work.exception())

    async def _once(self, agent: Any, on_new_message: Handler, call: Call) -> list[dict[str, Any]]:
        sender, message_id = call.sender, call.message_id
        collector = CollectingOutputChannel()
        async with self._locks.hold(sender):
            earlier = None
            if message_id in self._seen or not call.first_attempt:
                # The latest session's events: a retry comes seconds or minutes after the first
                # call, well inside a session (bot/domain/core.yml), and they are cheaper to
                # read than the whole history.
                earlier = replies_after(await agent.tracker_store.retrieve(sender), message_id)
            if earlier is not None:
                logger.info("message %s was already taken: answered from the tracker", message_id)
                for event in earlier:  # as the processor sent them the first time
                    await collector.send_response(sender, event.message())
                return collector.messages
            message = UserMessage(
                call.text,
                collector,
                sender,
                input_channel=self.name(),
                message_id=message_id,
                metadata=call.metadata,
            )
            self._seen.add(message_id)  # before handling: a call cut short may still have saved
            await on_new_message(message)
        return collector.messages


def _parsed(request: Request) -> Call | None:
    try:
        body = request.json
    except Exception:  # Sanic raises its own errors for a body that is not JSON
        return None
    if not isinstance(body, dict):
        return None
    fields = (body.get("sender"), body.get("message"), body.get("message_id"))
    if not all(isinstance(value, str) and value for value in fields):
        return None
    sender, text, message_id = fields
    # Only an explicit true skips the tracker read: a caller that does not say is checked.
    first_attempt = body.get("first_attempt") is True
    return Call(sender, text, message_id, first_attempt, metadata_of(body.get("metadata")))
