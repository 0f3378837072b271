"""`warmline users add`: a console account from the command line, its password from stdin,
its TOTP link and backup codes printed once, and clear refusals."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import select

from store.console_models import User
from store.db import Database
from warmline.cli import main

PRODUCTION_ROSTER = (
    '[{"name": "Ana", "token": "ana-token-0123456789"},'
    ' {"name": "Sam", "token": "sam-token-0123456789", "supervisor": true}]'
)


@pytest.fixture
def env(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setenv("WARMLINE_DATABASE_URL", db.url)
    monkeypatch.setenv("WARMLINE_DATA_DIR", str(tmp_path))
    return db


def add(monkeypatch: pytest.MonkeyPatch, password: str, *args: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["users", "add", *args, "--password-stdin"])


def test_a_user_is_added_with_a_hashed_password_and_totp_shown_once(
    env: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = add(monkeypatch, "a long enough password", "ana", "--role", "peer")

    out = capsys.readouterr().out
    with env.transaction() as session:
        user = session.scalars(select(User)).one()
        stored = (user.name, user.role, len(user.backup_codes))
        assert user.password_hash.startswith("$argon2")
        assert user.totp_secret is not None
        assert user.totp_secret in out
    assert (code, stored) == (0, ("ana", "peer", 8))
    assert "otpauth://totp/" in out
    assert "a long enough password" not in out


def test_a_short_password_and_a_taken_name_are_refused(
    env: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    short = add(monkeypatch, "short", "ana", "--role", "peer")
    first = add(monkeypatch, "a long enough password", "ana", "--role", "peer")
    again = add(monkeypatch, "a long enough password", "ana", "--role", "admin")

    err = capsys.readouterr().err
    assert (short, first, again) == (2, 0, 2)
    assert "12+ characters" in err
    assert "already a user named 'ana'" in err


def test_no_totp_is_refused_in_production_mode(
    env: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WARMLINE_MODE", "production")
    monkeypatch.setenv("WARMLINE_ENGINE_TOKEN", "engine-token-0123456789")
    monkeypatch.setenv("WARMLINE_ONCALL_ROSTER", PRODUCTION_ROSTER)

    code = add(monkeypatch, "a long enough password", "ana", "--role", "peer", "--no-totp")

    assert code == 2
    assert "TOTP is required in production" in capsys.readouterr().err
