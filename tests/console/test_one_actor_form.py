"""One form for a person on staff wherever the record names them: "peer:NAME" in the audit
log (its page and its CSV) and as a message's author, whichever path wrote it (sign-in, the
pages, casework, the peer API). A "user:NAME" beside a "peer:NAME" for the same kind of actor
fails here."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from sqlalchemy import select, text

from store.db import Database
from store.migrate import upgrade
from store.models import AuditEntry, Message
from tests.console.peers import ANA, open_escalation
from tests.console.staff import Account, csrf_of, sign_in

STAFF = {"Ana", "Ben", "Sam", "Pat", "Ada", "?"}
SYSTEM = {"gateway", "cli", "roster-seed", "scheduler", "engine"}


def staff_forms(actors: set[str]) -> set[str]:
    """Every actor that is not the system, as its form: "peer" when it is "peer:<staff>"."""
    return {"peer" if a.startswith("peer:") and a[5:] in STAFF else a for a in actors - SYSTEM}


def work_a_case(client: TestClient, db: Database, accounts: dict[str, Account]) -> None:
    escalation_id, participant_id = open_escalation(client, db)
    page = f"/console/escalations/{escalation_id}"
    client.post("/console/login", data={"name": "Nobody", "password": "x", "csrf": "x"})
    sign_in(client, accounts["Sam"], page)
    csrf = csrf_of(client.get(page).text)
    for step, form in [("claim", {}), ("notes", {"text": "called twice"}), ("takeover", {}),
                       ("reply", {"text": "I'm here."})]:  # fmt: skip
        client.post(f"{page}/{step}", data={"csrf": csrf, **form})
    client.get("/console/supervisor")
    client.post("/console/logout", data={"csrf": csrf})
    client.get(f"/api/participants/{participant_id}/messages", headers=ANA)  # the peer API


def test_every_audit_row_and_message_author_names_staff_as_peer_name(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    work_a_case(client, db, accounts)
    sign_in(client, accounts["Ada"])
    exported = client.get("/console/admin/audit.csv").text

    with db.transaction() as session:
        actors = set(session.scalars(select(AuditEntry.actor)))
        written = session.scalars(select(Message.author).where(Message.author.is_not(None)))
        authors = {author for author in written if author}
    in_csv = {row["actor"] for row in csv.DictReader(io.StringIO(exported))}

    assert {"peer:Sam", "peer:Ada", "peer:Ana"} <= actors
    assert (staff_forms(actors), staff_forms(in_csv), staff_forms(authors)) == (
        {"peer"},
        {"peer"},
        {"peer"},
    )


def test_migration_0014_rewrites_an_old_user_actor_to_the_one_form(database_url: str) -> None:
    upgrade(database_url, "0013")
    db = Database(database_url)
    try:
        with db.transaction() as session:
            session.execute(
                text(
                    "INSERT INTO audit_log (at, actor, action, detail) VALUES "
                    "(CURRENT_TIMESTAMP, 'user:Sam', 'signed-in', '{}'), "
                    "(CURRENT_TIMESTAMP, 'gateway', 'escalated', '{}')"
                )
            )
        upgrade(database_url)
        with db.transaction() as session:
            actors = sorted(session.scalars(select(AuditEntry.actor)))
    finally:
        db.dispose()

    assert actors == ["gateway", "peer:Sam"]
