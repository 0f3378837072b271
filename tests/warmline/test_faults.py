"""A fault in the app is a 500 that says nothing and keeps the connection; a wrong request is a
422 that names the wrong fields without repeating them. Neither logs what the request held."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import httpx
import pytest
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict

from tests.fakes.server import free_port, serving
from warmline.faults import ServerFaults, refuse_invalid_request

PRIVATE = "my private relapse note 7391"


class Note(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str
    count: int


def faulty_app() -> FastAPI:
    app = FastAPI()
    app.add_exception_handler(RequestValidationError, refuse_invalid_request)
    app.add_middleware(ServerFaults)

    @app.post("/fails")
    async def fails(note: Note) -> None:
        raise RuntimeError(f"failed on {note.text}")  # a message quoting the input

    @app.get("/ok")
    async def ok() -> dict[str, bool]:
        return {"ok": True}

    return app


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    port = free_port()
    with serving(faulty_app(), port), httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
        yield client


def test_an_unhandled_exception_is_a_bare_500_and_the_connection_stays_open(
    client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    failed = client.post("/fails", json={"text": PRIVATE, "count": 1})
    after = client.get("/ok")  # on the same kept-alive connection

    assert (failed.status_code, failed.json()) == (500, {"detail": "internal error"})
    assert failed.headers.get("connection") != "close"
    assert (after.status_code, after.json()) == (200, {"ok": True})
    assert "POST /fails failed: RuntimeError (message withheld)" in caplog.text
    assert PRIVATE not in caplog.text


def test_a_422_names_the_wrong_fields_and_never_their_values(client: httpx.Client) -> None:
    response = client.post("/fails", json={"text": [PRIVATE], "count": PRIVATE})

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "text"],
                "type": "string_type",
                "msg": "Input should be a valid string",
            },
            {
                "loc": ["body", "count"],
                "type": "int_parsing",
                "msg": "Input should be a valid integer, unable to parse string as an integer",
            },
        ]
    }


def test_a_422_for_a_key_holding_a_lone_surrogate_is_json(client: httpx.Client) -> None:
    # FastAPI's own handler echoed the body back, and could not encode the surrogate: a 500.
    body = b'{"text": "hi", "count": 1, "\\ud800": "%s"}' % PRIVATE.encode()

    response = client.post("/fails", content=body, headers={"content-type": "application/json"})

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body"],
            "type": "string_unicode",
            "msg": "Input should be a valid string, unable to parse raw data as a unicode string",
        }
    ]
