"""Console accounts for the tests: one per role, each with a known password and TOTP secret,
and signing in as one of them."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import pyotp
from fastapi.testclient import TestClient

from console.accounts import create_user
from store.console_models import Role, User
from store.db import Database

PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Account:
    name: str
    role: Role
    totp_secret: str
    backup_codes: list[str]

    def code(self) -> str:
        """A code not used before: a code is good once, so a test that signs one account in
        again takes the next step's (the console accepts one step either side of now). Never
        the step before now: on a loaded machine the clock may pass a step boundary between
        taking the code and the console checking it, and the step before would then be two
        behind; so a third sign-in within one step waits for the next."""
        totp = pyotp.TOTP(self.totp_secret)
        step = max(totp.timecode(datetime.now(UTC)), _LAST_STEP.get(self.totp_secret, -1) + 1)
        while step > totp.timecode(datetime.now(UTC)) + 1:
            time.sleep(0.25)
        _LAST_STEP[self.totp_secret] = step
        return totp.generate_otp(step)


# The last step each secret's code was taken for (every test's accounts have new secrets).
_LAST_STEP: dict[str, int] = {}


# Ana, Ben and Sam are on the roster of tests/console/peers.py too, so they get the alerts.
ROLES = {"Ana": Role.PEER, "Ben": Role.PEER, "Sam": Role.SUPERVISOR}
ROLES |= {"Pat": Role.PROGRAM_STAFF, "Ada": Role.ADMIN}


def add_accounts(db: Database) -> dict[str, Account]:
    accounts = {}
    with db.transaction() as session:
        for name, role in ROLES.items():
            made = create_user(session, name, role, PASSWORD)
            user = session.get(User, made.user_id)
            assert user is not None
            assert user.totp_secret is not None
            accounts[name] = Account(name, role, user.totp_secret, made.backup_codes)
    return accounts


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def sign_in(
    client: TestClient, account: Account, next_path: str = "/console/", password: str = PASSWORD
) -> str:
    """Signs in by both steps; returns the page landed on."""
    form = client.get("/console/login", params={"next": next_path})
    first = client.post(
        "/console/login",
        data={"name": account.name, "password": password, "csrf": csrf_of(form.text),
              "next": next_path},
    )  # fmt: skip
    assert first.status_code == 200, first.text
    second = client.post(
        "/console/login/code",
        data={"code": account.code(), "csrf": csrf_of(first.text), "next": next_path},
    )
    assert second.status_code == 200, second.text
    return str(second.url.path)
