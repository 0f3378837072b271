"""The supervisor's page: every open case and who holds it, overdue first, with reassign and
take over on each; and who is on call now. Reading it is a view of people's names and
reasons: an audit row."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from console import supervision, web
from console.supervision import HeldCase, OnCall
from core.clock import utcnow
from escalation import service
from escalation.service import EscalationPolicy
from store import audit
from store.console_models import Role

router = APIRouter(prefix="/console", dependencies=[Depends(web.note_client)])
SUPERVISORS = (Role.SUPERVISOR,)


def _load(request: Request, viewer: str) -> tuple[list[HeldCase], list[OnCall]]:
    policy: EscalationPolicy = request.app.state.policy
    now = utcnow()
    with web.db_of(request).transaction() as session:
        audit.record(session, f"peer:{viewer}", "viewed-supervision")
        cases = supervision.open_cases(session, policy.targets, now)
        return cases, supervision.on_call(session, service.on_call(session, policy, now), now)


@router.get("/supervisor")
async def supervisor_page(request: Request, who: web.Viewer) -> Response:
    web.require(who, SUPERVISORS)
    cases, roster = await asyncio.to_thread(_load, request, who.user.name)
    peers = [person.name for person in roster if not person.supervisor]
    return web.page(request, "supervisor.html", who=who, cases=cases, roster=roster, peers=peers)
