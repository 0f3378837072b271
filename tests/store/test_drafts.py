"""A peer's unsent reply: kept per peer and case, replaced as they type, gone when sent or
discarded; the audit log says a draft was kept or discarded, never its words."""

from __future__ import annotations

from sqlalchemy import select

from store import drafts
from store.console_models import User
from store.db import Database
from store.escalation_models import Escalation
from store.models import AuditEntry
from store.participants import get_or_create_participant
from tests.store.helpers import T0


def case_and_peers(db: Database) -> tuple[int, int, int]:
    with db.transaction() as session:
        person = get_or_create_participant(session, "sim:alex")
        case = Escalation(participant_id=person.id, level="crisis", reasons=["x"],
                          respond_by=T0, alerts_sent=1, created_at=T0)  # fmt: skip
        users = [User(name=n, display_name=n, role="peer", password_hash="x") for n in "AB"]
        session.add_all([case, *users])
        session.flush()
        return case.id, users[0].id, users[1].id


def test_a_draft_is_kept_per_peer_and_case_and_replaced_as_they_type(db: Database) -> None:
    case, ana, ben = case_and_peers(db)
    with db.transaction() as session:
        drafts.save(session, ana, case, "I'm here", "peer:A", T0)
        drafts.save(session, ana, case, "I'm here with you", "peer:A", T0)

    with db.transaction() as session:
        kept = (drafts.of(session, ana, case), drafts.of(session, ben, case))
        audit = [(e.action, e.detail) for e in session.scalars(select(AuditEntry))]

    assert kept == ("I'm here with you", None)
    assert audit == [("draft-kept", {"escalation_id": case})]


def test_sending_or_discarding_deletes_the_draft(db: Database) -> None:
    case, ana, ben = case_and_peers(db)
    with db.transaction() as session:
        drafts.save(session, ana, case, "one", "peer:A", T0)
        drafts.save(session, ben, case, "two", "peer:B", T0)
    with db.transaction() as session:
        drafts.sent(session, ana, case)
        drafts.save(session, ben, case, "   ", "peer:B", T0)  # emptied: a discard

    with db.transaction() as session:
        left = (drafts.of(session, ana, case), drafts.of(session, ben, case))
        actions = [e.action for e in session.scalars(select(AuditEntry).order_by("id"))]

    assert left == (None, None)
    assert actions == ["draft-kept", "draft-kept", "draft-discarded"]
