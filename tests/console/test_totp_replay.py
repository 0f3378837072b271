"""A TOTP code is good once: used to sign in, it is refused the second time within its
window (a code seen over a shoulder or replayed from a captured request opens nothing), and
so is an older code once a newer one was used."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
from fastapi.testclient import TestClient

from console.accounts import Lockout, Verdict, check_second_factor
from store.console_models import User
from store.db import Database
from tests.console.staff import PASSWORD, Account, csrf_of

NOW = datetime(2026, 12, 4, 22, 0, 10, tzinfo=UTC)
LOCKOUT = Lockout(5, timedelta(minutes=15))


def second_factor(db: Database, account: Account, code: str, now: datetime = NOW) -> Verdict:
    with db.transaction() as session:
        user = session.query(User).filter_by(name=account.name).one()
        return check_second_factor(session, user, code, LOCKOUT, now)


def test_a_code_used_once_is_refused_the_second_time(
    db: Database, accounts: dict[str, Account]
) -> None:
    code = pyotp.TOTP(accounts["Ana"].totp_secret).at(NOW)

    first = second_factor(db, accounts["Ana"], code)
    again = second_factor(db, accounts["Ana"], code, NOW + timedelta(seconds=5))

    assert (first, again) == (Verdict.PASSED, Verdict.WRONG)


def test_an_older_code_is_refused_after_a_newer_one_was_used(
    db: Database, accounts: dict[str, Account]
) -> None:
    totp = pyotp.TOTP(accounts["Ana"].totp_secret)

    newer = second_factor(db, accounts["Ana"], totp.at(NOW))
    older = second_factor(db, accounts["Ana"], totp.at(NOW - timedelta(seconds=30)))
    next_one = second_factor(db, accounts["Ana"], totp.at(NOW + timedelta(seconds=30)))

    assert (newer, older, next_one) == (Verdict.PASSED, Verdict.WRONG, Verdict.PASSED)


def test_another_users_code_use_does_not_spend_this_users_step(
    db: Database, accounts: dict[str, Account]
) -> None:
    ana = second_factor(db, accounts["Ana"], pyotp.TOTP(accounts["Ana"].totp_secret).at(NOW))
    ben = second_factor(db, accounts["Ben"], pyotp.TOTP(accounts["Ben"].totp_secret).at(NOW))

    assert (ana, ben) == (Verdict.PASSED, Verdict.PASSED)


def code_step(client: TestClient, account: Account, code: str) -> int:
    form = client.get("/console/login")
    first = client.post(
        "/console/login",
        data={"name": account.name, "password": PASSWORD, "csrf": csrf_of(form.text)},
    )
    second = client.post("/console/login/code", data={"code": code, "csrf": csrf_of(first.text)})
    return int(second.status_code)


def test_signing_in_again_with_the_code_just_used_is_refused(
    client: TestClient, accounts: dict[str, Account]
) -> None:
    code = accounts["Ana"].code()

    first = code_step(client, accounts["Ana"], code)
    client.cookies.clear()
    replayed = code_step(client, accounts["Ana"], code)

    assert (first, replayed) == (200, 401)
