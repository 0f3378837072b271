"""What became of each reply, as the conversation view shows it to a peer: queued, sent,
delivered or failed, and why it failed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from console.queries import delivery_of
from store import outbox
from store.db import Database
from store.models import Message, OutboxItem, OutboxStatus
from tests.console.peers import ANA, chat

DELIVERY_STATES = [
    # (outbox status, provider status, last error, carrier code) -> (delivery, why)
    ("pending", None, None, None, "queued", None),
    ("sending", None, None, None, "queued", None),
    ("pending", None, "RetryableSendError: Twilio unreachable", None, "queued",
     "RetryableSendError: Twilio unreachable"),
    ("sent", None, None, None, "sent", None),
    ("sent", "queued", None, None, "sent", None),
    ("sent", "delivered", None, None, "delivered", None),
    ("sent", "read", None, None, "delivered", None),
    ("sent", "undelivered", None, 30003, "failed", "carrier error 30003"),
    ("sent", "failed", None, 21610, "failed", "carrier error 21610"),
    ("failed", None, "opted out", None, "failed", "opted out"),
    ("failed", None, "PermanentSendError: Twilio answered 400 with error 21211", None, "failed",
     "PermanentSendError: Twilio answered 400 with error 21211"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("status", "provider", "error", "code", "delivery", "why"), DELIVERY_STATES
)
def test_a_replys_delivery_follows_its_outbox_row_and_the_provider(
    status: str, provider: str | None, error: str | None, code: int | None, delivery: str, why: str
) -> None:
    item = OutboxItem(
        status=OutboxStatus(status),
        delivery_status=provider,
        last_error=error,
        delivery_error_code=code,
    )

    assert delivery_of(item) == (delivery, why)


def peer_messages(client: TestClient) -> list[dict[str, object]]:
    history = client.get("/api/participants/1/messages", headers=ANA).json()["messages"]
    return [m for m in history if m["author"] == "peer:Ana"]


def test_the_conversation_shows_each_reply_sent_and_nothing_for_the_persons_messages(
    client: TestClient,
) -> None:
    chat(client, "hi")

    history = client.get("/api/participants/1/messages", headers=ANA).json()["messages"]

    assert [(m["direction"], m["delivery"], m["delivery_error"]) for m in history] == [
        ("inbound", None, None),
        ("outbound", "sent", None),
    ]


def test_a_peer_sees_that_their_reply_failed_because_the_person_opted_out(
    client: TestClient, db: Database
) -> None:
    chat(client, "hi")
    assert client.post("/api/participants/1/takeover", headers=ANA).status_code == 200
    sent = client.post("/api/participants/1/reply", headers=ANA, json={"text": "Ana here."})
    reply_id = sent.json()["message_id"]
    # As if it were still waiting its turn to go out: a retry due in an hour, so the app's own
    # sender, running beside the test, cannot send it before the STOP (CI on 5133e46 saw that).
    retry_at = datetime.now(UTC) + timedelta(hours=1)
    with db.transaction() as session:
        session.execute(
            update(OutboxItem)
            .where(OutboxItem.message_id == reply_id)
            .values(
                status=OutboxStatus.PENDING, sent_at=None, provider_message_id=None,
                next_attempt_at=retry_at,
            )
        )  # fmt: skip
    assert [m["delivery"] for m in peer_messages(client)] == ["queued"]

    chat(client, "STOP")
    with db.transaction() as session:  # the send pass when it falls due refuses it
        outbox.claim_due(session, retry_at + timedelta(seconds=1))

    assert [(m["id"], m["delivery"], m["delivery_error"]) for m in peer_messages(client)] == [
        (reply_id, "failed", "opted out")
    ]
    with db.transaction() as session:
        text = session.scalar(select(Message.text).where(Message.id == reply_id))
    assert text == "Ana here."
