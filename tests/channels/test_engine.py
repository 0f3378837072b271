"""The engine client turns every way the engine can fail into EngineUnavailable, and keeps only
the replies a text channel can carry."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi import Response

from channels.base import Button, Reply
from channels.engine import EngineUnavailable
from tests.channels.conftest import Engines, Run
from tests.fakes.engine import FakeEngine


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

    replies = run(engines(fake_engine.url).message("sim:a", "hello"))

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
        run(engines(fake_engine.url).message("sim:a", "hello"))


def test_a_slow_engine_is_unavailable_after_the_timeout(
    run: Run[Any], engines: Engines, fake_engine: FakeEngine
) -> None:
    fake_engine.delay = 1.0

    with pytest.raises(EngineUnavailable, match="TimeoutError"):
        run(engines(fake_engine.url, timeout=0.2).message("sim:a", "hello"))
