"""The peer API: see escalations, claim and resolve them, take a conversation over, reply, and
hand it back to the assistant. The console builds on it."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from console import queries
from console.auth import Peer
from console.queries import ConversationOut, EscalationOut
from core.clock import utcnow
from core.inputs import RowId, Text
from escalation import casework
from store.db import Database

router = APIRouter(prefix="/api", tags=["peers"])


class ResolveIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: Text = Field(min_length=1, max_length=200)


class ReplyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: Text = Field(min_length=1, max_length=1600)


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _refused(won: bool, why: str) -> dict[str, bool]:
    if not won:
        raise HTTPException(status_code=409, detail=why)
    return {"ok": True}


@router.get("/escalations")
async def list_escalations(
    request: Request,
    _peer: Peer,
    status: Annotated[str, Query(pattern="^(open|claimed|resolved)$")] = "open",
) -> list[EscalationOut]:
    return await asyncio.to_thread(queries.escalations, _db(request), status)


@router.post("/escalations/{escalation_id}/claim")
async def claim(escalation_id: RowId, request: Request, peer: Peer) -> dict[str, bool]:
    db = _db(request)
    await asyncio.to_thread(queries.require_escalation, db, escalation_id)
    won = await asyncio.to_thread(
        queries.in_transaction, db, casework.claim, escalation_id, peer.name, utcnow()
    )
    return _refused(won, "this escalation is already claimed or resolved")


@router.post("/escalations/{escalation_id}/resolve")
async def resolve(
    escalation_id: RowId, body: ResolveIn, request: Request, peer: Peer
) -> dict[str, bool]:
    db = _db(request)
    await asyncio.to_thread(queries.require_escalation, db, escalation_id)
    done = await asyncio.to_thread(
        queries.in_transaction,
        db,
        casework.resolve,
        escalation_id,
        peer.name,
        body.outcome,
        utcnow(),
    )
    return _refused(done, "only the peer who claimed an escalation can resolve it, once")


@router.get("/participants/{participant_id}/messages")
async def messages(participant_id: RowId, request: Request, _peer: Peer) -> ConversationOut:
    return await asyncio.to_thread(queries.conversation_of, _db(request), participant_id)


@router.post("/participants/{participant_id}/takeover")
async def take_over(participant_id: RowId, request: Request, peer: Peer) -> dict[str, bool]:
    db = _db(request)
    await asyncio.to_thread(queries.require_participant, db, participant_id)
    taken = await asyncio.to_thread(
        queries.in_transaction, db, casework.take_over, participant_id, peer.name, utcnow()
    )
    return _refused(taken, "another peer has this conversation")


@router.post("/participants/{participant_id}/reply", status_code=202)
async def reply(
    participant_id: RowId, body: ReplyIn, request: Request, peer: Peer
) -> dict[str, int]:
    db = _db(request)
    items = await asyncio.to_thread(queries.peer_reply, db, participant_id, peer.name, body.text)
    await request.app.state.outbox.send_items(items)
    return {"message_id": items[0].message_id}


@router.post("/participants/{participant_id}/handback")
async def hand_back(participant_id: RowId, request: Request, peer: Peer) -> dict[str, bool]:
    db = _db(request)
    await asyncio.to_thread(queries.require_participant, db, participant_id)
    returned = await asyncio.to_thread(
        queries.in_transaction, db, casework.hand_back, participant_id, peer.name
    )
    return _refused(returned, "only the peer who took this conversation over can hand it back")
