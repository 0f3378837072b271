"""Signing in (a password, then a TOTP code) and out. Before a session exists, the log-in form
is protected by a double-submit token: a random value in a cookie and in the form."""

from __future__ import annotations

import asyncio
import secrets
from datetime import timedelta
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from console import accounts, sessions, web
from console.accounts import Lockout, Verdict
from core.clock import utcnow
from core.settings import Settings
from store import audit
from store.console_models import User

router = APIRouter(prefix="/console", dependencies=[Depends(web.note_client)])
LOGIN_CSRF = "warmline_login_csrf"


def _lockout(settings: Settings) -> Lockout:
    return Lockout(
        settings.console_lockout_attempts, timedelta(minutes=settings.console_lockout_minutes)
    )


def _set_cookie(response: Response, request: Request, name: str, value: str) -> None:
    # Lax, not Strict: an alert link opened from a peer's SMS, email or messaging app is a
    # top-level GET from another site, and must find their live session. Lax still keeps the
    # cookie off other sites' form posts and fetches; every form also carries its CSRF token,
    # and no GET changes anything (tests/console/test_console_sign_in.py checks the routes).
    response.set_cookie(
        name, value, httponly=True, samesite="lax", path="/console",
        secure=not web.settings_of(request).dev,
    )  # fmt: skip


def _login_form(request: Request, next_path: str, error: str = "", status: int = 200) -> Response:
    token = request.cookies.get(LOGIN_CSRF) or secrets.token_urlsafe(32)
    response = web.page(
        request, "login.html", status, csrf=token, next=web.safe_next(next_path), error=error
    )
    _set_cookie(response, request, LOGIN_CSRF, token)
    return response


@router.get("/login")
async def login_form(request: Request, next: str = "/console/") -> Response:
    return _login_form(request, next)


_REFUSALS = {
    Verdict.WRONG: (401, "That name and password do not match."),
    Verdict.LOCKED: (423, "This account is locked after repeated failures. Try again later."),
}


def _first_step(request: Request, name: str, password: str) -> tuple[Verdict, str | None, bool]:
    """The password step; on success, the id of a new session, and whether it is complete
    (no TOTP to ask for) or waits for the code."""
    settings, now = web.settings_of(request), utcnow()
    with web.db_of(request).transaction() as session:
        user = accounts.find_user(session, name)
        verdict = accounts.check_password(session, user, password, _lockout(settings), now)
        if user is None or verdict is not Verdict.PASSED:
            actor = f"peer:{user.name}" if user else "peer:?"  # a typed name may be a password
            audit.record(session, actor, f"sign-in-{verdict.value}")
            return verdict, None, False
        if user.totp_secret is None and not settings.dev:
            raise HTTPException(403, "TOTP is required in production: ask an admin to set it up")
        complete = user.totp_secret is None
        if complete:
            audit.record(session, f"peer:{user.name}", "signed-in", second_factor=False)
        span = web.lifetimes(settings)
        client = web.client_of(request)
        opened = sessions.open_session(
            session, user, span, now, authenticated=complete, client=client
        )
        return verdict, opened, complete


@router.post("/login")
async def login(
    request: Request,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=200)],
    csrf: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=500)] = "/console/",
) -> Response:
    if not sessions.csrf_matches(request.cookies.get(LOGIN_CSRF, ""), csrf):
        raise HTTPException(403, "this form's security token is missing or stale: reload the page")
    verdict, session_id, complete = await asyncio.to_thread(_first_step, request, name, password)
    if session_id is None:
        status, error = _REFUSALS[verdict]
        return _login_form(request, next, error, status)
    target = web.safe_next(next)
    target = target if complete else f"/console/login/code?next={quote(target)}"
    response = RedirectResponse(target, status_code=303)
    _set_cookie(response, request, sessions.COOKIE, session_id)
    return response


async def _pending(request: Request) -> sessions.SignedIn:
    found = await web.lookup(request, touch=True)
    if found is None:
        raise web.SignInRequired("/console/")
    return found


Pending = Annotated[sessions.SignedIn, Depends(_pending)]


@router.get("/login/code")
async def code_form(request: Request, who: Pending, next: str = "/console/") -> Response:
    return web.page(request, "code.html", csrf=who.csrf_token, next=web.safe_next(next), error="")


def _second_step(request: Request, user_id: int, old_id: str, code: str) -> tuple[Verdict, str]:
    """The TOTP step; on success the pending session is swapped for a new one (a new id after
    a change of privilege, so an id seen before sign-in is worth nothing)."""
    settings, now = web.settings_of(request), utcnow()
    with web.db_of(request).transaction() as session:
        user = session.get(User, user_id)
        assert user is not None
        verdict = accounts.check_second_factor(session, user, code, _lockout(settings), now)
        audit.record(session, f"peer:{user.name}", f"second-factor-{verdict.value}")
        if verdict is not Verdict.PASSED:
            if verdict is Verdict.LOCKED:
                sessions.end(session, old_id)
            return verdict, ""
        sessions.end(session, old_id)
        audit.record(session, f"peer:{user.name}", "signed-in", second_factor=True)
        span, client = web.lifetimes(settings), web.client_of(request)
        opened = sessions.open_session(session, user, span, now, authenticated=True, client=client)
        return verdict, opened


@router.post("/login/code")
async def code(
    request: Request,
    who: Pending,
    code: Annotated[str, Form(max_length=40)],
    csrf: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=500)] = "/console/",
) -> Response:
    if not sessions.csrf_matches(who.csrf_token, csrf):
        raise HTTPException(403, "this form's security token is missing or stale: reload the page")
    old_id = request.cookies.get(sessions.COOKIE, "")
    verdict, session_id = await asyncio.to_thread(_second_step, request, who.user.id, old_id, code)
    if verdict is Verdict.LOCKED:
        return _login_form(request, next, _REFUSALS[verdict][1], 423)
    if verdict is Verdict.WRONG:
        error = "That code did not match. Codes change every 30 seconds."
        return web.page(
            request, "code.html", 401, csrf=who.csrf_token, next=web.safe_next(next), error=error
        )
    response = RedirectResponse(web.safe_next(next), status_code=303)
    _set_cookie(response, request, sessions.COOKIE, session_id)
    return response


@router.post("/logout")
async def logout(request: Request, who: web.Poster) -> Response:
    session_id = request.cookies.get(sessions.COOKIE, "")

    def end() -> None:
        with web.db_of(request).transaction() as session:
            sessions.end(session, session_id)
            audit.record(session, f"peer:{who.user.name}", "signed-out")

    await asyncio.to_thread(end)
    response = RedirectResponse("/console/login", status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/console")
    return response
