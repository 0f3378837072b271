"""Server-side console sessions: a random id in the cookie, its hash in the database, an idle
expiry and an absolute one, and a CSRF token per session."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session

from store.console_models import ConsoleSession, User

COOKIE = "warmline_console"


@dataclass(frozen=True)
class Lifetimes:
    idle: timedelta
    absolute: timedelta


@dataclass(frozen=True)
class SignedIn:
    """Who a request is from: the user and their session's CSRF token."""

    user: User
    csrf_token: str
    authenticated: bool


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def open_session(
    session: Session,
    user: User,
    lifetimes: Lifetimes,
    now: datetime,
    *,
    authenticated: bool,
    client: str | None,
) -> str:
    """A new session; returns the id for the cookie (only its hash is stored). Sessions that
    ended unseen (a closed tab) are swept now, so the table holds only live ones."""
    sweep(session, lifetimes, now)
    session_id = secrets.token_urlsafe(32)
    session.add(
        ConsoleSession(
            id_hash=_hash(session_id), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
            authenticated=authenticated, created_at=now, last_seen_at=now,
            expires_at=now + lifetimes.absolute, client=client,
        )
    )  # fmt: skip
    return session_id


def find(
    session: Session, session_id: str, lifetimes: Lifetimes, now: datetime, *, touch: bool
) -> SignedIn | None:
    """The live session with this id; an expired one is deleted. `touch` counts this request
    as activity (a page), which the live queue's event stream must not."""
    row = session.get(ConsoleSession, _hash(session_id)) if session_id else None
    if row is None:
        return None
    if now >= row.expires_at or now - row.last_seen_at >= lifetimes.idle:
        session.delete(row)
        return None
    user = session.get(User, row.user_id)
    if user is None:
        return None
    if touch:
        row.last_seen_at = now
    return SignedIn(user, row.csrf_token, row.authenticated)


def sweep(session: Session, lifetimes: Lifetimes, now: datetime) -> None:
    idle_since = now - lifetimes.idle
    session.execute(
        delete(ConsoleSession).where(
            or_(ConsoleSession.expires_at <= now, ConsoleSession.last_seen_at <= idle_since)
        )
    )


def end(session: Session, session_id: str) -> None:
    session.execute(delete(ConsoleSession).where(ConsoleSession.id_hash == _hash(session_id)))


def csrf_matches(expected: str, offered: str) -> bool:
    return bool(offered) and secrets.compare_digest(expected.encode(), offered.encode())
