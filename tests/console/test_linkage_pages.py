"""The linkage tasks page: open tasks, the nearest target first, who each is for and why in
plain words, overdue marked; the assigned peer (any peer for an unassigned one) or a supervisor
records the outcome, once; program staff see the list and change nothing; the queue links to it
as a filter; every view and outcome is an audit row."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from core.clock import utcnow
from escalation import linkage_alerts
from store.db import Database
from store.linkage_models import LinkageStatus, LinkageTask
from store.models import AuditEntry
from tests.console.linkage_tasks import add_task
from tests.console.staff import Account, csrf_of, sign_in
from tests.escalation.test_service import POLICY


def people_in_order(html: str) -> list[str]:
    return re.findall(r'<td class="person"><a href="/console/participants/\d+">([^<]+)</a>', html)


def record(client: TestClient, task_id: int, outcome: str, csrf: str | None = None) -> int:
    token = csrf or csrf_of(client.get("/console/linkage").text)
    answer = client.post(
        f"/console/linkage/{task_id}/outcome",
        data={"csrf": token, "outcome": outcome},
        follow_redirects=False,
    )
    status: int = answer.status_code
    return status


def task(db: Database, task_id: int) -> LinkageTask:
    with db.transaction() as session:
        found = session.get(LinkageTask, task_id)
        assert found is not None
        session.expunge(found)
        return found


def test_a_peer_sees_open_tasks_nearest_target_first_with_why_in_plain_words(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    add_task(db, "Morgan", "Ana", 30)
    add_task(db, "Quinn", "Ben", -5, reasons=("wants_help", "cravings"))
    add_task(db, "Reese", None, 10, reasons=("asked_for_peer",))
    add_task(db, "Offered", "Ana", 10, status=LinkageStatus.OFFERED)
    add_task(db, "Closed", "Ana", 10, status=LinkageStatus.CLOSED)
    sign_in(client, accounts["Ana"])

    page = client.get("/console/linkage")

    assert page.status_code == 200
    assert people_in_order(page.text) == ["Quinn", "Reese", "Morgan"]
    assert "said they want help, strong cravings" in page.text
    assert "using weekly or more since the last check-up" in page.text
    assert "asked for a peer" in page.text
    assert page.text.count('class="overdue"') == 1
    assert "Ben's to record" in page.text  # Quinn is Ben's: no form for Ana
    assert page.text.count('name="outcome"') == 2
    with db.transaction() as session:
        viewed = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "viewed-linkage-tasks")
        ).all()
    assert [entry.actor for entry in viewed] == ["peer:Ana"]


def test_the_queue_offers_linkage_tasks_as_a_filter(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ben"])

    queue = client.get("/console/")

    assert '<a href="/console/linkage">Linkage tasks</a>' in queue.text


def test_the_assigned_peer_records_an_outcome_once(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    mine = add_task(db, "Morgan", "Ana", 30)
    sign_in(client, accounts["Ana"])

    first = record(client, mine, "appointment_made")
    second = record(client, mine, "declined")

    assert first == 303
    assert second == 409
    closed = task(db, mine)
    assert (closed.status, closed.outcome, closed.closed_by) == (
        "closed", "appointment_made", "peer:Ana",
    )  # fmt: skip
    page = client.get(f"/console/linkage?closed={mine}")
    assert "Outcome recorded" in page.text
    assert people_in_order(page.text) == []


def test_a_peer_closes_an_unassigned_task_but_not_another_peers(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    unassigned = add_task(db, "Reese", None, 10)
    bens = add_task(db, "Quinn", "Ben", 10)
    sign_in(client, accounts["Ana"])

    assert record(client, unassigned, "unreachable") == 303
    assert record(client, bens, "linked_to_treatment") == 403
    assert task(db, bens).status == LinkageStatus.OPEN


def test_a_supervisor_records_the_outcome_of_any_task(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    bens = add_task(db, "Quinn", "Ben", -1)
    sign_in(client, accounts["Sam"])

    assert record(client, bens, "linked_to_treatment") == 303
    assert task(db, bens).outcome == "linked_to_treatment"
    with db.transaction() as session:
        closed = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "linkage_closed")
        ).one()
    assert (closed.actor, closed.detail) == ("peer:Sam", {"outcome": "linked_to_treatment"})


def test_program_staff_see_the_tasks_and_change_nothing(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    tasks = add_task(db, "Morgan", "Ana", 30)
    sign_in(client, accounts["Pat"])

    page = client.get("/console/linkage")

    assert page.status_code == 200
    assert people_in_order(page.text) == ["Morgan"]
    assert 'name="outcome"' not in page.text
    assert record(client, tasks, "declined", csrf_of(page.text)) == 403
    assert task(db, tasks).status == LinkageStatus.OPEN


def test_an_admin_is_not_shown_linkage_tasks(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ada"])

    assert client.get("/console/linkage").status_code == 403


@pytest.mark.parametrize(
    ("task_id", "outcome", "csrf", "status"),
    [
        (None, "declined", "forged", 403),
        (None, "cured", None, 422),
        (None, "", None, 422),
        (987654, "declined", None, 404),
        (2**40, "declined", None, 422),
    ],
)
def test_bad_outcome_posts_are_refused_and_change_nothing(
    client: TestClient,
    db: Database,
    accounts: dict[str, Account],
    task_id: int | None,
    outcome: str,
    csrf: str | None,
    status: int,
) -> None:
    mine = add_task(db, "Morgan", "Ana", 30)
    sign_in(client, accounts["Ana"])

    assert record(client, task_id or mine, outcome, csrf) == status
    assert task(db, mine).status == LinkageStatus.OPEN


def test_an_offered_task_has_no_outcome_yet(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    offered = add_task(db, "Morgan", "Ana", 30, status=LinkageStatus.OFFERED)
    sign_in(client, accounts["Ana"])

    assert record(client, offered, "declined") == 404
    assert task(db, offered).status == LinkageStatus.OFFERED


def test_an_overdue_task_whose_peer_was_alerted_says_so_and_one_on_time_does_not(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    add_task(db, "Morgan", "Ana", 30)
    add_task(db, "Quinn", None, -5)
    with db.transaction() as session:
        assert linkage_alerts.alert_overdue(session, POLICY, utcnow()) == 1
    sign_in(client, accounts["Ana"])

    html = client.get("/console/linkage").text

    assert html.count('class="muted alerted"') == 1
    assert "peers on call alerted" in html
