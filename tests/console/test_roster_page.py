"""The on-call roster page: an admin or a supervisor edits who is on call and in what order;
alerts, reassignment and the supervisor's "on call now" follow the edited roster, not the
setting; every edit needs the form's CSRF token and is an audit row; a wrong one says why and
changes nothing."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from store.db import Database
from store.escalation_models import PeerAlert
from store.models import AuditEntry
from tests.console.peers import open_escalation
from tests.console.staff import Account, csrf_of, sign_in


def on_call(html: str) -> list[str]:
    return re.findall(r'<tr data-name="([^"]+)">', html)


def edit(client: TestClient, action: str, **form: str) -> tuple[int, str]:
    page = client.get("/console/roster")
    done = client.post(f"/console/roster/{action}", data={"csrf": csrf_of(page.text), **form})
    return done.status_code, done.text


def roster_actions(db: Database) -> list[tuple[str, str]]:
    with db.transaction() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.action.like("roster-%")).order_by(AuditEntry.id)
        )
        return [(row.actor, row.action) for row in rows]


@pytest.mark.parametrize("editor", ["Sam", "Ada"])
def test_a_supervisor_or_an_admin_sees_the_roster_seeded_from_the_setting(
    client: TestClient, accounts: dict[str, Account], editor: str
) -> None:
    sign_in(client, accounts[editor])

    page = client.get("/console/roster")

    assert page.status_code == 200
    assert on_call(page.text) == ["Ana", "Ben", "Sam"]
    assert "simulator (ana)" in page.text


def test_edits_change_the_order_and_each_is_an_audit_row(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Sam"])

    steps = [
        edit(client, "add", name="Cal", phone="+15551230009")[0],
        edit(client, "move", name="Cal", direction="up")[0],
        edit(client, "remove", name="Ana")[0],
    ]

    assert steps == [200, 200, 200]  # each a 303 back to the page
    assert on_call(client.get("/console/roster").text) == ["Ben", "Cal", "Sam"]
    assert roster_actions(db) == [
        ("roster-seed", "roster-seeded"),
        ("peer:Sam", "roster-added"),
        ("peer:Sam", "roster-moved"),
        ("peer:Sam", "roster-removed"),
    ]


def test_alerts_and_on_call_now_follow_the_edited_roster_not_the_setting(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Sam"])
    edit(client, "add", name="Cal", sim="cal")
    edit(client, "remove", name="Ana")

    escalation_id, _ = open_escalation(client, db)

    with db.transaction() as session:
        told = session.scalars(
            select(PeerAlert.recipient).where(PeerAlert.escalation_id == escalation_id)
        )
        assert sorted(told) == ["Ben", "Cal"]
    supervision = client.get("/console/supervisor").text
    assert re.findall(r"<li><strong>(\w+)</strong>", supervision) == ["Ben", "Sam", "Cal"]


@pytest.mark.parametrize(
    ("action", "form", "status", "why"),
    [
        ("add", {"name": "Cal", "phone": "555-0142"}, 422, "country code"),
        ("add", {"name": "Cal", "telegram": "abc"}, 422, "chat id is a number"),
        ("add", {"name": "Cal"}, 409, "needs an address"),
        ("add", {"name": "Ben", "sim": "ben2"}, 409, "already on the roster"),
        ("remove", {"name": "Zed"}, 409, "not on the roster"),
    ],
)
def test_a_wrong_edit_says_why_and_changes_nothing(
    client: TestClient,
    accounts: dict[str, Account],
    action: str,
    form: dict[str, str],
    status: int,
    why: str,
) -> None:
    sign_in(client, accounts["Sam"])

    code, html = edit(client, action, **form)

    assert (code, why in html) == (status, True)
    assert on_call(client.get("/console/roster").text) == ["Ana", "Ben", "Sam"]


def test_the_last_peer_on_call_cannot_be_taken_off(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ada"])
    edit(client, "remove", name="Ana")

    code, html = edit(client, "remove", name="Ben")

    assert (code, "at least one peer" in html) == (409, True)
    assert on_call(client.get("/console/roster").text) == ["Ben", "Sam"]


@pytest.mark.parametrize("who", ["Ana", "Pat"])
def test_a_peer_or_program_staff_cannot_open_or_edit_the_roster(
    client: TestClient, accounts: dict[str, Account], who: str
) -> None:
    sign_in(client, accounts[who])
    csrf = csrf_of(client.get("/console/").text)

    seen = client.get("/console/roster").status_code
    removed = client.post("/console/roster/remove", data={"csrf": csrf, "name": "Ana"})

    assert (seen, removed.status_code) == (403, 403)


def test_an_edit_without_the_forms_token_is_refused(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Sam"])
    client.get("/console/roster")

    refused = client.post("/console/roster/remove", data={"csrf": "forged", "name": "Ana"})

    assert refused.status_code == 403
    assert on_call(client.get("/console/roster").text) == ["Ana", "Ben", "Sam"]
