"""Casework rules on the real database: a peer acts on what is theirs or nobody's, a supervisor
on any case; a false alarm resolves in one step; peers' corrections become screening feedback;
a hand-back remembers who was with the person."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from escalation import casework
from escalation.levels import Level
from store.db import Database
from store.escalation_models import Escalation, OutcomeKind, ScreeningFeedback
from store.models import AuditEntry, Direction, Message, Participant
from tests.escalation.test_service import POLICY, SECRET_TEXT, T0, alerts, escalate, texted

LATER = T0 + timedelta(minutes=3)


def case(db: Database, escalation_id: int) -> Escalation:
    with db.transaction() as session:
        return session.get_one(Escalation, escalation_id)


def person(db: Database, participant_id: int) -> Participant:
    with db.transaction() as session:
        return session.get_one(Participant, participant_id)


def feedback_rows(db: Database) -> list[tuple[Any, ...]]:
    with db.transaction() as session:
        rows = session.scalars(select(ScreeningFeedback).order_by(ScreeningFeedback.id))
        return [
            (r.kind, r.message_id, r.screened_level, r.level, r.reported_by, r.escalation_id)
            for r in rows
        ]


def audit_rows(db: Database) -> list[tuple[str, str, int | None, dict[str, Any]]]:
    with db.transaction() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(r.actor, r.action, r.participant_id, r.detail) for r in rows]


def claimed(db: Database, escalation_id: int, peer: str) -> None:
    with db.transaction() as session:
        assert casework.claim(session, escalation_id, peer, T0)


def taken_over(db: Database, participant_id: int, peer: str) -> None:
    with db.transaction() as session:
        assert casework.take_over(session, participant_id, peer, T0)


# --- Resolving ---------------------------------------------------------------------------------


def test_any_peer_resolves_an_unclaimed_case_in_one_step(db: Database) -> None:
    escalation_id = escalate(db, Level.CRISIS, texted(db))

    with db.transaction() as session:
        done = casework.resolve(
            session, escalation_id, "Ben", casework.Outcome("talked", OutcomeKind.SUPPORTED), LATER
        )

    row = case(db, escalation_id)
    assert done
    assert (row.status, row.claimed_by, row.resolved_by, row.outcome_kind) == (
        "resolved",
        "Ben",
        "Ben",
        "supported",
    )
    assert (row.claimed_at, row.resolved_at) == (LATER, LATER)


def test_a_supervisor_resolves_a_case_another_peer_claimed(db: Database) -> None:
    escalation_id = escalate(db, Level.CRISIS, texted(db))
    claimed(db, escalation_id, "Ana")

    with db.transaction() as session:
        by_peer = casework.resolve(session, escalation_id, "Ben", "x", LATER)
        by_supervisor = casework.resolve(
            session, escalation_id, "Sam", "closed for Ana", LATER, supervisor=True
        )
        twice = casework.resolve(session, escalation_id, "Sam", "again", LATER, supervisor=True)

    row = case(db, escalation_id)
    assert (by_peer, by_supervisor, twice) == (False, True, False)
    assert (row.claimed_by, row.resolved_by, row.outcome_kind) == ("Ana", "Sam", "other")


def test_a_false_alarm_is_kept_as_screening_feedback(db: Database) -> None:
    message = texted(db)
    escalation_id = escalate(db, Level.EMERGENCY, message)

    with db.transaction() as session:
        ending = casework.Outcome("song lyrics", OutcomeKind.FALSE_ALARM)
        assert casework.resolve(session, escalation_id, "Ana", ending, LATER, level=Level.CONCERN)

    assert feedback_rows(db) == [
        ("false-alarm", message[1], "emergency", "concern", "Ana", escalation_id)
    ]


def test_resolving_with_any_other_kind_writes_no_feedback(db: Database) -> None:
    escalation_id = escalate(db, Level.CRISIS, texted(db))

    with db.transaction() as session:
        ending = casework.Outcome("linked", OutcomeKind.LINKED_TO_CARE)
        assert casework.resolve(session, escalation_id, "Ana", ending, LATER)

    assert feedback_rows(db) == []


def test_resolving_is_audited_with_the_kind_and_never_the_note(db: Database) -> None:
    participant_id, message_id = texted(db)
    escalation_id = escalate(db, Level.CRISIS, (participant_id, message_id))
    claimed(db, escalation_id, "Ana")

    with db.transaction() as session:
        note = casework.Outcome("called her mum at 555-0100", OutcomeKind.SUPPORTED)
        casework.resolve(session, escalation_id, "Sam", note, LATER, supervisor=True)

    resolved = audit_rows(db)[-1]
    assert resolved == (
        "peer:Sam",
        "resolved",
        participant_id,
        {"escalation_id": escalation_id, "kind": "supported", "claimed_by": "Ana"},
    )
    assert "555-0100" not in repr(audit_rows(db))


# --- Taking over and handing back ---------------------------------------------------------------


def test_a_supervisor_takes_a_conversation_from_the_peer_who_has_it(db: Database) -> None:
    participant_id, _ = texted(db)
    taken_over(db, participant_id, "Ana")

    with db.transaction() as session:
        by_peer = casework.take_over(session, participant_id, "Ben", LATER)
        by_supervisor = casework.take_over(session, participant_id, "Sam", LATER, supervisor=True)

    assert (by_peer, by_supervisor) == (False, True)
    assert person(db, participant_id).taken_over_by == "Sam"
    assert audit_rows(db)[-1] == ("peer:Sam", "took-over", participant_id, {"taken_from": "Ana"})


def test_a_hand_back_remembers_who_was_with_the_person(db: Database) -> None:
    participant_id, _ = texted(db)
    taken_over(db, participant_id, "Ana")

    with db.transaction() as session:
        assert casework.hand_back(session, participant_id, "Ana", LATER)

    row = person(db, participant_id)
    assert (row.taken_over_by, row.handed_back_by, row.handed_back_at) == (None, "Ana", LATER)


def test_a_supervisor_hands_back_a_peers_conversation_in_that_peers_name(db: Database) -> None:
    participant_id, _ = texted(db)
    taken_over(db, participant_id, "Ana")

    with db.transaction() as session:
        by_peer = casework.hand_back(session, participant_id, "Ben", LATER)
        by_supervisor = casework.hand_back(session, participant_id, "Sam", LATER, supervisor=True)
        nobody_has_it = casework.hand_back(session, participant_id, "Sam", LATER, supervisor=True)

    assert (by_peer, by_supervisor, nobody_has_it) == (False, True, False)
    assert person(db, participant_id).handed_back_by == "Ana"  # whom the person talked with
    assert audit_rows(db)[-1] == ("peer:Sam", "handed-back", participant_id, {"held_by": "Ana"})


def test_a_takeover_forgets_the_last_hand_back(db: Database) -> None:
    participant_id, _ = texted(db)
    taken_over(db, participant_id, "Ana")
    with db.transaction() as session:
        casework.hand_back(session, participant_id, "Ana", LATER)

    taken_over(db, participant_id, "Ben")

    row = person(db, participant_id)
    assert (row.taken_over_by, row.handed_back_by, row.handed_back_at) == ("Ben", None, None)


# --- Reassigning --------------------------------------------------------------------------------


def test_reassigning_moves_the_case_and_its_takeover_and_pages_the_new_holder(
    db: Database,
) -> None:
    participant_id, message_id = texted(db)
    escalation_id = escalate(db, Level.CRISIS, (participant_id, message_id))
    claimed(db, escalation_id, "Ana")
    taken_over(db, participant_id, "Ana")
    before = len(alerts(db))

    with db.transaction() as session:
        assert casework.assign(session, POLICY, escalation_id, "Ben", "Sam", LATER)

    row = case(db, escalation_id)
    assert (row.status, row.claimed_by, row.claimed_at) == ("claimed", "Ben", LATER)
    assert person(db, participant_id).taken_over_by == "Ben"
    assert alerts(db)[before:] == [("Ben", "tel:+15550000003", "assigned")]
    assert audit_rows(db)[-1] == (
        "peer:Sam",
        "assigned",
        participant_id,
        {"escalation_id": escalation_id, "to": "Ben", "taken_from": "Ana"},
    )


def test_reassigning_an_unclaimed_case_claims_it_for_the_peer(db: Database) -> None:
    escalation_id = escalate(db, Level.CONCERN, texted(db))

    with db.transaction() as session:
        assert casework.assign(session, POLICY, escalation_id, "Ana", "Sam", LATER)

    assert (case(db, escalation_id).status, case(db, escalation_id).claimed_by) == (
        "claimed",
        "Ana",
    )


def test_a_conversation_someone_else_has_does_not_move_with_the_case(db: Database) -> None:
    participant_id, message_id = texted(db)
    escalation_id = escalate(db, Level.CRISIS, (participant_id, message_id))
    claimed(db, escalation_id, "Ana")
    taken_over(db, participant_id, "Sam")

    with db.transaction() as session:
        assert casework.assign(session, POLICY, escalation_id, "Ben", "Sam", LATER)

    assert person(db, participant_id).taken_over_by == "Sam"


def test_a_resolved_case_is_not_reassigned(db: Database) -> None:
    escalation_id = escalate(db, Level.CRISIS, texted(db))
    with db.transaction() as session:
        casework.resolve(session, escalation_id, "Ana", "done", T0)
    before = len(alerts(db))

    with db.transaction() as session:
        assigned = casework.assign(session, POLICY, escalation_id, "Ben", "Sam", LATER)

    assert (assigned, len(alerts(db)), case(db, escalation_id).claimed_by) == (
        False,
        before,
        "Ana",
    )


# --- Missed risk --------------------------------------------------------------------------------


def stored(db: Database, message_id: int) -> Message:
    with db.transaction() as session:
        return session.get_one(Message, message_id)


def rated(db: Database, message_id: int, level: str | None) -> None:
    with db.transaction() as session:
        session.get_one(Message, message_id).risk_level = level


def test_a_missed_risk_needs_a_higher_level_than_the_screener_gave(db: Database) -> None:
    participant_id, message_id = texted(db)
    rated(db, message_id, "concern")
    message = stored(db, message_id)

    with db.transaction() as session:
        steps = [
            casework.missed_risk(session, message, level, "Ana", LATER)
            for level in (Level.NONE, Level.CONCERN, Level.CRISIS)
        ]

    assert steps == [False, False, True]
    assert feedback_rows(db) == [("missed-risk", message_id, "concern", "crisis", "Ana", None)]
    assert audit_rows(db)[-1] == (
        "peer:Ana",
        "marked-missed-risk",
        participant_id,
        {"message_id": message_id, "screened_level": "concern", "level": "crisis"},
    )
    assert SECRET_TEXT not in repr(audit_rows(db))


def test_an_unrated_message_counts_as_rated_none(db: Database) -> None:
    _, message_id = texted(db)
    rated(db, message_id, None)

    with db.transaction() as session:
        marked = casework.missed_risk(session, stored(db, message_id), Level.CONCERN, "Ana", T0)

    assert marked
    assert feedback_rows(db)[0][2:4] == (None, "concern")


def test_a_missed_risk_is_only_for_the_persons_own_messages(db: Database) -> None:
    _, message_id = texted(db)
    with db.transaction() as session:
        session.get_one(Message, message_id).direction = Direction.OUTBOUND

    with db.transaction() as session:
        marked = casework.missed_risk(session, stored(db, message_id), Level.CRISIS, "Ana", T0)

    assert (marked, feedback_rows(db)) == (False, [])
