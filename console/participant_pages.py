"""The participant page: everything the program knows of one person, for the staff who
support them; every view is an audit row. Program staff see the shape (consent, dates,
scores, outcomes) but not the person's words."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from console import barc10_chart, participant, queue, web
from console.participant import ParticipantView
from core.inputs import RowId
from store import audit
from store.barc10 import STRENGTHS_CUTOFF
from store.console_models import Role

router = APIRouter(prefix="/console/participants", dependencies=[Depends(web.note_client)])


def _load(request: Request, participant_id: int, viewer: str, words: bool) -> ParticipantView:
    with web.db_of(request).transaction() as session:
        view = participant.load(session, participant_id, words=words)
        if view is None:
            raise HTTPException(404, "no such participant")
        audit.record(session, f"peer:{viewer}", "viewed-participant", participant_id)
        return view


@router.get("/{participant_id}")
async def participant_page(participant_id: RowId, request: Request, who: web.Viewer) -> Response:
    web.require(who, web.QUEUE_READERS)
    words = who.user.role != Role.PROGRAM_STAFF
    view = await asyncio.to_thread(_load, request, participant_id, who.user.name, words)
    return web.page(
        request, "participant.html", who=who, view=view, person=queue.person_name(view.person),
        words=words, total=barc10_chart.total_chart(view.barc10s),
        items=barc10_chart.item_charts(view.barc10s), item_names=barc10_chart.ITEMS,
        question=participant.question_label, strengths=STRENGTHS_CUTOFF,
    )  # fmt: skip
