"""Telegram by webhook, through the real app: verified by its secret, stored before the 200,
each update once, and the reply sent back to the same chat."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, cast

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select

from channels.telegram.webhook import PATH, SECRET_HEADER
from store import telegram_links
from store.db import Database
from store.escalation_models import AlertKind, PeerAlert
from store.models import Direction, Message, Participant, ParticipantAddress
from store.participants import engine_sender
from tests.channels.telegram.conftest import PUBLIC_URL, SECRET, TelegramApp, eventually
from tests.fakes.engine import FakeEngine
from tests.fakes.telegram_api import (
    BLOCKED,
    MEDIA,
    FakeTelegram,
    button_update,
    member_update,
    message_update,
)

CHAT = 123456789
ADDRESS = f"telegram:{CHAT}"


def post(client: TestClient, update: Any, secret: str | None = SECRET) -> Response:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    return cast(Response, client.post(PATH, json=update, headers=headers))


def inbound(db: Database) -> list[tuple[int, str, str]]:
    with db.transaction() as session:
        rows = session.scalars(
            select(Message).where(Message.direction == Direction.INBOUND).order_by(Message.id)
        )
        return [(m.participant_id, m.address, m.text) for m in rows]


def test_the_webhook_is_registered_at_start_up_with_its_secret_and_the_updates_we_read(
    webhook_client: TestClient,
    fake_telegram: FakeTelegram,
) -> None:
    assert fake_telegram.webhook is not None
    assert fake_telegram.webhook["url"] == f"{PUBLIC_URL}{PATH}"
    assert fake_telegram.webhook["secret_token"] == SECRET
    assert fake_telegram.webhook["allowed_updates"] == [
        "message",
        "callback_query",
        "my_chat_member",
    ]


def test_a_text_with_the_right_secret_is_stored_then_answered_in_the_same_chat(
    webhook_client: TestClient, db: Database, fake_engine: FakeEngine, fake_telegram: FakeTelegram
) -> None:
    response = post(webhook_client, message_update(1, CHAT, text="hi there"))

    assert response.status_code == 200
    assert [text for _, _, text in inbound(db)] == ["hi there"]  # stored before the 200
    eventually(lambda: fake_telegram.sent)
    assert fake_telegram.sent[0]["chat_id"] == str(CHAT)
    assert fake_telegram.sent[0]["text"] == "echo: hi there"
    assert len(fake_engine.calls) == 1


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", SECRET + "x"])
def test_a_missing_or_wrong_secret_is_refused_and_nothing_is_stored(
    webhook_client: TestClient, db: Database, secret: str | None
) -> None:
    response = post(webhook_client, message_update(1, CHAT, text="hi"), secret=secret)

    assert response.status_code == 403
    assert inbound(db) == []


def test_a_repeated_update_is_processed_once(
    webhook_client: TestClient, db: Database, fake_engine: FakeEngine, fake_telegram: FakeTelegram
) -> None:
    update = message_update(7, CHAT, text="are you there")

    statuses = [post(webhook_client, update).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]
    eventually(lambda: fake_telegram.sent)
    assert (len(inbound(db)), len(fake_engine.calls), len(fake_telegram.sent)) == (1, 1, 1)


def test_a_button_press_is_answered_and_its_payload_reaches_the_engine(
    webhook_client: TestClient, fake_engine: FakeEngine, fake_telegram: FakeTelegram
) -> None:
    response = post(webhook_client, button_update(3, CHAT, "/mood_good"))

    assert response.status_code == 200
    assert fake_telegram.answered == ["query-3"]  # the button's spinner stops
    eventually(lambda: fake_engine.calls)
    assert fake_engine.calls[0]["message"] == "/mood_good"


def enroll(db: Database) -> tuple[int, str]:
    """A participant a program enrolled, already reachable by SMS, and their link's token."""
    with db.transaction() as session:
        person = Participant()
        session.add(
            ParticipantAddress(participant=person, address="tel:+15550001111", channel="tel")
        )
        session.flush()
        return person.id, telegram_links.issue(session, person.id, datetime.now(UTC))


def addresses_of(db: Database, participant_id: int) -> set[str]:
    with db.transaction() as session:
        query = select(ParticipantAddress.address).where(
            ParticipantAddress.participant_id == participant_id
        )
        return set(session.scalars(query))


