"""POST /twilio/status: Twilio's word on each SMS we sent, recorded on its outbox row; never a
step backwards, and a carrier opt-out (21610) stops everything to that number."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from channels.twilio_sms.status import STATUSES
from store.db import Database
from store.messages import finish_inbound
from store.models import OutboxItem, ParticipantAddress
from store.outbox import mark_sent
from tests.channels.conftest import Run
from tests.channels.twilio_sms.conftest import PARTICIPANT, SmsChannels
from tests.channels.twilio_sms.webhooks import (
    PUBLIC_URL,
    SENDER,
    app_client,
    drain,
    new_sid,
    post_signed,
    sms_form,
    sms_settings,
)
from tests.fakes.engine import FakeEngine
from tests.fakes.twilio_api import FakeTwilio
from tests.store.helpers import T0, receive

ADDRESS = f"tel:{SENDER}"


@pytest.fixture
def client(
    db: Database, tmp_path: Path, fake_engine: FakeEngine, fake_twilio: FakeTwilio
) -> Iterator[TestClient]:
    with app_client(sms_settings(db, tmp_path, fake_engine, fake_twilio)) as test_client:
        yield test_client


def sent_reply(db: Database) -> str:
    """A reply already sent to ADDRESS; returns its Twilio SID. Claimed and settled in one
    transaction, so the app's background worker never sends it."""
    sid = new_sid()
    stored = receive(db, ADDRESS, new_sid())
    with db.transaction() as session:
        [reply] = finish_inbound(session, stored.message, ["hello"], "none", T0, send_now=True)
        assert reply.outbox is not None
        mark_sent(session, reply.outbox, sid, T0)
    return sid


def status_form(sid: str, status: str, error_code: str = "") -> dict[str, str]:
    """A status callback as Twilio posts it."""
    form = {
        "AccountSid": "AC" + "0" * 32,
        "MessageSid": sid,
        "SmsSid": sid,
        "MessageStatus": status,
        "SmsStatus": status,
        "From": "+15550001111",
        "To": SENDER,
        "ApiVersion": "2010-04-01",
    }
    return form | ({"ErrorCode": error_code} if error_code else {})


def callback(client: TestClient, token: str, sid: str, status: str, code: str = "") -> int:
    return post_signed(client, "/twilio/status", status_form(sid, status, code), token).status_code


def delivery(db: Database, sid: str) -> tuple[str | None, int | None]:
    with db.transaction() as session:
        item = session.scalars(select(OutboxItem).where(OutboxItem.provider_message_id == sid))
        row = item.one()
        return row.delivery_status, row.delivery_error_code


def opted_out_at(db: Database) -> datetime | None:
    with db.transaction() as session:
        query = select(ParticipantAddress.opted_out_at).where(ParticipantAddress.address == ADDRESS)
        return session.scalar(query)


