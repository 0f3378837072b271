"""The peer API's case rules over HTTP: supervisors act on any case and reassign it; a false
alarm is resolved in one step; peers mark missed risks; every refusal is a 4xx that says why."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from store.db import Database
from store.escalation_models import PeerAlert, ScreeningFeedback
from store.models import AuditEntry, Message
from tests.console.peers import ANA, BEN, SAM, chat, open_escalation


def feedback_rows(db: Database) -> list[tuple[Any, ...]]:
    with db.transaction() as session:
        rows = session.scalars(select(ScreeningFeedback).order_by(ScreeningFeedback.id))
        return [(r.kind, r.message_id, r.screened_level, r.level, r.reported_by) for r in rows]


def audited(db: Database) -> list[tuple[str, str]]:
    """The peers' actions (their reads of a conversation, audited too, left out)."""
    with db.transaction() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [
            (r.actor, r.action)
            for r in rows
            if r.actor.startswith("peer:") and r.action != "viewed-conversation"
        ]


# --- Take over and hand back -------------------------------------------------------------------


def test_a_peer_is_told_who_has_the_conversation(client: TestClient) -> None:
    chat(client, "hi")
    assert client.post("/api/participants/1/takeover", headers=ANA).status_code == 200

    taken = client.post("/api/participants/1/takeover", headers=BEN)
    handed = client.post("/api/participants/1/handback", headers=BEN)

    assert (taken.status_code, handed.status_code) == (409, 409)
    assert taken.json()["detail"].startswith("Ana has this conversation")
    assert handed.json()["detail"].startswith("Ana has this conversation")


def test_a_supervisor_takes_a_conversation_from_a_peer_and_replies(
    client: TestClient, db: Database
) -> None:
    chat(client, "hi")
    assert client.post("/api/participants/1/takeover", headers=ANA).status_code == 200

    taken = client.post("/api/participants/1/takeover", headers=SAM)
    by_ana = client.post("/api/participants/1/reply", headers=ANA, json={"text": "me?"})
    by_sam = client.post("/api/participants/1/reply", headers=SAM, json={"text": "Sam here."})

    assert (taken.status_code, by_ana.status_code, by_sam.status_code) == (200, 409, 202)
    conversation = client.get("/api/participants/1/messages", headers=ANA).json()
    assert conversation["taken_over_by"] == "Sam"
    assert audited(db)[-2:] == [("peer:Sam", "took-over"), ("peer:Sam", "replied")]


def test_a_supervisor_hands_back_a_peers_conversation_and_the_assistant_answers_again(
    client: TestClient, db: Database
) -> None:
    chat(client, "hi")
    assert client.post("/api/participants/1/takeover", headers=ANA).status_code == 200

    handed = client.post("/api/participants/1/handback", headers=SAM)
    again = client.post("/api/participants/1/handback", headers=SAM)

    assert (handed.status_code, again.status_code) == (200, 409)
    assert again.json()["detail"].startswith("nobody has taken this conversation over")
    assert chat(client, "thanks") == ["echo: thanks"]


# --- Resolve -----------------------------------------------------------------------------------


def test_a_false_alarm_is_resolved_in_one_step_by_a_peer_who_never_claimed_it(
    client: TestClient, db: Database
) -> None:
    escalation_id, _ = open_escalation(client, db)

    resolved = client.post(
        f"/api/escalations/{escalation_id}/resolve",
        headers=BEN,
        json={"outcome": "quoting a song", "kind": "false-alarm"},
    )

    assert resolved.status_code == 200
    listed = client.get("/api/escalations", params={"status": "resolved"}, headers=ANA).json()
    assert [(e["claimed_by"], e["resolved_by"], e["outcome_kind"]) for e in listed] == [
        ("Ben", "Ben", "false-alarm")
    ]
    assert feedback_rows(db) == [("false-alarm", 1, "crisis", "none", "Ben")]
    assert audited(db) == [("peer:Ben", "resolved")]
    assert chat(client, "ok") == ["echo: ok"]  # the assistant has the person again


def test_a_false_alarm_may_say_what_the_message_deserved(client: TestClient, db: Database) -> None:
    escalation_id, _ = open_escalation(client, db)

    client.post(
        f"/api/escalations/{escalation_id}/resolve",
        headers=ANA,
        json={"outcome": "a bad day, not a crisis", "kind": "false-alarm", "level": "concern"},
    )

    assert feedback_rows(db) == [("false-alarm", 1, "crisis", "concern", "Ana")]


def test_a_claimed_case_is_resolved_by_its_claimer_or_a_supervisor(
    client: TestClient, db: Database
) -> None:
    escalation_id, _ = open_escalation(client, db)
    url = f"/api/escalations/{escalation_id}"
    assert client.post(f"{url}/claim", headers=ANA).status_code == 200

    by_ben = client.post(f"{url}/resolve", headers=BEN, json={"outcome": "x"})
    by_sam = client.post(
        f"{url}/resolve", headers=SAM, json={"outcome": "Ana off shift", "kind": "supported"}
    )
    again = client.post(f"{url}/resolve", headers=ANA, json={"outcome": "x"})

    assert (by_ben.status_code, by_sam.status_code, again.status_code) == (409, 200, 409)
    assert by_ben.json()["detail"] == (
        "Ana has claimed this escalation: only its claimer or a supervisor can resolve it"
    )
    assert again.json()["detail"].startswith("this escalation was already resolved by Sam")


