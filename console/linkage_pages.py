"""The linkage tasks page (the queue's "Linkage tasks" filter): open tasks, overdue first by
their target, and the outcome form for the assigned peer or a supervisor."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import RedirectResponse, Response

from console import linkage, queue, web
from console.linkage import NotYours, TaskRow
from core.clock import utcnow
from core.inputs import RowId
from store import audit
from store.console_models import Role
from store.linkage_models import LinkageOutcome

router = APIRouter(prefix="/console/linkage", dependencies=[Depends(web.note_client)])


def _tasks(request: Request, who: web.Viewer) -> list[TaskRow]:
    role = who.user.role
    with web.db_of(request).transaction() as session:
        # Names and why they need linkage: a view of people's data, audited.
        audit.record(session, f"peer:{who.user.name}", "viewed-linkage-tasks")
        return linkage.open_tasks(
            session, who.user.name, supervisor=role == Role.SUPERVISOR,
            caseworker=role in web.CASEWORKERS, now=utcnow(),
        )  # fmt: skip


@router.get("")
async def linkage_page(
    request: Request,
    who: web.Viewer,
    closed: Annotated[RowId | None, Query()] = None,
) -> Response:
    web.require(who, web.QUEUE_READERS)
    tasks = await asyncio.to_thread(_tasks, request, who)
    return web.page(
        request, "linkage.html", who=who, tasks=tasks, filters=queue.FILTERS,
        outcomes=linkage.OUTCOMES, closed=closed,
    )  # fmt: skip


@router.post("/{task_id}/outcome")
async def record_outcome(
    task_id: RowId,
    request: Request,
    who: web.Poster,
    outcome: Annotated[LinkageOutcome, Form()],
) -> Response:
    staff = web.require(who, web.CASEWORKERS)

    def run() -> bool | None:
        with web.db_of(request).transaction() as session:
            return linkage.record_outcome(
                session, task_id, outcome, staff.name, supervisor=staff.supervisor, now=utcnow()
            )

    try:
        recorded = await asyncio.to_thread(run)
    except NotYours as refused:
        raise HTTPException(
            403, "this task is another peer's: a supervisor can close it"
        ) from refused
    if recorded is None:
        raise HTTPException(404, "no such linkage task")
    if not recorded:
        raise HTTPException(409, "someone recorded an outcome for this task already: reload")
    return RedirectResponse(f"/console/linkage?closed={task_id}", status_code=303)
