"""Fixtures for the gateway: a controllable clock, a recording channel, the fake engine."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from pydantic import SecretStr

from channels.base import Button
from channels.engine import EngineClient
from channels.gateway import Gateway, Inbound
from channels.keywords import Keyword
from channels.plain import PlainTextChannel
from channels.telegram.keywords import telegram_keyword, telegram_reopens
from channels.twilio_sms.keywords import sms_keyword
from core.settings import RosterPeer
from escalation.policy import ResponseTargets
from escalation.service import EscalationPolicy
from store.models import Message
from tests.fakes.engine import FakeEngine, running_fake_engine

T = TypeVar("T")


@dataclass(frozen=True)
class Answered:
    """A message as a channel handed it over, and the replies the gateway stored for it."""

    message: Message
    replies: list[Message]
    duplicate: bool


async def through(gateway: Gateway, inbound: Inbound, timeout: float = 30.0) -> Answered:
    """What a channel does with a message (accept it), then the replies once the answer under
    way is stored and sent: the one path, read the way the simulator reads it."""
    stored = await gateway.accept(inbound)
    replies = await gateway.replies_to(stored.message.id, timeout=timeout)
    return Answered(stored.message, replies, stored.duplicate)


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 12, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@dataclass
class RecordingChannel(PlainTextChannel):
    """The edge of the world: records what would go out, or fails as told. Reads keywords by
    the rules of the channel its scheme names (SMS's words, or Telegram's commands)."""

    scheme: str = "tel"
    sent: list[tuple[str, str]] = field(default_factory=list)
    sent_buttons: list[tuple[Button, ...]] = field(default_factory=list)
    urgent: list[bool] = field(default_factory=list)
    failures: list[Exception] = field(default_factory=list)

    def keyword(self, text: str, *, opted_out: bool) -> Keyword | None:
        if self.scheme == "telegram":
            return telegram_keyword(text)
        return sms_keyword(text, opted_out=opted_out)

    def reopens(self, text: str) -> bool:
        return self.scheme == "telegram" and telegram_reopens(text)

    async def send(
        self,
        address: str,
        text: str,
        *,
        buttons: Sequence[Button] = (),
        urgent: bool = False,
    ) -> str | None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((address, text))
        self.sent_buttons.append(tuple(buttons))
        self.urgent.append(urgent)
        return f"provider-{len(self.sent)}"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def channel() -> RecordingChannel:
    return RecordingChannel()


@pytest.fixture
def fake_engine() -> Iterator[FakeEngine]:
    with running_fake_engine() as engine:
        yield engine


Run = Callable[[Coroutine[Any, Any, T]], T]


@pytest.fixture
def run() -> Iterator[Run[Any]]:
    """Runs coroutines on one event loop per test, as one app process would."""
    loop = asyncio.new_event_loop()
    yield loop.run_until_complete
    loop.close()


Engines = Callable[..., EngineClient]


@pytest.fixture
def engines(run: Run[Any]) -> Iterator[Engines]:
    """Makes engine clients for a test and closes them on its event loop afterwards."""
    made: list[EngineClient] = []

    def make(url: str, timeout: float = 5) -> EngineClient:
        made.append(EngineClient(url, timeout))
        return made[-1]

    yield make
    for client in made:
        run(client.aclose())


@pytest.fixture
def policy() -> EscalationPolicy:
    """One peer and one supervisor on call, each with a phone and a Telegram chat."""
    return EscalationPolicy(
        roster=[
            RosterPeer(name="Ana", token=SecretStr("a" * 20), phone="+15550000001",
                       telegram_chat_id=101),
            RosterPeer(name="Sam", token=SecretStr("s" * 20), supervisor=True,
                       phone="+15550000002"),
        ],
        targets=ResponseTargets(
            emergency=timedelta(minutes=5),
            crisis=timedelta(minutes=15),
            concern=timedelta(days=1),
        ),
        base_url="https://warmline.example",
        alerts_before_supervisor=2,
    )  # fmt: skip
