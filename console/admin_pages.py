"""For admins: the audit log (who did what, to whom, when, from where) as a page and as CSV,
and the list of accounts."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy import select

from console import accounts, web
from console.accounts import AccountError, NewAccount
from store import audit
from store.console_models import Role, User
from store.models import AuditEntry

router = APIRouter(prefix="/console/admin", dependencies=[Depends(web.note_client)])
ADMINS = (Role.ADMIN,)
PAGE_ROWS = 200
CSV_COLUMNS = ["id", "at", "actor", "action", "participant_id", "client", "detail"]


def _entries(request: Request, viewer: str, action: str, limit: int | None) -> list[AuditEntry]:
    with web.db_of(request).transaction() as session:
        # Reading the log is itself on the log: an export is a disclosure.
        audit.record(session, f"peer:{viewer}", action)
        query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
        return list(session.scalars(query))


@router.get("/audit")
async def audit_page(request: Request, who: web.Viewer) -> Response:
    web.require(who, ADMINS)
    entries = await asyncio.to_thread(_entries, request, who.user.name, "viewed-audit", PAGE_ROWS)
    return web.page(request, "audit.html", who=who, entries=entries)


def _csv(entries: list[AuditEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow(
            [e.id, e.at.isoformat(), e.actor, e.action, e.participant_id or "", e.client or "",
             json.dumps(e.detail, sort_keys=True)]
        )  # fmt: skip
    return out.getvalue()


@router.get("/audit.csv")
async def audit_csv(request: Request, who: web.Viewer) -> Response:
    web.require(who, ADMINS)
    entries = await asyncio.to_thread(_entries, request, who.user.name, "exported-audit", None)
    headers = {
        **web.PRIVATE_HEADERS,
        "Content-Disposition": 'attachment; filename="warmline-audit.csv"',
    }
    return Response(_csv(entries), media_type="text/csv; charset=utf-8", headers=headers)


def _users(request: Request) -> list[User]:
    with web.db_of(request).transaction() as session:
        return list(session.scalars(select(User).order_by(User.name)))


@router.get("/users")
async def users_page(request: Request, who: web.Viewer) -> Response:
    web.require(who, ADMINS)
    found = await asyncio.to_thread(_users, request)
    return web.page(request, "users.html", who=who, users=found)


def _create(
    request: Request, by: str, name: str, display_name: str, role: Role, password: str
) -> NewAccount:
    settings = web.settings_of(request)
    with web.db_of(request).transaction() as session:
        return accounts.create_user(
            session, name, role, password, display_name=display_name or None,
            issuer=settings.program_name, by=f"peer:{by}",
        )  # fmt: skip


@router.post("/users")
async def add_user(
    request: Request,
    who: web.Poster,
    name: Annotated[str, Form(min_length=1, max_length=64)],
    role: Annotated[Role, Form()],
    password: Annotated[str, Form(max_length=200)],
    display_name: Annotated[str, Form(max_length=80)] = "",
) -> Response:
    """An account with TOTP from the start: its link and backup codes are shown on this one
    page, once, for the admin to hand over in person."""
    web.require(who, ADMINS)
    try:
        made = await asyncio.to_thread(
            _create, request, who.user.name, name, display_name, role, password
        )
    except AccountError as refused:
        found = await asyncio.to_thread(_users, request)
        return web.page(request, "users.html", 422, who=who, users=found, error=str(refused))
    found = await asyncio.to_thread(_users, request)
    return web.page(request, "users.html", 201, who=who, users=found, made=made, added=name)
