"""POST /twilio/sms: only Twilio's signed requests are stored, each MessageSid once, and the
answer goes back over the REST API (the fake Twilio, through the real SDK)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from store.db import Database
from tests.channels.twilio_sms.conftest import FROM_NUMBER
from tests.channels.twilio_sms.webhooks import (
    INTERNAL_URL,
    PUBLIC_URL,
    SENDER,
    app_client,
    drain,
    inbound_messages,
    new_sid,
    post_signed,
    sms_form,
    sms_settings,
)
from tests.fakes.engine import FakeEngine
from tests.fakes.twilio_api import FakeTwilio
from warmline.app import MAX_BODY_BYTES

PATHS = ("/twilio/sms", "/twilio/status")
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


@pytest.fixture
def client(
    db: Database, tmp_path: Path, fake_engine: FakeEngine, fake_twilio: FakeTwilio
) -> Iterator[TestClient]:
    with app_client(sms_settings(db, tmp_path, fake_engine, fake_twilio)) as test_client:
        yield test_client


def test_signed_sms_behind_a_proxy_is_stored_and_acknowledged_with_empty_twiml(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    form = sms_form("hi there")

    # The request reaches the app at 127.0.0.1:8000, signed for the public https URL.
    response = post_signed(client, "/twilio/sms", form, fake_twilio.auth_token)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    assert response.text == EMPTY_TWIML
    [message] = inbound_messages(db)
    assert (message.address, message.channel_message_id, message.text) == (
        f"tel:{SENDER}",
        form["MessageSid"],
        "hi there",
    )


def test_sms_in_gets_the_engines_reply_out_over_twilio_to_the_same_number(
    client: TestClient, fake_engine: FakeEngine, fake_twilio: FakeTwilio
) -> None:
    post_signed(client, "/twilio/sms", sms_form("hi"), fake_twilio.auth_token)
    drain(client)

    assert [call["message"] for call in fake_engine.calls] == ["hi"]
    assert fake_twilio.messages == [
        {
            "To": SENDER,
            "From": FROM_NUMBER,
            "Body": "echo: hi",
            "StatusCallback": f"{PUBLIC_URL}/twilio/status",
        }
    ]


def test_a_retried_message_sid_is_stored_once_and_answered_once(
    client: TestClient, db: Database, fake_engine: FakeEngine, fake_twilio: FakeTwilio
) -> None:
    form = sms_form("are you there")

    first = post_signed(client, "/twilio/sms", form, fake_twilio.auth_token)
    retry = post_signed(client, "/twilio/sms", form, fake_twilio.auth_token)
    drain(client)

    assert (first.status_code, retry.status_code) == (200, 200)
    assert retry.text == EMPTY_TWIML
    assert len(inbound_messages(db)) == 1
    assert len(fake_engine.calls) == 1
    assert [sent["Body"] for sent in fake_twilio.messages] == ["echo: are you there"]


WRONG_SIGNATURES: list[tuple[str, dict[str, str]]] = [
    ("no signature header", {}),
    ("empty signature", {"X-Twilio-Signature": ""}),
    ("garbage signature", {"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"}),
]


@pytest.mark.parametrize(
    "headers", [case[1] for case in WRONG_SIGNATURES], ids=[case[0] for case in WRONG_SIGNATURES]
)
def test_requests_without_a_valid_signature_get_403_and_store_nothing(
    headers: dict[str, str], client: TestClient, db: Database
) -> None:
    response = client.post("/twilio/sms", data=sms_form(), headers=headers)

    assert response.status_code == 403
    assert inbound_messages(db) == []


MISSIGNED: list[tuple[str, str, str]] = [
    # (case, URL the request was signed for, auth token: "" means the right one)
    ("another account's token", f"{PUBLIC_URL}/twilio/sms", "0" * 32),
    ("signed for another host", "https://attacker.example.net/twilio/sms", ""),
    ("signed for http, not https", "http://warmline.example.org/twilio/sms", ""),
    ("signed for another path", f"{PUBLIC_URL}/twilio/status", ""),
    # What the app itself sees behind the proxy: the Host header is not trusted.
    ("signed for the internal URL", f"{INTERNAL_URL}/twilio/sms", ""),
]


@pytest.mark.parametrize(
    ("signed_url", "token"), [case[1:] for case in MISSIGNED], ids=[case[0] for case in MISSIGNED]
)
def test_requests_signed_for_another_url_or_token_get_403_and_store_nothing(
    signed_url: str, token: str, client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    form = sms_form()

    response = post_signed(
        client, "/twilio/sms", form, token or fake_twilio.auth_token, signed_url=signed_url
    )

    assert response.status_code == 403
    assert inbound_messages(db) == []


def test_a_body_changed_after_signing_gets_403(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    form = sms_form("I'm ok")
    signed = post_signed(client, "/twilio/sms", form, fake_twilio.auth_token).request
    tampered = form | {"Body": "send me the number"}

    response = client.post("/twilio/sms", data=tampered, headers=dict(signed.headers))

    assert response.status_code == 403
    assert [m.text for m in inbound_messages(db)] == ["I'm ok"]


def test_the_signature_covers_the_query_string(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    token = fake_twilio.auth_token
    signed_with_query = f"{PUBLIC_URL}/twilio/sms?source=main"
    signed_without = f"{PUBLIC_URL}/twilio/sms"

    accepted = post_signed(
        client, "/twilio/sms?source=main", sms_form("one"), token, signed_url=signed_with_query
    )
    refused = post_signed(
        client, "/twilio/sms?source=main", sms_form("two"), token, signed_url=signed_without
    )

    assert (accepted.status_code, refused.status_code) == (200, 403)
    assert [m.text for m in inbound_messages(db)] == ["one"]


def test_an_empty_body_is_acknowledged_and_stored(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    response = post_signed(client, "/twilio/sms", sms_form(""), fake_twilio.auth_token)

    assert response.status_code == 200
    assert [m.text for m in inbound_messages(db)] == [""]


def test_a_media_message_is_stored_with_its_media_urls(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    media = "https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME"
    form = sms_form(
        "look at this",
        sid=new_sid("MM"),
        NumMedia="2",
        MediaUrl0=f"{media}1",
        MediaContentType0="image/jpeg",
        MediaUrl1=f"{media}2",
        MediaContentType1="video/mp4",
    )

    response = post_signed(client, "/twilio/sms", form, fake_twilio.auth_token)

    assert response.status_code == 200
    [message] = inbound_messages(db)
    assert (message.text, message.media_urls) == ("look at this", [f"{media}1", f"{media}2"])


MALFORMED: list[tuple[str, dict[str, str], str]] = [
    ("no From", {"From": ""}, "From is missing"),
    ("From not E.164", {"From": "5557654321"}, "E.164"),
    ("From a WhatsApp address", {"From": "whatsapp:+15557654321"}, "E.164"),
    ("From too short", {"From": "+12"}, "E.164"),
    ("no MessageSid", {"MessageSid": ""}, "MessageSid"),
    ("MessageSid not an id", {"MessageSid": "SM 1; drop"}, "MessageSid"),
    ("NumMedia not a number", {"NumMedia": "two"}, "NumMedia"),
    # Text the database cannot store (PostgreSQL refuses a NUL): once a 500 (issue 13).
    ("a NUL in the Body", {"Body": "hi\x00there"}, "Body holds a NUL character"),
    ("a NUL in a media URL", {"NumMedia": "1", "MediaUrl0": "https://x.example/\x00"}, "MediaUrl"),
]


@pytest.mark.parametrize(
    ("fields", "detail"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED]
)
def test_a_malformed_but_signed_form_gets_400_and_stores_nothing(
    fields: dict[str, str], detail: str, client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    response = post_signed(client, "/twilio/sms", sms_form() | fields, fake_twilio.auth_token)

    assert response.status_code == 400
    assert detail in response.json()["detail"]
    assert inbound_messages(db) == []


def test_an_oversized_request_gets_413_and_stores_nothing(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    form = sms_form("a" * MAX_BODY_BYTES)

    response = post_signed(client, "/twilio/sms", form, fake_twilio.auth_token)

    assert response.status_code == 413
    assert inbound_messages(db) == []


def test_a_body_over_the_message_limit_gets_413_and_stores_nothing(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    response = post_signed(client, "/twilio/sms", sms_form("a" * 4097), fake_twilio.auth_token)

    assert response.status_code == 413
    assert "4096" in response.json()["detail"]
    assert inbound_messages(db) == []


def test_without_twilio_settings_the_webhooks_do_not_exist(
    db: Database, tmp_path: Path, fake_engine: FakeEngine, fake_twilio: FakeTwilio
) -> None:
    settings = sms_settings(db, tmp_path, fake_engine, fake_twilio, twilio_auth_token=None)

    with app_client(settings) as client:
        statuses = [client.post(path, data=sms_form()).status_code for path in PATHS]

    assert statuses == [404, 404]
