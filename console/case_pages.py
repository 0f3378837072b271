"""The escalation page, where every alert link lands: the conversation with the screened
message marked, and the casework (claim, take over, reply, hand back, resolve), each through
the same steps as the peer API. A refused step shows why, on the page, with its 4xx."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from console import cases, draft_pages, notes, plans, queries, queue, web
from console.queries import ConversationOut
from console.reasons import plain_all
from console.sessions import SignedIn
from core.clock import utcnow
from core.inputs import RowId
from escalation import service
from escalation.casework import Outcome
from escalation.levels import Level
from escalation.service import EscalationPolicy
from store import audit
from store.console_models import CaseNote, Role
from store.escalation_models import Escalation, OutcomeKind
from store.models import Participant

router = APIRouter(prefix="/console/escalations", dependencies=[Depends(web.note_client)])

# The outcomes a peer picks from, in their words, and how the record files each one.
OUTCOMES: dict[str, tuple[str, OutcomeKind]] = {
    "reached-safe": ("Reached and safe", OutcomeKind.SUPPORTED),
    "connected-to-care": ("Connected to care", OutcomeKind.LINKED_TO_CARE),
    "emergency-services": ("Emergency services called", OutcomeKind.EMERGENCY_SERVICES),
    "no-response": ("No response", OutcomeKind.UNREACHABLE),
    "false-alarm": ("False alarm", OutcomeKind.FALSE_ALARM),
    "missed-risk": ("Missed risk", OutcomeKind.OTHER),
}


@dataclass(frozen=True)
class CaseView:
    case: Escalation
    person: str
    taken_over_by: str | None
    reasons: list[str]
    timer: str
    conversation: ConversationOut | None  # None for program staff: no conversation text
    notes: list[CaseNote]  # staff notes; empty for program staff, like the conversation
    on_call: tuple[str, ...] = ()  # the roster's names, whom a supervisor can assign to
    drawn_at: str = ""  # the case's stamp, read before the rest: the live stream's `since`


def _load(request: Request, escalation_id: int, viewer: str, staff: bool) -> CaseView:
    policy: EscalationPolicy = request.app.state.policy
    with web.db_of(request).transaction() as session:
        drawn_at = queue.token_of(queue.case_stamp(session, escalation_id))
        case, person = _case_and_person(session, escalation_id)
        if staff:
            audit.record(session, f"peer:{viewer}", "viewed-escalation", person.id)
        now = utcnow()
        timer = queue.timer_of(case, policy.targets, now)
        view = CaseView(
            case, queue.person_name(person), person.taken_over_by, plain_all(case.reasons),
            timer, None, [] if staff else notes.of(session, escalation_id),
            tuple(peer.name for peer in service.on_call(session, policy, now)), drawn_at,
        )  # fmt: skip
    if staff:
        return view
    # The conversation, read and audited by the one path the peer API uses.
    conversation = queries.conversation_of(web.db_of(request), view.case.participant_id, viewer)
    return CaseView(**{**view.__dict__, "conversation": conversation})


def _case_and_person(session: Session, escalation_id: int) -> tuple[Escalation, Participant]:
    case = session.get(Escalation, escalation_id)
    if case is None:
        raise HTTPException(404, "no such escalation")
    person = session.get(Participant, case.participant_id)
    assert person is not None  # a foreign key
    return case, person


async def _render(
    request: Request, who: SignedIn, escalation_id: int, notice: str = "", status: int = 200
) -> Response:
    staff = who.user.role == Role.PROGRAM_STAFF
    view = await asyncio.to_thread(_load, request, escalation_id, who.user.name, staff)
    quick = [(q.label, q.for_peer(who.user.display_name)) for q in request.app.state.quick_replies]
    plan = plans.grouped(view.conversation.safety_plan) if view.conversation else []
    mine = view.taken_over_by == who.user.name
    draft = await asyncio.to_thread(
        draft_pages.restore, request, escalation_id, who.user.id, who.user.name
    ) if mine else ""  # fmt: skip
    return web.page(
        request, "escalation.html", status, who=who, view=view, notice=notice,
        outcomes=OUTCOMES, worker=who.user.role in web.CASEWORKERS,
        roster=list(view.on_call), quick=quick, plan=plan, draft=draft,
    )  # fmt: skip


@router.get("/{escalation_id}")
async def escalation_page(escalation_id: RowId, request: Request, who: web.Viewer) -> Response:
    web.require(who, web.QUEUE_READERS)
    return await _render(request, who, escalation_id)


@router.get("/{escalation_id}/conversation")
async def conversation(escalation_id: RowId, request: Request, who: web.Watcher) -> Response:
    """The page's conversation again, when the person writes or a colleague acts; read and
    audited like the page, but not counted as the viewer's activity."""
    web.require(who, web.CASEWORKERS)
    view = await asyncio.to_thread(_load, request, escalation_id, who.user.name, False)
    return web.page(request, "_conversation.html", view=view)


