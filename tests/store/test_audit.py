"""The audit log: who did what to whom, with the detail, and when."""

from __future__ import annotations

from sqlalchemy import select

from store.audit import record
from store.db import Database
from store.models import AuditEntry
from store.participants import get_or_create_participant


def test_record_stores_actor_action_participant_and_detail(db: Database) -> None:
    with db.transaction() as session:
        participant_id = get_or_create_participant(session, "sim:alex").id
        record(session, "peer:jordan", "handoff.accepted", participant_id, level="crisis", n=2)

    with db.transaction() as session:
        entry = session.scalars(select(AuditEntry)).one()
        stored = (entry.actor, entry.action, entry.participant_id, entry.detail)

    assert stored == (
        "peer:jordan",
        "handoff.accepted",
        participant_id,
        {"level": "crisis", "n": 2},
    )


def test_record_without_participant_or_detail_stores_an_empty_detail_and_a_time(
    db: Database,
) -> None:
    with db.transaction() as session:
        record(session, "system", "engine.down")

    with db.transaction() as session:
        entry = session.scalars(select(AuditEntry)).one()
        stored = (entry.actor, entry.action, entry.participant_id, entry.detail, entry.at is None)

    assert stored == ("system", "engine.down", None, {}, False)
