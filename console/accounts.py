"""Staff accounts: creating one, and the two steps of signing in (password, then TOTP), with a
lock-out after repeated failures at either step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from console import passwords
from store import audit
from store.console_models import Role, User
from store.queue import changed_one_row


class AccountError(ValueError):
    """The account cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class NewAccount:
    """What the new user is shown once, and never again: the TOTP link and the backup codes."""

    user_id: int
    provisioning_uri: str | None
    backup_codes: list[str]


@dataclass(frozen=True)
class Lockout:
    attempts: int
    duration: timedelta


class Verdict(Enum):
    PASSED = "passed"
    WRONG = "wrong"
    LOCKED = "locked"


def create_user(
    session: Session,
    name: str,
    role: Role,
    password: str,
    *,
    display_name: str | None = None,
    with_totp: bool = True,
    issuer: str = "Warmline",
    by: str = "cli",
) -> NewAccount:
    if len(password) < passwords.MIN_PASSWORD_CHARS:
        raise AccountError(f"a password needs {passwords.MIN_PASSWORD_CHARS}+ characters")
    if not name.strip() or len(name) > 64:
        raise AccountError("a name is 1-64 characters")
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise AccountError(f"there is already a user named {name!r}")
    secret = passwords.new_totp_secret() if with_totp else None
    codes = passwords.new_backup_codes() if with_totp else []
    user = User(
        name=name, display_name=display_name or name, role=role.value,
        password_hash=passwords.hash_password(password), totp_secret=secret,
        backup_codes=[passwords.hash_password(code) for code in codes], failed_attempts=0,
    )  # fmt: skip
    session.add(user)
    session.flush()
    audit.record(session, by, "user-created", user_id=user.id, role=role.value)
    uri = passwords.provisioning_uri(secret, name, issuer) if secret else None
    return NewAccount(user.id, uri, codes)


def find_user(session: Session, name: str) -> User | None:
    return session.scalar(select(User).where(User.name == name))


def is_locked(user: User, now: datetime) -> bool:
    return user.locked_until is not None and user.locked_until > now


def _failed(session: Session, user: User, lockout: Lockout, now: datetime) -> Verdict:
    user.failed_attempts += 1
    if user.failed_attempts < lockout.attempts:
        return Verdict.WRONG
    user.failed_attempts = 0
    user.locked_until = now + lockout.duration
    audit.record(session, f"peer:{user.name}", "locked-out", user_id=user.id)
    return Verdict.LOCKED


def _passed(user: User) -> Verdict:
    user.failed_attempts = 0
    user.locked_until = None
    return Verdict.PASSED


def check_password(
    session: Session, user: User | None, password: str, lockout: Lockout, now: datetime
) -> Verdict:
    """The first step. A locked account is refused before its password is even read."""
    if user is not None and is_locked(user, now):
        return Verdict.LOCKED
    matches = passwords.verify_password(user.password_hash if user else None, password)
    if user is None:
        return Verdict.WRONG
    return _passed(user) if matches else _failed(session, user, lockout, now)


def _first_use(session: Session, user: User, step: int) -> bool:
    """Claims a TOTP step for this user, once: a code seen over a shoulder, or replayed from
    a captured request, is refused within its window. A conditional update, so two sign-ins
    racing with one code cannot both pass."""
    claimed = session.execute(
        update(User)
        .where(User.id == user.id)
        .where(or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    return changed_one_row(claimed)


def check_second_factor(
    session: Session, user: User, code: str, lockout: Lockout, now: datetime
) -> Verdict:
    """The second step: a TOTP code, or one of the backup codes (used up by this)."""
    if is_locked(user, now):
        return Verdict.LOCKED
    step = passwords.totp_step(user.totp_secret, code, now) if user.totp_secret else None
    if step is not None and _first_use(session, user, step):
        return _passed(user)
    left = passwords.use_backup_code(user.backup_codes, code) if len(code) > 8 else None
    if left is None:
        return _failed(session, user, lockout, now)
    user.backup_codes = left
    audit.record(session, f"peer:{user.name}", "used-backup-code", user_id=user.id)
    return _passed(user)
