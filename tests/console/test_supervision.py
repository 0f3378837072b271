"""The supervisor's page: every open case, who holds it and since when, overdue first; who is
on call and has the console open; a supervisor takes over any case from it; only a supervisor
opens it, and each view is an audit row."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select

from core.clock import utcnow
from store.db import Database
from store.escalation_models import AlertKind, Escalation, PeerAlert
from store.models import AuditEntry, Participant
from tests.console.staff import Account, csrf_of, sign_in


def add_case(
    db: Database,
    name: str,
    level: str,
    minutes_left: float,
    claimed_by: str = "",
    alerts: int = 1,
    repaged: int = 0,
) -> int:
    """A case; `repaged` reminder rounds (each to two peers) went out an hour apart, the first
    three hours ago; `alerts` counts every round, re-pages and higher-level pages alike."""
    now = utcnow()
    with db.transaction() as session:
        person = Participant(display_name=name)
        session.add(person)
        session.flush()
        case = Escalation(
            participant_id=person.id, level=level, reasons=["test"], created_at=now,
            respond_by=now + timedelta(minutes=minutes_left), status="open", alerts_sent=alerts,
        )  # fmt: skip
        if claimed_by:
            case.status, case.claimed_by, case.claimed_at = "claimed", claimed_by, now
        session.add(case)
        session.flush()
        session.add_all(
            PeerAlert(escalation_id=case.id, recipient=peer, address=f"sim:{peer}",
                      kind=AlertKind.REMINDER, text="x", created_at=now - timedelta(hours=3 - i))
            for i in range(repaged) for peer in ("Ana", "Ben")
        )  # fmt: skip
        return case.id


def people_in_order(html: str) -> list[str]:
    return re.findall(r'<td class="person"><a href="/console/escalations/\d+">([^<]+)</a>', html)


def test_a_supervisor_sees_every_open_case_overdue_first_and_who_holds_each(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    add_case(db, "Casey", "crisis", 10, claimed_by="Ana")
    add_case(db, "Drew", "emergency", 4)
    add_case(db, "Emery", "concern", -30)
    add_case(db, "Frankie", "concern", 600, alerts=3, repaged=2)  # its target was reset
    sign_in(client, accounts["Sam"])

    page = client.get("/console/supervisor")

    assert page.status_code == 200
    assert people_in_order(page.text) == ["Emery", "Frankie", "Drew", "Casey"]
    assert page.text.count("<strong>nobody</strong>") == 3
    assert "re-paged 2 times" in page.text
    assert "<td>Ana</td>" in page.text  # Casey is held by Ana


def response_cell(html: str, case_id: int) -> str:
    row = html.split(f'<tr data-escalation="{case_id}">')[1].split("</tr>")[0]
    cell = re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)[2]  # Level, Person, Response
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell))


def test_a_re_paged_case_says_overdue_and_for_how_long_never_respond_within(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    repaged = add_case(db, "Frankie", "crisis", 24 * 60 - 1, alerts=3, repaged=2)
    sign_in(client, accounts["Sam"])

    cell = response_cell(client.get("/console/supervisor").text, repaged)

    assert cell.strip() == (
        "overdue overdue for 3 h 0 min; re-paged 2 times, the next in 23 h 58 min"
    )


def test_a_case_paged_again_at_a_higher_level_is_on_time_not_re_paged(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    raised = add_case(db, "Gale", "crisis", 20, alerts=2)  # first page, then a raised one
    sign_in(client, accounts["Sam"])

    cell = response_cell(client.get("/console/supervisor").text, raised)

    assert cell.strip() == "on time respond within 19 min"


def test_the_supervisor_page_says_who_is_on_call_and_who_has_the_console_open(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Sam"])

    page = client.get("/console/supervisor")

    on_call = re.findall(
        r"<li><strong>(\w+)</strong> <span class=\"muted\">([^<]+)</span>", page.text
    )
    assert on_call == [
        ("Ana", "peer · not signed in"),
        ("Ben", "peer · not signed in"),
        ("Sam", "supervisor · console open"),
    ]


def test_a_supervisor_takes_over_a_case_a_peer_holds(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    case = add_case(db, "Casey", "crisis", 10, claimed_by="Ana")
    sign_in(client, accounts["Sam"])
    page = client.get("/console/supervisor")

    done = client.post(f"/console/escalations/{case}/takeover", data={"csrf": csrf_of(page.text)})

    assert done.status_code == 200
    with db.transaction() as session:
        assert session.scalar(select(Participant.taken_over_by)) == "Sam"


def test_only_a_supervisor_opens_the_supervisor_page(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    statuses = []
    for name in ("Ana", "Pat", "Ada"):
        client.cookies.clear()
        sign_in(client, accounts[name])
        statuses.append(client.get("/console/supervisor").status_code)

    assert statuses == [403, 403, 403]


def test_each_view_of_the_supervisor_page_is_an_audit_row(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Sam"])

    client.get("/console/supervisor")

    with db.transaction() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "viewed-supervision"))
        assert [(r.actor, r.client) for r in rows] == [("peer:Sam", "testclient")]
