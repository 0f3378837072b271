"""The peer loop: one escalation per episode, raised and re-paged; the person's new messages
reach whoever has the case, at most once a minute; an emergency in a takeover pages at once;
a provider's opt-out mid-case tells the peer."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from escalation import casework, service
from escalation.levels import Level, Screening
from store import participants
from store.db import Database
from store.episodes import SUPERSEDED
from store.escalation_models import Escalation, PeerAlert
from tests.escalation.test_service import POLICY, T0, alerts, escalate, texted


def alert_rows(db: Database) -> list[tuple[str, str, str, str | None]]:
    with db.transaction() as session:
        rows = session.scalars(select(PeerAlert).order_by(PeerAlert.id))
        return [(a.recipient, a.kind, a.status, a.last_error) for a in rows]


def arrived(db: Database, participant_id: int, at: datetime) -> None:
    with db.transaction() as session:
        service.message_arrived(session, POLICY, participant_id, at)


def test_a_raise_pages_again_at_the_new_level_and_drops_the_unsent_lower_page(
    db: Database,
) -> None:
    first = escalate(db, Level.CONCERN, texted(db))
    escalate(db, Level.CRISIS, texted(db, "i want to die", "m2"))

    rows = alert_rows(db)
    assert [r[:3] for r in rows] == [
        ("Ana", "alert", "failed"),
        ("Ben", "alert", "failed"),
        ("Ana", "raised", "pending"),
        ("Ana", "raised", "pending"),
        ("Ben", "raised", "pending"),
    ]
    assert {r[3] for r in rows[:2]} == {SUPERSEDED}
    with db.transaction() as session:
        text = session.scalars(select(PeerAlert.text).where(PeerAlert.kind == "raised")).first()
    assert text == (
        f"Warmline: escalation #{first} raised to CRISIS. Respond now: "
        f"https://warmline.example/console/escalations/{first}"
    )


def test_a_raise_adds_the_new_reasons_to_the_old(db: Database) -> None:
    first = escalate(db, Level.CONCERN, texted(db))
    with db.transaction() as session:
        screening = Screening(Level.EMERGENCY, ("overdose:took-pills", "concern:test"))
        service.escalate(session, POLICY, texted(db, "x", "m2")[0], 2, screening, T0)
        row = session.get(Escalation, first)
        assert row is not None
        assert row.reasons == ["concern:test", "overdose:took-pills"]


def test_a_raise_on_a_claimed_case_pages_only_the_peer_who_has_it(db: Database) -> None:
    escalation_id = escalate(db, Level.CRISIS, texted(db))
    with db.transaction() as session:
        casework.claim(session, escalation_id, "Ben", T0)
    escalate(db, Level.EMERGENCY, texted(db, "took them all", "m2"))

    assert [a for a in alerts(db) if a[2] == "raised"] == [("Ben", "tel:+15550000003", "raised")]


def test_new_messages_in_an_unclaimed_crisis_reach_every_peer_once_a_minute(
    db: Database,
) -> None:
    person, _ = texted(db)
    escalate(db, Level.CRISIS, (person, 1))
    for seconds in (5, 30, 59, 61, 100):
        arrived(db, person, T0 + timedelta(seconds=seconds))

    news = [(a[0], a[2]) for a in alerts(db) if a[2] == "new-message"]
    # At 5 s to every peer on every address; 30, 59 and 61 s are within a minute of it; 100 s
    # is not.
    assert news == [("Ana", "new-message"), ("Ana", "new-message"), ("Ben", "new-message")] * 2


def test_new_messages_in_a_claimed_case_reach_only_its_peer(db: Database) -> None:
    person, _ = texted(db)
    escalation_id = escalate(db, Level.CONCERN, (person, 1))
    with db.transaction() as session:
        casework.claim(session, escalation_id, "Ben", T0)
    arrived(db, person, T0 + timedelta(seconds=10))

    assert [a for a in alerts(db) if a[2] == "new-message"] == [
        ("Ben", "tel:+15550000003", "new-message")
    ]


def test_new_messages_in_an_unclaimed_concern_wait_in_the_review_queue(db: Database) -> None:
    person, _ = texted(db)
    escalate(db, Level.CONCERN, (person, 1))
    arrived(db, person, T0 + timedelta(seconds=10))

    assert [a for a in alerts(db) if a[2] == "new-message"] == []


def test_a_message_in_a_takeover_reaches_the_peer_even_after_the_case_is_resolved(
    db: Database,
) -> None:
    person, _ = texted(db)
    escalation_id = escalate(db, Level.CRISIS, (person, 1))
    with db.transaction() as session:
        casework.claim(session, escalation_id, "Ana", T0)
        casework.take_over(session, person, "Ana", T0)
        casework.resolve(session, escalation_id, "Ana", "safe", T0)
    arrived(db, person, T0 + timedelta(minutes=5))

    assert [a for a in alerts(db) if a[2] == "new-message"] == [
        ("Ana", "telegram:7", "new-message"),
        ("Ana", "tel:+15550000001", "new-message"),
    ]


def test_no_case_no_takeover_no_alert(db: Database) -> None:
    person, _ = texted(db)
    arrived(db, person, T0)

    assert alerts(db) == []


def test_an_emergency_in_a_takeover_pages_that_peer_and_the_supervisor(db: Database) -> None:
    person, _ = texted(db)
    escalate(db, Level.CRISIS, (person, 1))
    with db.transaction() as session:
        casework.take_over(session, person, "Ben", T0)
        service.emergency_in_takeover(session, POLICY, person, T0)

    assert [a for a in alerts(db) if a[2] == "emergency-now"] == [
        ("Ben", "tel:+15550000003", "emergency-now"),
        ("Sam", "tel:+15550000002", "emergency-now"),
    ]


def test_a_provider_opt_out_mid_case_is_recorded_and_tells_the_peers(db: Database) -> None:
    person, _ = texted(db)
    escalate(db, Level.CRISIS, (person, 1))
    with db.transaction() as session:
        service.address_opted_out(session, POLICY, "tel:+15557654321", T0, why="21610")
        service.address_opted_out(session, POLICY, "tel:+15557654321", T0, why="21610")
        opted_out = participants.participant_id_of(session, "tel:+15557654321")

    assert opted_out == person
    assert [a for a in alerts(db) if a[2] == "opted-out"] == [
        ("Ana", "telegram:7", "opted-out"),
        ("Ana", "tel:+15550000001", "opted-out"),
        ("Ben", "tel:+15550000003", "opted-out"),
    ]  # once: the second report is not news


def test_a_risky_message_reaches_the_peer_even_within_the_minute(db: Database) -> None:
    person, _ = texted(db)
    escalation_id = escalate(db, Level.CRISIS, (person, 1))
    with db.transaction() as session:
        casework.claim(session, escalation_id, "Ben", T0)
        service.message_arrived(session, POLICY, person, T0 + timedelta(seconds=5))
        service.message_arrived(session, POLICY, person, T0 + timedelta(seconds=20))
        service.message_arrived(session, POLICY, person, T0 + timedelta(seconds=30), risky=True)

    assert [a for a in alerts(db) if a[2] == "new-message"] == [
        ("Ben", "tel:+15550000003", "new-message")
    ] * 2  # the first, and the risky one; the one between was within the minute
