"""Staff notes on an escalation: a peer writes one for colleagues; it shows on the case, is
never sent to the person, and adding it is an audit row without its words; program staff do
not see notes; an empty or blank note is refused with a 422, a note on no case with a 404."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from store.db import Database
from store.models import AuditEntry, Message
from tests.console.peers import open_escalation
from tests.console.staff import Account, csrf_of, sign_in

NOTE = "called her sister, who is on her way"


def add_note(client: TestClient, escalation_id: int, text: str = NOTE) -> int:
    page = client.get(f"/console/escalations/{escalation_id}")
    added = client.post(
        f"/console/escalations/{escalation_id}/notes",
        data={"csrf": csrf_of(page.text), "text": text},
    )
    return int(added.status_code)


def test_a_peers_note_shows_on_the_case_and_is_never_sent_to_the_person(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    escalation_id, _ = open_escalation(client, db)
    sign_in(client, accounts["Ana"])

    added = add_note(client, escalation_id)

    page = client.get(f"/console/escalations/{escalation_id}").text
    assert added == 200
    assert NOTE in page
    with db.transaction() as session:
        assert NOTE not in list(session.scalars(select(Message.text)))


def test_adding_a_note_is_audited_without_its_words(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    escalation_id, person = open_escalation(client, db)
    sign_in(client, accounts["Ben"])

    add_note(client, escalation_id)

    with db.transaction() as session:
        row = session.scalars(select(AuditEntry).where(AuditEntry.action == "added-note")).one()
    assert (row.actor, row.participant_id, row.client) == ("peer:Ben", person, "testclient")
    assert NOTE not in str(row.detail)


def test_program_staff_do_not_see_notes(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    escalation_id, _ = open_escalation(client, db)
    sign_in(client, accounts["Ana"])
    add_note(client, escalation_id)
    client.cookies.clear()
    sign_in(client, accounts["Pat"])

    page = client.get(f"/console/escalations/{escalation_id}").text

    assert NOTE not in page
    assert add_note(client, escalation_id) == 403


def test_an_empty_note_is_a_422_and_a_note_on_no_case_a_404(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    escalation_id, _ = open_escalation(client, db)
    sign_in(client, accounts["Ana"])
    csrf = csrf_of(client.get(f"/console/escalations/{escalation_id}").text)

    empty = add_note(client, escalation_id, "")
    blank = add_note(client, escalation_id, "   ")
    nowhere = client.post("/console/escalations/999/notes", data={"csrf": csrf, "text": NOTE})

    assert (empty, blank, nowhere.status_code) == (422, 422, 404)
