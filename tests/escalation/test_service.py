"""The escalation state machine on the real database: records, alerts, re-alerts, and claims
that exactly one peer wins."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from pydantic import SecretStr
from sqlalchemy import select

from core.settings import RosterPeer
from escalation import casework, service
from escalation.levels import Level, Screening
from escalation.policy import ResponseTargets
from escalation.service import EscalationPolicy
from store import messages
from store.db import Database
from store.escalation_models import Escalation, PeerAlert

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
POLICY = EscalationPolicy(
    roster=[
        RosterPeer(name="Ana", token=SecretStr("a" * 20), phone="+15550000001", telegram_chat_id=7),
        RosterPeer(name="Ben", token=SecretStr("b" * 20), phone="+15550000003"),
        RosterPeer(name="Sam", token=SecretStr("s" * 20), supervisor=True, phone="+15550000002"),
    ],
    targets=ResponseTargets(timedelta(minutes=5), timedelta(minutes=15), timedelta(days=1)),
    base_url="https://warmline.example",
    alerts_before_supervisor=2,
)
SECRET_TEXT = "i took all my pills"


def texted(db: Database, text: str = SECRET_TEXT, message_id: str = "m1") -> tuple[int, int]:
    with db.transaction() as session:
        stored = messages.store_inbound(
            session, address="tel:+15557654321", channel_message_id=message_id, text=text, now=T0
        )
        return stored.message.participant_id, stored.message.id


def escalate(db: Database, level: Level, message: tuple[int, int], at: datetime = T0) -> int:
    with db.transaction() as session:
        screening = Screening(level, (f"{level.label}:test",))
        return service.escalate(session, POLICY, message[0], message[1], screening, at).id


def alerts(db: Database) -> list[tuple[str, str, str]]:
    with db.transaction() as session:
        rows = session.scalars(select(PeerAlert).order_by(PeerAlert.id))
        return [(a.recipient, a.address, a.kind) for a in rows]


def test_a_crisis_alerts_every_peer_on_every_channel_they_have(db: Database) -> None:
    escalate(db, Level.CRISIS, texted(db))

    assert alerts(db) == [
        ("Ana", "telegram:7", "alert"),
        ("Ana", "tel:+15550000001", "alert"),
        ("Ben", "tel:+15550000003", "alert"),
    ]


def test_a_concern_goes_to_one_channel_per_peer(db: Database) -> None:
    escalate(db, Level.CONCERN, texted(db))

    assert alerts(db) == [("Ana", "telegram:7", "alert"), ("Ben", "tel:+15550000003", "alert")]


def test_alerts_give_level_and_link_never_the_message_or_the_number(db: Database) -> None:
    escalation_id = escalate(db, Level.EMERGENCY, texted(db))

    with db.transaction() as session:
        texts = {a.text for a in session.scalars(select(PeerAlert))}
    assert texts == {
        f"Warmline: new EMERGENCY escalation #{escalation_id}. Respond now: "
        f"https://warmline.example/console/escalations/{escalation_id}"
    }


def test_a_second_message_at_the_same_level_does_not_alert_again(db: Database) -> None:
    first = escalate(db, Level.CRISIS, texted(db))
    again = escalate(db, Level.CRISIS, texted(db, "still here", "m2"))

    assert (again, len(alerts(db))) == (first, 3)


def test_a_higher_level_raises_the_open_escalation_and_alerts_again(db: Database) -> None:
    first = escalate(db, Level.CONCERN, texted(db))
    raised = escalate(db, Level.EMERGENCY, texted(db, "i took 30 xans", "m2"))

    with db.transaction() as session:
        row = session.get(Escalation, first)
        assert row is not None
        assert (raised, row.level, row.respond_by) == (
            first,
            "emergency",
            T0 + timedelta(minutes=5),
        )
    assert len(alerts(db)) == 2 + 3


def remind(db: Database, at: datetime) -> int:
    with db.transaction() as session:
        return service.remind_overdue(session, POLICY, at)


def test_unclaimed_escalation_is_re_alerted_then_a_supervisor_is_told(db: Database) -> None:
    escalate(db, Level.CRISIS, texted(db))

    assert remind(db, T0 + timedelta(minutes=14)) == 0
    assert remind(db, T0 + timedelta(minutes=15)) == 1
    assert remind(db, T0 + timedelta(minutes=30)) == 1

    kinds = [kind for _, _, kind in alerts(db)]
    assert kinds == ["alert"] * 3 + ["reminder"] * 3 + ["supervisor"] + ["reminder"] * 3
    assert ("Sam", "tel:+15550000002", "supervisor") in alerts(db)


def test_a_claimed_escalation_is_not_re_alerted(db: Database) -> None:
    escalation_id = escalate(db, Level.CRISIS, texted(db))
    with db.transaction() as session:
        assert casework.claim(session, escalation_id, "Ana", T0 + timedelta(minutes=1))

    assert remind(db, T0 + timedelta(hours=2)) == 0


def test_two_peers_claiming_at_once_exactly_one_wins(db: Database) -> None:
    escalation_id = escalate(db, Level.EMERGENCY, texted(db))
    barrier = threading.Barrier(2)
    results: dict[str, bool] = {}

    def claim_as(peer: str) -> None:
        with db.transaction() as session:
            barrier.wait(timeout=10)
            results[peer] = casework.claim(session, escalation_id, peer, T0)

    threads = [threading.Thread(target=claim_as, args=(peer,)) for peer in ("Ana", "Ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == [False, True]
    with db.transaction() as session:
        row = session.get(Escalation, escalation_id)
        assert row is not None
        assert (row.status, row.claimed_by) == ("claimed", next(p for p, w in results.items() if w))


def test_only_the_claiming_peer_resolves_and_only_once(db: Database) -> None:
    escalation_id = escalate(db, Level.CRISIS, texted(db))
    with db.transaction() as session:
        casework.claim(session, escalation_id, "Ana", T0)

    with db.transaction() as session:
        by_other = casework.resolve(session, escalation_id, "Ben", "called them", T0)
        by_claimer = casework.resolve(session, escalation_id, "Ana", "safe, linked to care", T0)
        twice = casework.resolve(session, escalation_id, "Ana", "again", T0)

    assert (by_other, by_claimer, twice) == (False, True, False)


def test_take_over_is_one_peer_at_a_time_and_only_they_hand_back(db: Database) -> None:
    participant_id, _ = texted(db)

    with db.transaction() as session:
        steps = [
            casework.take_over(session, participant_id, "Ana", T0),
            casework.take_over(session, participant_id, "Ben", T0),
            casework.hand_back(session, participant_id, "Ben", T0),
            casework.hand_back(session, participant_id, "Ana", T0),
            casework.take_over(session, participant_id, "Ben", T0),
        ]

    assert steps == [True, False, False, True, True]


def test_an_opt_out_on_a_claimed_case_alerts_only_the_peer_who_has_it(db: Database) -> None:
    message = texted(db)
    escalation_id = escalate(db, Level.CRISIS, message)
    with db.transaction() as session:
        assert casework.claim(session, escalation_id, "Ben", T0)
    before = len(alerts(db))

    with db.transaction() as session:
        service.person_opted_out(session, POLICY, message[0], T0)

    assert alerts(db)[before:] == [("Ben", "tel:+15550000003", "opted-out")]


def test_an_escalation_is_opened_at_the_time_of_the_message_it_answers(db: Database) -> None:
    # The queue's waiting time and the reports' time to claim count from here, so it is the
    # gateway's clock, not whenever the row happened to be written.
    later = T0 + timedelta(hours=3)

    escalation_id = escalate(db, Level.CRISIS, texted(db), at=later)

    with db.transaction() as session:
        assert session.get_one(Escalation, escalation_id).created_at == later
