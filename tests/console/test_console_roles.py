"""Each role sees what it needs and no more; every view of a participant's data and every
action is an audit row that says who, what, when and from where, and an admin exports them."""

from __future__ import annotations

import csv
import html
import io
import re

import pyotp
from fastapi.testclient import TestClient
from sqlalchemy import select

from store.console_models import Role
from store.db import Database
from store.models import AuditEntry
from tests.console.peers import chat, open_escalation
from tests.console.staff import Account, csrf_of, sign_in

WORDS = "my private words"


def audit_rows(db: Database) -> list[tuple[str, str, int | None, str | None]]:
    with db.transaction() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        return [(r.actor, r.action, r.participant_id, r.client) for r in rows]


def test_a_peer_sees_the_conversation_and_the_view_is_audited_with_the_client_address(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    escalation_id, person = open_escalation(client, db)
    chat(client, WORDS)
    sign_in(client, accounts["Ana"])

    page = client.get(f"/console/escalations/{escalation_id}")

    assert page.status_code == 200
    assert WORDS in page.text
    assert ("peer:Ana", "viewed-conversation", person, "testclient") in audit_rows(db)


def test_program_staff_see_a_case_without_its_words_and_cannot_act_on_it(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    escalation_id, person = open_escalation(client, db)
    chat(client, WORDS)
    sign_in(client, accounts["Pat"])

    page = client.get(f"/console/escalations/{escalation_id}")
    claim = client.post(
        f"/console/escalations/{escalation_id}/claim", data={"csrf": csrf_of(page.text)}
    )
    fragment = client.get(f"/console/escalations/{escalation_id}/conversation")

    assert (page.status_code, claim.status_code, fragment.status_code) == (200, 403, 403)
    assert WORDS not in page.text
    assert ("peer:Pat", "viewed-escalation", person, "testclient") in audit_rows(db)


def test_a_peer_cannot_open_the_audit_log(client: TestClient, accounts: dict[str, Account]) -> None:
    sign_in(client, accounts["Ana"])

    assert client.get("/console/admin/audit").status_code == 403
    assert client.get("/console/admin/audit.csv").status_code == 403


def test_an_admin_reads_and_exports_the_audit_log_and_the_export_is_audited(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    escalation_id, _ = open_escalation(client, db)
    sign_in(client, accounts["Ana"])
    client.get(f"/console/escalations/{escalation_id}")
    client.cookies.clear()
    sign_in(client, accounts["Ada"])

    exported = client.get("/console/admin/audit.csv")

    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert exported.headers["content-type"].startswith("text/csv")
    assert {("peer:Ana", "viewed-conversation"), ("peer:Ada", "exported-audit")} <= {
        (row["actor"], row["action"]) for row in rows
    }
    assert client.get("/console/", follow_redirects=False).headers["location"] == (
        "/console/admin/audit"
    )


def test_an_admin_sees_the_accounts_without_their_secrets(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ada"])

    page = client.get("/console/admin/users")

    assert page.status_code == 200
    assert "program staff" in page.text
    assert accounts["Ana"].totp_secret not in page.text


def test_an_admin_adds_a_user_who_then_signs_in_with_the_totp_shown_once(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ada"])
    form = client.get("/console/admin/users")
    added = client.post(
        "/console/admin/users",
        data={"csrf": csrf_of(form.text), "name": "Cleo", "role": "peer",
              "password": "a long enough password"},
    )  # fmt: skip
    uri = re.search(r'id="provisioning-uri">([^<]+)<', added.text)
    assert added.status_code == 201
    assert uri is not None
    secret = pyotp.parse_uri(html.unescape(uri.group(1))).secret
    client.cookies.clear()

    cleo = Account("Cleo", Role.PEER, secret, [])
    assert sign_in(client, cleo, password="a long enough password") == "/console/"
    assert ("peer:Ada", "user-created", None, "testclient") in audit_rows(db)


def test_an_admin_is_told_why_a_user_cannot_be_added(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ada"])
    form = client.get("/console/admin/users")

    added = client.post(
        "/console/admin/users",
        data={"csrf": csrf_of(form.text), "name": "Ana", "role": "peer",
              "password": "a long enough password"},
    )  # fmt: skip

    assert added.status_code == 422
    assert "already a user named" in added.text
