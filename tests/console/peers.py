"""Who is on call in the peer API's tests, and the steps most tests start with."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from escalation import service
from escalation.levels import Level, Screening
from store.db import Database
from warmline.assembly import escalation_policy

ANA = {"Authorization": "Bearer ana-token-0123456789"}
BEN = {"Authorization": "Bearer ben-token-0123456789"}
SAM = {"Authorization": "Bearer sam-token-0123456789"}  # a supervisor
ROSTER = [
    {"name": "Ana", "token": "ana-token-0123456789", "sim": "ana"},
    {"name": "Ben", "token": "ben-token-0123456789", "sim": "ben"},
    {"name": "Sam", "token": "sam-token-0123456789", "supervisor": True},
]


def chat(client: TestClient, text: str, sender: str = "jo") -> list[str]:
    response = client.post("/dev/chat", json={"from": sender, "text": text})
    assert response.status_code == 200, response.text
    replies: list[str] = response.json()["replies"]
    return replies


def open_escalation(
    client: TestClient, db: Database, level: Level = Level.CRISIS
) -> tuple[int, int]:
    """Jo says hello (message 1), and a case is opened on it: (escalation id, participant id)."""
    chat(client, "hello")
    settings = client.app.state.settings  # type: ignore[attr-defined]
    with db.transaction() as session:
        now = datetime.now(UTC)
        escalation = service.escalate(
            session, escalation_policy(settings), 1, 1, Screening(level, ("test",)), now
        )
        return escalation.id, escalation.participant_id
