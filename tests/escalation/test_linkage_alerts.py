"""An open linkage task past its target with no outcome alerts its assigned peer, or the peers
on call when it has none, once: through the peer-alert path, saying nothing about the person."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.settings import RosterPeer
from escalation import linkage_alerts
from escalation.service import EscalationPolicy
from store import linkage
from store.db import Database
from store.escalation_models import AlertKind, PeerAlert
from store.linkage_models import LinkageOutcome
from tests.escalation.test_service import POLICY
from tests.store.test_linkage import CHECKED_UP, TARGET, enrolled, weekly_use_check_up

OVERDUE = CHECKED_UP + TARGET + timedelta(minutes=1)
ROSTER_POLICY = EscalationPolicy(
    roster=[
        *POLICY.roster,
        RosterPeer(name="alex", token=SecretStr("x" * 20), phone="+15550000009"),
    ],
    targets=POLICY.targets,
    base_url=POLICY.base_url,
    alerts_before_supervisor=POLICY.alerts_before_supervisor,
)


def accepted_task(db: Database, peer: str | None = "alex", external_id: str = "P-1") -> int:
    pid = enrolled(db, peer=peer, external_id=external_id)
    with db.transaction() as session:
        return linkage.accept(session, pid, CHECKED_UP, TARGET).id


def run_pass(db: Database, at: datetime = OVERDUE) -> int:
    with db.transaction() as session:
        return linkage_alerts.alert_overdue(session, ROSTER_POLICY, at)


def alerts(db: Database) -> list[tuple[int | None, str, str, str]]:
    with db.transaction() as session:
        rows = session.scalars(select(PeerAlert).order_by(PeerAlert.id))
        return [(a.linkage_task_id, a.recipient, a.address, a.kind) for a in rows]


def test_an_overdue_task_alerts_its_assigned_peer_once(db: Database) -> None:
    task = accepted_task(db)

    assert run_pass(db) == 1
    assert run_pass(db, OVERDUE + timedelta(days=3)) == 0
    assert alerts(db) == [(task, "alex", "tel:+15550000009", AlertKind.LINKAGE_OVERDUE)]


def test_a_task_within_its_target_alerts_nobody(db: Database) -> None:
    accepted_task(db)

    assert run_pass(db, CHECKED_UP + TARGET - timedelta(minutes=1)) == 0
    assert alerts(db) == []


def test_an_unassigned_task_alerts_the_peers_on_call_not_the_supervisor(db: Database) -> None:
    task = accepted_task(db, peer=None)

    run_pass(db)

    assert [(r, a) for _, r, a, _ in alerts(db)] == [
        ("Ana", "telegram:7"),
        ("Ben", "tel:+15550000003"),
        ("alex", "tel:+15550000009"),
    ]
    assert {t for t, *_ in alerts(db)} == {task}


def test_a_task_with_an_outcome_or_only_offered_alerts_nobody(db: Database) -> None:
    task = accepted_task(db)
    # Need found for another; they have not said yes to a peer, so nobody is to reach out.
    weekly_use_check_up(db, enrolled(db, peer="alex", external_id="P-2"))
    with db.transaction() as session:
        linkage.close(session, task, LinkageOutcome.APPOINTMENT, "alex", CHECKED_UP)

    assert run_pass(db) == 0
    assert alerts(db) == []


def test_the_alert_names_nobody_and_says_nothing_of_their_health(db: Database) -> None:
    task = accepted_task(db)

    run_pass(db)

    with db.transaction() as session:
        text = session.scalars(select(PeerAlert.text)).one()
    assert text == (
        f"Warmline: linkage task #{task} is past its target. "
        "Review: https://warmline.example/console/linkage"
    )


def test_two_passes_at_once_alert_a_task_once(db: Database) -> None:
    tasks = [accepted_task(db, external_id=f"P-{n}") for n in range(5)]
    start = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def one_pass() -> None:
        start.wait()
        try:
            counts.append(run_pass(db))
        except Exception as error:
            errors.append(error)

    workers = [threading.Thread(target=one_pass) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)

    assert errors == []
    assert sum(counts) == len(tasks)
    assert sorted(t or 0 for t, *_ in alerts(db)) == tasks


def test_a_pass_behind_one_still_open_finds_its_tasks_taken(db: Database) -> None:
    """The first pass has claimed the task and not committed; the second waits on it (a row
    lock on PostgreSQL, the write lock on SQLite) and then alerts nothing."""
    task = accepted_task(db)
    second: list[int] = []
    with db.transaction() as session:
        assert linkage_alerts.alert_overdue(session, ROSTER_POLICY, OVERDUE) == 1
        behind = threading.Thread(target=lambda: second.append(run_pass(db)))
        behind.start()
        behind.join(0.5)
        assert second == []  # still waiting
    behind.join(30)

    assert second == [0]
    assert [t for t, *_ in alerts(db)] == [task]


def test_the_schema_refuses_a_second_alert_to_one_peer_about_one_task(db: Database) -> None:
    task = accepted_task(db)
    run_pass(db)

    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(PeerAlert(linkage_task_id=task, recipient="alex", address="tel:+15550000009",
                              kind=AlertKind.LINKAGE_OVERDUE, text="again"))  # fmt: skip


def test_the_schema_refuses_an_alert_about_nothing(db: Database) -> None:
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(PeerAlert(recipient="alex", address="tel:+15550000009",
                              kind=AlertKind.LINKAGE_OVERDUE, text="about nothing"))  # fmt: skip
