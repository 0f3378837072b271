"""A new channel is one class and one line in the registry: a channel defined only here brings
messages in by its own route, and the gateway screens, asks the engine and sends through it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient
from pydantic import BaseModel

from channels.base import Accepting, Button, Inbound, Wiring
from channels.plain import PlainTextChannel
from core.settings import Settings, load_settings
from store.db import Database
from tests.fakes.engine import FakeEngine, running_fake_engine
from warmline.app import create_app
from warmline.assembly import CHANNELS, build_channels


class Pigeon(BaseModel):
    sender: str
    id: str
    text: str


class PigeonChannel(PlainTextChannel):
    """Messages arrive by POST /pigeon and go out into `delivered`."""

    scheme = "pigeon"

    def __init__(self) -> None:
        self.delivered: list[tuple[str, str]] = []
        self.gateway: Accepting | None = None

    def routes(self) -> APIRouter:
        router = APIRouter()

        @router.post("/pigeon")
        async def arrive(pigeon: Pigeon) -> dict[str, bool]:
            assert self.gateway is not None, "routes are served only once the channel started"
            inbound = Inbound(f"pigeon:{pigeon.sender}", pigeon.id, pigeon.text)
            stored = await self.gateway.accept(inbound)
            return {"repeat": stored.duplicate}

        return router

    async def start(self, wiring: Wiring) -> None:
        self.gateway = wiring.gateway

    async def send(
        self,
        address: str,
        text: str,
        *,
        buttons: Sequence[Button] = (),
        urgent: bool = False,
    ) -> str | None:
        self.delivered.append((address, text))
        return f"pigeon-{len(self.delivered)}"


@pytest.fixture
def engine() -> Iterator[FakeEngine]:
    with running_fake_engine() as fake:
        yield fake


def settings_for(db: Database, tmp_path: Path, engine: FakeEngine) -> Settings:
    return load_settings(data_dir=tmp_path, database_url=db.url, engine_url=engine.url)


# Long enough for a loaded CI machine (a crisis reply on PostgreSQL once took over 10 s there):
# these tests prove what is delivered, not how fast; the latency is measured in bench/.
def eventually(check: Callable[[], bool], seconds: float = 45) -> bool:
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.02)
    return check()


def test_a_channel_registered_with_one_line_round_trips_a_message(
    db: Database, tmp_path: Path, engine: FakeEngine
) -> None:
    pigeon = PigeonChannel()
    registry = (*CHANNELS, lambda _settings: pigeon)  # the one line

    with TestClient(create_app(settings_for(db, tmp_path, engine), registry)) as client:
        first = client.post("/pigeon", json={"sender": "ana", "id": "p1", "text": "hello"})
        again = client.post("/pigeon", json={"sender": "ana", "id": "p1", "text": "hello"})
        assert eventually(lambda: len(pigeon.delivered) >= 1)

    assert (first.json(), again.json()) == ({"repeat": False}, {"repeat": True})
    assert pigeon.delivered == [("pigeon:ana", "echo: hello")]


def test_a_crisis_on_a_new_channel_gets_the_gateways_own_answer_without_the_engine(
    db: Database, tmp_path: Path, engine: FakeEngine
) -> None:
    pigeon = PigeonChannel()
    registry = (*CHANNELS, lambda _settings: pigeon)

    with TestClient(create_app(settings_for(db, tmp_path, engine), registry)) as client:
        text = "i want to kill myself tonight"
        client.post("/pigeon", json={"sender": "bo", "id": "p2", "text": text})
        assert eventually(lambda: len(pigeon.delivered) >= 1)

    assert engine.calls == []
    assert "988" in " ".join(text for _, text in pigeon.delivered)


def test_the_registry_makes_only_the_channels_the_settings_configure(tmp_path: Path) -> None:
    dev = build_channels(load_settings(data_dir=tmp_path, mode="dev"))
    sms = build_channels(
        load_settings(
            data_dir=tmp_path,
            mode="dev",
            twilio_account_sid="AC" + "0" * 32,
            twilio_auth_token="t" * 32,
            twilio_from_number="+15550001234",
        )
    )

    assert (sorted(dev), sorted(sms)) == (["sim"], ["sim", "tel"])
