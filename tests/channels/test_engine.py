"""The engine client turns every way the engine can fail into EngineUnavailable, and keeps only
the replies a text channel can carry. Each message goes to the engine's own webhook with its id
and the engine token; the gateway asks again about a held message under the same id."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from fastapi import Response

from channels.base import Button, Reply
from channels.engine import HANDED_BACK_BY, EngineClient, EngineUnavailable
from store.db import Database
from store.models import Direction
from tests.channels.conftest import Clock, Engines, RecordingChannel, Run, through
from tests.channels.test_gateway import inbound, make_gateway, rows
from tests.fakes.engine import EngineCall, FakeEngine


def answer(body: object, status: int = 200, media_type: str = "application/json") -> Response:
    text = body if isinstance(body, str) else json.dumps(body)
    return Response(text, status_code=status, media_type=media_type)


def test_text_and_buttons_become_neutral_replies(
    run: Run[Any], engines: Engines, fake_engine: FakeEngine
) -> None:
    fake_engine.scripted = [
        answer(
            [
                {"recipient_id": "sim:a", "text": "hi"},
                {"recipient_id": "sim:a", "image": "https://example.org/x.png"},
                {
                    "recipient_id": "sim:a",
                    "text": "ok?",
                    "buttons": [{"title": "yes", "payload": "/y"}],
                },
                {"recipient_id": "sim:a", "text": "   "},
            ]
        )
    ]

    replies = run(engines(fake_engine.url).message("sim:a", "hello", 1))

    assert replies == [Reply("hi"), Reply("ok?", (Button("yes", "/y"),))]


@pytest.mark.parametrize(
    "response",
    [
        answer("Internal Server Error", status=500, media_type="text/plain"),
        answer("", status=503),
        answer("<html>not json</html>", media_type="text/html"),
        answer({"error": "not a list"}),
    ],
    ids=["500", "503", "not json", "not a list"],
)
def test_a_failing_engine_is_unavailable(
    response: Response, run: Run[Any], engines: Engines, fake_engine: FakeEngine
) -> None:
    fake_engine.scripted = [response]

    with pytest.raises(EngineUnavailable):
        run(engines(fake_engine.url).message("sim:a", "hello", 1))


def test_a_slow_engine_is_unavailable_after_the_timeout(
    run: Run[Any], engines: Engines, fake_engine: FakeEngine
) -> None:
    fake_engine.delay = 1.0

    with pytest.raises(EngineUnavailable, match="TimeoutError"):
        run(engines(fake_engine.url, timeout=0.2).message("sim:a", "hello", 1))


def test_a_message_goes_with_its_id_and_the_engine_token(
    run: Run[Any], fake_engine: FakeEngine
) -> None:
    fake_engine.token = "engine-token"
    client = EngineClient(fake_engine.url, 5, token="engine-token")
    try:
        replies = run(client.message("participant-7", "hello", 42, first_attempt=True))
    finally:
        run(client.aclose())

    assert replies == [Reply("echo: hello")]
    assert fake_engine.received == [
        EngineCall("participant-7", "hello", "warmline-42", True, "Bearer engine-token")
    ]


def sent_bodies(fake_engine: FakeEngine) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []
    fake_engine.on_call = bodies.append
    return bodies


def test_metadata_goes_with_the_message_when_given(
    run: Run[Any], engines: Engines, fake_engine: FakeEngine
) -> None:
    bodies = sent_bodies(fake_engine)

    replies = run(
        engines(fake_engine.url).message(
            "participant-7", "hi", 42, metadata={HANDED_BACK_BY: "Sam"}
        )
    )

    assert replies == [Reply("echo: hi")]
    assert [body.get("metadata") for body in bodies] == [{"handed_back_by": "Sam"}]


def test_a_message_without_metadata_sends_none(
    run: Run[Any], engines: Engines, fake_engine: FakeEngine
) -> None:
    bodies = sent_bodies(fake_engine)

    run(engines(fake_engine.url).message("participant-7", "hi", 42))

    assert ["metadata" in body for body in bodies] == [False]


@pytest.mark.parametrize("token", ["", "not-the-token"], ids=["none", "wrong"])
def test_an_engine_that_refuses_the_token_is_unavailable(
    token: str, run: Run[Any], fake_engine: FakeEngine
) -> None:
    fake_engine.token = "engine-token"
    client = EngineClient(fake_engine.url, 5, token=token)
    try:
        with pytest.raises(EngineUnavailable, match="ClientResponseError"):
            run(client.message("participant-7", "hello", 42))
    finally:
        run(client.aclose())

    assert fake_engine.calls == []  # refused before it reached the conversation


def test_a_held_message_is_asked_about_again_under_the_same_id(
    run: Run[Any],
    engines: Engines,
    db: Database,
    fake_engine: FakeEngine,
    channel: RecordingChannel,
    clock: Clock,
) -> None:
    """The engine may have taken the first call after the gateway gave up on it: the same id
    on the retry is what lets the engine answer it without taking the message twice."""
    fake_engine.delay = 1.0
    gateway = make_gateway(db, engines(fake_engine.url, timeout=0.2), channel, clock)
    run(through(gateway, inbound("are you there")))
    fake_engine.delay = 0.0
    clock.advance(timedelta(seconds=31))
    assert run(gateway.retry_due()) == 1

    [message] = rows(db, Direction.INBOUND)
    calls = [(call.message_id, call.first_attempt) for call in fake_engine.received]
    # Only the first call spares the engine its check for an earlier copy.
    assert calls == [(f"warmline-{message.id}", True), (f"warmline-{message.id}", False)]
    assert [text for _, text in channel.sent][-1] == "echo: are you there"
