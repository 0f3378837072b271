"""Carrier keywords over a real signed Twilio webhook, with replies going out through the Twilio
SDK to the local Twilio: STOP stops everything, START brings it back, HELP carries 988 and 911,
and a keyword inside a sentence is just a message."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from store.db import Database
from tests.channels.twilio_sms.webhooks import (
    SENDER,
    app_client,
    drain,
    post_signed,
    sms_form,
    sms_settings,
)
from tests.fakes.engine import FakeEngine
from tests.fakes.twilio_api import FakeTwilio


@pytest.fixture
def client(
    db: Database, tmp_path: Path, fake_engine: FakeEngine, fake_twilio: FakeTwilio
) -> Iterator[TestClient]:
    with app_client(sms_settings(db, tmp_path, fake_engine, fake_twilio)) as test_client:
        yield test_client


def text(client: TestClient, twilio: FakeTwilio, body: str) -> None:
    response = post_signed(client, "/twilio/sms", sms_form(body), twilio.auth_token)
    assert response.status_code == 200
    drain(client)


def bodies(twilio: FakeTwilio) -> list[str]:
    return [message["Body"] for message in twilio.messages if message["To"] == SENDER]


@pytest.mark.parametrize("keyword", ["STOP", "stopall", "Unsubscribe", " cancel ", "END.", "quit!"])
def test_each_opt_out_keyword_confirms_once_and_then_nothing_is_sent(
    client: TestClient, fake_engine: FakeEngine, fake_twilio: FakeTwilio, keyword: str
) -> None:
    text(client, fake_twilio, keyword)
    text(client, fake_twilio, "hello? anyone there")

    [confirmation] = bodies(fake_twilio)
    assert "unsubscribed" in confirmation
    assert fake_engine.calls == []  # neither the keyword nor what follows reaches the assistant


def test_start_opts_back_in_and_the_conversation_goes_on(
    client: TestClient, fake_engine: FakeEngine, fake_twilio: FakeTwilio
) -> None:
    text(client, fake_twilio, "STOP")
    text(client, fake_twilio, "START")
    text(client, fake_twilio, "hi again")

    assert bodies(fake_twilio)[1:] == [bodies(fake_twilio)[1], "echo: hi again"]
    assert "Welcome back" in bodies(fake_twilio)[1]
    assert [call["message"] for call in fake_engine.calls] == ["hi again"]


@pytest.mark.parametrize("keyword", ["HELP", "help", "Info"])
def test_help_gets_the_program_with_988_and_911(
    client: TestClient, fake_engine: FakeEngine, fake_twilio: FakeTwilio, keyword: str
) -> None:
    text(client, fake_twilio, keyword)

    assert "988" in bodies(fake_twilio)[0]
    assert "911" in bodies(fake_twilio)[0]
    assert fake_engine.calls == []


def test_stop_inside_a_sentence_is_a_message_not_an_opt_out(
    client: TestClient, fake_engine: FakeEngine, fake_twilio: FakeTwilio
) -> None:
    text(client, fake_twilio, "please stop sending me memes lol")
    text(client, fake_twilio, "ok")

    assert [call["message"] for call in fake_engine.calls] == [
        "please stop sending me memes lol",
        "ok",
    ]


def test_a_media_message_gets_the_text_only_reply_over_sms(
    client: TestClient, fake_engine: FakeEngine, fake_twilio: FakeTwilio
) -> None:
    media = {"NumMedia": "1", "MediaUrl0": "https://api.twilio.com/media/ME1",
             "MediaContentType0": "image/jpeg"}  # fmt: skip
    response = post_signed(client, "/twilio/sms", sms_form("", **media), fake_twilio.auth_token)
    assert response.status_code == 200
    drain(client)

    [reply] = bodies(fake_twilio)
    assert "only read text" in reply
    assert fake_engine.calls == []
