"""The simulator's HTTP surface: the same pipeline as SMS, and a clear 4xx for every bad input."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from core.settings import Settings, SettingsError, load_settings
from store.db import Database
from store.models import Message
from tests.fakes.engine import FakeEngine, running_fake_engine
from warmline.app import MAX_BODY_BYTES, create_app


@pytest.fixture
def fake_engine() -> Iterator[FakeEngine]:
    with running_fake_engine() as engine:
        yield engine


def settings_for(db: Database, tmp_path: Path, engine_url: str, **extra: object) -> Settings:
    return load_settings(data_dir=tmp_path, database_url=db.url, engine_url=engine_url, **extra)


@pytest.fixture
def client(db: Database, tmp_path: Path, fake_engine: FakeEngine) -> Iterator[TestClient]:
    with TestClient(create_app(settings_for(db, tmp_path, fake_engine.url))) as test_client:
        yield test_client


def stored_messages(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count(Message.id))) or 0


def test_chat_answers_through_the_pipeline_and_stores_both_sides(
    client: TestClient, db: Database, fake_engine: FakeEngine
) -> None:
    response = client.post("/dev/chat", json={"from": "Alex", "text": "hi"})

    assert response.status_code == 200
    assert response.json() == {"replies": ["echo: hi"]}
    # The engine knows the person, not the channel: one conversation across SMS and Telegram.
    assert fake_engine.calls == [{"sender": "participant-1", "message": "hi"}]
    conversation = client.get("/dev/conversation", params={"name": "alex"}).json()["messages"]
    assert [(m["direction"], m["text"]) for m in conversation] == [
        ("inbound", "hi"),
        ("outbound", "echo: hi"),
    ]


def test_unknown_name_has_an_empty_conversation(client: TestClient) -> None:
    response = client.get("/dev/conversation", params={"name": "nobody"})

    assert response.json() == {"messages": []}


BAD_BODIES: list[tuple[str, bytes, int, str]] = [
    ("malformed json", b'{"from": "alex", "text": ', 422, "JSON decode error"),
    ("not an object", b'["alex", "hi"]', 422, "valid dictionary"),
    ("unknown field", b'{"from": "alex", "text": "hi", "admin": true}', 422, "Extra inputs"),
    ("empty text", b'{"from": "alex", "text": ""}', 422, "at least 1 character"),
    ("blank text", b'{"from": "alex", "text": "   "}', 422, "text must not be empty"),
    ("missing sender", b'{"text": "hi"}', 422, "Field required"),
    ("text not a string", b'{"from": "alex", "text": 5}', 422, "valid string"),
    ("bad name", b'{"from": "two words", "text": "hi"}', 422, "simulator name"),
    ("non-utf-8 bytes", b'{"from": "alex", "text": "\xff\xfe"}', 400, "error parsing the body"),
    ("not json at all", b"from=alex&text=hi", 422, "JSON decode error"),
    ("text over the limit", b'{"from": "alex", "text": "' + b"a" * 5000 + b'"}', 413, "4096"),
    ("huge body", b'{"from": "alex", "text": "' + b"a" * MAX_BODY_BYTES + b'"}', 413, "bytes"),
]


@pytest.mark.parametrize(
    ("body", "status", "detail"),
    [case[1:] for case in BAD_BODIES],
    ids=[case[0] for case in BAD_BODIES],
)
def test_bad_input_gets_a_clear_4xx_and_stores_nothing(
    body: bytes, status: int, detail: str, client: TestClient, db: Database
) -> None:
    response = client.post("/dev/chat", content=body, headers={"content-type": "application/json"})

    assert response.status_code == status
    assert detail in str(response.json()["detail"])
    assert stored_messages(db) == 0


def test_body_without_content_length_is_still_limited(client: TestClient, db: Database) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"from": "alex", "text": "'
        for _ in range(10):
            yield b"a" * 10_000
        yield b'"}'

    response = client.post(
        "/dev/chat", content=chunks(), headers={"content-type": "application/json"}
    )

    assert response.status_code == 413
    assert stored_messages(db) == 0


def test_page_looks_like_a_messages_app(client: TestClient) -> None:
    response = client.get("/dev/")

    assert response.status_code == 200
    assert 'id="thread"' in response.text
    assert 'id="send"' in response.text


def test_health_check_reaches_the_database(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_simulator_does_not_exist_in_production(
    db: Database, tmp_path: Path, fake_engine: FakeEngine
) -> None:
    settings = settings_for(
        db,
        tmp_path,
        fake_engine.url,
        mode="production",
        engine_token="t" * 32,
        oncall_roster=[
            {"name": "Ana", "token": "a" * 20, "phone": "+15551230001"},
            {"name": "Sam", "token": "s" * 20, "supervisor": True, "phone": "+15551230002"},
        ],
    )
    with TestClient(create_app(settings)) as production:
        chat = production.post("/dev/chat", json={"from": "alex", "text": "hi"})
        page = production.get("/dev/")

    assert (chat.status_code, page.status_code) == (404, 404)
    assert fake_engine.calls == []


def test_app_refuses_to_start_on_an_unmigrated_database(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)

    with pytest.raises(SettingsError, match="warmline migrate"), TestClient(create_app(settings)):
        pass


# --- Input that once gave a 500 (issue 13): a 4xx that names the field, and nothing logged --

PRIVATE = "my private relapse note 7391"


def post_raw(client: TestClient, body: bytes) -> tuple[int, str]:
    response = client.post("/dev/chat", content=body, headers={"content-type": "application/json"})
    return response.status_code, response.text


def test_invalid_utf8_body_on_chat_is_a_400_and_not_logged(
    client: TestClient, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    status, text = post_raw(client, b'{"from": "alex", "text": "\xff %s"}' % PRIVATE.encode())

    assert (status, PRIVATE in text) == (400, False)
    assert PRIVATE not in caplog.text
    assert stored_messages(db) == 0


def test_a_lone_surrogate_on_chat_is_a_422_naming_the_field_not_its_value(
    client: TestClient, db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    status, text = post_raw(client, b'{"from": "alex", "text": "\\ud800%s"}' % PRIVATE.encode())

    assert status == 422
    assert [error["loc"] for error in json.loads(text)["detail"]] == [["body", "text"]]
    assert (PRIVATE in text, PRIVATE in caplog.text) == (False, False)
    assert stored_messages(db) == 0


@pytest.mark.parametrize("text", [5, 1.5, True, None, ["hi"], {"text": "hi"}])
def test_non_string_text_is_a_4xx(client: TestClient, db: Database, text: object) -> None:
    response = client.post("/dev/chat", json={"from": "alex", "text": text})

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", "text"]]
    assert stored_messages(db) == 0


def test_a_nul_in_chat_text_is_a_422_as_the_database_cannot_store_it(
    client: TestClient, db: Database
) -> None:
    response = client.post("/dev/chat", json={"from": "alex", "text": "hi\u0000there"})

    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Value error, the text holds a NUL character"
    assert stored_messages(db) == 0


def test_deeply_nested_json_on_chat_is_a_4xx(client: TestClient, db: Database) -> None:
    status, _ = post_raw(client, b"[" * 20000 + b"]" * 20000)

    assert status == 400
    assert stored_messages(db) == 0
