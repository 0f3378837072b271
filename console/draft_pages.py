"""A peer's unsent reply, kept server-side as they type (store/drafts.py), so an idle log-off
does not lose it: the escalation page puts it back in the reply box after they sign in again.
Never in the browser's storage, where it would outlast the session on a shared computer."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from console import web
from core.clock import utcnow
from core.inputs import RowId
from store import audit, drafts
from store.escalation_models import Escalation

router = APIRouter(prefix="/console/escalations", dependencies=[Depends(web.note_client)])


def _save(request: Request, escalation_id: int, user_id: int, name: str, text: str) -> None:
    with web.db_of(request).transaction() as session:
        if session.get(Escalation, escalation_id) is None:
            raise HTTPException(404, "no such escalation")
        drafts.save(session, user_id, escalation_id, text, f"peer:{name}", utcnow())


@router.post("/{escalation_id}/draft", status_code=204)
async def keep_draft(
    escalation_id: RowId,
    request: Request,
    who: web.Poster,
    text: Annotated[str, Form(max_length=drafts.MAX_DRAFT_CHARS)] = "",
) -> Response:
    """The reply box as it stands (the page posts it a moment after each pause in typing);
    an empty box discards the draft."""
    web.require(who, web.CASEWORKERS)
    await asyncio.to_thread(_save, request, escalation_id, who.user.id, who.user.name, text)
    return Response(status_code=204, headers=web.PRIVATE_HEADERS)


@router.post("/{escalation_id}/draft/discard")
async def discard_draft(escalation_id: RowId, request: Request, who: web.Poster) -> Response:
    web.require(who, web.CASEWORKERS)

    def discard() -> None:
        with web.db_of(request).transaction() as session:
            drafts.discard(session, who.user.id, escalation_id, f"peer:{who.user.name}")

    await asyncio.to_thread(discard)
    return RedirectResponse(f"/console/escalations/{escalation_id}", status_code=303)


def restore(request: Request, escalation_id: int, user_id: int, name: str) -> str:
    """The viewer's draft for this case, if any, for the reply box; restoring is audited."""
    with web.db_of(request).transaction() as session:
        kept = drafts.of(session, user_id, escalation_id)
        if kept is not None:
            audit.record(session, f"peer:{name}", "draft-restored", escalation_id=escalation_id)
        return kept or ""


def reply_sent(request: Request, escalation_id: int, user_id: int) -> None:
    with web.db_of(request).transaction() as session:
        drafts.sent(session, user_id, escalation_id)
