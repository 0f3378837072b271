"""The engine client turns every way the engine can fail into EngineUnavailable, and keeps only
the replies a text channel can carry."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from channels.base import Button, Reply
from channels.engine import EngineClient, EngineUnavailable
from tests.channels.conftest import Run


def client_answering(handler: Any) -> EngineClient:
    # The transport is the edge here: these tests are about reading answers, not about HTTP.
    return EngineClient("http://engine", timeout=1, transport=httpx.MockTransport(handler))


def test_text_and_buttons_become_neutral_replies(run: Run[Any]) -> None:
    answer = [
        {"recipient_id": "sim:a", "text": "hi"},
        {"recipient_id": "sim:a", "image": "https://example.org/x.png"},
        {"recipient_id": "sim:a", "text": "ok?", "buttons": [{"title": "yes", "payload": "/y"}]},
        {"recipient_id": "sim:a", "text": "   "},
    ]
    engine = client_answering(lambda _request: httpx.Response(200, json=answer))

    replies = run(engine.message("sim:a", "hello"))

    assert replies == [Reply("hi"), Reply("ok?", (Button("yes", "/y"),))]


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(500, text="Internal Server Error"),
        httpx.Response(503),
        httpx.Response(200, text="<html>not json</html>"),
        httpx.Response(200, json={"error": "not a list"}),
    ],
    ids=["500", "503", "not json", "not a list"],
)
def test_a_failing_engine_is_unavailable(response: httpx.Response, run: Run[Any]) -> None:
    engine = client_answering(lambda _request: response)

    with pytest.raises(EngineUnavailable):
        run(engine.message("sim:a", "hello"))


def test_a_timeout_is_unavailable(run: Run[Any]) -> None:
    def hang(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    with pytest.raises(EngineUnavailable, match="ReadTimeout"):
        run(client_answering(hang).message("sim:a", "hello"))
