"""The participant page: addresses and consent, stage of change, check-ups with their answers,
every BARC-10, and past escalations with their outcomes; each view an audit row; program staff
see what was read from an answer but not the person's words; an admin does not see it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from store.db import Database
from store.models import AuditEntry
from tests.console.people import CRAVINGS_WORDS, PHONE, add_person_with_history
from tests.console.staff import Account, sign_in


def test_a_peer_sees_how_to_reach_the_person_their_consent_stage_check_ups_barc10s_and_cases(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    person = add_person_with_history(db)
    sign_in(client, accounts["Ana"])

    page = client.get(f"/console/participants/{person}")

    assert page.status_code == 200
    for shown in (PHONE, "consented", "action", CRAVINGS_WORDS, "needs linkage", "skipped"):
        assert shown in page.text
    assert "Connected to care" in page.text
    assert "<td><strong>50</strong></td>" in page.text
    assert page.text.count('<tr><th scope="row">') == 4  # every BARC-10, the unfinished too


def test_every_view_of_a_participant_page_is_an_audit_row_with_who_and_from_where(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    person = add_person_with_history(db)
    sign_in(client, accounts["Ben"])

    client.get(f"/console/participants/{person}")
    client.get(f"/console/participants/{person}")

    with db.transaction() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action == "viewed-participant"))
        views = [(r.actor, r.participant_id, r.client) for r in rows]
    assert views == [("peer:Ben", person, "testclient")] * 2


def test_program_staff_see_what_an_answer_was_read_as_but_not_the_persons_words(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    person = add_person_with_history(db)
    sign_in(client, accounts["Pat"])

    page = client.get(f"/console/participants/{person}")

    assert page.status_code == 200
    assert CRAVINGS_WORDS not in page.text
    assert "Cravings (0-10)</dt><dd>4</dd>" in page.text
    assert "<td><strong>50</strong></td>" in page.text


def test_an_admin_cannot_open_a_participant_page(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    person = add_person_with_history(db)
    sign_in(client, accounts["Ada"])

    assert client.get(f"/console/participants/{person}").status_code == 403


def test_an_unknown_participant_is_a_404_and_a_bad_id_a_422(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ana"])

    assert client.get("/console/participants/999").status_code == 404
    assert client.get("/console/participants/nobody").status_code == 422


def test_the_participant_page_asks_for_a_sign_in_and_comes_back_after_it(
    client: TestClient, db: Database
) -> None:
    person = add_person_with_history(db)

    answer = client.get(f"/console/participants/{person}", follow_redirects=False)

    assert answer.status_code == 303
    assert answer.headers["location"] == f"/console/login?next=/console/participants/{person}"