@pytest.mark.parametrize("status", sorted(STATUSES))
def test_each_status_is_recorded(
    status: str, client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    sid = sent_reply(db)

    assert callback(client, fake_twilio.auth_token, sid, status) == 200
    assert delivery(db, sid) == (status, None)


SEQUENCES: list[tuple[str, list[str], str]] = [
    ("in order", ["accepted", "queued", "sending", "sent", "delivered"], "delivered"),
    ("a late sent after delivered", ["delivered", "sent"], "delivered"),
    ("a late queued after sent", ["sent", "sending", "queued"], "sent"),
    ("one outcome never replaces another", ["undelivered", "delivered"], "undelivered"),
    ("failed after sent", ["sent", "failed"], "failed"),
    ("read after delivered", ["delivered", "read"], "read"),
    ("a late delivered after read", ["read", "delivered"], "read"),
    ("a scheduled send canceled", ["scheduled", "canceled"], "canceled"),
]


@pytest.mark.parametrize(
    ("statuses", "final"), [case[1:] for case in SEQUENCES], ids=[case[0] for case in SEQUENCES]
)
def test_a_status_never_moves_backwards(
    statuses: list[str], final: str, client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    sid = sent_reply(db)

    codes = [callback(client, fake_twilio.auth_token, sid, status) for status in statuses]

    assert codes == [200] * len(statuses)
    assert delivery(db, sid) == (final, None)


def test_an_error_code_is_recorded_with_its_status(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    sid = sent_reply(db)

    callback(client, fake_twilio.auth_token, sid, "undelivered", "30003")

    assert delivery(db, sid) == ("undelivered", 30003)
    assert opted_out_at(db) is None


def test_error_21610_marks_the_address_opted_out_once(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    first, second = sent_reply(db), sent_reply(db)

    callback(client, fake_twilio.auth_token, first, "failed", "21610")
    opted_out = opted_out_at(db)
    callback(client, fake_twilio.auth_token, second, "failed", "21610")

    assert delivery(db, first) == ("failed", 21610)
    assert opted_out is not None
    assert opted_out_at(db) == opted_out  # the first opt-out's time is kept


def test_a_late_21610_still_opts_the_address_out(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    sid = sent_reply(db)
    callback(client, fake_twilio.auth_token, sid, "undelivered")

    callback(client, fake_twilio.auth_token, sid, "failed", "21610")

    assert delivery(db, sid) == ("undelivered", None)
    assert opted_out_at(db) is not None


def test_an_unknown_message_sid_gets_200_and_changes_nothing(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    sid = sent_reply(db)

    code = callback(client, fake_twilio.auth_token, new_sid(), "failed", "21610")

    assert code == 200
    assert delivery(db, sid) == (None, None)
    assert opted_out_at(db) is None


@pytest.mark.parametrize(
    ("signed_url", "token"),
    [
        (f"{PUBLIC_URL}/twilio/status", "0" * 32),
        ("https://attacker.example.net/twilio/status", ""),
        (f"{PUBLIC_URL}/twilio/sms", ""),
    ],
    ids=["another token", "another host", "another path"],
)
def test_a_callback_without_a_valid_signature_gets_403_and_changes_nothing(
    signed_url: str, token: str, client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    sid = sent_reply(db)
    form = status_form(sid, "failed", "21610")

    forged = post_signed(
        client, "/twilio/status", form, token or fake_twilio.auth_token, signed_url=signed_url
    )
    unsigned = client.post("/twilio/status", data=form)

    assert (forged.status_code, unsigned.status_code) == (403, 403)
    assert delivery(db, sid) == (None, None)
    assert opted_out_at(db) is None


MALFORMED: list[tuple[str, dict[str, str], str]] = [
    ("no MessageSid", {"MessageSid": ""}, "MessageSid"),
    ("no MessageStatus", {"MessageStatus": ""}, "MessageStatus"),
    ("an inbound status", {"MessageStatus": "received"}, "MessageStatus"),
    ("an unknown status", {"MessageStatus": "lost"}, "MessageStatus"),
    ("ErrorCode not a number", {"ErrorCode": "21610x"}, "ErrorCode"),
    # A NUL reached the database's query, which PostgreSQL refuses: a 500 (issue 13).
    ("MessageSid with a NUL", {"MessageSid": "SM1\x00"}, "MessageSid"),
    ("MessageSid too long", {"MessageSid": "S" * 65}, "MessageSid"),
]


@pytest.mark.parametrize(
    ("fields", "detail"), [case[1:] for case in MALFORMED], ids=[case[0] for case in MALFORMED]
)
def test_a_malformed_callback_gets_400_and_changes_nothing(
    fields: dict[str, str], detail: str, client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    sid = sent_reply(db)
    form = status_form(sid, "delivered") | fields

    response = post_signed(client, "/twilio/status", form, fake_twilio.auth_token)

    assert response.status_code == 400
    assert detail in response.json()["detail"]
    assert delivery(db, sid) == (None, None)


def test_a_reply_sent_over_twilio_gets_its_delivery_recorded(
    client: TestClient, db: Database, fake_twilio: FakeTwilio
) -> None:
    post_signed(client, "/twilio/sms", sms_form("hi"), fake_twilio.auth_token)
    drain(client)
    [sid] = fake_twilio.sids

    callback(client, fake_twilio.auth_token, sid, "sent")
    callback(client, fake_twilio.auth_token, sid, "delivered")

    assert delivery(db, sid) == ("delivered", None)


def test_sends_ask_for_status_callbacks_only_when_given_a_url(
    run: Run[Any], fake_twilio: FakeTwilio, sms_channels: SmsChannels
) -> None:
    callback_url = f"{PUBLIC_URL}/twilio/status"

    run(sms_channels(status_callback_url=callback_url).send(PARTICIPANT, "with"))
    run(sms_channels().send(PARTICIPANT, "without"))

    assert [m.get("StatusCallback") for m in fake_twilio.messages] == [callback_url, None]


def test_without_a_public_url_no_status_callback_is_asked_for(
    db: Database, tmp_path: Path, fake_engine: FakeEngine, fake_twilio: FakeTwilio
) -> None:
    settings = sms_settings(db, tmp_path, fake_engine, fake_twilio, public_url="")

    with app_client(settings) as client:
        signed_url = f"{settings.base_url}/twilio/sms"
        post_signed(
            client, "/twilio/sms", sms_form("hi"), fake_twilio.auth_token, signed_url=signed_url
        )
        drain(client)

    assert [("StatusCallback" in sent) for sent in fake_twilio.messages] == [False]