async def _act(
    request: Request,
    who: SignedIn,
    escalation_id: int,
    step: Callable[[web.Staff], Awaitable[None]],
) -> Response:
    """Runs one casework step; back to the page on success, the page with the reason on a
    refusal (someone else has the case: a 409 that names them)."""
    staff = web.require(who, web.CASEWORKERS)
    try:
        await step(staff)
    except HTTPException as refused:
        if refused.status_code not in (404, 409, 422):
            raise
        return await _render(request, who, escalation_id, str(refused.detail), refused.status_code)
    return RedirectResponse(f"/console/escalations/{escalation_id}", status_code=303)


def _participant_of(request: Request, escalation_id: int) -> int:
    with web.db_of(request).transaction() as session:
        return _case_and_person(session, escalation_id)[1].id


@router.post("/{escalation_id}/claim")
async def claim(escalation_id: RowId, request: Request, who: web.Poster) -> Response:
    async def step(staff: web.Staff) -> None:
        await asyncio.to_thread(cases.claim, web.db_of(request), escalation_id, staff, utcnow())

    return await _act(request, who, escalation_id, step)


@router.post("/{escalation_id}/takeover")
async def take_over(escalation_id: RowId, request: Request, who: web.Poster) -> Response:
    async def step(staff: web.Staff) -> None:
        person = await asyncio.to_thread(_participant_of, request, escalation_id)
        await asyncio.to_thread(cases.take_over, web.db_of(request), person, staff, utcnow())

    return await _act(request, who, escalation_id, step)


@router.post("/{escalation_id}/handback")
async def hand_back(escalation_id: RowId, request: Request, who: web.Poster) -> Response:
    async def step(staff: web.Staff) -> None:
        person = await asyncio.to_thread(_participant_of, request, escalation_id)
        await asyncio.to_thread(cases.hand_back, web.db_of(request), person, staff, utcnow())

    return await _act(request, who, escalation_id, step)


@router.post("/{escalation_id}/reply")
async def reply(
    escalation_id: RowId,
    request: Request,
    who: web.Poster,
    text: Annotated[str, Form(min_length=1, max_length=1600)],
) -> Response:
    async def step(staff: web.Staff) -> None:
        db = web.db_of(request)
        person = await asyncio.to_thread(_participant_of, request, escalation_id)
        items = await asyncio.to_thread(queries.peer_reply, db, person, staff.name, text)
        await asyncio.to_thread(draft_pages.reply_sent, request, escalation_id, who.user.id)
        await request.app.state.outbox.send_items(items)

    return await _act(request, who, escalation_id, step)


@router.post("/{escalation_id}/resolve")
async def resolve(
    escalation_id: RowId,
    request: Request,
    who: web.Poster,
    outcome: Annotated[str, Form(pattern="^(" + "|".join(OUTCOMES) + ")$")],
    note: Annotated[str, Form(max_length=180)] = "",
) -> Response:
    label, kind = OUTCOMES[outcome]
    written = f"{label}: {note.strip()}" if note.strip() else label

    async def step(staff: web.Staff) -> None:
        ending = Outcome(written, kind)
        db, now = web.db_of(request), utcnow()
        await asyncio.to_thread(cases.resolve, db, escalation_id, staff, ending, Level.NONE, now)

    return await _act(request, who, escalation_id, step)


@router.post("/{escalation_id}/assign")
async def assign(
    escalation_id: RowId,
    request: Request,
    who: web.Poster,
    to: Annotated[str, Form(min_length=1, max_length=64)],
) -> Response:
    """A supervisor gives the case to a peer on call, who is paged."""
    web.require(who, (Role.SUPERVISOR,))

    async def step(staff: web.Staff) -> None:
        policy: EscalationPolicy = request.app.state.policy
        db, now = web.db_of(request), utcnow()
        await asyncio.to_thread(cases.assign, db, policy, escalation_id, to, staff, now)

    return await _act(request, who, escalation_id, step)


def _add_note(request: Request, escalation_id: int, author: str, text: str) -> None:
    if not text.strip():
        raise HTTPException(422, "a note needs some words")
    with web.db_of(request).transaction() as session:
        if not notes.add(session, escalation_id, author, text, utcnow()):
            raise HTTPException(404, "no such escalation")


@router.post("/{escalation_id}/notes")
async def add_note(
    escalation_id: RowId,
    request: Request,
    who: web.Poster,
    text: Annotated[str, Form(min_length=1, max_length=notes.MAX_NOTE_CHARS)],
) -> Response:
    """A note for colleagues on the case, whoever holds it; never sent to the person."""

    async def step(staff: web.Staff) -> None:
        await asyncio.to_thread(_add_note, request, escalation_id, staff.name, text)

    return await _act(request, who, escalation_id, step)
