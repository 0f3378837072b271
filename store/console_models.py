"""The console's own tables: staff accounts, their signed-in sessions, and staff notes on a
case.

A session row is found by the SHA-256 of the id in the cookie, never by the id itself: a copy of
the database does not hand out live sessions.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import false

from core.clock import utcnow
from store.models import Base


class Role(StrEnum):
    PEER = "peer"  # works the queue and the escalations
    SUPERVISOR = "supervisor"  # and acts on any case: reassign, take over
    PROGRAM_STAFF = "program_staff"  # sees the queue's shape, never a conversation's text
    ADMIN = "admin"  # accounts and the audit log


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The name casework records (claimed_by, audit actors): the roster name for alerts.
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    # argon2 hashes of the unused single-use backup codes; a used one is removed.
    backup_codes: Mapped[list[str]] = mapped_column(default=list)
    # The last TOTP time step accepted: a code is good once (no replay within its window).
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConsoleSession(Base):
    __tablename__ = "console_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    # False between the password and the TOTP code: such a session opens nothing but the
    # code's form.
    authenticated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    client: Mapped[str | None] = mapped_column(String(64))


class CaseNote(Base):
    """A note staff write on an escalation for each other: never sent to the person, never
    shown to them, and not in the audit log (which records only that a note was added)."""

    __tablename__ = "case_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalations.id"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
