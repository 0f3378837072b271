"""The queue page, its rows as a fragment, and the event stream that tells the page to fetch
them again: a new escalation shows up within a second or so, with no reload."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response, StreamingResponse

from console import queue, web
from console.queue import Filter, QueueRow
from core.clock import utcnow
from core.inputs import RowId
from escalation.service import EscalationPolicy
from store import audit
from store.console_models import Role

router = APIRouter(prefix="/console", dependencies=[Depends(web.note_client)])
POLL_SECONDS = 0.5
# A stream ends after this long and the browser opens a new one (EventSource does so by
# itself): nothing is held open across a restart, and a dead tab costs little.
STREAM_SECONDS = 30.0
FilterParam = Annotated[Filter, Query(alias="filter")]
SinceParam = Annotated[str | None, Query(max_length=64)]


def _rows(request: Request, viewer: str, chosen: Filter) -> list[QueueRow]:
    policy: EscalationPolicy = request.app.state.policy
    with web.db_of(request).transaction() as session:
        # The queue shows people's names and what they said in plain words: a view to audit.
        audit.record(session, f"peer:{viewer}", "viewed-queue", filter=chosen)
        return queue.rows(session, viewer, chosen, policy.targets, utcnow())


@router.get("/")
async def queue_page(request: Request, who: web.Viewer, chosen: FilterParam = "all") -> Response:
    if who.user.role == Role.ADMIN:
        return RedirectResponse("/console/admin/audit", status_code=303)
    web.require(who, web.QUEUE_READERS)
    # The stamp first: a change that comes in while the rows are read is told again, not lost.
    drawn_at = queue.token_of(await asyncio.to_thread(_stamp, request, None))
    found = await asyncio.to_thread(_rows, request, who.user.name, chosen)
    return web.page(
        request, "queue.html", who=who, rows=found, chosen=chosen, filters=queue.FILTERS,
        drawn_at=drawn_at,
    )  # fmt: skip


@router.get("/queue/rows")
async def queue_rows(request: Request, who: web.Watcher, chosen: FilterParam = "all") -> Response:
    web.require(who, web.QUEUE_READERS)
    found = await asyncio.to_thread(_rows, request, who.user.name, chosen)
    return web.page(request, "_queue_rows.html", who=who, rows=found)


def _stamp(request: Request, escalation_id: int | None) -> tuple[Any, ...]:
    with web.db_of(request).transaction() as session:
        if escalation_id is None:
            return queue.stamp(session)
        return queue.case_stamp(session, escalation_id)


async def _events(
    request: Request, escalation_id: int | None, seen: str | None
) -> AsyncIterator[str]:
    yield "retry: 1000\n\n"
    loop = asyncio.get_running_loop()
    ends = loop.time() + STREAM_SECONDS
    while loop.time() < ends and not await request.is_disconnected():
        if await web.lookup(request, touch=False) is None:
            yield "event: signed-out\ndata: idle\n\n"
            return
        now = queue.token_of(await asyncio.to_thread(_stamp, request, escalation_id))
        if now != seen:
            seen = now
            yield f"id: {now}\nevent: queue\ndata: changed\n\n"
        await asyncio.sleep(POLL_SECONDS)


async def _signed_out() -> AsyncIterator[str]:
    yield "event: signed-out\ndata: idle\n\n"


@router.get("/events")
async def events(
    request: Request, escalation: RowId | None = None, since: SinceParam = None
) -> Response:
    """The queue's changes, or with `escalation`, one case's. A change is told once: not again
    to a page drawn after it (`since`, the stamp the page was drawn with) nor to a browser
    reconnecting after it (its Last-Event-ID), so a page is never fetched, and its view
    audited, for nothing. Signed out (idle, or expired), the stream says so, and the page
    goes to the log-in page."""
    who = await web.lookup(request, touch=False)
    live = who is not None and who.authenticated and who.user.role in web.QUEUE_READERS
    seen = request.headers.get("last-event-id") or since
    stream = _events(request, escalation, seen) if live else _signed_out()
    headers = {**web.PRIVATE_HEADERS, "X-Accel-Buffering": "no"}
    return StreamingResponse(stream, media_type="text/event-stream", headers=headers)
