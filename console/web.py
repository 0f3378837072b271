"""What every console page shares: the templates, who is signed in, the CSRF check on every
POST, the role each route needs, and where each audited request came from."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from console import sessions, timefmt
from console.sessions import Lifetimes, SignedIn
from core.clock import utcnow
from core.settings import Settings
from store import audit
from store.console_models import Role
from store.db import Database

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters.update(
    ago=timefmt.ago, due=timefmt.due, clock=timefmt.clock, next_page=timefmt.next_page
)
# A participant's words must not linger in a shared computer's cache or leak in a Referer.
PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
}
CASEWORKERS = (Role.PEER, Role.SUPERVISOR)
QUEUE_READERS = (Role.PEER, Role.SUPERVISOR, Role.PROGRAM_STAFF)


class SignInRequired(Exception):
    """No live session: the person is sent to the log-in page, and back here after it."""

    def __init__(self, next_path: str) -> None:
        self.next_path = next_path


@dataclass(frozen=True)
class Staff:
    """A signed-in user as casework sees them: a name, and whether they act on any case."""

    name: str
    supervisor: bool


def db_of(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def lifetimes(settings: Settings) -> Lifetimes:
    return Lifetimes(
        idle=timedelta(minutes=settings.console_idle_minutes),
        absolute=timedelta(hours=settings.console_session_hours),
    )


def client_of(request: Request) -> str | None:
    return request.client.host if request.client else None


async def note_client(request: Request) -> None:
    """Every audit row this request writes says where it came from. Async, so the value is set
    in the request's own context, which its worker threads copy."""
    audit.client_address.set(client_of(request))


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    response.headers.update(PRIVATE_HEADERS)
    return response


def safe_next(path: str | None) -> str:
    """Only a console path: a log-in link must never send anyone to another site."""
    if path and path.startswith("/console/") and "//" not in path and "\\" not in path:
        return path
    return "/console/"


async def lookup(request: Request, *, touch: bool) -> SignedIn | None:
    session_id = request.cookies.get(sessions.COOKIE, "")
    if not session_id:
        return None
    db, span = db_of(request), lifetimes(settings_of(request))

    def find() -> SignedIn | None:
        with db.transaction() as session:
            return sessions.find(session, session_id, span, utcnow(), touch=touch)

    return await asyncio.to_thread(find)


async def signed_in(request: Request) -> SignedIn:
    found = await lookup(request, touch=True)
    if found is None or not found.authenticated:
        path = request.url.path if request.method == "GET" else "/console/"
        raise SignInRequired(path + (f"?{request.url.query}" if request.url.query else ""))
    return found


async def quiet(request: Request) -> SignedIn:
    """A live session without counting this request as activity: a page's own refreshes must
    not keep an unattended screen signed in."""
    found = await lookup(request, touch=False)
    if found is None or not found.authenticated:
        raise SignInRequired("/console/")
    return found


async def posted(request: Request, who: Annotated[SignedIn, Depends(signed_in)]) -> SignedIn:
    """A form post from a signed-in user, refused (403) unless it carries their CSRF token."""
    form = await request.form()
    if not sessions.csrf_matches(who.csrf_token, str(form.get("csrf", ""))):
        raise HTTPException(403, "this form's security token is missing or stale: reload the page")
    return who


def require(who: SignedIn, roles: tuple[Role, ...]) -> Staff:
    if who.user.role not in roles:
        raise HTTPException(403, "your role does not open this page")
    return Staff(who.user.name, supervisor=who.user.role == Role.SUPERVISOR)


def to_sign_in(_request: Request, error: Exception) -> Response:
    assert isinstance(error, SignInRequired)
    return RedirectResponse(f"/console/login?next={quote(error.next_path)}", status_code=303)


Viewer = Annotated[SignedIn, Depends(signed_in)]
Poster = Annotated[SignedIn, Depends(posted)]
Watcher = Annotated[SignedIn, Depends(quiet)]
