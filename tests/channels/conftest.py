"""Fixtures for the gateway: a controllable clock, a recording channel, the fake engine."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest

from channels.base import Reply
from channels.engine import EngineClient
from channels.rendering import numbered_choices
from tests.fakes.engine import FakeEngine, running_fake_engine

T = TypeVar("T")


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 12, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@dataclass
class RecordingChannel:
    """The edge of the world: records what would go out, or fails as told."""

    scheme: str = "tel"
    sent: list[tuple[str, str]] = field(default_factory=list)
    failures: list[Exception] = field(default_factory=list)

    def render(self, reply: Reply) -> str:
        return numbered_choices(reply)

    async def send(self, address: str, text: str) -> str | None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((address, text))
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
