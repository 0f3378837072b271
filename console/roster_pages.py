"""The on-call roster page: who is on call, in the order alerts go out, edited by an admin or
a supervisor. Each edit is a CSRF-checked form post and an audit row (store/roster.py); a
refused one (it would leave nobody to alert, a name twice, no address) says why, with its 4xx,
and changes nothing."""

from __future__ import annotations

import asyncio
import re
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select

from console import web
from console.sessions import SignedIn
from core.clock import utcnow
from escalation import service
from escalation.service import EscalationPolicy
from store import audit, roster
from store.console_models import Role, User
from store.roster import OnCall, RosterRefused

router = APIRouter(prefix="/console/roster", dependencies=[Depends(web.note_client)])
EDITORS = (Role.ADMIN, Role.SUPERVISOR)
PHONE = re.compile(r"^\+[1-9]\d{6,14}$")  # E.164, as the setting takes it


def _load(request: Request, viewer: str) -> tuple[list[OnCall], list[str]]:
    policy: EscalationPolicy = request.app.state.policy
    with web.db_of(request).transaction() as session:
        audit.record(session, f"peer:{viewer}", "viewed-roster")
        on_call = service.on_call(session, policy, utcnow())
        users = list(session.scalars(select(User.name).order_by(User.name)))
    listed = {peer.name for peer in on_call}
    return on_call, [name for name in users if name not in listed]


async def _page(
    request: Request, who: SignedIn, status: int = 200, error: str = "", **values: str
) -> Response:
    on_call, others = await asyncio.to_thread(_load, request, who.user.name)
    dev = web.settings_of(request).dev
    return web.page(
        request, "roster.html", status, who=who, on_call=on_call, others=others,
        error=error, values=values, dev=dev,
    )  # fmt: skip


@router.get("")
async def roster_page(request: Request, who: web.Viewer) -> Response:
    web.require(who, EDITORS)
    return await _page(request, who)


async def _edit(request: Request, who: SignedIn, change: object, **values: str) -> Response:
    """Runs one edit in a transaction; back to the page, or the page with why it was refused."""

    def run() -> None:
        with web.db_of(request).transaction() as session:
            service.on_call(session, request.app.state.policy, utcnow())  # seeded first
            change(session)  # type: ignore[operator]

    try:
        await asyncio.to_thread(run)
    except RosterRefused as refused:
        return await _page(request, who, 409, str(refused), **values)
    return RedirectResponse("/console/roster", status_code=303)


def _entry(name: str, supervisor: bool, phone: str, telegram: str, sim: str) -> OnCall | str:
    """The new entry, or what is wrong with the form in plain words."""
    if phone and not PHONE.match(phone):
        return "a phone number is written in full with its country code, like +15551230001"
    if telegram and not re.fullmatch(r"-?\d{1,19}", telegram):
        return "a Telegram chat id is a number (the bot's /start tells it)"
    return OnCall(
        name.strip(), supervisor, int(telegram) if telegram else None, phone or None, sim or None
    )


@router.post("/add")
async def add(
    request: Request,
    who: web.Poster,
    name: Annotated[str, Form(min_length=1, max_length=64)],
    supervisor: Annotated[bool, Form()] = False,
    phone: Annotated[str, Form(max_length=16)] = "",
    telegram: Annotated[str, Form(max_length=20)] = "",
    sim: Annotated[str, Form(max_length=64)] = "",
) -> Response:
    web.require(who, EDITORS)
    values = {"name": name, "phone": phone, "telegram": telegram, "sim": sim}
    entry = _entry(name, supervisor, phone.strip(), telegram.strip(), sim.strip())
    if isinstance(entry, str):
        return await _page(request, who, 422, entry, **values)
    by = f"peer:{who.user.name}"
    return await _edit(
        request, who, lambda session: roster.add(session, entry, by, utcnow()), **values
    )


@router.post("/remove")
async def remove(
    request: Request, who: web.Poster, name: Annotated[str, Form(min_length=1, max_length=64)]
) -> Response:
    web.require(who, EDITORS)
    by = f"peer:{who.user.name}"
    return await _edit(request, who, lambda session: roster.remove(session, name, by))


@router.post("/move")
async def move(
    request: Request,
    who: web.Poster,
    name: Annotated[str, Form(min_length=1, max_length=64)],
    direction: Annotated[str, Form(pattern="^(up|down)$")],
) -> Response:
    web.require(who, EDITORS)
    by, up = f"peer:{who.user.name}", direction == "up"
    return await _edit(
        request, who, lambda session: roster.move(session, name, by, utcnow(), up=up)
    )