def test_start_with_an_enrolment_code_links_the_chat_to_the_enrolled_participant(
    webhook_client: TestClient, db: Database, fake_engine: FakeEngine
) -> None:
    enrolled, token = enroll(db)
    post(webhook_client, message_update(1, CHAT, text="hello?"))  # first, as a stranger

    post(webhook_client, message_update(2, CHAT, text=f"/start {token}"))
    post(webhook_client, message_update(3, CHAT, text="it's me"))

    stranger, *_ = inbound(db)[0]
    assert stranger != enrolled
    assert inbound(db)[1:] == [(enrolled, ADDRESS, "/start"), (enrolled, ADDRESS, "it's me")]
    assert addresses_of(db, enrolled) == {"tel:+15550001111", ADDRESS}  # one person, both ways
    # The engine sees one conversation: the enrolled person's, whichever way they write.
    eventually(lambda: any(c["message"] == "it's me" for c in fake_engine.calls))
    assert {"sender": engine_sender(enrolled), "message": "it's me"} in fake_engine.calls


def test_start_with_an_unknown_code_just_starts_an_anonymous_conversation(
    webhook_client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    enrolled, _ = enroll(db)

    response = post(webhook_client, message_update(1, CHAT, text="/start NOPE99"))

    assert response.status_code == 200
    [(participant, address, text)] = inbound(db)
    assert (participant != enrolled, address, text) == (True, ADDRESS, "/start")
    eventually(lambda: fake_telegram.sent)  # told the link did not work (test_deep_link_consent)


@pytest.mark.parametrize("text", ["/stop", "/help"])
def test_stop_and_help_are_passed_on_unchanged(
    webhook_client: TestClient, db: Database, text: str
) -> None:
    post(webhook_client, message_update(1, CHAT, text=text))

    assert [t for _, _, t in inbound(db)] == [text]


def opted_out(db: Database, address: str) -> bool:
    with db.transaction() as session:
        link = session.scalar(
            select(ParticipantAddress).where(ParticipantAddress.address == address)
        )
        return link is not None and link.opted_out_at is not None


def test_blocking_the_bot_opts_the_address_out(webhook_client: TestClient, db: Database) -> None:
    post(webhook_client, message_update(1, CHAT, text="hi"))

    response = post(webhook_client, member_update(2, CHAT, "kicked"))

    assert (response.status_code, opted_out(db, ADDRESS)) == (200, True)
    assert len(inbound(db)) == 1  # a block is no message


@pytest.mark.parametrize("kind", sorted(MEDIA))
def test_media_is_stored_as_a_message_without_text(
    webhook_client: TestClient, db: Database, kind: str
) -> None:
    response = post(webhook_client, message_update(1, CHAT, **MEDIA[kind]))

    assert (response.status_code, inbound(db)[0][1:]) == (200, (ADDRESS, ""))
    with db.transaction() as session:
        query = select(Message.media_urls).where(Message.direction == Direction.INBOUND)
        [media] = session.scalars(query)
    assert [url.partition(":")[0] for url in media or []] == ["telegram-file"]  # never fetched


@pytest.mark.parametrize(
    "update",
    [
        {"update_id": 1, "edited_message": message_update(1, CHAT, text="typo")["message"]},
        member_update(1, CHAT, "member"),
        {
            "update_id": 1,
            "channel_post": {"message_id": 1, "date": 0, "chat": {"id": -1, "type": "channel"}},
        },
    ],
    ids=["edited message", "unblocked", "channel post"],
)
def test_other_updates_are_acknowledged_and_ignored(
    webhook_client: TestClient, db: Database, update: dict[str, Any]
) -> None:
    assert (post(webhook_client, update).status_code, inbound(db)) == (200, [])


@pytest.mark.parametrize(
    "body",
    [b'{"update_id": 1, "message": ', b"[1, 2]", b'{"message": {}}', b"\xff\xfe"],
    ids=["truncated json", "not an object", "no update id", "not utf-8"],
)
def test_an_unreadable_body_is_refused_with_400(
    webhook_client: TestClient, db: Database, body: bytes
) -> None:
    response = webhook_client.post(
        PATH, content=body, headers={SECRET_HEADER: SECRET, "content-type": "application/json"}
    )

    assert (response.status_code, inbound(db)) == (400, [])


def test_a_button_press_without_a_chat_is_refused_with_400(
    webhook_client: TestClient, db: Database
) -> None:
    update = button_update(1, CHAT, "/mood_good")
    del update["callback_query"]["message"]

    assert (post(webhook_client, update).status_code, inbound(db)) == (400, [])


def test_polling_mode_has_no_webhook_route(telegram_app: TelegramApp) -> None:
    client = telegram_app(webhook=False)

    assert post(client, message_update(1, CHAT, text="hi")).status_code == 404


def test_a_reply_refused_because_the_bot_was_blocked_opts_the_address_out(
    webhook_client: TestClient, db: Database, fake_telegram: FakeTelegram
) -> None:
    fake_telegram.fail_next(403, BLOCKED)

    post(webhook_client, message_update(1, CHAT, text="hi"))

    eventually(lambda: opted_out(db, ADDRESS))
    assert fake_telegram.sent == []


def test_blocking_the_bot_mid_crisis_tells_the_peers_at_once(
    webhook_client: TestClient, db: Database
) -> None:
    post(webhook_client, message_update(1, CHAT, text="i want to kill myself"))
    eventually(lambda: bool(alerts_of_kind(db, AlertKind.ALERT)))

    post(webhook_client, member_update(2, CHAT, "kicked"))

    eventually(lambda: opted_out(db, ADDRESS))
    assert alerts_of_kind(db, AlertKind.OPTED_OUT) == ["Dev Peer"]  # the peer on call, not the text


def alerts_of_kind(db: Database, kind: AlertKind) -> list[str]:
    with db.transaction() as session:
        rows = session.scalars(select(PeerAlert.recipient).where(PeerAlert.kind == kind))
        return list(rows)


# --- Input that once gave a 500 (issue 13): refused with a 400, stored nowhere, logged nowhere -

PRIVATE = "my private relapse note 7391"


def post_raw(client: TestClient, body: bytes) -> Response:
    headers = {SECRET_HEADER: SECRET, "content-type": "application/json"}
    return cast(Response, client.post(PATH, content=body, headers=headers))


def test_telegram_update_id_true_is_refused_and_not_stored(
    webhook_client: TestClient, db: Database
) -> None:
    update = message_update(1, CHAT, text="hi") | {"update_id": True}

    response = post(webhook_client, update)

    assert (response.status_code, inbound(db)) == (400, [])
    assert response.json() == {"detail": "not a Bot API update we can read: update_id: int_type"}


@pytest.mark.parametrize("body", [b"[" * 20000 + b"]" * 20000, b'{"a":' * 300 + b"1" + b"}" * 300])
def test_deeply_nested_json_is_a_4xx(webhook_client: TestClient, db: Database, body: bytes) -> None:
    response = post_raw(webhook_client, body)

    assert (response.status_code, inbound(db)) == (400, [])


@pytest.mark.parametrize("text", [5, 1.5, True, ["hi"], {"text": "hi"}])
def test_non_string_text_is_a_4xx(webhook_client: TestClient, db: Database, text: object) -> None:
    response = post(webhook_client, message_update(1, CHAT, text=text))

    assert (response.status_code, inbound(db)) == (400, [])
    assert response.json()["detail"].endswith("message.text: string_type")


def test_null_new_chat_member_is_accepted_or_refused_without_error(
    webhook_client: TestClient, db: Database
) -> None:
    update = member_update(1, CHAT, "kicked")
    update["my_chat_member"]["new_chat_member"] = None

    response = post(webhook_client, update)

    assert response.status_code == 400
    assert opted_out(db, ADDRESS) is False


@pytest.mark.parametrize(
    "body",
    [
        b'{"update_id": 1, "message": {"chat": {"id": 1}, "date": 1, "text": "\\ud800 %s"}}',
        b'{"update_id": 1, "message": {"chat": {"id": 1}, "date": 1, "text": "\xff %s"}}',
    ],
    ids=["lone surrogate", "not utf-8"],
)
def test_text_that_cannot_be_stored_is_a_400_and_not_logged(
    webhook_client: TestClient, db: Database, caplog: pytest.LogCaptureFixture, body: bytes
) -> None:
    caplog.set_level(logging.DEBUG)

    response = post_raw(webhook_client, body % PRIVATE.encode())

    assert (response.status_code, inbound(db)) == (400, [])
    assert "Telegram webhook refused an update" in caplog.text
    assert PRIVATE not in caplog.text


def test_a_chat_id_beyond_int64_is_a_400(webhook_client: TestClient, db: Database) -> None:
    response = post(webhook_client, message_update(1, 2**63, text="hi"))

    assert (response.status_code, inbound(db)) == (400, [])
