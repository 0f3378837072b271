"""A peer's unsent reply over HTTP: kept per peer and case as they type (CSRF-checked, only
for caseworkers), put back in the reply box when they open the case again, gone once sent,
discarded or the case resolved; each step audited without the words."""

from __future__ import annotations

import re
from html import unescape

from fastapi.testclient import TestClient
from sqlalchemy import select

from store.db import Database
from store.models import AuditEntry
from store.roster_models import ReplyDraft
from tests.console.peers import ANA, open_escalation
from tests.console.staff import Account, csrf_of, sign_in

DRAFT = "I'm here with you, are you somewhere safe right now?"


def reply_box(html: str) -> str:
    found = re.search(r'<textarea id="reply"[^>]*>(.*?)</textarea>', html, re.DOTALL)
    assert found, "no reply box on the page"
    return unescape(found.group(1))


def taken_over(client: TestClient, db: Database, account: Account) -> tuple[str, str]:
    """Ana signed in, with the case's conversation taken over: (its page, the CSRF token)."""
    escalation_id, _ = open_escalation(client, db)
    page = f"/console/escalations/{escalation_id}"
    sign_in(client, account, page)
    csrf = csrf_of(client.get(page).text)
    client.post(f"{page}/takeover", data={"csrf": csrf})
    return page, csrf


def draft_actions(db: Database) -> list[tuple[str, str, str]]:
    with db.transaction() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.action.like("draft-%")))
        return [(r.actor, r.action, str(sorted(r.detail))) for r in rows]


def test_a_kept_draft_is_back_in_the_reply_box_after_signing_in_again(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    page, csrf = taken_over(client, db, accounts["Ana"])

    kept = client.post(f"{page}/draft", data={"csrf": csrf, "text": DRAFT})
    client.post("/console/logout", data={"csrf": csrf})
    sign_in(client, accounts["Ana"], page)

    assert kept.status_code == 204
    assert reply_box(client.get(page).text) == DRAFT
    # Kept once; restored on each opening of the case (sign-in lands on it, then again).
    assert [a[:2] for a in draft_actions(db)] == [
        ("peer:Ana", "draft-kept"),
        ("peer:Ana", "draft-restored"),
        ("peer:Ana", "draft-restored"),
    ]
    assert all(DRAFT not in detail for *_, detail in draft_actions(db))


def test_sending_the_reply_or_discarding_it_empties_the_box(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    page, csrf = taken_over(client, db, accounts["Ana"])
    client.post(f"{page}/draft", data={"csrf": csrf, "text": DRAFT})
    client.post(f"{page}/reply", data={"csrf": csrf, "text": DRAFT})
    after_sending = reply_box(client.get(page).text)
    client.post(f"{page}/draft", data={"csrf": csrf, "text": "one more"})
    discarded = client.post(f"{page}/draft/discard", data={"csrf": csrf})

    assert (after_sending, discarded.status_code, reply_box(discarded.text)) == ("", 200, "")
    assert ("peer:Ana", "draft-discarded") in [a[:2] for a in draft_actions(db)]


def test_a_draft_is_only_its_writers(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    page, csrf = taken_over(client, db, accounts["Ana"])
    client.post(f"{page}/draft", data={"csrf": csrf, "text": DRAFT})
    client.post("/console/logout", data={"csrf": csrf})
    sign_in(client, accounts["Sam"], page)
    sam_csrf = csrf_of(client.get(page).text)
    client.post(f"{page}/takeover", data={"csrf": sam_csrf})  # a supervisor takes it over

    assert reply_box(client.get(page).text) == ""


def test_a_draft_needs_the_forms_token_a_caseworker_and_a_case(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    page, csrf = taken_over(client, db, accounts["Ana"])

    forged = client.post(f"{page}/draft", data={"csrf": "forged", "text": DRAFT})
    nowhere = client.post("/console/escalations/999/draft", data={"csrf": csrf, "text": DRAFT})
    too_long = client.post(f"{page}/draft", data={"csrf": csrf, "text": "x" * 1601})
    client.post("/console/logout", data={"csrf": csrf})
    sign_in(client, accounts["Pat"])
    staff = client.post(
        f"{page}/draft", data={"csrf": csrf_of(client.get("/console/").text), "text": DRAFT}
    )

    codes = [r.status_code for r in (forged, nowhere, too_long, staff)]
    assert codes == [403, 404, 422, 403]
    assert draft_actions(db) == []


def test_a_case_resolved_through_the_api_leaves_no_draft_behind(
    client: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    page, csrf = taken_over(client, db, accounts["Ana"])
    client.post(f"{page}/draft", data={"csrf": csrf, "text": DRAFT})
    escalation_id = page.rsplit("/", 1)[1]

    resolved = client.post(
        f"/api/escalations/{escalation_id}/resolve", headers=ANA, json={"outcome": "safe"}
    )

    assert resolved.status_code == 200
    with db.transaction() as session:
        assert session.scalars(select(ReplyDraft)).all() == []
