"""The peer API over HTTP: signed-in peers claim, resolve, take over, reply and hand back."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from store import roster
from store.db import Database
from store.models import AuditEntry, Message, ParticipantAddress
from tests.console.peers import ANA, BEN, chat, open_escalation
from tests.fakes.engine import FakeEngine


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}]
)
def test_the_api_needs_a_roster_token(client: TestClient, headers: dict[str, str]) -> None:
    response = client.get("/api/escalations", headers=headers)

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_open_escalations_are_listed(client: TestClient, db: Database) -> None:
    escalation_id, participant_id = open_escalation(client, db)

    listed = client.get("/api/escalations", headers=ANA).json()

    assert [(e["id"], e["participant_id"], e["level"], e["status"]) for e in listed] == [
        (escalation_id, participant_id, "crisis", "open")
    ]


def test_second_claim_gets_409_and_only_the_claimer_resolves(
    client: TestClient, db: Database
) -> None:
    escalation_id, _ = open_escalation(client, db)
    url = f"/api/escalations/{escalation_id}"

    statuses = [
        client.post(f"{url}/claim", headers=ANA).status_code,
        client.post(f"{url}/claim", headers=BEN).status_code,
        client.post(f"{url}/resolve", headers=BEN, json={"outcome": "x"}).status_code,
        client.post(
            f"{url}/resolve", headers=ANA, json={"outcome": "safe; linked to care"}
        ).status_code,
        client.post("/api/escalations/999/claim", headers=ANA).status_code,
    ]

    assert statuses == [200, 409, 409, 200, 404]
    resolved = client.get("/api/escalations", params={"status": "resolved"}, headers=ANA).json()
    assert [(e["claimed_by"], e["outcome"]) for e in resolved] == [("Ana", "safe; linked to care")]


def test_takeover_pauses_the_bot_and_the_peer_replies_then_hands_back(
    client: TestClient, fake_engine: FakeEngine
) -> None:
    chat(client, "hi")  # participant 1
    assert client.post("/api/participants/1/takeover", headers=ANA).status_code == 200

    paused = chat(client, "anyone there?")
    sent = client.post("/api/participants/1/reply", headers=ANA, json={"text": "Hi, I'm Ana."})
    refused = client.post("/api/participants/1/reply", headers=BEN, json={"text": "me too"})
    assert client.post("/api/participants/1/handback", headers=ANA).status_code == 200
    resumed = chat(client, "thanks")

    assert (paused, sent.status_code, refused.status_code) == ([], 202, 409)
    assert resumed == ["echo: thanks"]
    assert [call["message"] for call in fake_engine.calls] == ["hi", "thanks"]
    history = client.get("/api/participants/1/messages", headers=ANA).json()["messages"]
    assert [(m["direction"], m["author"], m["text"]) for m in history][2:4] == [
        ("inbound", None, "anyone there?"),
        ("outbound", "peer:Ana", "Hi, I'm Ana."),
    ]
    seen_by_participant = client.get("/dev/conversation", params={"name": "jo"}).json()
    assert "Hi, I'm Ana." in [m["text"] for m in seen_by_participant["messages"]]


def test_bad_requests_get_clear_errors(client: TestClient) -> None:
    chat(client, "hi")

    assert (
        client.post("/api/participants/1/reply", headers=ANA, json={"text": ""}).status_code == 422
    )
    assert client.post("/api/participants/42/takeover", headers=ANA).status_code == 404
    assert client.post("/api/escalations/1/resolve", headers=ANA, json={}).status_code == 422
    assert (
        client.get("/api/escalations", params={"status": "bogus"}, headers=ANA).status_code == 422
    )


# --- Input that once gave a 500 (issue 13) ----------------------------------------------------


@pytest.mark.parametrize("escalation_id", [2**31, 2**63, 2**64, 10**30])
def test_escalation_id_beyond_the_id_column_is_a_422(
    client: TestClient, escalation_id: int
) -> None:
    claimed = client.post(f"/api/escalations/{escalation_id}/claim", headers=ANA)
    read = client.get(f"/api/participants/{escalation_id}/messages", headers=ANA)

    assert (claimed.status_code, read.status_code) == (422, 422)
    assert claimed.json()["detail"][0]["loc"] == ["path", "escalation_id"]


def test_the_largest_id_the_column_holds_is_a_plain_404(client: TestClient) -> None:
    response = client.post(f"/api/escalations/{2**31 - 1}/claim", headers=ANA)

    assert (response.status_code, response.json()) == (404, {"detail": "no such escalation"})


@pytest.mark.parametrize("written", ["1.0", "1e0", "+1", "-1", "0", " 1", "\uff11"])
def test_fractional_escalation_id_is_refused(
    client: TestClient, db: Database, written: str
) -> None:
    escalation_id, _ = open_escalation(client, db)
    assert escalation_id == 1

    response = client.post(f"/api/escalations/{written}/claim", headers=ANA)

    assert response.status_code == 422
    assert client.get("/api/escalations", headers=ANA).json()[0]["status"] == "open"


def test_a_lone_surrogate_in_a_peer_reply_is_a_422_and_not_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    chat(client, "hi")
    assert client.post("/api/participants/1/takeover", headers=ANA).status_code == 200
    caplog.set_level(logging.DEBUG)

    response = client.post(
        "/api/participants/1/reply",
        content=b'{"text": "\\udc00 call me on +15559876543"}',
        headers=ANA | {"content-type": "application/json"},
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "text"],
                "type": "string_unicode",
                "msg": "Input should be a valid string, unable to parse raw data as a unicode "
                "string",
            }
        ]
    }
    assert "+15559876543" not in caplog.text


# --- A peer's reply that cannot be delivered (issue 14) ---------------------------------------


def test_a_peer_reply_to_someone_who_opted_out_is_refused_with_the_reason(
    client: TestClient, db: Database
) -> None:
    chat(client, "hi")
    assert client.post("/api/participants/1/takeover", headers=ANA).status_code == 200
    chat(client, "STOP")

    refused = client.post("/api/participants/1/reply", headers=ANA, json={"text": "still here"})

    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("this person opted out on sim (STOP")
    with db.transaction() as session:
        authors = session.scalars(select(Message.author).where(Message.author == "peer:Ana"))
        assert list(authors) == []  # nothing stored as if it were on its way


def test_a_peer_reply_after_a_stop_goes_on_the_persons_other_channel(
    client: TestClient, db: Database
) -> None:
    chat(client, "hi")  # participant 1, sim:jo
    with db.transaction() as session:
        session.add(ParticipantAddress(participant_id=1, address="sim:jo-phone", channel="sim"))
    chat(client, "it's me on my other phone", sender="jo-phone")
    assert client.post("/api/participants/1/takeover", headers=ANA).status_code == 200
    chat(client, "STOP", sender="jo-phone")

    sent = client.post("/api/participants/1/reply", headers=ANA, json={"text": "Hi, Ana here."})

    assert sent.status_code == 202
    with db.transaction() as session:
        latest = session.scalars(
            select(Message.address)
            .where(Message.participant_id == 1, Message.direction == "inbound")
            .order_by(Message.id.desc())
        ).first()
        assert latest == "sim:jo-phone"  # the STOP came from the phone the peer would have used
        reply = session.get(Message, sent.json()["message_id"])
        assert reply is not None
        assert (reply.address, reply.text) == ("sim:jo", "Hi, Ana here.")


def test_a_peer_sees_the_safety_plan_the_companion_heard_and_the_view_is_audited(
    client: TestClient, db: Database
) -> None:
    chat(client, "i want to kill myself")  # the companion's first safety-plan step follows
    chat(client, "when i stop eating and sleep all day")

    seen = client.get("/api/participants/1/messages", headers=ANA).json()

    assert seen["safety_plan"] == [
        {"section": "warning-signs", "text": "when you stop eating and sleep all day"}
    ]
    with db.transaction() as session:
        views = session.execute(
            select(AuditEntry.actor, AuditEntry.participant_id).where(
                AuditEntry.action == "viewed-conversation"
            )
        ).all()
    assert [tuple(view) for view in views] == [("peer:Ana", 1)]


def test_a_peer_taken_off_the_roster_can_no_longer_use_their_token(
    client: TestClient, db: Database
) -> None:
    assert client.get("/api/escalations", headers=BEN).status_code == 200
    with db.transaction() as session:
        roster.remove(session, "Ben", "peer:Ada")

    refused = client.get("/api/escalations", headers=BEN)

    assert refused.status_code == 401
    assert refused.json()["detail"] == "this peer is no longer on the roster"
    assert client.get("/api/escalations", headers=ANA).status_code == 200