@pytest.mark.parametrize(
    "body",
    [
        {"outcome": "x", "kind": "went-fishing"},
        {"outcome": "x", "kind": "false-alarm", "level": "severe"},
        {"outcome": "x", "note": "extra"},
        {"outcome": "x", "kind": "supported", "level": "none"},  # a level is for a false alarm
        {"outcome": "x", "kind": "false-alarm", "level": "crisis"},  # not below the screened
        {"kind": "other"},
    ],
)
def test_a_bad_resolution_is_a_422(client: TestClient, db: Database, body: dict[str, str]) -> None:
    escalation_id, _ = open_escalation(client, db)

    response = client.post(f"/api/escalations/{escalation_id}/resolve", headers=ANA, json=body)

    assert response.status_code == 422
    assert client.get("/api/escalations", headers=ANA).json()[0]["status"] == "open"


def test_the_second_claim_says_who_has_the_case(client: TestClient, db: Database) -> None:
    escalation_id, _ = open_escalation(client, db)
    client.post(f"/api/escalations/{escalation_id}/claim", headers=ANA)

    refused = client.post(f"/api/escalations/{escalation_id}/claim", headers=BEN)

    assert (refused.status_code, refused.json()) == (
        409,
        {"detail": "Ana has claimed this escalation"},
    )


# --- Reassign ----------------------------------------------------------------------------------


def assign(client: TestClient, escalation_id: int, peer: str, headers: dict[str, str]) -> Any:
    return client.post(
        f"/api/escalations/{escalation_id}/assign", headers=headers, json={"peer": peer}
    )


def test_a_supervisor_reassigns_a_case_and_its_conversation_and_the_new_holder_is_paged(
    client: TestClient, db: Database
) -> None:
    escalation_id, participant_id = open_escalation(client, db)
    client.post(f"/api/escalations/{escalation_id}/claim", headers=ANA)
    client.post(f"/api/participants/{participant_id}/takeover", headers=ANA)

    response = assign(client, escalation_id, "Ben", SAM)

    assert response.status_code == 200
    listed = client.get("/api/escalations", params={"status": "claimed"}, headers=ANA).json()
    assert [e["claimed_by"] for e in listed] == ["Ben"]
    conversation = client.get(f"/api/participants/{participant_id}/messages", headers=BEN)
    assert conversation.json()["taken_over_by"] == "Ben"
    with db.transaction() as session:
        paged = session.scalars(select(PeerAlert).where(PeerAlert.kind == "assigned")).all()
        assert [(a.recipient, a.address) for a in paged] == [("Ben", "sim:ben")]
    assert audited(db)[-1] == ("peer:Sam", "assigned")


@pytest.mark.parametrize(
    ("escalation_id", "peer", "headers", "status"),
    [
        (1, "Ben", ANA, 403),  # not a supervisor
        (999, "Ben", SAM, 404),
        (1, "Nobody", SAM, 422),
        (1, "", SAM, 422),
    ],
)
def test_reassigning_is_refused_with_a_clear_4xx(
    client: TestClient,
    db: Database,
    escalation_id: int,
    peer: str,
    headers: dict[str, str],
    status: int,
) -> None:
    open_escalation(client, db)

    assert assign(client, escalation_id, peer, headers).status_code == status
    assert client.get("/api/escalations", headers=ANA).json()[0]["claimed_by"] is None


def test_a_resolved_case_is_not_reassigned(client: TestClient, db: Database) -> None:
    escalation_id, _ = open_escalation(client, db)
    client.post(f"/api/escalations/{escalation_id}/resolve", headers=ANA, json={"outcome": "ok"})

    refused = assign(client, escalation_id, "Ben", SAM)

    assert refused.status_code == 409
    assert refused.json()["detail"] == "this escalation was already resolved by Ana"


# --- Missed risk -------------------------------------------------------------------------------


def rated(db: Database, message_id: int, level: str) -> None:
    with db.transaction() as session:
        session.get_one(Message, message_id).risk_level = level


def test_a_peer_marks_a_message_the_screener_rated_too_low(
    client: TestClient, db: Database
) -> None:
    chat(client, "i dont see the point anymore")
    rated(db, 1, "concern")
    url = "/api/messages/1/missed-risk"

    statuses = [
        client.post(url, headers=ANA, json={"level": "concern"}).status_code,
        client.post(url, headers=ANA, json={"level": "crisis"}).status_code,
    ]

    assert statuses == [409, 200]
    assert feedback_rows(db) == [("missed-risk", 1, "concern", "crisis", "Ana")]
    assert audited(db) == [("peer:Ana", "marked-missed-risk")]


def test_a_missed_risk_needs_a_message_from_the_person(client: TestClient) -> None:
    chat(client, "hi")  # message 1 in, the assistant's reply 2 out
    history = client.get("/api/participants/1/messages", headers=ANA).json()["messages"]
    assert [(m["id"], m["direction"]) for m in history] == [(1, "inbound"), (2, "outbound")]

    responses = [
        client.post("/api/messages/2/missed-risk", headers=ANA, json={"level": "crisis"}),
        client.post("/api/messages/999/missed-risk", headers=ANA, json={"level": "crisis"}),
        client.post("/api/messages/1/missed-risk", headers=ANA, json={"level": "none"}),
        client.post("/api/messages/1/missed-risk", headers=ANA, json={}),
        client.post("/api/messages/1/missed-risk", json={"level": "crisis"}),
    ]

    assert [r.status_code for r in responses] == [404, 404, 422, 422, 401]
