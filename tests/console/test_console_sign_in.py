"""Signing in to the console: a password and then a TOTP code (or a backup code), a lock-out
after repeated failures, a CSRF token on every form, and the way back to the page asked for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from console.accounts import create_user
from core.settings import load_settings
from store.console_models import ConsoleSession, Role
from store.db import Database
from store.models import AuditEntry
from tests.console.peers import ROSTER, open_escalation
from tests.console.staff import PASSWORD, Account, csrf_of, sign_in
from tests.fakes.engine import FakeEngine
from warmline.app import create_app


def password_step(
    client: TestClient, name: str, password: str, next_path: str = "/console/"
) -> httpx.Response:
    form = client.get("/console/login", params={"next": next_path})
    answer: httpx.Response = client.post(
        "/console/login",
        data={"name": name, "password": password, "csrf": csrf_of(form.text), "next": next_path},
    )
    return answer


def actions(db: Database) -> list[tuple[str, str]]:
    with db.transaction() as session:
        return [(e.actor, e.action) for e in session.scalars(select(AuditEntry))]


def test_an_unsigned_visitor_is_sent_to_sign_in_and_back_to_the_alert_link_after(
    client: TestClient, accounts: dict[str, Account], db: Database
) -> None:
    escalation_id, _ = open_escalation(client, db)
    link = f"/console/escalations/{escalation_id}"
    first = client.get(link, follow_redirects=False)

    assert (first.status_code, first.headers["location"]) == (303, f"/console/login?next={link}")
    assert sign_in(client, accounts["Ana"], link) == link


def test_the_password_alone_opens_nothing_but_the_code_form(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    assert password_step(client, "Ana", PASSWORD).url.path == "/console/login/code"

    assert client.get("/console/", follow_redirects=False).status_code == 303


def test_a_backup_code_signs_in_once(client: TestClient, accounts: dict[str, Account]) -> None:
    backup = accounts["Ana"].backup_codes[0]
    codes = []
    for _ in range(2):
        step = password_step(client, "Ana", PASSWORD)
        answer = client.post(
            "/console/login/code", data={"code": backup, "csrf": csrf_of(step.text)}
        )
        codes.append(answer.status_code)
        client.cookies.clear()

    assert codes == [200, 401]


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    client: TestClient, accounts: dict[str, Account], db: Database
) -> None:
    statuses = [password_step(client, "Ana", "wrong password!").status_code for _ in range(5)]
    right = password_step(client, "Ana", PASSWORD)

    assert (statuses, right.status_code) == ([401, 401, 401, 401, 423], 423)
    assert "locked" in right.text
    assert ("peer:Ana", "locked-out") in actions(db)


def test_an_unknown_name_is_told_the_same_as_a_wrong_password(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    unknown, wrong = password_step(client, "Nobody", PASSWORD), password_step(client, "Ana", "x")

    assert (unknown.status_code, wrong.status_code) == (401, 401)
    assert "That name and password do not match." in unknown.text


def test_a_login_post_without_its_csrf_token_is_refused(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    client.get("/console/login")
    answer = client.post("/console/login", data={"name": "Ana", "password": PASSWORD})

    assert answer.status_code == 403


def test_a_signed_in_post_without_the_sessions_csrf_token_is_refused(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    sign_in(client, accounts["Ana"])

    forged = client.post("/console/escalations/1/claim", data={"csrf": "forged"})
    missing = client.post("/console/logout")

    assert (forged.status_code, missing.status_code) == (403, 403)


def test_the_session_id_changes_when_the_code_is_accepted_and_only_its_hash_is_stored(
    client: TestClient, accounts: dict[str, Account], db: Database
) -> None:
    password_step(client, "Ana", PASSWORD)
    before = client.cookies.get("warmline_console")
    sign_in(client, accounts["Ana"])
    after = client.cookies.get("warmline_console")

    with db.transaction() as session:
        stored = set(session.scalars(select(ConsoleSession.id_hash)))
    assert before != after
    assert after not in stored


def test_signing_out_ends_the_session(client: TestClient, accounts: dict[str, Account]) -> None:
    sign_in(client, accounts["Ana"])
    queue = client.get("/console/")
    client.post("/console/logout", data={"csrf": csrf_of(queue.text)})

    assert client.get("/console/", follow_redirects=False).status_code == 303


def test_a_sign_in_link_never_sends_anyone_off_the_console(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    assert sign_in(client, accounts["Ana"], "https://evil.example/") == "/console/"


@pytest.fixture
def production(db: Database, tmp_path: Path, fake_engine: FakeEngine) -> Iterator[TestClient]:
    settings = load_settings(
        mode="production", data_dir=tmp_path, database_url=db.url, engine_url=fake_engine.url,
        oncall_roster=ROSTER, engine_token="engine-token-0123456789",
    )  # fmt: skip
    # Secure cookies go only over HTTPS.
    with TestClient(create_app(settings), base_url="https://testserver") as test_client:
        yield test_client


def test_in_production_the_session_cookie_is_secure_httponly_and_same_site_lax(
    production: TestClient, accounts: dict[str, Account]
) -> None:
    answer = password_step(production, "Ana", PASSWORD)

    cookie = answer.history[0].headers["set-cookie"].lower()
    assert cookie.startswith("warmline_console=")
    # Lax, not Strict: an alert link followed from a messaging app is a top-level GET from
    # another site, and must find the live session (test_browser_alert_links.py).
    assert {"secure", "httponly", "samesite=lax", "path=/console"} <= {
        part.strip() for part in cookie.split(";")
    }


def test_in_production_an_account_without_totp_is_refused(
    production: TestClient, db: Database, accounts: dict[str, Account]
) -> None:
    with db.transaction() as session:
        create_user(session, "Noor", Role.PEER, PASSWORD, with_totp=False)

    assert password_step(production, "Noor", PASSWORD).status_code == 403


def test_a_sign_in_sweeps_away_sessions_that_ended_unseen(
    client: TestClient, accounts: dict[str, Account], db: Database
) -> None:
    sign_in(client, accounts["Ana"])
    with db.transaction() as session:
        long_ago = datetime.now(UTC) - timedelta(days=1)
        session.execute(update(ConsoleSession).values(last_seen_at=long_ago))
    client.cookies.clear()

    sign_in(client, accounts["Ben"])

    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(ConsoleSession)) == 1


# Every console page a GET reaches only reads (and audits the reading): with a Lax cookie a
# link from another site can open any of them, so none may change anything. A new GET route
# must be added here, after checking that it only reads.
READ_ONLY_GETS = {
    "/console/", "/console/queue/rows", "/console/events", "/console/login",
    "/console/login/code", "/console/escalations/{escalation_id}",
    "/console/escalations/{escalation_id}/conversation", "/console/participants/{participant_id}",
    "/console/supervisor", "/console/roster", "/console/admin/audit", "/console/admin/audit.csv",
    "/console/admin/users", "/console/enroll", "/console/enroll/{participant_id}",
    "/console/linkage", "/console/reports",
}  # fmt: skip


def test_no_console_route_changes_anything_on_a_get(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]  # every route the app serves

    gets = {path for path, methods in paths.items() if "get" in methods and "/console" in path}

    assert gets == READ_ONLY_GETS
