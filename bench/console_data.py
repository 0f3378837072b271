"""A large made-up history for the console benchmark: people, their messages, their
escalations (most resolved), and one peer account. Written in bulk with Core inserts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import insert

from console.accounts import create_user
from core.clock import utcnow
from store.console_models import Role
from store.db import Database
from store.escalation_models import Escalation
from store.models import Message, Participant, ParticipantAddress

PEER, PASSWORD = "Bench Peer", "a bench password, not a real one"
MESSAGES_PER_PERSON = 50
BATCH = 5_000


def _batched(db: Database, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        with db.transaction() as session:
            session.execute(insert(table), rows[start : start + BATCH])


def _people(db: Database, count: int) -> None:
    now = utcnow()
    people = [
        {"id": i, "display_name": f"Person {i}", "created_at": now} for i in range(1, count + 1)
    ]
    _batched(db, Participant, people)
    addresses = [
        {"participant_id": i, "address": f"sim:bench-{i}", "channel": "sim", "created_at": now}
        for i in range(1, count + 1)
    ]
    _batched(db, ParticipantAddress, addresses)


def _messages(db: Database, people: int, total: int) -> None:
    start = utcnow() - timedelta(days=90)
    rows = []
    for n in range(1, total + 1):
        person = (n - 1) % people + 1
        inbound = n % 2 == 1
        rows.append({
            "id": n, "participant_id": person, "address": f"sim:bench-{person}", "channel": "sim",
            "direction": "inbound" if inbound else "outbound", "text": f"made-up words {n}",
            "status": "processed" if inbound else None,
            "risk_level": "crisis" if n % 97 == 1 else "none", "attempts": 0,
            "created_at": start + timedelta(seconds=60 * n),
        })  # fmt: skip
    _batched(db, Message, rows)


def _escalations(db: Database, people: int, total: int, unresolved: int) -> None:
    now = utcnow()
    rows = []
    for n in range(1, total + 1):
        person = (n - 1) % people + 1
        still_open = n > total - unresolved
        opened = now - timedelta(minutes=(total - n) + 1)
        rows.append({
            "id": n, "participant_id": person, "message_id": person, "level": "crisis",
            "reasons": ["suicide:ideation"], "status": "open" if still_open else "resolved",
            "created_at": opened, "respond_by": opened + timedelta(minutes=15), "alerts_sent": 1,
            "resolved_by": None if still_open else "Ana",
            "resolved_at": None if still_open else opened + timedelta(minutes=30),
            "outcome": None if still_open else "Reached and safe",
            "outcome_kind": None if still_open else "supported",
        })  # fmt: skip
    _batched(db, Escalation, rows)


def fill(db: Database, *, escalations: int, messages: int, unresolved: int) -> int:
    """Returns the id of an unresolved escalation (its person has a full conversation)."""
    people = max(1, messages // MESSAGES_PER_PERSON)
    _people(db, people)
    _messages(db, people, messages)
    _escalations(db, people, escalations, unresolved)
    with db.transaction() as session:
        create_user(session, PEER, Role.PEER, PASSWORD, with_totp=False, by="bench")
    return escalations
